"""Opening a database: the back end chosen from the target (see :mod:`civicbot.store.db`).

``postgresql://…`` (or ``postgres://…``) is PostgreSQL; a path, ``:memory:`` or
``sqlite:///PATH`` is SQLite.
"""

from __future__ import annotations

from pathlib import Path

from civicbot.store.db import DEFAULT_BUSY_TIMEOUT_MS, Database, is_postgres_url, sqlite_path
from civicbot.store.sqlite import connect_sqlite


async def connect(
    target: str | Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> Database:
    """Open the database named by ``target`` (see the module's docstring)."""
    if is_postgres_url(target):
        try:
            from civicbot.store.postgres import connect_postgres
        except ImportError as exc:
            from civicbot.errors import UserError

            raise UserError(
                f"{exc.name or 'asyncpg'} is not installed, and PostgreSQL needs it:"
                " pip install 'civicbot[postgres]'"
            ) from None
        return await connect_postgres(str(target))
    return await connect_sqlite(sqlite_path(target), busy_timeout_ms=busy_timeout_ms)
