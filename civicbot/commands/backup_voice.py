"""The voice-note folder in backups: ``civicbot backup`` copies it beside the backup as
``<backup>-voice``, and ``civicbot restore`` puts it back beside the restored database.

The folder holds sealed files (AES-256-GCM under a key derived from the secret; see
:mod:`civicbot.store.voice_files`): they are copied byte for byte, private to their owner
(0700/0600), and stay useless without the secret. The bot's folder is
``CIVICBOT_VOICE_DIR`` when it is set, else ``<database file>-voice`` on SQLite; on
PostgreSQL only ``CIVICBOT_VOICE_DIR`` names one.

The copy is taken after the database's, so every file the backed-up rows name is there
(a note's row is marked kept only once its file is written); a file written meanwhile is
one no restored row names, and the restore sweeps it. A restore copies the folder to a
staging folder first; the tombstones applied to the restored database delete forgotten
residents' files there, and only then is it swapped in. The replaced folder is kept as
``<folder>.pre-restore``, like the database. The swaps are journalled, so a restore cut
short between them is finished the next time the store is opened
(:mod:`civicbot.store.restore_journal`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from civicbot.store.dbfile import DbTarget
from civicbot.store.restore_journal import STAGING, with_suffix
from civicbot.store.store import default_voice_dir
from civicbot.store.voice_files import SUFFIX
from civicbot_analysis.errors import FileError, os_problem

VOICE_ENV = "CIVICBOT_VOICE_DIR"


def voice_backup_path(backup: Path) -> Path:
    """Where a backup's voice files are: ``<backup>-voice`` beside it."""
    return backup.with_name(backup.name + "-voice")


def live_voice_folder(db: DbTarget, env: Mapping[str, str]) -> Path | None:
    """The bot's voice folder for ``db``: ``CIVICBOT_VOICE_DIR``, else the SQLite default;
    None on PostgreSQL without ``CIVICBOT_VOICE_DIR``."""
    configured = env.get(VOICE_ENV) or None
    if configured is not None:
        return Path(configured)
    return default_voice_dir(db) if isinstance(db, Path) else None


def voice_files(folder: Path) -> list[Path]:
    """The sealed voice files in ``folder`` (none when it does not exist)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.endswith(SUFFIX) and p.is_file())


def copy_voice_files(source: Path, dest: Path) -> int:
    """Copy the sealed files of ``source`` into ``dest`` (a new private folder); return
    how many. A file deleted while copying (a /forget) is left out: its rows are gone."""
    try:
        dest.mkdir(mode=0o700)
        os.chmod(dest, 0o700)  # whatever the umask
    except OSError as exc:
        raise FileError(dest, os_problem(exc), "check the folder it is in") from exc
    copied = 0
    for path in voice_files(source):
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise FileError(path, os_problem(exc), "check the voice folder's permissions") from exc
        target = dest / path.name
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, blob)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise FileError(
                target, os_problem(exc), "check the free space and permissions"
            ) from exc
        copied += 1
    return copied


def staging_folder(folder: Path) -> Path:
    return with_suffix(folder, STAGING)
