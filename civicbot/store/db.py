"""The transaction layer: one small interface, two back ends (SQLite and PostgreSQL).

Everything in the store talks to a :class:`Database` through two blocks::

    async with db.read() as tx:        # statements see the latest committed data
        row = await tx.one("SELECT ...", (a, b))
    async with db.write() as tx:       # one unit: applied whole or not at all,
        await tx.execute("UPDATE ...")  # and durable when the block is left

Units of writing are **serialised**: across every process using the database, one write
unit runs at a time (SQLite's ``BEGIN IMMEDIATE`` write lock; on PostgreSQL a
transaction-level advisory lock), so a unit may read, decide and write without racing
another. On PostgreSQL a unit that names its resident (``write(resident=...)``, the
dialogue's own units) runs beside other residents' units, each committing (and flushing
to disk) on its own. SQL is written once, in SQLite's dialect with ``?`` or ``?N`` placeholders;
the PostgreSQL back end translates it (:mod:`civicbot.store.dialect`).

* SQLite (:mod:`civicbot.store.sqlite`): one connection owned by the store, with group
  commit (units queued together share one ``COMMIT``, each inside its own savepoint).
* PostgreSQL (:mod:`civicbot.store.postgres`): an ``asyncpg`` pool, one transaction per
  unit.

:func:`civicbot.store.engines.connect` picks the back end from the target: ``postgresql://…`` (or
``postgres://…``) is PostgreSQL; a path, ``:memory:`` or ``sqlite:///PATH`` is SQLite.
"""

from __future__ import annotations

import abc
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

DEFAULT_BUSY_TIMEOUT_MS = 10_000

Params = tuple[Any, ...] | list[Any] | dict[str, Any]


class Row(Protocol):
    """A result row (``sqlite3.Row`` or ``asyncpg.Record``): by index or column name."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def keys(self) -> Iterable[str]: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...


class Tx(abc.ABC):
    """Statements inside a ``read`` or ``write`` block. A data-changing statement has run
    to completion when ``execute`` returns; queries fetch all their rows at once."""

    @abc.abstractmethod
    def snapshot(self) -> AbstractAsyncContextManager[None]:
        """Several reads that must see the same data (a no-op inside a write unit, which
        sees one state already)."""

    @abc.abstractmethod
    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement that returns no rows; return the number of rows it changed."""

    @abc.abstractmethod
    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT into a table with an ``id`` key; return the new row's id."""

    @abc.abstractmethod
    async def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        """Run one statement per parameter set; return the rows changed in all."""

    @abc.abstractmethod
    async def all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query."""

    @abc.abstractmethod
    def stream(self, sql: str, params: Params = (), *, batch: int = 2000) -> AsyncIterator[Row]:
        """The rows of a large query, ``batch`` at a time, without holding them all
        (SQLite: the cursor on the store's thread; PostgreSQL: a server-side cursor). Use
        inside ``snapshot()`` (PostgreSQL cursors need a transaction)."""

    async def script(self, sql: str) -> None:
        """Run several statements without parameters (PostgreSQL migrations only)."""
        raise NotImplementedError("scripts run on PostgreSQL only")

    async def one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query that returns at most a few (use ``LIMIT 1``)."""
        rows = await self.all(sql, params)
        return rows[0] if rows else None

    async def scalar(self, sql: str, params: Params = ()) -> Any:
        row = await self.one(sql, params)
        return None if row is None else row[0]


class Database(abc.ABC):
    """A database the store owns: read blocks, write units, and upkeep."""

    dialect: str  # "sqlite" or "postgresql"

    @abc.abstractmethod
    def read(self, *, large: bool = False) -> AbstractAsyncContextManager[Tx]:
        """Reads. ``large`` (a whole round, an export) keeps the event loop free while the
        rows are read (SQLite runs such statements on the store's thread)."""

    @abc.abstractmethod
    def write(self, *, resident: str | None = None) -> AbstractAsyncContextManager[Tx]:
        """One write unit: applied completely or not at all, and durable on return.
        ``resident``: the unit touches only that resident's rows (and rows keyed by its
        update), so on PostgreSQL it may run beside other residents' units, never beside
        another unit of theirs nor a unit without a resident."""

    shared = False  # True when several bot processes may work on it at once

    async def try_lock(self, key: int) -> bool:
        """Take the named lease ``key`` for this process if no other process holds it
        (released by :meth:`unlock`, or when the process dies). One process owns an SQLite
        database, so there it is always granted."""
        return True

    async def unlock(self, key: int) -> None:
        """Give back a lease taken with :meth:`try_lock`."""
        return None

    @abc.abstractmethod
    async def checkpoint(self) -> bool:
        """Make deleted content leave the database's logs and free space (after
        ``/forget``); False when another user kept it from completing."""

    @abc.abstractmethod
    async def backup(self, dest: Path) -> None:
        """A consistent copy of the database at ``dest``, safe while the bot runs."""

    @abc.abstractmethod
    async def close(self) -> None: ...


def is_postgres_url(target: str | Path) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def sqlite_path(target: str | Path) -> str:
    """The file behind a SQLite target: ``sqlite:///PATH`` or a plain path."""
    text = str(target)
    # sqlite:///relative.db and sqlite:////absolute.db, as SQLAlchemy spells them
    return text[len("sqlite:///") :] if text.startswith("sqlite:///") else text


# --- timestamps ----------------------------------------------------------------------
# Stored as ISO 8601 text in UTC with a fixed shape, so that text order is time order
# and comparisons in SQL (``at <= ?``) are correct.


def to_db(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
