"""`civicbot retention apply` deletes old voice recordings in the bot's voice folder."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from civicbot.cli import main
from civicbot.engine.types import VOICE_ANSWER, AnswerGiven, SessionState, VoiceKept
from civicbot.store import Store

SECRET = "voice-retention-secret-0123456789"
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


async def _old_voice_note(db: Path, folder: Path) -> None:
    old = datetime.now(UTC) - timedelta(days=40)
    async with await Store.open(
        db, secret=SECRET.encode(), clock=lambda: old, voice_dir=folder
    ) as store:
        round_id = await store.create_round(
            title="t",
            script_id="tiny",
            script_version=1,
            script_source=SCRIPT,
            script_sha256="0" * 64,
            status="open",
        )
        await store.apply_outcome(
            update_id=None,
            round_id=round_id,
            resident=store.resident_id(1),
            state=SessionState(status="active", step_id="q"),
            records=[AnswerGiven("q", VOICE_ANSWER), VoiceKept("q", "tg-file", 3)],
        )
        [note] = await store.voice_waiting()
        assert await store.keep_voice_audio(note.id, b"OggS audio")


def test_retention_apply_deletes_old_recordings_in_the_voice_folder(tmp_path: Path) -> None:
    db, folder = tmp_path / "civicbot.db", tmp_path / "elsewhere" / "voice"
    asyncio.run(_old_voice_note(db, folder))
    assert len(list(folder.iterdir())) == 1
    result = CliRunner().invoke(
        main,
        ["retention", "apply", "--days", "30", "--db", str(db)],
        env={"CIVICBOT_SECRET": SECRET, "CIVICBOT_VOICE_DIR": str(folder)},
    )
    assert result.exit_code == 0, result.output
    assert "1 voice note reference(s) or recording(s) cleared" in result.output
    assert list(folder.iterdir()) == []
