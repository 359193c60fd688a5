"""/report survives a restart mid-build: the bot is killed (-9) while the report builds in
its own process, the build dies with it, and after a restart exactly one document
arrives; residents are answered meanwhile."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from tests.e2e import driver
from tests.e2e.facilitator_helpers import ADMIN_ID, make_bot, say
from tests.e2e.fakeapi import FakeTelegram
from tests.e2e.helpers import open_store, rows


def _builds(db: Path) -> list[int]:
    """Process ids of report builds reading ``db``."""
    found: list[int] = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"civicbot.reportjob" in argv and str(db).encode() in argv:
            found.append(int(proc.name))
    return found


async def _until(check: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_report_restart_mid_build_sends_exactly_one(tg: FakeTelegram, tmp_path: Path) -> None:
    bot = make_bot(tg, tmp_path)
    await bot.start()
    try:
        resident = tg.user(4401, "Rae")
        await driver.complete(tg, resident)
        async with await open_store(bot.db) as store:
            current = await store.latest_open_round()
        assert current is not None
        admin = tg.user(ADMIN_ID, "Ada")
        await say(tg, admin, "report", str(current.id), match="is being prepared")
        # Asking again while it is prepared adds no second document.
        await say(tg, admin, "report", str(current.id), match="already being prepared")
        await _until(lambda: bool(_builds(bot.db)), 30)
        assert rows(bot.db, "SELECT status FROM report_requests") == [("building",)]
        await bot.kill()
        # The build dies with the bot (nothing builds for a bot that is gone).
        await _until(lambda: not _builds(bot.db), 10)
        assert rows(bot.db, "SELECT status FROM report_requests") == [("building",)]
        assert not [m for m in tg.world.bot_messages(admin.chat_id) if "document" in m]

        await bot.start()
        document = await tg.wait_for(admin.chat_id, lambda m: "document" in m, timeout=120)
        assert "Report of round" in document.get("caption", "")
        html = tg.file_bytes(document).decode("utf-8")
        assert "Content-Security-Policy" in html
        # A resident is answered while the bot runs (the build is not in its way).
        await say(tg, resident, "help")
        await asyncio.sleep(3)  # time for a second document, were one coming
        documents = [m for m in tg.world.bot_messages(admin.chat_id) if "document" in m]
        assert len(documents) == 1
        assert rows(bot.db, "SELECT status FROM report_requests") == [("sent",)]
        # The built file leaves the disk once sent.
        assert not list((tmp_path / "civicbot.db-reports").glob("*.html"))
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text()
