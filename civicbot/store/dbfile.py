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

import yaml

from analysis.errors import os_problem
from analysis.rounddata import RoundData
from civicbot.errors import DatabaseFileError, UserError
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
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise database_problem(path, exc) from exc
    if found is None:
        raise DatabaseFileError(path, "is an SQLite database, but not civicbot's", _FIX)


def _from_sqlite(exc: BaseException) -> bool:
    """SQLite's own error, or Python's sqlite3 failing to decode one (a damaged schema
    makes SQLite quote bytes that are not UTF-8 in its message)."""
    if isinstance(exc, sqlite3.Error):
        return True
    return isinstance(exc, UnicodeDecodeError) and b"database" in bytes(exc.object)


def database_problem(path: Path, exc: Exception) -> DatabaseFileError:
    """An SQLite error met while opening or reading ``path``, as one line."""
    if isinstance(exc, UnicodeDecodeError):
        text = bytes(exc.object).decode("utf-8", "replace")
    else:
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
async def opened(
    path: Path, *, secret: bytes | None, create: bool = False, voice_dir: Path | None = None
) -> AsyncIterator[Store]:
    """The store at ``path``, checked first unless ``create`` (``civicbot db migrate``,
    the bot itself); SQLite errors become :class:`DatabaseFileError`."""
    if not create:
        check_database_file(path)
    try:
        store = await Store.open(path, secret=secret, voice_dir=voice_dir)
    except OSError as exc:
        raise DatabaseFileError(path, os_problem(exc), _FIX) from exc
    except Exception as exc:
        if _from_sqlite(exc):
            raise database_problem(path, exc) from exc
        raise
    try:
        yield store
    except Exception as exc:
        if _from_sqlite(exc):
            raise database_problem(path, exc) from exc
        raise
    finally:
        with contextlib.suppress(sqlite3.Error):
            await store.close()


async def read_round_data(store: Store, path: Path, round_id: int) -> RoundData:
    """The analysis input of a round; stored data that cannot be decoded (a damaged file)
    is a :class:`DatabaseFileError`, not a crash."""
    try:
        return await store.round_data(round_id)
    except UserError:
        raise
    except (ValueError, LookupError, TypeError, AttributeError, yaml.YAMLError) as exc:
        problem = f"holds data for round {round_id} that cannot be read ({type(exc).__name__})"
        fix = "it may be damaged: restore it from a backup (civicbot restore)"
        raise DatabaseFileError(path, problem, fix) from exc
