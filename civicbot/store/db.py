"""The one aiosqlite connection: pragmas, transactions, and timestamps as stored.

The connection is opened with ``isolation_level=None`` so that Python's sqlite3 never
starts or commits transactions behind our back; every write unit is an explicit
``BEGIN IMMEDIATE`` ... ``COMMIT``. IMMEDIATE takes the write lock up front, so two
processes never deadlock upgrading a read to a write: the second waits (``busy_timeout``)
or fails fast. An :class:`asyncio.Lock` serialises use of the connection within one
process, so one task's statements never land inside another task's transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

DEFAULT_BUSY_TIMEOUT_MS = 10_000

# Applied on every connection. WAL lets readers run beside the one writer; FULL makes a
# commit durable against power loss too (NORMAL may lose the last commits in WAL mode).
# secure_delete overwrites deleted content, so that what /forget deletes does not linger
# in free pages of the file.
PRAGMAS: tuple[str, ...] = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA secure_delete=ON",
)

Params = tuple[Any, ...] | dict[str, Any]
T = TypeVar("T")


async def connect(path: str | Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Database:
    """Open ``path`` with the pragmas set. A new file is created readable by its owner
    only (SQLite gives its -wal and -shm files the same permissions): it holds the link
    between pseudonyms and Telegram accounts."""
    uri = str(path).startswith("file:")  # e.g. a read-only connection (``?mode=ro``)
    if not uri:
        _create_private(Path(path))
    conn = await aiosqlite.connect(
        str(path), isolation_level=None, timeout=busy_timeout_ms / 1000, uri=uri
    )
    try:
        conn.row_factory = sqlite3.Row
        # busy_timeout first: switching to WAL may have to wait for another connection.
        await conn.execute_fetchall(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        for pragma in PRAGMAS:
            await conn.execute_fetchall(pragma)
    except BaseException:
        await conn.close()
        raise
    return Database(conn)


def _create_private(path: Path) -> None:
    if str(path) == ":memory:":
        return
    # An empty file is an empty SQLite database.
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


class Database:
    """A connection with a lock, a read context and a write (transaction) context.

    **Group commit.** A commit with ``synchronous=FULL`` waits for the disk (several ms),
    and one flush per write would cap the bot at a few hundred writes a second. So a
    write unit that finishes while other write units are already queued for the
    connection leaves the transaction open for them: each unit runs inside its own
    ``SAVEPOINT`` (a failing unit rolls back alone), and the last unit of the group
    commits for all. Every unit's ``async with db.write()`` returns only after that
    ``COMMIT``, so "committed" still means on disk when a caller goes on.
    """

    MAX_GROUP = 64  # units sharing one commit at most, so no one waits long

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn
        self._lock = asyncio.Lock()
        self._writers_waiting = 0
        self._group: asyncio.Future[None] | None = None
        self._group_units = 0

    @property
    def connection(self) -> aiosqlite.Connection:
        return self._conn

    async def close(self) -> None:
        async with self._lock:
            await self._commit_group()
            await self._conn.close()

    async def checkpoint(self) -> bool:
        """Copy the write-ahead log into the database file and truncate it, so that old
        page images (which may hold deleted rows) leave the log. False when another
        connection kept it from completing; a later checkpoint will finish the job."""
        async with self._lock:
            await self._commit_group()
            rows = list(await self._conn.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)"))
        return bool(rows) and rows[0][0] == 0

    @asynccontextmanager
    async def committed(self) -> AsyncIterator[aiosqlite.Connection]:
        """The connection alone, with no write group open (for the backup API)."""
        async with self._lock:
            await self._commit_group()
            yield self._conn

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Tx]:
        """Statements run in autocommit mode and see the latest committed data (inside
        an open group they also see the group's own writes, which only this process can
        act on before the group commits)."""
        async with self._lock:
            try:
                yield Tx(self._conn)
            finally:
                if self._writers_waiting == 0:
                    await self._commit_group()

    @asynccontextmanager
    async def _writer_turn(self) -> AsyncIterator[None]:
        """Hold the connection for one write unit; afterwards commit the open group unless
        more write units are queued to join it (up to ``MAX_GROUP``)."""
        self._writers_waiting += 1
        try:
            await self._lock.acquire()
        except BaseException:
            self._writers_waiting -= 1
            self._commit_soon()
            raise
        self._writers_waiting -= 1
        try:
            yield
        finally:
            try:
                if self._writers_waiting == 0 or self._group_units >= self.MAX_GROUP:
                    await self._commit_group()
            finally:
                self._lock.release()

    @asynccontextmanager
    async def write(self) -> AsyncIterator[Tx]:
        """One write unit: applied completely or not at all, and durable on return."""
        async with self._writer_turn():
            if self._group is None:
                await self._conn.execute("BEGIN IMMEDIATE")
                self._group = asyncio.get_running_loop().create_future()
            group = self._group
            self._group_units += 1
            await self._conn.execute("SAVEPOINT unit")
            try:
                yield Tx(self._conn)
            except BaseException:
                await self._undo_unit()
                raise
            await self._conn.execute("RELEASE unit")
        await asyncio.shield(group)

    async def write_unit(self, body: Callable[[Tx], Coroutine[Any, Any, T]]) -> T:
        """Like ``async with write() as tx: return await body(tx)``, but the whole unit
        (savepoint, ``body``'s statements, release) runs in one trip to the database
        thread. Each trip costs far more than a simple statement (see :class:`Tx`), so the
        bot's busiest writes use this. ``body`` may await only ``tx``'s methods."""
        async with self._writer_turn():
            begin = self._group is None
            if begin:
                self._group = asyncio.get_running_loop().create_future()
            group = self._group
            assert group is not None
            self._group_units += 1
            outcome = await asyncio.shield(self._in_thread(_unit, body, begin))
            if outcome.began is False:  # BEGIN itself failed: there is no group
                self._group, self._group_units = None, 0
                group.cancel()
            elif outcome.group_lost:
                self._fail_group(sqlite3.OperationalError("transaction rolled back"))
            if outcome.error is not None:
                raise outcome.error
        await asyncio.shield(group)
        return outcome.value

    async def read_unit(self, body: Callable[[Tx], Coroutine[Any, Any, T]]) -> T:
        """Several reads in one trip to the database thread (see :meth:`write_unit`)."""
        async with self._lock:
            try:
                return await self._in_thread(lambda raw: _run_whole(body(_Direct(raw))))
            finally:
                if self._writers_waiting == 0:
                    await self._commit_group()

    async def _in_thread(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(sqlite3_connection, *args)`` in aiosqlite's worker thread, the only
        thread that touches the connection. aiosqlite has no public call for this; its
        ``_execute`` is what its own methods use."""
        conn = self._conn
        result: T = await conn._execute(lambda: fn(conn._conn, *args))
        return result

    async def _undo_unit(self) -> None:
        # Shielded so that a cancellation arriving now cannot leave the shared connection
        # inside a half-done unit.
        try:
            await asyncio.shield(self._conn.execute("ROLLBACK TO unit"))
            await asyncio.shield(self._conn.execute("RELEASE unit"))
        except sqlite3.OperationalError:
            # The error ended the whole transaction (disk full, I/O error): every unit
            # of the group is lost, and their callers are told so.
            self._fail_group(sqlite3.OperationalError("transaction rolled back"))

    async def _commit_group(self) -> None:
        """Commit the open group, if any (the lock is held)."""
        group = self._group
        if group is None:
            return
        self._group, self._group_units = None, 0
        try:
            await asyncio.shield(self._conn.execute("COMMIT"))
        except BaseException as exc:
            if self._conn.in_transaction:
                with contextlib.suppress(sqlite3.OperationalError):
                    await asyncio.shield(self._conn.execute("ROLLBACK"))
            if not group.done():
                group.set_exception(exc if isinstance(exc, Exception) else RuntimeError(exc))
            return
        if not group.done():
            group.set_result(None)

    def _fail_group(self, exc: Exception) -> None:
        group, self._group, self._group_units = self._group, None, 0
        if group is not None and not group.done():
            group.set_exception(exc)

    def _commit_soon(self) -> None:
        """A writer gave up waiting: make sure a group left open for it still commits."""
        if self._group is None or self._writers_waiting or self._lock.locked():
            return

        async def commit() -> None:
            async with self._lock:
                if self._writers_waiting == 0:
                    await self._commit_group()

        task = asyncio.get_running_loop().create_task(commit())
        self._pending_commit = task  # keep a reference until it runs


class Tx:
    """Statement helpers over the connection, valid inside a ``read`` or ``write`` block."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    # Each await is a round trip to aiosqlite's worker thread (about 0.1 ms here), so the
    # helpers use one each: a data-changing statement has run to completion when
    # ``execute`` returns, and queries fetch all their rows in one go (which also ends the
    # statement, so no read snapshot is left open).

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[None]:
        """Several reads that must see the same data: a read transaction, unless a write
        group is open on this connection (which is one already)."""
        if self._conn.in_transaction:
            yield
            return
        await self._conn.execute("BEGIN")
        try:
            yield
        finally:
            await self._conn.execute("COMMIT")

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement that returns no rows; return the number of rows it changed."""
        cursor = await self._conn.execute(sql, params)
        return max(cursor.rowcount, 0)

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT; return the new row's id."""
        cursor = await self._conn.execute(sql, params)
        if cursor.lastrowid is None:
            raise sqlite3.DatabaseError("INSERT gave no row id")
        return cursor.lastrowid

    async def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        cursor = await self._conn.executemany(sql, rows)
        return max(cursor.rowcount, 0)

    async def all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return list(await self._conn.execute_fetchall(sql, params))

    async def one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """The first row of a query that returns at most a few (use ``LIMIT 1``)."""
        rows = await self.all(sql, params)
        return rows[0] if rows else None

    async def scalar(self, sql: str, params: Params = ()) -> Any:
        row = await self.one(sql, params)
        return None if row is None else row[0]


class _Direct(Tx):
    """A :class:`Tx` over the plain sqlite3 connection, for code already running in the
    database thread: each method runs its statement at once, so a coroutine using only
    these never suspends (:func:`_run_whole` runs it to the end in one go)."""

    def __init__(self, raw: sqlite3.Connection) -> None:
        self._raw = raw

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[None]:
        # One trip is not one snapshot: another process may commit between statements.
        if self._raw.in_transaction:
            yield
            return
        self._raw.execute("BEGIN")
        try:
            yield
        finally:
            self._raw.execute("COMMIT")

    async def execute(self, sql: str, params: Params = ()) -> int:
        return max(self._raw.execute(sql, params).rowcount, 0)

    async def insert(self, sql: str, params: Params = ()) -> int:
        rowid = self._raw.execute(sql, params).lastrowid
        if rowid is None:
            raise sqlite3.DatabaseError("INSERT gave no row id")
        return rowid

    async def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        return max(self._raw.executemany(sql, rows).rowcount, 0)

    async def all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return list(self._raw.execute(sql, params).fetchall())


def _run_whole(coro: Awaitable[T]) -> T:
    """Run a coroutine that never suspends (it awaits only :class:`_Direct` methods)."""
    assert isinstance(coro, Coroutine)
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise RuntimeError("a database unit may await only its Tx's statements")


@dataclasses.dataclass
class _UnitOutcome:
    value: Any = None
    error: BaseException | None = None
    began: bool | None = None  # None: no BEGIN was needed; False: BEGIN failed
    group_lost: bool = False


def _unit(
    raw: sqlite3.Connection, body: Callable[[Tx], Coroutine[Any, Any, Any]], begin: bool
) -> _UnitOutcome:
    """One write unit, in the database thread: BEGIN IMMEDIATE (first unit of a group),
    SAVEPOINT, the body, RELEASE; or, if the body fails, back to the savepoint alone."""
    outcome = _UnitOutcome()
    if begin:
        try:
            raw.execute("BEGIN IMMEDIATE")
        except BaseException as exc:
            outcome.began, outcome.error = False, exc
            return outcome
        outcome.began = True
    raw.execute("SAVEPOINT unit")
    try:
        outcome.value = _run_whole(body(_Direct(raw)))
    except BaseException as exc:
        outcome.error = exc
        try:
            raw.execute("ROLLBACK TO unit")
            raw.execute("RELEASE unit")
        except sqlite3.OperationalError:
            # The error ended the whole transaction (disk full, I/O error): every unit
            # of the group is lost, and their callers are told so.
            outcome.group_lost = True
        return outcome
    raw.execute("RELEASE unit")
    return outcome


# --- timestamps ----------------------------------------------------------------------
# Stored as ISO 8601 text in UTC with a fixed shape, so that text order is time order
# and comparisons in SQL (``at <= ?``) are correct.


def to_db(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
