"""Opening the database a user named, with every problem said in one line.

``--db`` and ``CIVICBOT_DB`` name a target: a SQLite file (a path or ``sqlite:///PATH``)
or a PostgreSQL database (``postgresql://USER@HOST:PORT/DB``); :func:`db_target` reads
one. :func:`opened` is how the command line opens it: for a file it checks first that the
file is there and is civicbot's SQLite database (so a mistyped path, a YAML file or
another program's database is never created, migrated or written to); SQLite's and
PostgreSQL's own errors, while opening or while working, become a
:class:`~civicbot.errors.DatabaseFileError`. ``secret=None`` opens it for commands that
only read answers, which need no pseudonym key. :func:`open_store` opens the store the
settings name, with the secret read (in :func:`~civicbot.store.pseudonym.load_secret`).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

import yaml

from civicbot.errors import DatabaseFileError, UserError
from civicbot.store.db import is_postgres_url, sqlite_path
from civicbot.store.migrate import Migration, migrate
from civicbot.store.pseudonym import load_secret
from civicbot.store.restore_journal import finish_restore
from civicbot.store.store import Store, default_voice_dir
from civicbot_analysis.errors import os_problem
from civicbot_analysis.rounddata import RoundData

_SQLITE_MAGIC = b"SQLite format 3\x00"
_FIX = "pass the bot's database file with --db (or set CIVICBOT_DB)"
_PG_FIX = "check --db (or CIVICBOT_DB) and that the PostgreSQL server is running"

DbTarget = Path | str  # a SQLite file, or a postgresql:// URL


def db_target(text: str | Path) -> DbTarget:
    """``--db``/``CIVICBOT_DB`` as given: a ``postgresql://`` URL stays a string, anything
    else (a path, ``sqlite:///PATH``) is the SQLite file's path."""
    return str(text) if is_postgres_url(text) else Path(sqlite_path(text))


def shown(target: DbTarget) -> str:
    """The target for messages: a URL without its password."""
    if isinstance(target, Path):
        return str(target)
    parts = urlsplit(target)
    if parts.password is None:
        return target
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


class StoreSettings(Protocol):
    """What :func:`open_store` needs of :class:`~civicbot.settings.Settings`."""

    @property
    def db(self) -> DbTarget: ...

    @property
    def voice_dir(self) -> Path | None: ...

    @property
    def env(self) -> Mapping[str, str]: ...


@contextlib.asynccontextmanager
async def open_store(
    settings: StoreSettings, *, needs_secret: bool = True, create: bool = False
) -> AsyncIterator[Store]:
    """The store the settings name (``CIVICBOT_DB``), with the pseudonym secret read from
    ``CIVICBOT_SECRET``/``CIVICBOT_SECRET_FILE`` when ``needs_secret``: the one way the
    bot and the commands open it."""
    secret = load_secret(settings.env) if needs_secret else None
    async with opened(
        settings.db, secret=secret, create=create, voice_dir=settings.voice_dir
    ) as store:
        yield store


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
    if type(exc).__module__.startswith("asyncpg"):
        return True
    return isinstance(exc, UnicodeDecodeError) and b"database" in bytes(exc.object)


def database_problem(path: DbTarget, exc: Exception) -> DatabaseFileError:
    """An SQLite or PostgreSQL error met while opening or reading ``path``, as one line."""
    if not isinstance(path, Path):
        first = (str(exc).splitlines() or [type(exc).__name__])[0]
        return DatabaseFileError(shown(path), f"cannot be used ({first})", _PG_FIX)
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
    path: DbTarget, *, secret: bytes | None, create: bool = False, voice_dir: Path | None = None
) -> AsyncIterator[Store]:
    """The store at ``path`` (a file or a URL, see :func:`db_target`), a file checked first
    unless ``create`` (``civicbot db migrate``, the bot itself); database errors become
    :class:`DatabaseFileError`. A restore cut short is finished first
    (:mod:`civicbot.store.restore_journal`)."""
    try:  # a restore cut short is finished (or cleared away) before anything else
        await finish_restore(path, voice_dir or default_voice_dir(path), secret)
    except (OSError, ValueError) as exc:
        where = path if isinstance(path, Path) else shown(path)
        raise DatabaseFileError(
            where, f"has a restore cut short that could not be finished ({exc})", _FIX
        ) from exc
    if isinstance(path, Path) and not create:
        check_database_file(path)
    try:
        store = await Store.open(path, secret=secret, voice_dir=voice_dir)
    except OSError as exc:
        if not isinstance(path, Path):
            raise DatabaseFileError(shown(path), f"cannot be reached ({exc})", _PG_FIX) from exc
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
        with contextlib.suppress(sqlite3.Error, OSError):
            await store.close()


async def migrate_target(target: DbTarget) -> list[Migration]:
    """Apply pending migrations (creating a SQLite file); database errors in one line. A
    restore cut short is finished first, so no new file is made in the restored one's place."""
    try:
        await finish_restore(target, default_voice_dir(target), None)
        return await migrate(target)
    except OSError as exc:
        if isinstance(target, Path):
            raise
        raise DatabaseFileError(shown(target), f"cannot be reached ({exc})", _PG_FIX) from exc
    except Exception as exc:
        if _from_sqlite(exc):
            raise database_problem(target, exc) from exc
        raise


async def read_round_data(store: Store, path: DbTarget, round_id: int) -> RoundData:
    """The analysis input of a round; stored data that cannot be decoded (a damaged file)
    is a :class:`DatabaseFileError`, not a crash."""
    try:
        return await store.round_data(round_id)
    except UserError:
        raise
    except (ValueError, LookupError, TypeError, AttributeError, yaml.YAMLError) as exc:
        problem = f"holds data for round {round_id} that cannot be read ({type(exc).__name__})"
        fix = "it may be damaged: restore it from a backup (civicbot restore)"
        raise DatabaseFileError(shown(path), problem, fix) from exc
