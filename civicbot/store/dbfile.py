"""Opening the database file a user named, with every problem said in one line.

:func:`opened` is how the command line opens ``--db``: it checks first that the file is
there and is civicbot's SQLite database (so a mistyped path, a YAML file or another
program's database is never created, migrated or written to), and turns SQLite's own
errors, while opening or while working, into a :class:`~civicbot.errors.DatabaseFileError`.
``secret=None`` opens it for commands that only read answers, which need no pseudonym key.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

from analysis.errors import os_problem
from civicbot.errors import DatabaseFileError
from civicbot.store.store import Store

_SQLITE_MAGIC = b"SQLite format 3\x00"
_FIX = "pass the bot's database file with --db (or set CIVICBOT_DB)"


def check_database_file(path: Path) -> None:
    """Raise :class:`DatabaseFileError` unless ``path`` is an existing SQLite file that
    civicbot made (it has the ``schema_migrations`` table). Reads only."""
    if path.is_dir():
        raise DatabaseFileError(path, "is a folder, not a database file", _FIX)
    if not path.exists():
        raise DatabaseFileError(path, "does not exist", _FIX)
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseFileError(path, os_problem(exc), _FIX) from exc
    if not head:
        raise DatabaseFileError(path, "is empty, so it holds no rounds", _FIX)
    if head != _SQLITE_MAGIC:
        raise DatabaseFileError(path, "is not an SQLite database", _FIX)
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as conn:
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            ).fetchone()
    except sqlite3.Error as exc:
        raise database_problem(path, exc) from exc
    if found is None:
        raise DatabaseFileError(path, "is an SQLite database, but not civicbot's", _FIX)


def database_problem(path: Path, exc: sqlite3.Error) -> DatabaseFileError:
    """An SQLite error met while opening or reading ``path``, as one line."""
    text = str(exc)
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        problem = f"is not a usable SQLite database ({text})"
        fix = "pass the bot's database, or restore it from a backup (civicbot restore)"
    elif "locked" in text or "busy" in text:
        problem = "is locked by another program"
        fix = "try again in a moment, or stop the program using it"
    elif "readonly" in text or "unable to open" in text:
        problem = f"cannot be opened for writing ({text})"
        fix = "check the permissions of the file and its folder, or work on a copy"
    else:
        problem = f"cannot be used ({text})"
        fix = "pass the bot's database, or restore it from a backup (civicbot restore)"
    return DatabaseFileError(path, problem, fix)


@contextlib.asynccontextmanager
async def opened(path: Path, *, secret: bytes | None, create: bool = False) -> AsyncIterator[Store]:
    """The store at ``path``, checked first unless ``create`` (``civicbot db migrate``,
    the bot itself); SQLite errors become :class:`DatabaseFileError`."""
    if not create:
        check_database_file(path)
    try:
        store = await Store.open(path, secret=secret)
    except sqlite3.Error as exc:
        raise database_problem(path, exc) from exc
    except OSError as exc:
        raise DatabaseFileError(path, os_problem(exc), _FIX) from exc
    try:
        yield store
    except sqlite3.DatabaseError as exc:
        raise database_problem(path, exc) from exc
    finally:
        with contextlib.suppress(sqlite3.Error):
            await store.close()
