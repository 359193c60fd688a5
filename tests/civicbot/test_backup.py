"""Backup and restore: the backup API, private files, and /forget surviving a restore."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from civicbot.commands.backup_cmd import (
    backup,
    backup_database,
    restore,
    restore_database,
    tombstones_path,
)
from civicbot.store import Store
from tests.civicbot.store.conftest import new_round, take_part

SECRET = b"backup-test-secret-0123456789"
ENV = {"CIVICBOT_SECRET": SECRET.decode(), "CIVICBOT_VOICE_DIR": ""}


def _everything(db: Path) -> str:
    with closing(sqlite3.connect(db)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return json.dumps(
            [list(row) for t in tables for row in conn.execute(f"SELECT * FROM {t}")], default=str
        )


async def _seed(db: Path) -> tuple[str, str]:
    async with await Store.open(db, secret=SECRET) as store:
        round_id = await new_round(store)
        leaver = await take_part(store, 5550001, round_id, "words-of-the-leaver")
        stayer = await take_part(store, 5550002, round_id, "words-of-the-stayer")
    return leaver, stayer


async def _forget(db: Path, resident: str) -> None:
    async with await Store.open(db, secret=SECRET) as store:
        await store.forget(resident)


async def test_restore_reapplies_forgets_made_after_the_backup(tmp_path: Path) -> None:
    db, saved = tmp_path / "live.db", tmp_path / "saved.db"
    leaver, stayer = await _seed(db)
    assert await backup_database(db, saved, SECRET) == (0, None)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert "words-of-the-leaver" in _everything(saved)

    await _forget(db, leaver)  # after the backup
    count, deleted, voice = await restore_database(saved, db, SECRET)

    assert count == 1 and deleted >= 3  # identity, session, consent, answer
    assert voice is None  # no voice folder beside the backup
    text = _everything(db)
    assert "words-of-the-leaver" not in text and "5550001" not in text
    assert "words-of-the-stayer" in text
    async with await Store.open(db, secret=SECRET) as store:
        assert [t.resident for t in await store.tombstones()] == [leaver]
        assert (await store.mydata(stayer))["answers"][0]["value"] == "words-of-the-stayer"
    assert (tmp_path / "live.db.pre-restore").exists()


async def test_tombstone_exports_cover_a_lost_live_database(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    old, newer = tmp_path / "old.db", tmp_path / "newer.db"
    leaver, _ = await _seed(db)
    await backup_database(db, old, SECRET)
    await _forget(db, leaver)
    await backup_database(db, newer, SECRET)
    exported = json.loads(tombstones_path(newer).read_text())["tombstones"]
    assert [t["resident"] for t in exported] == [leaver]
    db.unlink()  # the disk died; only the backups are left

    await restore_database(old, db, SECRET, extra=[tombstones_path(newer)])

    assert "words-of-the-leaver" not in _everything(db)


def test_cli_backup_and_restore(tmp_path: Path) -> None:
    db, saved = tmp_path / "live.db", tmp_path / "saved.db"
    leaver, _ = asyncio.run(_seed(db))
    runner = CliRunner()
    made = runner.invoke(backup, ["--db", str(db), "--out", str(saved)], env=ENV)
    assert made.exit_code == 0, made.output
    again = runner.invoke(main, ["backup", "--db", str(db), "--out", str(saved)], env=ENV)
    assert again.exit_code == 2 and "exists already" in again.output
    asyncio.run(_forget(db, leaver))
    done = runner.invoke(restore, ["--from", str(saved), "--db", str(db)], env=ENV)
    assert done.exit_code == 0, done.output
    assert "1 tombstone(s) applied" in done.output
    assert "words-of-the-leaver" not in _everything(db)


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_cli_explains_missing_files_and_secret(tmp_path: Path, command: str) -> None:
    runner = CliRunner()
    missing = tmp_path / "none.db"
    if command == "backup":
        result = runner.invoke(main, ["backup", "--db", str(missing)], env=ENV)
    else:
        args = ["restore", "--from", str(missing), "--db", str(missing)]
        result = runner.invoke(main, args, env=ENV)
    assert result.exit_code == 2 and f"{missing} does not exist" in result.output
    asyncio.run(_seed(tmp_path / "live.db"))
    result = runner.invoke(
        main,
        ["backup", "--db", str(tmp_path / "live.db"), "--out", str(tmp_path / "b.db")],
        env={"CIVICBOT_SECRET": "", "CIVICBOT_SECRET_FILE": ""},
    )
    assert result.exit_code == 2 and "secret" in result.output
    assert not (tmp_path / "b.db").exists()
