"""Schema migrations: numbered ``.sql`` files in ``civicbot/store/migrations``.

``NNNN_name.sql`` files are applied in order of their number, each in its own write
unit together with its row in ``schema_migrations``, so a migration is applied completely
or not at all, and running again is a no-op. Two processes migrating at once are safe:
the version check happens inside the unit, and write units are serialised.

The files are written for SQLite and are the one source of truth for both back ends: on
PostgreSQL each statement is translated (:func:`civicbot.store.dialect.migration_to_postgres`),
except for the few files with a hand-written twin in ``migrations/postgresql/`` (triggers,
SQLite's own tables), which run there as one script instead.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from civicbot.store.db import Database, Tx, to_db
from civicbot.store.dialect import migration_to_postgres
from civicbot.store.engines import connect

_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_BOOTSTRAP = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


# PostgreSQL: the case-insensitive collation SQLite calls NOCASE (series names).
_PG_BOOTSTRAP = (
    "CREATE COLLATION IF NOT EXISTS nocase"
    " (provider = icu, locale = 'und-u-ks-level2', deterministic = false)"
)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str
    postgres_sql: str | None = None  # a hand-written twin for PostgreSQL, if any


def available() -> list[Migration]:
    """The migrations shipped with the package, in order."""
    found: list[Migration] = []
    folder = resources.files("civicbot.store").joinpath("migrations")
    twins = folder.joinpath("postgresql")
    for entry in folder.iterdir():
        match = _FILE_NAME.match(entry.name)
        if match is None:
            continue
        twin = twins.joinpath(entry.name)
        found.append(
            Migration(
                int(match[1]),
                match[2],
                entry.read_text(encoding="utf-8"),
                twin.read_text(encoding="utf-8") if twin.is_file() else None,
            )
        )
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a number: {versions}")
    return found


def statements(sql: str) -> list[str]:
    """Split a script into single statements (``sqlite3.complete_statement`` knows about
    string literals and trigger bodies). ``executescript`` cannot be used: it commits any
    open transaction first, which would break one-transaction-per-migration."""
    found: list[str] = []
    start = 0
    for index, char in enumerate(sql):
        if char == ";" and sqlite3.complete_statement(sql[start : index + 1]):
            statement = sql[start : index + 1].strip()
            if _has_code(statement):
                found.append(statement)
            start = index + 1
    if _has_code(sql[start:]):
        raise ValueError(f"migration ends with an unterminated statement: {sql[start:]!r}")
    return found


def _has_code(text: str) -> bool:
    lines = (line.split("--", 1)[0].strip() for line in text.splitlines())
    return any(line and line != ";" for line in lines)


async def applied_versions(tx: Tx) -> set[int]:
    rows = await tx.all("SELECT version FROM schema_migrations")
    return {int(row[0]) for row in rows}


async def apply_migrations(
    db: Database, *, clock: Callable[[], datetime] | None = None
) -> list[Migration]:
    """Apply every migration not yet recorded; return those applied now."""
    now = clock or (lambda: datetime.now(UTC))
    postgres = db.dialect == "postgresql"
    async with db.write() as tx:
        if postgres:
            await tx.script(_PG_BOOTSTRAP)
        await tx.execute(_BOOTSTRAP)
    done: list[Migration] = []
    for migration in available():
        async with db.write() as tx:
            if migration.version in await applied_versions(tx):
                continue
            if postgres and migration.postgres_sql is not None:
                await tx.script(migration.postgres_sql)
            elif postgres:
                for statement in statements(migration.sql):
                    await tx.script(migration_to_postgres(statement))
            else:
                for statement in statements(migration.sql):
                    await tx.execute(statement)
            await tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, to_db(now())),
            )
        done.append(migration)
    return done


async def migrate(path: str | Path) -> list[Migration]:
    """Open the database at ``path`` (a file, created if need be, or a PostgreSQL URL),
    apply pending migrations, close it."""
    db = await connect(path)
    try:
        return await apply_migrations(db)
    finally:
        await db.close()
