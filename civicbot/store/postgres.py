"""The PostgreSQL back end: an ``asyncpg`` pool, one transaction per unit.

``pip install 'civicbot[postgres]'`` and ``CIVICBOT_DB=postgresql://USER@HOST:PORT/DB``
(the password, if any, from ``PGPASSWORD`` or ``~/.pgpass`` as for every PostgreSQL
client). Several bot workers and command-line tools may share the database.

**Units.** ``write()`` takes a connection from the pool, opens a transaction and first
takes a transaction-level advisory lock (:data:`WRITE_LOCK`), so write units run one at a
time across every process, as on SQLite: a unit that reads, decides and writes never
races another, and the store's SQL needs no retry loops. A unit confined to one resident
(``write(resident=...)``) takes that lock shared plus the resident's own, so residents'
answers are stored side by side and their commits share PostgreSQL's WAL flushes. The
locks are released by the ``COMMIT``, which PostgreSQL makes durable before returning.
Reads take no lock and run concurrently; ``snapshot()`` is a ``REPEATABLE READ`` read-only
transaction.

**Statements** are written in SQLite's dialect and translated once each
(:mod:`civicbot.store.dialect`); asyncpg keeps each connection's prepared statements. A
statement's parameter types (learnt once per SQL text) say how to pass values SQLite
would have converted itself (an int for a TEXT column, a bool for an INTEGER one), and
``numeric`` results (``SUM``) come back as int or float, as SQLite gives them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import decimal
import hashlib
import os
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg

from civicbot.errors import UserError
from civicbot.store.db import Database, Params, Row, Tx
from civicbot.store.dialect import to_postgres

WRITE_LOCK = 0x63697669  # "civi": the advisory lock every write unit holds

_TEXT = {"text", "varchar", "bpchar", "name", "unknown"}
_INT = {"int2", "int4", "int8"}
_FLOAT = {"float4", "float8", "numeric"}


class PgToolMissing(UserError):
    """A PostgreSQL client program (``pg_dump``, ``pg_restore``) is not installed."""


async def connect_postgres(url: str, *, min_size: int = 1, max_size: int = 8) -> PostgresDatabase:
    pool = await asyncpg.create_pool(
        url, min_size=min_size, max_size=max_size, statement_cache_size=1024
    )
    return PostgresDatabase(url, pool)


@dataclasses.dataclass(frozen=True)
class _Shape:
    """What a statement needs, learnt once per SQL text: its PostgreSQL spelling, its
    parameter types and whether it returns ``numeric`` columns."""

    sql: str
    params: tuple[str, ...]
    numeric: bool


_SHAPES: dict[str, _Shape] = {}


async def _shape(conn: Any, sql: str) -> _Shape:
    found = _SHAPES.get(sql)
    if found is None:
        translated = to_postgres(sql)
        prepared = await conn.prepare(translated)
        found = _Shape(
            translated,
            tuple(t.name for t in prepared.get_parameters()),
            any(a.type.name == "numeric" for a in prepared.get_attributes()),
        )
        _SHAPES[sql] = found
    return found


class PostgresDatabase(Database):
    """See the module's docstring."""

    dialect = "postgresql"

    shared = True

    def __init__(self, url: str, pool: asyncpg.Pool) -> None:
        self.url = url
        self._pool = pool
        # Leases (session advisory locks) live on one connection of their own: when the
        # process dies, the server ends the session and every lease it held is free.
        self._leases: asyncpg.Connection | None = None
        self._leases_lock = asyncio.Lock()

    async def try_lock(self, key: int) -> bool:
        async with self._leases_lock:
            if self._leases is None or self._leases.is_closed():
                self._leases = await asyncpg.connect(self.url)
            return bool(await self._leases.fetchval("SELECT pg_try_advisory_lock($1)", key))

    async def unlock(self, key: int) -> None:
        async with self._leases_lock:
            if self._leases is not None and not self._leases.is_closed():
                await self._leases.fetchval("SELECT pg_advisory_unlock($1)", key)

    @asynccontextmanager
    async def read(self, *, large: bool = False) -> AsyncIterator[Tx]:
        async with self._pool.acquire() as conn:
            yield PgTx(conn)

    @asynccontextmanager
    async def write(self, *, resident: str | None = None) -> AsyncIterator[Tx]:
        async with self._pool.acquire() as conn, conn.transaction():
            if resident is None:  # alone: no other unit of any kind runs meanwhile
                await conn.execute("SELECT pg_advisory_xact_lock($1)", WRITE_LOCK)
            else:  # beside other residents' units, never beside an exclusive one
                await conn.execute(
                    "SELECT pg_advisory_xact_lock_shared($1), pg_advisory_xact_lock($2)",
                    WRITE_LOCK,
                    _resident_key(resident),
                )
            yield PgTx(conn)

    async def checkpoint(self) -> bool:
        """PostgreSQL reclaims deleted rows by vacuum (autovacuum runs on its own): run it
        on the tables ``/forget`` deletes from, so their old row versions go now."""
        async with self._pool.acquire() as conn:
            for table in _FORGET_TABLES:
                await conn.execute(f"VACUUM {table}")
        return True

    async def backup(self, dest: Path) -> None:
        """``pg_dump --format=custom`` of the whole database into ``dest``."""
        tool = pg_tool("pg_dump")
        done = subprocess.run(
            [tool, "--format=custom", "--no-owner", f"--file={dest}", "--dbname", self.url],
            capture_output=True,
            text=True,
            env={**os.environ},
            check=False,
        )
        if done.returncode != 0:
            raise UserError(f"pg_dump failed: {_last_line(done.stderr)}")

    async def close(self) -> None:
        if self._leases is not None:
            await self._leases.close()
        await self._pool.close()


_FORGET_TABLES = ("sessions", "answers", "demographics", "identities", "inbox", "moderation")


PG_DUMP_MAGIC = b"PGDMP"


def restore_dump(url: str, dump: Path) -> None:
    """Replace the database's contents with a ``pg_dump --format=custom`` file, in one
    transaction (``pg_restore --clean --single-transaction``)."""
    tool = pg_tool("pg_restore")
    done = subprocess.run(
        [
            tool, "--clean", "--if-exists", "--single-transaction", "--no-owner",
            "--exit-on-error", f"--dbname={url}", str(dump),
        ],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise UserError(f"pg_restore failed: {_last_line(done.stderr)}")


def _resident_key(resident: str) -> int:
    """A resident's advisory-lock key (signed 64 bits, the same in every process)."""
    digest = hashlib.sha256(b"unit:" + resident.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def pg_tool(name: str) -> str:
    """The path of a PostgreSQL client program, or a one-line error saying how to get it."""
    found = shutil.which(name)
    if found is None:
        raise PgToolMissing(
            f"{name} is not installed: install the PostgreSQL client tools"
            " (Debian/Ubuntu: apt-get install postgresql-client), then try again"
        )
    return found


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


class PgTx(Tx):
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[None]:
        if self._conn.is_in_transaction():
            yield
            return
        async with self._conn.transaction(isolation="repeatable_read", readonly=True):
            yield

    async def script(self, sql: str) -> None:
        await self._conn.execute(sql)

    async def execute(self, sql: str, params: Params = ()) -> int:
        shape = await _shape(self._conn, sql)
        return _count(await self._conn.execute(shape.sql, *_coerce(shape.params, params)))

    async def insert(self, sql: str, params: Params = ()) -> int:
        shape = await _shape(self._conn, sql + " RETURNING id")
        value = await self._conn.fetchval(shape.sql, *_coerce(shape.params, params))
        if value is None:
            raise asyncpg.DataError("INSERT gave no row id")
        return int(value)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        changed = 0
        for params in rows:
            changed += await self.execute(sql, params)
        return changed

    async def all(self, sql: str, params: Params = ()) -> list[Row]:
        shape = await _shape(self._conn, sql)
        rows = await self._conn.fetch(shape.sql, *_coerce(shape.params, params))
        return [_PlainRow(r) for r in rows] if shape.numeric else list(rows)

    async def stream(
        self, sql: str, params: Params = (), *, batch: int = 2000
    ) -> AsyncIterator[Row]:
        shape = await _shape(self._conn, sql)
        args = _coerce(shape.params, params)
        if not self._conn.is_in_transaction():
            async with self._conn.transaction(isolation="repeatable_read", readonly=True):
                async for row in self._conn.cursor(shape.sql, *args, prefetch=batch):
                    yield _PlainRow(row) if shape.numeric else row
            return
        async for row in self._conn.cursor(shape.sql, *args, prefetch=batch):
            yield _PlainRow(row) if shape.numeric else row


def _coerce(types: Sequence[str], params: Params) -> list[Any]:
    """Values as the parameter types want them, converted as SQLite would have."""
    if isinstance(params, dict):
        raise TypeError("named parameters are not supported on PostgreSQL; use ?N")
    values = list(params)
    if len(values) != len(types):
        raise asyncpg.DataError(f"the statement takes {len(types)} values, {len(values)} given")
    out: list[Any] = []
    for name, value in zip(types, values, strict=True):
        if value is None:
            out.append(None)
        elif name in _TEXT and not isinstance(value, str):
            out.append(str(int(value)) if isinstance(value, bool) else str(value))
        elif name in _INT and isinstance(value, bool | float | str):
            out.append(int(value))
        elif name in _FLOAT and isinstance(value, int | str) and name != "numeric":
            out.append(float(value))
        elif name == "bool" and isinstance(value, int):
            out.append(bool(value))
        else:
            out.append(value)
    return out


def _count(status: str | None) -> int:
    """Rows changed, from a status such as ``UPDATE 3`` or ``INSERT 0 1``."""
    if not status:
        return 0
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() and not status.startswith("SELECT") else 0


class _PlainRow:
    """A read-only row: by index or column name."""

    def __init__(self, record: Any) -> None:
        self._keys = list(record.keys())
        self._values = [_number(v) for v in record.values()]

    def __getitem__(self, key: int | str) -> Any:
        if isinstance(key, str):
            return self._values[self._keys.index(key)]
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._keys)

    def __iter__(self) -> Any:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def _number(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
