"""Safeguarding alerts always reach a person, through the real bot and the stand-in Bot API:
Telegram failing for a while (5xx), a kill -9 between the signposting reply and the alert,
and the escalation to every admin when nobody presses "Seen"."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from civicbot.bot.facilitator import words
from civicbot.bot.facilitator.seen import UNKNOWN
from civicbot.safeguarding import load_signposting
from tests.e2e.conftest import BotProcess
from tests.e2e.fakeapi import CEILING, FakeTelegram
from tests.e2e.helpers import rows
from tests.e2e.test_safeguarding import DISCLOSURE, first_free_text_question

FACILITATORS = -1001234567890
ADMIN = 9201
MEMBER = 9202  # someone in the facilitators' group


def _bot(tg: FakeTelegram, tmp_path: Path, **env: str) -> BotProcess:
    tg.register_chat(FACILITATORS, chat_type="supergroup", title="Facilitators")
    return BotProcess(
        tg.url,
        tmp_path / "civicbot.db",
        tmp_path / "bot.log",
        CIVICBOT_FACILITATOR_CHAT=str(FACILITATORS),
        CIVICBOT_ALERT_RETRY_SECONDS="0.1",
        **env,
    )


def alerts(tg: FakeTelegram, chat_id: int = FACILITATORS) -> list[dict[str, Any]]:
    return [m for m in tg.sent(chat_id) if "Safeguarding alert" in m.get("text", "")]


def seen_data(message: dict[str, Any]) -> str:
    ((button,),) = message["reply_markup"]["inline_keyboard"]
    assert button["text"] == "Seen"
    data = button["callback_data"]
    assert isinstance(data, str) and data.startswith("sg:") and len(data.encode()) <= 64
    return data


async def _until(check: Any, timeout: float = CEILING) -> None:
    async with asyncio.timeout(timeout):
        while not check():
            await asyncio.sleep(0.02)


async def test_alert_arrives_after_telegram_fails_for_a_while(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    bot = _bot(tg, tmp_path)
    # Telegram refuses the next five sends to the facilitators' chat: 503s, then 500s.
    tg.fail_next("sendMessage", 503, count=3, chat_id=FACILITATORS)
    tg.fail_next("sendMessage", 500, count=2, chat_id=FACILITATORS)
    await bot.start()
    try:
        await bot.wait_ready()
        rae = tg.user(7701, "Rae")
        question = await first_free_text_question(tg, rae)
        await rae.send_text(DISCLOSURE)
        # The resident's dialogue carries on while the alert is still failing.
        following = await tg.wait_for(rae.chat_id, lambda m: m.get("text") != question["text"])
        assert following["text"] == load_signposting().reply
        alert = await tg.wait_for(FACILITATORS, "Safeguarding alert", timeout=60)
        await tg.wait_idle(quiet=0.5)
    finally:
        await bot.kill()
    failed = [c for c in tg.stats.calls if c.chat_id == FACILITATORS and c.status >= 500]
    assert len(failed) == 5
    # One disclosure, one event, one alert: it arrived without anyone disclosing again.
    assert rows(bot.db, "SELECT COUNT(*), COUNT(alerted_at) FROM safeguarding_events") == [(1, 1)]
    assert alerts(tg) == [alert]
    log = bot.log_text()
    assert log.count("safeguarding alert #1 not delivered (attempt") == 5
    assert "safeguarding alert #1 delivered to 1 chat(s) after 5 failed attempt(s)" in log
    assert "Traceback" not in log


@pytest.mark.parametrize("moment", ["after the event is stored", "at the signposting reply"])
async def test_kill_between_signposting_and_alert(
    tg: FakeTelegram, tmp_path: Path, moment: str
) -> None:
    bot = _bot(tg, tmp_path)
    # No alert can get out before the kill, whenever it comes.
    tg.fail_next("sendMessage", 502, count=10_000, chat_id=FACILITATORS)
    await bot.start()
    try:
        await bot.wait_ready()
        sol = tg.user(7702, "Sol")
        await first_free_text_question(tg, sol)
        await sol.send_text(DISCLOSURE)
        await tg.wait_for(sol.chat_id, "Samaritans")
        if moment == "after the event is stored":
            await _until(lambda: rows(bot.db, "SELECT COUNT(*) FROM safeguarding_events")[0][0])
        await bot.kill()
        assert alerts(tg) == []
        tg.faults.planned.clear()  # Telegram is back
        await bot.start()
        await bot.wait_ready()
        await tg.wait_for(FACILITATORS, "Safeguarding alert", timeout=60)
        await tg.wait_idle(quiet=0.5)
    finally:
        await bot.kill()
    assert rows(bot.db, "SELECT COUNT(*), COUNT(alerted_at) FROM safeguarding_events") == [(1, 1)]
    assert len(alerts(tg)) == 1
    assert "Traceback" not in bot.log_text()


async def test_escalation_when_nobody_presses_seen(tg: FakeTelegram, tmp_path: Path) -> None:
    minutes = 0.25  # 15 s: time to press "Seen" on the first alert, and a fast test
    bot = _bot(tg, tmp_path, CIVICBOT_ADMINS=str(ADMIN), CIVICBOT_ALERT_SEEN_MINUTES=str(minutes))
    await bot.start()
    try:
        await bot.wait_ready()
        admin, member = tg.user(ADMIN, "Ada"), tg.user(MEMBER, "Mo")
        await admin.send_command("start")  # admins get alerts once they have talked to the bot
        await tg.wait_for(ADMIN)
        tg.skip(ADMIN)
        first, second = tg.user(7703, "Kim"), tg.user(7704, "Lee")

        await first.send_text("My partner hits me and I'm scared to go home")
        alert_one = await tg.wait_for(FACILITATORS, "Safeguarding alert #1")
        await member.press(alert_one, "Seen")  # someone in the facilitators' chat saw it
        edited = await tg.wait_for(FACILITATORS, "✓ Seen at", edits=True)
        assert edited["message_id"] == alert_one["message_id"]
        assert edited["text"].startswith(alert_one["text"] + "\n\n✓ Seen at ")
        assert "reply_markup" not in tg.sent(FACILITATORS)[0]

        await second.send_text("I want to end my life")
        alert_two = await tg.wait_for(FACILITATORS, "Safeguarding alert #2")
        token = seen_data(alert_two)
        # A resident pressing forged "Seen" data (a real token) is refused and counts for
        # nothing; so is a facilitator's press on data no alert carries.
        refused = await second.press_data(1, token)
        assert (await tg.wait_answer(refused))["text"] == words.FACILITATORS_ONLY
        forged = await admin.press_data(1, "sg:0123456789ab")
        assert (await tg.wait_answer(forged))["text"] == UNKNOWN

        # Nobody presses "Seen" on alert #2: it is repeated to the admin, and only it.
        escalated = await tg.wait_for(ADMIN, "Not yet seen", timeout=90)
        assert "Safeguarding alert #2" in escalated["text"]
        assert seen_data(escalated) == token
        await tg.wait_idle(quiet=0.5)
        assert [m for m in tg.sent(ADMIN) if "Not yet seen" in m.get("text", "")] == [escalated]

        # The admin presses "Seen" on their copy.
        pressed = await admin.press(escalated, "Seen")
        assert "marked as seen" in (await tg.wait_answer(pressed))["text"]
        await tg.wait_for(ADMIN, "✓ Seen at", edits=True)
    finally:
        await bot.kill()
    log = bot.log_text()
    assert (
        f"safeguarding alert #2 was not marked seen within {minutes:g} minutes: repeated to"
        " 1 admin(s)" in log
    )
    assert "alert #1 was not marked seen" not in log
    audit = rows(bot.db, "SELECT action, target, allowed FROM audit WHERE action = 'alert-seen'")
    assert audit == [
        ("alert-seen", "1", 1),
        ("alert-seen", token.removeprefix("sg:"), 0),
        ("alert-seen", "sg:0123456789ab".removeprefix("sg:"), 0),
        ("alert-seen", "2", 1),
    ]
    assert "Traceback" not in log


async def test_no_round_opens_while_nobody_could_be_alerted(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    bot = BotProcess(tg.url, tmp_path / "civicbot.db", tmp_path / "bot.log", CIVICBOT_ADMINS="")
    await bot.start()
    try:
        await bot.wait_ready()
        resident = tg.user(7705, "Ann")
        await resident.send_command("start")
        reply = await tg.wait_for(resident.chat_id)
    finally:
        await bot.kill()
    assert rows(bot.db, "SELECT COUNT(*) FROM rounds") == [(0,)]
    assert "no round opened: Nobody could receive a safeguarding alert" in bot.log_text()
    assert "Samaritans" not in reply["text"]
