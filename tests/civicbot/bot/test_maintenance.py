"""The running bot applies the retention rule when CIVICBOT_RETENTION_DAYS is set."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from civicbot.bot import maintenance
from civicbot.bot.services import Services
from civicbot.engine.types import AnswerGiven, SessionState
from civicbot.settings import Settings
from civicbot.store import Store

SECRET = b"maintenance-test-secret-0123456789"
SCRIPT = """\
id: tiny
version: 1
title: Tiny
consent:
  version: 1
  text: Happy to take part

finish: Thanks.
sections:
  - id: main
    steps:
      - id: q
        type: free_text
        text: Anything to add
"""


async def test_retention_job_only_when_configured(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "a.db", secret=SECRET) as store:
        off = Services(store=store, settings=Settings.from_env({}))
        assert maintenance.background(None, off) == []  # type: ignore[arg-type]


async def test_retention_job_redacts_old_raw_text(tmp_path: Path) -> None:
    old = datetime.now(UTC) - timedelta(days=40)
    async with await Store.open(tmp_path / "b.db", secret=SECRET, clock=lambda: old) as store:
        round_id = await store.create_round(
            title="t",
            script_id="tiny",
            script_version=1,
            script_source=SCRIPT,
            script_sha256="0" * 64,
            status="open",
        )
        resident = store.resident_id(1)
        await store.apply_outcome(
            update_id=None,
            round_id=round_id,
            resident=resident,
            state=SessionState(status="active", step_id="q"),
            records=[AnswerGiven("q", "call me on 07700 900123 please")],
        )
    async with await Store.open(tmp_path / "b.db", secret=SECRET) as store:
        settings = Settings.from_env({"CIVICBOT_RETENTION_DAYS": "30"})
        (job,) = maintenance.background(None, Services(store=store, settings=settings))  # type: ignore[arg-type]
        stop = asyncio.Event()
        task = asyncio.create_task(job(stop))
        for _ in range(100):
            data = await store.mydata(resident)
            if "07700 900123" not in str(data["answers"]):
                break
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.wait_for(task, timeout=5)
        assert "07700 900123" not in str(data["answers"])
        assert "[phone]" in str(data["answers"])
