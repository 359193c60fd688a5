"""The command line on PostgreSQL: one ``--db`` (a ``postgresql://`` URL) for migrate,
rounds, backup, restore with tombstones, retention and doctor; clear one-line errors for
an unreachable server and a missing pg_dump."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from civicbot.store import Store
from tests.civicbot.store.conftest import new_round, take_part
from tests.pgserver import PgServer

SECRET = "cli-postgres-secret-0123456789"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env={"CIVICBOT_SECRET": SECRET, **(env or {})})
    return result.exit_code, result.output


async def _take_part(url: str, voice: Path, user: int, words: str) -> str:
    async with await Store.open(url, secret=SECRET.encode(), voice_dir=voice) as store:
        rounds = await store.list_rounds()
        round_id = rounds[0].id if rounds else await new_round(store)
        return await take_part(store, user, round_id, words)


async def _answers(url: str, voice: Path) -> list[str]:
    async with await Store.open(url, secret=None, voice_dir=voice) as store:
        rounds = await store.list_rounds()
        data = await store.round_data(rounds[0].id)
    return sorted(str(a.value) for a in data.answers)


async def _forget(url: str, voice: Path, resident: str) -> None:
    async with await Store.open(url, secret=SECRET.encode(), voice_dir=voice) as store:
        await store.forget(resident)


def test_migrate_rounds_backup_restore_on_postgres(pg_server: PgServer, tmp_path: Path) -> None:
    url = pg_server.new_database()
    code, out = run("db", "migrate", "--db", url)
    assert code == 0 and "migration(s) applied" in out, out
    assert run("db", "migrate", "--db", url)[1].strip().endswith("schema is up to date")
    assert "No rounds yet" in run("round", "list", "--db", url)[1]

    voice = tmp_path / "voice"
    leaver = asyncio.run(_take_part(url, voice, 5550001, "words-of-the-leaver"))
    asyncio.run(_take_part(url, voice, 5550002, "words-of-the-stayer"))
    listed = run("round", "list", env={"CIVICBOT_DB": url})[1]  # CIVICBOT_DB works as well
    assert "Round" in listed or "1" in listed, listed

    dump = tmp_path / "before.pgdump"
    code, out = run("backup", "--db", url, "--out", str(dump))
    assert code == 0, out
    assert dump.read_bytes().startswith(b"PGDMP") and dump.stat().st_mode & 0o077 == 0

    # Forgotten after the backup: the restore must not bring the leaver back.
    asyncio.run(_forget(url, voice, leaver))
    code, out = run("restore", "--from", str(dump), "--db", url)
    assert code == 0, out
    assert "tombstone(s) applied" in out
    assert asyncio.run(_answers(url, voice)) == ["words-of-the-stayer"]


def test_doctor_and_errors_on_postgres(pg_server: PgServer, tmp_path: Path) -> None:
    url = pg_server.new_database()
    assert run("db", "migrate", "--db", url)[0] == 0
    env = {"CIVICBOT_DB": url, "TELEGRAM_BOT_TOKEN": "123456789:" + "A" * 35}
    code, out = run("doctor", env=env)
    assert f"PostgreSQL at {url}, reachable" in out, out
    assert "database schema" in out and "up to date" in out

    # A server that is not there: one line naming the URL, no traceback.
    gone = f"postgresql://civicbot@127.0.0.1:{_closed_port()}/nothing"
    code, out = run("round", "list", "--db", gone)
    assert code != 0 and "Traceback" not in out and "cannot be" in out, out
    assert len(out.strip().splitlines()) == 1

    # pg_dump missing: said in one line before anything is written.
    code, out = run(
        "backup", "--db", url, "--out", str(tmp_path / "x.pgdump"), env={"PATH": str(tmp_path)}
    )
    assert code != 0 and "pg_dump is not installed" in out, out
    assert not (tmp_path / "x.pgdump").exists()


def _closed_port() -> int:
    from tests.pgserver import free_port

    return free_port()


@pytest.fixture(autouse=True)
def _no_stray_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("CIVICBOT_"):
            monkeypatch.delenv(name)
