"""Migrations from an empty database, re-running them, the CLI, and the pragmas."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from civicbot.store import Store, migrate
from civicbot.store.migrate import available, statements
from civicbot.store.sqlite import SqliteDatabase

from .conftest import SECRET

try:
    from asyncpg import IntegrityConstraintViolationError
except ImportError:  # SQLite only here
    IntegrityConstraintViolationError = sqlite3.IntegrityError
INTEGRITY_ERRORS = (sqlite3.IntegrityError, IntegrityConstraintViolationError)


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {row[0] for row in rows}


def _versions(path: Path) -> list[tuple[int, str]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "SELECT version, name FROM schema_migrations ORDER BY version"
        ).fetchall()


async def test_migrate_from_empty_creates_every_table(db_path: Path) -> None:
    applied = await migrate(db_path)

    assert [m.version for m in applied] == [m.version for m in available()]
    assert applied[0].version == 1 and applied[0].name == "initial"
    expected = {
        "schema_migrations", "meta", "rounds", "identities", "sessions", "answers",
        "demographics", "consents", "unsupported_inputs", "inbox", "tombstones",
    }  # fmt: skip
    assert expected <= _tables(db_path)
    assert _versions(db_path) == [(m.version, m.name) for m in available()]


async def test_migrate_again_is_a_no_op(db_path: Path) -> None:
    await migrate(db_path)
    with closing(sqlite3.connect(db_path)) as conn:
        before = conn.execute("SELECT * FROM schema_migrations").fetchall()
        schema = conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()

    assert await migrate(db_path) == []
    async with await Store.open(db_path, secret=SECRET):
        pass

    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT * FROM schema_migrations").fetchall() == before
        assert conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema


def test_db_migrate_command(tmp_path: Path) -> None:
    path = tmp_path / "cli.db"
    runner = CliRunner()

    first = runner.invoke(main, ["db", "migrate", "--db", str(path)])
    assert first.exit_code == 0, first.output
    assert "applied 0001_initial" in first.output
    assert "rounds" in _tables(path)

    second = runner.invoke(main, ["db", "migrate", "--db", str(path)])
    assert second.exit_code == 0, second.output
    assert "up to date" in second.output
    assert "applied" not in second.output


def test_db_migrate_reads_civicbot_db_from_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "from-env.db"
    result = CliRunner().invoke(main, ["db", "migrate"], env={"CIVICBOT_DB": str(path)})
    assert result.exit_code == 0, result.output
    assert "identities" in _tables(path)


def test_db_migrate_refuses_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["db", "migrate", "--db", str(tmp_path / "no" / "x.db")])
    assert result.exit_code != 0
    assert "does not exist" in result.output


async def test_pragmas_are_in_force(store: Store, db_path: Path) -> None:
    async def pragma(name: str) -> object:
        async with store._db.read() as tx:
            return await tx.scalar(f"PRAGMA {name}")

    assert await pragma("journal_mode") == "wal"
    assert await pragma("synchronous") == 2  # FULL
    assert await pragma("foreign_keys") == 1
    assert await pragma("secure_delete") == 1
    busy = await pragma("busy_timeout")
    assert isinstance(busy, int) and busy >= 1000
    assert isinstance(store._db, SqliteDatabase)
    assert store._db.connection.isolation_level is None


async def test_a_new_database_is_private_to_its_owner(store: Store, db_path: Path) -> None:
    assert db_path.stat().st_mode & 0o077 == 0
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_mode & 0o077 == 0


async def test_foreign_keys_are_enforced(store: Store) -> None:
    from civicbot.engine.types import SessionState

    with pytest.raises(INTEGRITY_ERRORS):
        await store.apply_outcome(
            update_id=None, round_id=999, resident="r", state=SessionState(), records=()
        )
    # The failed write unit was rolled back and the connection is usable again.
    assert await store.list_rounds() == []


def test_statements_splits_on_complete_statements_only() -> None:
    sql = """
    -- a comment; with a semicolon
    CREATE TABLE a (x TEXT DEFAULT 'semi;colon');
    CREATE TRIGGER t AFTER INSERT ON a BEGIN
        UPDATE a SET x = 'y';
        DELETE FROM a WHERE x = 'z';
    END;
    """
    found = statements(sql)
    assert len(found) == 2
    assert found[0].startswith("-- a comment") and found[0].endswith("'semi;colon');")
    assert found[1].startswith("CREATE TRIGGER") and found[1].endswith("END;")
    with pytest.raises(ValueError, match="unterminated"):
        statements("CREATE TABLE b (x)")


def test_every_shipped_migration_splits_cleanly() -> None:
    for migration in available():
        assert statements(migration.sql), migration.name
