"""Safeguarding through the real bot: a disclosure gets the fixed signposting reply, an
event row and an alert to the facilitators, all while handling that same update; the
dialogue then carries on. An idiom gets none of it."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from civicbot.safeguarding import load_signposting
from tests.e2e import driver
from tests.e2e.conftest import BotProcess
from tests.e2e.facilitator_helpers import ADMIN_ID, make_bot, say, seed_round
from tests.e2e.fakeapi import FakeTelegram, FakeUser
from tests.e2e.helpers import open_store, rows

DISCLOSURE = "Honestly I want to kill myself, nobody at the council listens"
FACILITATORS = -1001234567890
ADMIN = 9101


async def first_free_text_question(tg: FakeTelegram, user: FakeUser) -> dict[str, Any]:
    """Consent, then answer choice questions until one asks for words."""
    prompt = await driver.consent(tg, user)
    for _ in range(40):
        options = [b for b in driver.buttons(prompt) if b not in driver.NAV and b != "Done"]
        if not options:
            return prompt
        await driver.answer(tg, user, prompt)
        prompt = await driver.next_prompt(tg, user.chat_id)
    raise AssertionError("no free-text question in the script")


def events(db: Path) -> list[tuple[Any, ...]]:
    return rows(db, "SELECT round_id, resident, kinds, step_id, update_id FROM safeguarding_events")


async def test_disclosure_is_signposted_recorded_and_alerted(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    tg.register_chat(FACILITATORS, chat_type="supergroup", title="Facilitators")
    bot = BotProcess(
        tg.url,
        tmp_path / "civicbot.db",
        tmp_path / "bot.log",
        CIVICBOT_FACILITATOR_CHAT=str(FACILITATORS),
    )
    await bot.start()
    try:
        await bot.wait_ready()
        rae = tg.user(6601, "Rae", username="rae_resident")
        question = await first_free_text_question(tg, rae)
        before = len(tg.sent(rae.chat_id))
        await rae.send_text(DISCLOSURE)
        following = await driver.next_prompt(tg, rae.chat_id)
        alert = await tg.wait_for(FACILITATORS, "Safeguarding alert")
        # Delivery runs in the background: it marks the event alerted once Telegram took it.
        async with asyncio.timeout(10):
            while rows(bot.db, "SELECT alerted_at IS NOT NULL FROM safeguarding_events") != [(1,)]:
                await asyncio.sleep(0.02)
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text()

    # The signposting reply came first, as written in the config file, then the dialogue
    # carried on with the next question.
    replies = [m.get("text", "") for m in tg.sent(rae.chat_id)[before:]]
    assert replies[0] == load_signposting().reply
    assert "116 123" in replies[0] and "999" in replies[0] and "85258" in replies[0]
    assert following["text"] != question["text"]

    async with await open_store(bot.db) as store:
        resident = store.resident_id(6601)
        round_id = await store.active_round_for(resident)
        state = await store.get_session(round_id or 0, resident)
    assert state is not None
    # The answer is stored as given, and one event without any words.
    stored = rows(bot.db, "SELECT value_json FROM answers WHERE resident = ?", (resident,))
    assert DISCLOSURE in [json.loads(v) for (v,) in stored]
    ((event_round, event_resident, kinds, step_id, update_id),) = events(bot.db)
    assert (event_round, event_resident, kinds) == (round_id, resident, "suicide_self_harm")
    assert step_id is not None and update_id is not None
    assert rows(bot.db, "SELECT alerted_at IS NOT NULL FROM safeguarding_events") == [(1,)]

    # The alert says where, with the pseudonym's first characters only: never the
    # Telegram ID, the name, the username or the words.
    text = alert["text"]
    assert f"round {round_id}" in text and f"step {step_id}" in text
    assert resident[:8] in text and resident not in text
    for secret in ("6601", "Rae", "rae_resident", "kill myself", "council"):
        assert secret not in text


async def test_alert_goes_to_admins_when_no_facilitator_chat(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    bot = BotProcess(
        tg.url, tmp_path / "civicbot.db", tmp_path / "bot.log", CIVICBOT_ADMINS=str(ADMIN)
    )
    await bot.start()
    try:
        await bot.wait_ready()
        admin = tg.user(ADMIN, "Ada")
        await admin.send_command("start")  # the admin has talked to the bot
        await tg.wait_for(ADMIN)
        sol = tg.user(6602, "Sol")
        await first_free_text_question(tg, sol)
        await sol.send_text("My partner hits me and I'm scared to go home")
        await driver.next_prompt(tg, sol.chat_id)
        alert = await tg.wait_for(ADMIN, "Safeguarding alert")
    finally:
        await bot.kill()
    assert "domestic abuse or violence" in alert["text"]
    assert "6602" not in alert["text"] and "Sol" not in alert["text"]


async def test_idiom_is_not_a_disclosure(tg: FakeTelegram, bot: BotProcess) -> None:
    await bot.wait_ready()
    tom = tg.user(6603, "Tom")
    await first_free_text_question(tg, tom)
    before = len(tg.sent(tom.chat_id))
    await tom.send_text("This queue is killing me, I could murder a coffee")
    await driver.next_prompt(tg, tom.chat_id)
    assert all("Samaritans" not in m.get("text", "") for m in tg.sent(tom.chat_id)[before:])
    assert events(bot.db) == []


MAY_DISCLOSE = "tbh i cant cope anymore, nothing is ever going to get better"


async def test_may_disclose_gets_a_check_in_and_the_review_queue(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    tg.register_chat(FACILITATORS, chat_type="supergroup", title="Facilitators")
    bot = BotProcess(
        tg.url,
        tmp_path / "civicbot.db",
        tmp_path / "bot.log",
        CIVICBOT_FACILITATOR_CHAT=str(FACILITATORS),
    )
    await bot.start()
    try:
        await bot.wait_ready()
        lee = tg.user(6604, "Lee")
        question = await first_free_text_question(tg, lee)
        before = len(tg.sent(lee.chat_id))
        await lee.send_text(MAY_DISCLOSE)
        following = await driver.next_prompt(tg, lee.chat_id)
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text()

    # The gentle check-in came first (not the emergency reply), then the next question.
    replies = [m.get("text", "") for m in tg.sent(lee.chat_id)[before:]]
    signposting = load_signposting()
    assert replies[0] == signposting.check_in
    assert signposting.reply not in replies
    assert following["text"] != question["text"]
    # No alert: the facilitators' chat heard nothing; no first-tier event.
    assert tg.sent(FACILITATORS) == []
    assert events(bot.db) == []

    async with await open_store(bot.db) as store:
        resident = store.resident_id(6604)
        round_id = await store.active_round_for(resident)
        (checked,) = await store.check_ins()
        item = await store.next_for_moderation(round_id)
    # One check-in row, without words; the answer waits in the review queue.
    assert (checked.round_id, checked.resident) == (round_id, resident)
    assert checked.step_id is not None and checked.update_id is not None
    assert item is not None and item.resident == resident and item.ref == checked.step_id
    assert "may disclose a risk (check-in sent)" in item.reasons
    assert "cant cope" in item.text


async def test_a_facilitator_reviews_a_check_in_in_the_moderation_queue(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    await seed_round(tmp_path / "civicbot.db", [])
    bot = make_bot(tg, tmp_path)
    await bot.start()
    try:
        await bot.wait_ready()
        admin = tg.user(ADMIN_ID, "Ada")
        fac = tg.user(9302, "Femi")
        assert "facilitator now" in (await say(tg, admin, "grant", "9302"))["text"]
        kim = tg.user(9301, "Kim")
        await first_free_text_question(tg, kim)
        await kim.send_text(MAY_DISCLOSE)
        await driver.next_prompt(tg, kim.chat_id)
        item = await say(tg, fac, "moderate")
        assert "may disclose a risk (check-in sent)" in item["text"]
        # Approving it for quoting takes a second confirmation, as for tier 1.
        await fac.press(item, "Approve")
        check = await tg.wait_for(fac.chat_id, "Approve it for quoting anyway?", edits=True)
        assert rows(bot.db, "SELECT status FROM moderation") == [("pending",)]
        assert rows(bot.db, "SELECT reviewed_at FROM safeguarding_checkins") == [(None,)]
        await fac.press(check, "Yes, approve for quoting")
        await tg.wait_for(fac.chat_id, "last one", edits=True)
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text(), bot.log_text()[-3000:]
    assert rows(bot.db, "SELECT status FROM moderation") == [("approved",)]
    # Deciding the answer reviewed its check-in, by that facilitator.
    ((reviewed_at, reviewed_by),) = rows(
        bot.db, "SELECT reviewed_at, reviewed_by FROM safeguarding_checkins"
    )
    assert reviewed_at is not None and reviewed_by is not None
