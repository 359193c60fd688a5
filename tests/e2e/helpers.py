"""Reading the bot's database from end-to-end tests (through the Store where it can)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path
from typing import Any

from civicbot.store import Store, load_secret
from tests.e2e.conftest import SECRET


async def open_store(db: Path | str, voice_dir: Path | None = None) -> Store:
    """The bot's store (on PostgreSQL give the bot's voice folder, see ``voice_dir_of``)."""
    return await Store.open(
        db, secret=load_secret({"CIVICBOT_SECRET": SECRET}), voice_dir=voice_dir
    )


def resident_of(store: Store, user_id: int) -> str:
    return store.resident_id(user_id)


def rows(db: Path | str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """A query's rows, straight from the database (SQL in SQLite's dialect, translated for
    PostgreSQL as the store's is)."""
    if isinstance(db, Path):
        with sqlite3.connect(db) as conn:
            return list(conn.execute(sql, params))
    return _pg_rows(db, sql, params)


def _pg_rows(url: str, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    import asyncpg

    from civicbot.store.dialect import to_postgres

    async def fetch() -> list[tuple[Any, ...]]:
        conn = await asyncpg.connect(url)
        try:
            return [tuple(r) for r in await conn.fetch(to_postgres(sql), *params)]
        finally:
            await conn.close()

    # Called from async tests: the query runs on a loop of its own, in a thread.
    found: list[list[tuple[Any, ...]]] = []
    thread = threading.Thread(target=lambda: found.append(asyncio.run(fetch())))
    thread.start()
    thread.join()
    assert found, "the PostgreSQL query failed (see the thread's traceback)"
    return found[0]


def every_cell(db: Path) -> list[tuple[str, str]]:
    """(table, cell text) for every cell of every row of every table."""
    found: list[tuple[str, str]] = []
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                found.extend((table, str(cell)) for cell in row if cell is not None)
    return found
