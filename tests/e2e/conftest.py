"""End-to-end fixtures: the real ``civicbot run`` process against the stand-in Bot API.

The stand-in runs in the test's event loop; the bot is a separate process started with
``python -m civicbot run`` and pointed at it through ``CIVICBOT_TELEGRAM_API_URL``.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.fakeapi import CEILING, FakeTelegram

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456789:TEST-token-for-civicbot"
SECRET = "e2e-test-secret-0123456789abcdef"
QUIET_ADMIN = 987654321


def voice_dir_of(db: Path | str, log: Path) -> Path | None:
    """The voice folder the bot uses with PostgreSQL (None: beside the SQLite file)."""
    return None if isinstance(db, Path) else log.parent / "voice"


class BotProcess:
    """One ``civicbot run`` process; can be killed (-9) and started again on the same DB."""

    def __init__(self, api_url: str, db: Path | str, log: Path, **env: str) -> None:
        self.db = db  # an SQLite file, or a postgresql:// URL
        self.log = log
        # PostgreSQL has no file to keep voice notes beside: they get a folder of their own.
        voice = {} if isinstance(db, Path) else {"CIVICBOT_VOICE_DIR": str(voice_dir_of(db, log))}
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("CIVICBOT_")},
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "CIVICBOT_TELEGRAM_API_URL": api_url,
            "CIVICBOT_DB": str(db),
            "CIVICBOT_ORGANISER": "Wigan Together",
            "CIVICBOT_ORGANISER_CONTACT": "hello@wigantogether.example",
            "CIVICBOT_SECRET": SECRET,
            "CIVICBOT_POLL_TIMEOUT": "1",
            "CIVICBOT_DEFAULT_SCRIPT": str(ROOT / "prompts" / "values-and-services.yaml"),
            "PYTHONUNBUFFERED": "1",
            # Scripted residents answer far faster than people can; flood control is
            # switched off here and on where it is tested (test_flood.py).
            "CIVICBOT_FLOOD_RATE": "0",
            # The bot opens no round while nobody could receive a safeguarding alert; an
            # admin who never writes to the bot is enough for that (tests that need an
            # active admin or a facilitators' chat set their own).
            "CIVICBOT_ADMINS": str(QUIET_ADMIN),
            **voice,
            **env,
        }
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0
        self._log_mark = 0
        self.args: list[str] = []

    async def start(self) -> None:
        self.starts += 1
        self._log_mark = self.log.stat().st_size if self.log.exists() else 0
        handle = self.log.open("ab")
        try:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "civicbot",
                "run",
                *self.args,
                env=self.env,
                cwd=str(ROOT),
                stdout=handle,
                stderr=handle,
            )
        finally:
            handle.close()

    async def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)
            await self.process.wait()

    async def terminate(self, timeout: float = CEILING) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), timeout)

    async def wait_ready(self, timeout: float = max(90.0, CEILING)) -> None:
        """Wait until the latest start has reached its polling loop."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while b"civicbot is running" not in self.log.read_bytes()[self._log_mark :]:
            if self.process is not None and self.process.returncode is not None:
                raise AssertionError(f"the bot exited early:\n{self.log_text()[-3000:]}")
            if loop.time() > deadline:
                raise AssertionError(f"the bot did not start:\n{self.log_text()[-3000:]}")
            await asyncio.sleep(0.02)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(TOKEN) as server:
        yield server


@pytest.fixture
async def bot(tg: FakeTelegram, tmp_path: Path) -> AsyncIterator[BotProcess]:
    process = BotProcess(tg.url, tmp_path / "civicbot.db", tmp_path / "bot.log")
    await process.start()
    try:
        yield process
    finally:
        await process.kill()
        log = process.log_text()
        assert "Traceback" not in log, log[-4000:]
