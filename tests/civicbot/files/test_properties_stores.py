"""Property tests for the inputs that are not answer files: the database (``--db``), a
backup (``civicbot restore --from``) and a dialogue script (``civicbot script graph``).

Each generated case ends with exit status 2 and one line on stderr, or succeeds; a
refused database or backup is never written to, and a failed restore leaves the live
database as it was."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import tempfile
from pathlib import Path

from hypothesis import given

from civicbot.store import Store
from tests.civicbot.files.helpers import SECRET, outcome, property_settings, run
from tests.civicbot.files.mutate import Spoiler, spoilers
from tests.civicbot.store.conftest import new_round

ENV = {"CIVICBOT_SECRET": SECRET}
SCRIPT = Path(__file__).resolve().parents[3] / "prompts" / "values-and-services.yaml"


async def _make(db: Path) -> None:
    async with await Store.open(db, secret=SECRET.encode()) as store:
        await new_round(store)


@functools.cache
def good_db() -> bytes:
    """A small civicbot database with one round (made once; not a fixture, whose value
    hypothesis would print in full on a failure)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "good.db"
        asyncio.run(_make(db))
        return db.read_bytes()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


@property_settings
@given(spoil=spoilers(table=False))
def test_database(spoil: Spoiler) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db, out = Path(tmp) / "copy.db", Path(tmp) / "r.json"
        spoil(db, good_db())
        before = _digest(db)
        result = run(["report", "1", "--db", str(db), "--format", "json", "--out", str(out)])
        line = outcome(result, out, lambda: json.loads(out.read_text()))
        if line != "ok":
            assert _digest(db) == before  # a refused file is not touched


@property_settings
@given(spoil=spoilers(table=False))
def test_backup_restore(spoil: Spoiler) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        live, backup = Path(tmp) / "live.db", Path(tmp) / "backup.db"
        live.write_bytes(good_db())
        asyncio.run(_make(live))  # the live database has a second round the backup lacks
        spoil(backup, good_db())
        before = _digest(live)
        result = run(["restore", "--from", str(backup), "--db", str(live)], ENV)
        line = outcome(result, None, lambda: None)
        if line != "ok":
            assert _digest(live) == before
            assert not (Path(tmp) / "live.db.restoring").exists()


@property_settings
@given(spoil=spoilers(table=False))
def test_backup_out(spoil: Spoiler) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db, out = Path(tmp) / "live.db", Path(tmp) / "saved.db"
        spoil(db, good_db())
        result = run(["backup", "--db", str(db), "--out", str(out)], ENV)
        outcome(result, out, lambda: None)  # a backup that succeeded is checked below
        if result.exit_code == 0:
            assert out.read_bytes().startswith(b"SQLite format 3\x00")


@property_settings
@given(spoil=spoilers(table=False))
def test_dialogue_script(spoil: Spoiler) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "script.yaml"
        spoil(script, SCRIPT.read_bytes())
        result = run(["script", "graph", str(script)])
        outcome(result, None, lambda: None)
        if result.exit_code == 0:
            assert result.output.startswith("flowchart")
