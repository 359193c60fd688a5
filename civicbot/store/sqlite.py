"""The SQLite back end: one connection the store owns, a thread of its own, group commit.

**Where statements run.** A statement against a local SQLite file takes microseconds
(its pages are in SQLite's cache), while a trip to another thread costs 50-100 µs, so
the statements of a unit run inline, on the event loop. What can *wait* runs on the
store's own thread (a one-worker executor, ``self._thread``): ``BEGIN IMMEDIATE`` (which
waits up to ``busy_timeout`` for another process's write lock), ``COMMIT`` (a flush to
disk with ``synchronous=FULL``), checkpoints, backups, and large reads
(``read(large=True)``: a whole round, on a second connection so that the bot's writes
go on meanwhile). An :class:`asyncio.Lock` serialises use of the connection: its holder
is the only user, on the loop or on the thread, so the connection is never used from
two threads at once (that is what ``check_same_thread=False`` requires).

**Group commit.** A commit waits for the disk (several ms), and one flush per unit would
cap the bot at a few hundred writes a second. So a unit that ends while other units are
queued for the lock leaves the transaction open for them (up to ``MAX_GROUP``); each unit
runs inside its own ``SAVEPOINT``, so a failing unit rolls back alone; whoever releases
the lock with no writer queued commits for all. Every unit's ``async with db.write()``
returns only after that ``COMMIT``, so "committed" means on disk when a caller goes on.

The connection is opened with ``isolation_level=None`` (Python's sqlite3 never begins or
commits behind our back); WAL lets readers run beside the one writer; FULL makes a commit
durable against power loss too; ``secure_delete`` overwrites deleted content, so that
what ``/forget`` deletes does not linger in free pages of the file. Opening a connection,
its pragmas and the two ways a unit's statements run on it are
:mod:`civicbot.store.sqlite_conn`; this module decides which runs when.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from civicbot.store.db import DEFAULT_BUSY_TIMEOUT_MS, Database, Tx
from civicbot.store.sqlite_conn import (
    InlineTx,
    Reader,
    ThreadTx,
    create_private,
    fetch,
    open_connection,
    uncancelled_wait,
)

T = TypeVar("T")


async def connect_sqlite(
    path: str, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> SqliteDatabase:
    """Open ``path`` with the pragmas set. A new file is created readable by its owner
    only (SQLite gives its -wal and -shm files the same permissions): it holds the link
    between pseudonyms and Telegram accounts."""
    create_private(path)
    db = SqliteDatabase(path, busy_timeout_ms)
    try:
        db._conn = await db._on_thread(open_connection, path, busy_timeout_ms)
    except BaseException:
        db._thread.shutdown(wait=False)
        raise
    return db


class SqliteDatabase(Database):
    """See the module's docstring."""

    dialect = "sqlite"
    MAX_GROUP = 64  # units sharing one commit at most, so no one waits long

    def __init__(self, path: str, busy_timeout_ms: int) -> None:
        self.path = path
        self._busy_timeout_ms = busy_timeout_ms
        self._conn: sqlite3.Connection = None  # type: ignore[assignment]  # set by connect
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="civicbot-sqlite")
        self._lock = asyncio.Lock()
        self._writers_queued = 0
        self._group: asyncio.Future[None] | None = None
        self._units = 0
        self._reader: Reader | None = None
        self._pending: set[asyncio.Task[None]] = set()
        self._closed = False

    @property
    def connection(self) -> sqlite3.Connection:
        """The connection (for tests: hold the lock, or nothing else may be running)."""
        return self._conn

    async def _on_thread(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on the store's thread. A cancelled caller still waits for it
        to finish before the cancellation goes on, so the lock is never released while
        the thread uses the connection."""
        return await uncancelled_wait(self._thread, fn, *args)

    @asynccontextmanager
    async def read(self, *, large: bool = False) -> AsyncIterator[Tx]:
        if large and self.path != ":memory:":
            if self._reader is None:
                self._reader = Reader(self.path, self._busy_timeout_ms)
            async with self._reader.turn() as tx:
                yield tx
            return
        async with self._lock_held(writer=False):
            yield ThreadTx(self._conn, self._on_thread) if large else InlineTx(self._conn)

    @asynccontextmanager
    async def write(self, *, resident: str | None = None) -> AsyncIterator[Tx]:
        # One writer at a time in any case: group commit shares the disk flush instead.
        async with self._lock_held(writer=True):
            group = await self._join_group()
            self._conn.execute("SAVEPOINT unit")
            try:
                yield InlineTx(self._conn)
            except BaseException:
                self._undo_unit()
                raise
            self._conn.execute("RELEASE unit")
        await asyncio.shield(group)

    @asynccontextmanager
    async def _lock_held(self, *, writer: bool) -> AsyncIterator[None]:
        """Hold the connection; on leaving, commit the open group unless more writers
        are queued to join it (and it is not full)."""
        self._writers_queued += writer
        try:
            # Every store call lets other tasks run once, even when the lock is free and
            # its statements run inline: a loop of store calls must not starve the bot.
            await asyncio.sleep(0)
            await self._lock.acquire()
        except BaseException:
            self._writers_queued -= writer
            self._commit_soon()
            raise
        self._writers_queued -= writer
        try:
            yield
        finally:
            try:
                if self._writers_queued == 0 or self._units >= self.MAX_GROUP:
                    await self._commit()
            finally:
                self._lock.release()

    async def _join_group(self) -> asyncio.Future[None]:
        if self._group is None:
            try:
                await self._on_thread(self._conn.execute, "BEGIN IMMEDIATE")
            finally:
                if self._conn.in_transaction:  # it began, even if we were cancelled
                    self._group = asyncio.get_running_loop().create_future()
        assert self._group is not None
        self._units += 1
        return self._group

    def _undo_unit(self) -> None:
        try:
            self._conn.execute("ROLLBACK TO unit")
            self._conn.execute("RELEASE unit")
        except sqlite3.OperationalError as exc:
            # The error ended the whole transaction (disk full, I/O error): every unit
            # of the group is lost, and their callers are told so.
            if self._conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
            group, self._group, self._units = self._group, None, 0
            _settle(group, sqlite3.OperationalError(f"transaction rolled back ({exc})"))

    async def _commit(self) -> None:
        """Commit the open group, if any (the lock is held), and tell its units."""
        group, self._group, self._units = self._group, None, 0
        if group is None:
            return
        outcome: list[BaseException | None] = []
        try:
            await self._on_thread(_commit, self._conn, outcome)
        finally:
            _settle(group, outcome[0] if outcome else RuntimeError("COMMIT did not run"))

    def _commit_soon(self) -> None:
        """A writer gave up waiting: make sure a group left open for it still commits."""
        if self._group is None or self._writers_queued or self._lock.locked():
            return

        async def commit() -> None:
            async with self._lock_held(writer=False):
                pass

        task = asyncio.get_running_loop().create_task(commit())
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def checkpoint(self) -> bool:
        """Copy the write-ahead log into the file and truncate it, so that old page images
        (which may hold deleted rows) leave the log."""
        async with self._lock_held(writer=False):
            await self._commit()
            rows = await self._on_thread(fetch, self._conn, "PRAGMA wal_checkpoint(TRUNCATE)")
        return bool(rows) and rows[0][0] == 0

    async def backup(self, dest: Path) -> None:
        """SQLite's online backup API (safe while the bot runs, unlike copying the file)."""
        async with self._lock_held(writer=False):
            await self._commit()
            await self._on_thread(_backup_to, self._conn, str(dest))

    async def close(self) -> None:
        """Commit what is open and close (a second call does nothing)."""
        if self._closed:
            return
        if self._reader is not None:
            await self._reader.close()
        async with self._lock_held(writer=False):
            await self._commit()
            if not self._closed:
                self._closed = True
                await self._on_thread(self._conn.close)
        self._thread.shutdown(wait=False)


def _settle(group: asyncio.Future[None] | None, error: BaseException | None) -> None:
    if group is None or group.done():
        return
    if error is None:
        group.set_result(None)
    else:
        group.set_exception(error if isinstance(error, Exception) else RuntimeError(error))


def _commit(conn: sqlite3.Connection, outcome: list[BaseException | None]) -> None:
    try:
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        outcome.append(exc)
        return
    outcome.append(None)


def _backup_to(conn: sqlite3.Connection, dest: str) -> None:
    with contextlib.closing(sqlite3.connect(dest)) as target:
        conn.backup(target)
