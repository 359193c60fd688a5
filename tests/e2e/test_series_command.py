"""/series: a facilitator sees the series and their rounds in order; a resident is refused."""

from __future__ import annotations

from pathlib import Path

from civicbot.bot.facilitator import words
from tests.e2e.facilitator_helpers import ADMIN_ID, make_bot, say, seed_round
from tests.e2e.fakeapi import FakeTelegram
from tests.e2e.helpers import open_store, rows


async def test_series_command(tg: FakeTelegram, tmp_path: Path) -> None:
    bot = make_bot(tg, tmp_path)
    first = await seed_round(bot.db, [], title="Health, spring")
    second = await seed_round(bot.db, [], title="Housing, autumn")
    await bot.start()
    try:
        await bot.wait_ready()
        admin = tg.user(ADMIN_ID, "Ada")
        empty = await say(tg, admin, "series", "")
        assert "No series yet" in empty["text"]
        async with await open_store(bot.db) as store:
            await store.create_series("Our year")
            await store.add_to_series("our year", second)
            await store.add_to_series("Our year", first)
        shown = (await say(tg, admin, "series", ""))["text"]
        assert shown.splitlines() == [
            "Our year (2 rounds)",
            f"1. Round {second}: Housing, autumn (open)",
            f"2. Round {first}: Health, spring (open)",
        ]
        resident = tg.user(4402, "Rae")
        refused = await say(tg, resident, "series", "")
        assert refused["text"] == words.FACILITATORS_ONLY
        audited = rows(bot.db, "SELECT allowed FROM audit WHERE action = 'series' ORDER BY id")
        assert audited == [(1,), (1,), (0,)]
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text()
