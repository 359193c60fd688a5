"""SIGTERM stops fetching and finishes the updates already fetched."""

from __future__ import annotations

import asyncio

from tests.e2e import driver
from tests.e2e.conftest import BotProcess
from tests.e2e.fakeapi import FakeTelegram
from tests.e2e.helpers import rows


async def test_sigterm_finishes_fetched_updates(tg: FakeTelegram, bot: BotProcess) -> None:
    await bot.wait_ready()
    people = [tg.user(8100 + i, f"P{i}") for i in range(5)]
    for person in people:
        await driver.consent(tg, person)
    tg.delay("sendMessage", 0.4)  # replies are slow, so fetched updates pile up
    for person in people:
        await person.send_text(f"answer from {person.chat_id}")
    await tg.wait_confirmed()  # all five fetched, committed and acknowledged
    assert bot.process is not None
    code = await bot.terminate()
    assert code == 0
    for person in people:
        second = "Which of these matters most"  # the question after the first answer
        replies = [m for m in tg.sent(person.chat_id) if second in (m.get("text") or "")]
        assert replies, tg.transcript(person.chat_id)
    assert rows(bot.db, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL") == [(0,)]
    stored = rows(bot.db, "SELECT COUNT(*) FROM answers")
    assert stored == [(5,)]
    assert "civicbot stopped" in bot.log_text()
    await asyncio.sleep(0)
