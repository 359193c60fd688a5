"""Finishing a restore that was cut short (``civicbot restore`` killed, or the machine lost).

A restore prepares everything beside the live data first: the restored database
(``<db>.restoring`` on SQLite, with every /forget applied) and the restored voice-note
folder (``<folder>.restoring``, with forgotten residents' files already deleted). Only
then does it write a journal, ``<db>.restore-journal`` (on PostgreSQL
``<voice folder>.restore-journal``), saying what is left to do, and make its swaps: the
database, then the folder. A crash between the two used to leave the restored database
beside the old folder, so rows named voice files that were not there.

:func:`finish_restore` runs whenever the store is opened (:func:`civicbot.store.dbfile.opened`,
the one way the bot and every command open it) and at the start of every restore:

- with a journal, it makes the swaps still to be made and removes the journal (each swap
  checks what is already done, so a crash during recovery is recovered too);
- on PostgreSQL, a journal written before ``pg_restore`` means the database may or may not
  hold the backup yet, and may lack the tombstones: it restores the dump again and applies
  the tombstones the journal lists, then swaps the folder;
- without a journal, a ``.restoring`` copy is a restore stopped before it swapped
  anything: the copy is removed (it may hold voice files of residents who used /forget
  before the tombstones were applied to it) and the live data is left as it was.

Each outcome is logged as a warning in one sentence. Nothing here runs SQL of its own.
Stop the bot before a restore: recovery assumes nothing else is swapping at the time.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path

from civicbot.errors import UserError
from civicbot.store.db import is_postgres_url, sqlite_path
from civicbot.store.rows import Tombstone

log = logging.getLogger(__name__)
JOURNAL = ".restore-journal"
STAGING = ".restoring"
PREVIOUS = ".pre-restore"
SQLITE, POSTGRES = "sqlite", "postgresql"
NOTHING_DONE, SWAPS_LEFT = "database", "swap"


@dataclass(frozen=True)
class Journal:
    kind: str  # SQLITE or POSTGRES
    phase: str  # NOTHING_DONE (PostgreSQL, before pg_restore) or SWAPS_LEFT
    db: str | None = None  # SQLite: the live database file
    staging: str | None = None  # SQLite: the restored copy, ready
    voice: str | None = None  # the live voice folder
    voice_staged: str | None = None  # the restored voice folder, ready
    source: str | None = None  # PostgreSQL: the dump, to restore again
    tombstones: list[tuple[str, str]] = field(default_factory=list)  # (resident, ISO time)


def with_suffix(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def journal_path(db: str | Path, voice: Path | None) -> Path | None:
    """Where a restore of ``db`` keeps its journal: beside an SQLite file, beside the
    voice folder on PostgreSQL (None there without one: nothing to swap)."""
    if is_postgres_url(db):
        return with_suffix(voice, JOURNAL) if voice is not None else None
    if str(db) == ":memory:" or str(db).startswith("file:"):
        return None
    return with_suffix(Path(sqlite_path(db)), JOURNAL)


def write_journal(path: Path, journal: Journal) -> None:
    """Write the journal durably (a temporary file, fsync, rename, fsync of the folder):
    once it is there, everything it names is ready."""
    tmp = with_suffix(path, ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, json.dumps(asdict(journal)).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _sync_folder(path.parent)


def read_journal(path: Path) -> Journal:
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["tombstones"] = [tuple(t) for t in raw.get("tombstones", [])]
    return Journal(**raw)


def remove_journal(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            with_suffix(path, suffix).unlink()


def remove_folder(folder: Path | None) -> None:
    if folder is not None:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(folder)


def _set_aside(live: Path, remove: Callable[[Path], None]) -> None:
    """Move ``live`` (if there) to ``<live>.pre-restore``, replacing any earlier one."""
    if live.exists():
        previous = with_suffix(live, PREVIOUS)
        remove(previous)
        os.replace(live, previous)


def swap_database(staging: Path, db: Path) -> None:
    """Put the restored copy ``staging`` in place of ``db``, keeping the replaced file as
    ``<db>.pre-restore``. Done already (no ``staging``): nothing to do."""
    if not staging.exists():
        return
    _set_aside(db, remove_database)
    remove_database(db)  # any -wal/-shm left beside it belong to the old file
    os.replace(staging, db)
    _sync_folder(db.parent)


def swap_folder(staged: Path, live: Path) -> None:
    """Put the restored folder ``staged`` in place of ``live``, keeping the replaced one
    as ``<live>.pre-restore``. Done already (no ``staged``): nothing to do."""
    if not staged.exists():
        return
    _set_aside(live, remove_folder)
    live.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.replace(staged, live)
    _sync_folder(live.parent)


async def finish_restore(db: str | Path, voice: Path | None, secret: bytes | None) -> str | None:
    """Finish (or clear away) a restore of ``db`` that was cut short; the sentence said,
    or None when there was none."""
    path = journal_path(db, voice)
    if path is not None:  # a journal cut short while written: the restore had not begun
        with contextlib.suppress(FileNotFoundError):
            with_suffix(path, ".part").unlink()
    if path is not None and path.exists():
        journal = read_journal(path)
        if journal.phase == NOTHING_DONE:
            await _redo_postgres(db, journal, secret)
            write_journal(path, replace(journal, phase=SWAPS_LEFT))
        if journal.staging and journal.db:
            swap_database(Path(journal.staging), Path(journal.db))
        if journal.voice_staged and journal.voice:
            swap_folder(Path(journal.voice_staged), Path(journal.voice))
        remove_journal(path)
        said = (
            f"finished a restore that was cut short ({path.name} found): the restored "
            "database and voice notes are now in place"
        )
        log.warning(said)
        return said
    return _clear_leftovers(db, voice)


async def _redo_postgres(db: str | Path, journal: Journal, secret: bytes | None) -> None:
    from civicbot.store.postgres import restore_dump
    from civicbot.store.store import Store

    source = Path(journal.source or "")
    if not is_postgres_url(db) or not source.is_file():
        raise UserError(
            f"a restore was cut short and its backup {source} is gone: run civicbot restore "
            "again with the same --from"
        )
    restore_dump(str(db), source)
    staged = Path(journal.voice_staged) if journal.voice_staged else None
    async with await Store.open(db, secret=secret, voice_dir=staged) as store:
        await store.apply_tombstones(
            Tombstone(who, datetime.fromisoformat(when)) for who, when in journal.tombstones
        )


def _clear_leftovers(db: str | Path, voice: Path | None) -> str | None:
    """A restore stopped before its journal: its copies are removed, nothing swapped."""
    found: list[Path] = []
    if journal_path(db, None) is not None:  # an SQLite file
        staging = with_suffix(Path(sqlite_path(db)), STAGING)
        if staging.exists():
            remove_database(staging)
            found.append(staging)
    if voice is not None and with_suffix(voice, STAGING).exists():
        remove_folder(with_suffix(voice, STAGING))
        found.append(with_suffix(voice, STAGING))
    if not found:
        return None
    said = (
        "removed what a restore cut short before swapping anything left behind ("
        + ", ".join(p.name for p in found)
        + "): the live database and voice notes are as they were"
    )
    log.warning(said)
    return said
