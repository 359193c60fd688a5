"""SQLite connections and how a unit's statements run on one: the pragmas every connection
gets, a new file created private, statements inline on the event loop (:class:`InlineTx`)
or on a connection's own thread (:class:`ThreadTx`), and the second connection large reads
use beside the writer (:class:`Reader`).

Which connection a unit uses, when it is locked, and when it commits is
:mod:`civicbot.store.sqlite` (the database the store holds).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from civicbot.store.db import Params, Row, Tx

PRAGMAS: tuple[str, ...] = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA secure_delete=ON",
)

T = TypeVar("T")


def create_private(path: str) -> None:
    """Create the database file readable by its owner only, if it does not exist yet."""
    if path == ":memory:" or path.startswith("file:"):
        return
    # An empty file is an empty SQLite database.
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def open_connection(path: str, busy_timeout_ms: int) -> sqlite3.Connection:
    """A connection with :data:`PRAGMAS` set, for use from one thread at a time."""
    conn = sqlite3.connect(
        path,
        isolation_level=None,
        timeout=busy_timeout_ms / 1000,
        check_same_thread=False,
        uri=path.startswith("file:"),
    )
    try:
        conn.row_factory = sqlite3.Row
        # busy_timeout first: switching to WAL may have to wait for another connection.
        conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        for pragma in PRAGMAS:
            conn.execute(pragma).fetchall()
    except BaseException:
        conn.close()
        raise
    return conn


class Reader:
    """A second connection with its own thread, for large reads beside the writer."""

    def __init__(self, path: str, busy_timeout_ms: int) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="civicbot-read")
        self._args = (path, busy_timeout_ms)
        self._conn: sqlite3.Connection | None = None
        self._lock = asyncio.Lock()

    async def _on_thread(self, fn: Callable[..., T], *args: Any) -> T:
        return await uncancelled_wait(self._thread, fn, *args)

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[Tx]:
        async with self._lock:
            if self._conn is None:
                self._conn = await self._on_thread(open_connection, *self._args)
            yield ThreadTx(self._conn, self._on_thread)

    async def close(self) -> None:
        async with self._lock:
            if self._conn is not None:
                await self._on_thread(self._conn.close)
        self._thread.shutdown(wait=False)


async def uncancelled_wait(thread: ThreadPoolExecutor, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` on ``thread``; a cancelled caller still waits for it to finish."""
    future = asyncio.get_running_loop().run_in_executor(thread, fn, *args)
    cancelled = False
    while not future.done():
        try:
            await asyncio.wait([future])
        except asyncio.CancelledError:
            cancelled = True
    if cancelled:
        raise asyncio.CancelledError
    return future.result()


def fetch(conn: sqlite3.Connection, sql: str, params: Params = ()) -> list[Row]:
    return list(conn.execute(sql, params).fetchall())


class InlineTx(Tx):
    """Statements run at once, on the caller's thread (the lock is held)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[None]:
        if self._conn.in_transaction:
            yield
            return
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            self._conn.execute("COMMIT")

    async def execute(self, sql: str, params: Params = ()) -> int:
        return max(self._conn.execute(sql, params).rowcount, 0)

    async def insert(self, sql: str, params: Params = ()) -> int:
        rowid = self._conn.execute(sql, params).lastrowid
        if rowid is None:
            raise sqlite3.DatabaseError("INSERT gave no row id")
        return rowid

    async def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        return max(self._conn.executemany(sql, rows).rowcount, 0)

    async def all(self, sql: str, params: Params = ()) -> list[Row]:
        return fetch(self._conn, sql, params)

    async def stream(
        self, sql: str, params: Params = (), *, batch: int = 2000
    ) -> AsyncIterator[Row]:
        for row in self._conn.execute(sql, params):
            yield row


class ThreadTx(Tx):
    """Statements run on the connection's thread, so long reads leave the loop free."""

    def __init__(self, conn: sqlite3.Connection, on_thread: Callable[..., Any]) -> None:
        self._conn = conn
        self._on_thread = on_thread

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[None]:
        if self._conn.in_transaction:
            yield
            return
        await self._on_thread(self._conn.execute, "BEGIN")
        try:
            yield
        finally:
            await self._on_thread(self._conn.execute, "COMMIT")

    async def execute(self, sql: str, params: Params = ()) -> int:
        cursor = await self._on_thread(self._conn.execute, sql, params)
        return max(cursor.rowcount, 0)

    async def insert(self, sql: str, params: Params = ()) -> int:
        cursor = await self._on_thread(self._conn.execute, sql, params)
        if cursor.lastrowid is None:
            raise sqlite3.DatabaseError("INSERT gave no row id")
        return int(cursor.lastrowid)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        cursor = await self._on_thread(self._conn.executemany, sql, list(rows))
        return max(cursor.rowcount, 0)

    async def all(self, sql: str, params: Params = ()) -> list[Row]:
        rows: list[Row] = await self._on_thread(fetch, self._conn, sql, params)
        return rows

    async def stream(
        self, sql: str, params: Params = (), *, batch: int = 2000
    ) -> AsyncIterator[Row]:
        cursor = await self._on_thread(self._conn.execute, sql, params)
        try:
            while rows := await self._on_thread(cursor.fetchmany, batch):
                for row in rows:
                    yield row
        finally:
            await self._on_thread(cursor.close)
