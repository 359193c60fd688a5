"""One gentle reminder for a resident who stopped part-way, through the real bot."""

from __future__ import annotations

from pathlib import Path

from tests.e2e import driver
from tests.e2e.facilitator_helpers import make_bot
from tests.e2e.fakeapi import FakeTelegram


async def test_one_reminder_then_none(tg: FakeTelegram, tmp_path: Path) -> None:
    # 0.0005 hours is under two seconds: a tiny interval so the test runs quickly.
    bot = make_bot(tg, tmp_path, CIVICBOT_REMINDER_HOURS="0.0005")
    await bot.start()
    try:
        await bot.wait_ready()
        stops, finishes = tg.user(7301, "Sol"), tg.user(7302, "Fin")
        await driver.consent(tg, stops)
        await stops.send_text("Time with people who know me.")
        await driver.next_prompt(tg, stops.chat_id)
        await driver.complete(tg, finishes)
        reminder = await tg.wait_for(stops.chat_id, "did not get to the end")
        assert "/start" in reminder["text"]
        await tg.assert_silent(stops.chat_id, seconds=3.0)  # never a second one
        assert not any("did not get to the end" in (m.get("text") or "")
                       for m in tg.sent(finishes.chat_id))  # fmt: skip
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text()
