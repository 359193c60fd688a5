"""Reading the bot's database from end-to-end tests (through the Store where it can)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from civicbot.store import Store, load_secret
from tests.e2e.conftest import SECRET


async def open_store(db: Path) -> Store:
    return await Store.open(db, secret=load_secret({"CIVICBOT_SECRET": SECRET}))


def resident_of(store: Store, user_id: int) -> str:
    return store.resident_id(user_id)


def rows(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute(sql, params))


def every_cell(db: Path) -> list[tuple[str, str]]:
    """(table, cell text) for every cell of every row of every table."""
    found: list[tuple[str, str]] = []
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                found.extend((table, str(cell)) for cell in row if cell is not None)
    return found
