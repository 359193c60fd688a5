"""/report ROUND: a facilitator gets the round's HTML report in the chat; nobody else does."""

from __future__ import annotations

from pathlib import Path

from tests.e2e import driver
from tests.e2e.facilitator_helpers import ADMIN_ID, make_bot, say
from tests.e2e.fakeapi import FakeTelegram
from tests.e2e.helpers import open_store, rows


async def test_report_command(tg: FakeTelegram, tmp_path: Path) -> None:
    bot = make_bot(tg, tmp_path)
    await bot.start()
    try:
        resident = tg.user(4301, "Rae")
        await driver.complete(tg, resident)
        async with await open_store(bot.db) as store:
            current = await store.latest_open_round()
        assert current is not None

        refused = await say(tg, resident, "report", str(current.id))
        assert "document" not in refused

        admin = tg.user(ADMIN_ID, "Ada")
        await say(tg, admin, "report", str(current.id), match="is being prepared")
        document = await tg.wait_for(admin.chat_id, lambda m: "document" in m, timeout=120)
        html = tg.file_bytes(document).decode("utf-8")
        assert "Content-Security-Policy" in html and "<script" not in html
        # One resident: never shown as a number (issue #9), in the caption or the report.
        assert "10 or fewer residents" in document.get("caption", "")
        assert "1 residents" not in document.get("caption", "") + html
        audited = rows(
            bot.db, "SELECT action, allowed FROM audit WHERE action = 'report' ORDER BY id"
        )
        assert audited == [("report", 0), ("report", 1)]
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text()
