"""``civicbot backup`` and ``civicbot restore``: copies of the database that respect /forget.

A backup is made with SQLite's online backup API (safe while the bot runs), or on
PostgreSQL with ``pg_dump --format=custom`` (a clear one-line error where it is not
installed), readable by its owner only, with the database's tombstones (who asked to be
forgotten, and when) exported beside it as ``<backup>.tombstones.json``.

A restore never brings back someone who asked to be forgotten after the backup was made:
before replacing the live database it reads the live database's tombstones (and any
exports given), copies the backup to a temporary file, brings its schema up to date,
applies every tombstone to it, and only then swaps it in. The replaced database is kept
as ``<db>.pre-restore`` (it already has every /forget applied). On PostgreSQL the dump is
restored over the database in one transaction (``pg_restore --clean``), then brought up
to date and every tombstone applied before the command returns. Stop the bot first.

The voice-note folder goes with the database (:mod:`civicbot.commands.backup_voice`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import click

from civicbot.commands._options import DB_TARGET
from civicbot.commands.backup_voice import (
    VOICE_ENV,
    copy_voice_files,
    live_voice_folder,
    staging_folder,
    voice_backup_path,
    voice_files,
)
from civicbot.store import Tombstone, load_secret
from civicbot.store.dbfile import DbTarget, check_database_file, opened, shown
from civicbot.store.restore_journal import (
    NOTHING_DONE,
    POSTGRES,
    SQLITE,
    SWAPS_LEFT,
    Journal,
    finish_restore,
    journal_path,
    remove_database,
    remove_folder,
    remove_journal,
    swap_database,
    swap_folder,
    write_journal,
)
from civicbot_analysis.errors import FileError, os_problem
from civicbot_analysis.textfile import check_output_file, read_text, write_atomic

DbPath = click.Path(path_type=Path)


def tombstones_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".tombstones.json")


def write_tombstones(path: Path, tombstones: Iterable[Tombstone]) -> None:
    data = {
        "tombstones": [
            {"resident": t.resident, "forgotten_at": t.forgotten_at.isoformat()} for t in tombstones
        ]
    }
    _write_private(path, json.dumps(data, indent=1).encode())


def read_tombstones(path: Path) -> list[Tombstone]:
    fix = "pass the .tombstones.json file written beside a backup"
    try:
        raw = json.loads(read_text(path, "tombstones file"))
        return [
            Tombstone(str(item["resident"]), datetime.fromisoformat(str(item["forgotten_at"])))
            for item in raw.get("tombstones", [])
        ]
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise FileError(path, f"is not a tombstones file ({type(exc).__name__})", fix) from exc


def _write_private(path: Path, content: bytes) -> None:
    write_atomic(path, content, mode=0o600)


class Backup(NamedTuple):
    tombstones: int  # exported beside the backup
    voice_files: int | None  # copied to <backup>-voice; None: no voice folder to copy


class Restored(NamedTuple):
    tombstones: int  # applied to the restored database
    deleted: int  # rows of forgotten residents they removed
    voice_files: int | None  # voice files put back; None: the backup has no voice folder


async def backup_database(
    db: DbTarget, out: Path, secret: bytes | None, *, voice: Path | None = None
) -> Backup:
    """Back ``db`` up to ``out`` (which must not exist), and the voice folder ``voice``
    (when it exists) to ``<out>-voice``. The copies are made beside them under temporary
    names, private to their owner, and renamed only when both are complete, so ``out`` is
    never a partial backup."""
    check_output_file(out)
    partial = out.with_name(f".{out.name}.part")
    voice_out = voice_backup_path(out)
    voice_partial = voice_out.with_name(f".{voice_out.name}.part")
    remove_database(partial)
    remove_folder(voice_partial)
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise FileError(out, os_problem(exc), "choose another --out") from exc
    copied: int | None = None
    try:
        async with opened(db, secret=secret) as store:
            await store.backup(partial)
            tombstones = await store.tombstones()
        if voice is not None and voice.is_dir():  # after the database: see backup_voice
            copied = copy_voice_files(voice, voice_partial)
        write_tombstones(tombstones_path(out), tombstones)
        if copied is not None:
            os.replace(voice_partial, voice_out)
        os.replace(partial, out)
    except BaseException:
        remove_database(partial)
        remove_folder(voice_partial)
        raise
    return Backup(len(tombstones), copied)


async def restore_database(
    source: Path,
    db: DbTarget,
    secret: bytes,
    extra: Sequence[Path] = (),
    *,
    voice: Path | None = None,
) -> Restored:
    """Restore ``source`` over ``db``, and the voice files beside it (if any) into the
    voice folder ``voice``."""
    await finish_restore(db, voice, secret)  # an earlier restore cut short, first
    if not isinstance(db, Path):
        return await _restore_postgres(source, db, secret, extra, voice)
    tombstones: list[Tombstone] = []
    check_database_file(source)
    if db.exists():
        async with opened(db, secret=secret) as live:
            tombstones += await live.tombstones()
    for path in [tombstones_path(source), *extra]:
        if path.exists():
            tombstones += read_tombstones(path)
    staging = db.with_name(db.name + ".restoring")
    remove_database(staging)
    voice_staged = _stage_voice(source, voice)
    try:
        shutil.copyfile(source, staging)  # a finished backup file is not live: copying is fine
    except OSError as exc:
        remove_folder(voice_staged)
        raise FileError(staging, os_problem(exc), "check the folder of --db") from exc
    os.chmod(staging, 0o600)
    try:
        # The staged voice folder is the restored copy's: its tombstones delete files there.
        async with opened(staging, secret=secret, voice_dir=voice_staged) as restored:
            deleted = await restored.apply_tombstones(tombstones)
            # The restored copy carries the union, so the next backup exports it too.
            kept = await restored.tombstones()
    except BaseException:
        remove_database(staging)
        remove_folder(voice_staged)
        raise
    # Everything is ready: from the journal on, a crash is finished by the next open.
    journal = journal_path(db, voice)
    assert journal is not None  # a file
    count = len(voice_files(voice_staged)) if voice_staged is not None else None
    write_journal(journal, Journal(SQLITE, SWAPS_LEFT, _str(db), _str(staging),
                                   _str(voice), _str(voice_staged)))  # fmt: skip
    swap_database(staging, db)
    if voice_staged is not None and voice is not None:
        swap_folder(voice_staged, voice)
    remove_journal(journal)
    return Restored(len(kept), deleted, count)


def _str(path: Path | None) -> str | None:
    """A path for the journal: absolute, as the next open may run from another folder."""
    return None if path is None else str(path.absolute())


def _stage_voice(source: Path, voice: Path | None) -> Path | None:
    """A copy of the backup's voice files beside ``voice``; None when there is nothing to
    restore (no voice folder beside the backup, or nowhere to put it)."""
    kept = voice_backup_path(source)
    if voice is None or not kept.is_dir():
        return None
    staged = staging_folder(voice)
    remove_folder(staged)
    voice.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        copy_voice_files(kept, staged)
    except BaseException:
        remove_folder(staged)
        raise
    return staged


async def _restore_postgres(
    source: Path, url: str, secret: bytes, extra: Sequence[Path], voice: Path | None
) -> Restored:
    from civicbot.store.postgres import PG_DUMP_MAGIC, restore_dump

    try:
        with source.open("rb") as handle:
            magic = handle.read(len(PG_DUMP_MAGIC))
    except OSError as exc:
        raise FileError(source, os_problem(exc), "pass a backup made by civicbot backup") from exc
    if magic != PG_DUMP_MAGIC:
        raise FileError(source, "is not a PostgreSQL backup (pg_dump custom format)", "")
    tombstones: list[Tombstone] = []
    async with opened(url, secret=secret) as live:
        tombstones += await live.tombstones()
    for path in [tombstones_path(source), *extra]:
        if path.exists():
            tombstones += read_tombstones(path)
    voice_staged = _stage_voice(source, voice)
    # The journal names the dump and the tombstones: a crash from here on is finished by
    # the next open (pg_restore again, the tombstones, the folder). It sits beside the
    # voice folder; without one there is no folder to swap and nothing else to journal.
    journal = journal_path(url, voice)
    plan = Journal(
        POSTGRES,
        NOTHING_DONE,
        voice=_str(voice),
        voice_staged=_str(voice_staged),
        source=str(source.resolve()),
        tombstones=[(t.resident, t.forgotten_at.isoformat()) for t in tombstones],
    )
    try:
        if journal is not None:
            write_journal(journal, plan)
        await asyncio.to_thread(restore_dump, url, source)
        async with opened(url, secret=secret, voice_dir=voice_staged) as restored:
            deleted = await restored.apply_tombstones(tombstones)
            kept = await restored.tombstones()
    except BaseException:
        if journal is not None:
            remove_journal(journal)
        remove_folder(voice_staged)
        raise
    count = len(voice_files(voice_staged)) if voice_staged is not None else None
    if journal is not None:
        write_journal(journal, dataclasses.replace(plan, phase=SWAPS_LEFT))
        if voice_staged is not None and voice is not None:
            swap_folder(voice_staged, voice)
        remove_journal(journal)
    return Restored(len(kept), deleted, count)


def _secret() -> bytes:
    return load_secret(os.environ)


@click.command()
@click.option("--db", "db", type=DB_TARGET, envvar="CIVICBOT_DB", default=Path("civicbot.db"))
@click.option("--out", "out", type=DbPath, default=None, help="Backup file to write.")
def backup(db: DbTarget, out: Path | None) -> None:
    """Copy the database (SQLite's backup API, or pg_dump; safe while the bot runs) and
    its voice-note folder (to <out>-voice)."""
    stamp = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    voice = live_voice_folder(db, os.environ)
    asyncio.run(finish_restore(db, voice, None))  # a restore cut short, first
    if isinstance(db, Path):
        check_database_file(db)
        out = out or db.with_name(f"{db.stem}-{stamp}.db")
    else:
        from civicbot.store.postgres import pg_tool

        pg_tool("pg_dump")  # a clear error before anything is written
        out = out or Path(f"civicbot-{stamp}.pgdump")
    for path in (out, voice_backup_path(out)):
        if path.exists():
            raise FileError(path, "exists already", "choose another --out")
    made = asyncio.run(backup_database(db, out, _secret(), voice=voice))
    where = shown(db)
    line = f"backed up {where} to {out} ({made.tombstones} tombstone(s) in "
    line += f"{tombstones_path(out).name}"
    if made.voice_files is not None:
        line += f", {made.voice_files} voice file(s) in {voice_backup_path(out).name}"
    click.echo(line + ")")
    if voice is None:
        click.echo(f"no voice notes copied: on PostgreSQL, {VOICE_ENV} names their folder")
    elif made.voice_files is None:
        click.echo(
            f"no voice notes copied: {voice} does not exist (set {VOICE_ENV} if the bot "
            "keeps them elsewhere)"
        )


@click.command()
@click.option("--from", "source", type=DbPath, required=True, help="Backup file to restore.")
@click.option("--db", "db", type=DB_TARGET, envvar="CIVICBOT_DB", default=Path("civicbot.db"))
@click.option(
    "--tombstones",
    "extra",
    type=DbPath,
    multiple=True,
    help="More tombstone exports to apply (e.g. from later backups).",
)
def restore(source: Path, db: DbTarget, extra: tuple[Path, ...]) -> None:
    """Restore a backup over the database, re-applying every /forget made since, and the
    voice-note folder saved beside it. Stop the bot first."""
    if isinstance(db, Path):
        check_database_file(source)
        if source.resolve() == db.resolve():
            raise click.ClickException("--from and --db are the same file")
    voice = live_voice_folder(db, os.environ)
    done = asyncio.run(restore_database(source, db, _secret(), extra, voice=voice))
    click.echo(
        f"restored {source} to {shown(db)}: {done.tombstones} tombstone(s) applied, "
        f"{done.deleted} row(s) of forgotten residents removed"
    )
    kept = voice_backup_path(source)
    if done.voice_files is not None:
        click.echo(f"{done.voice_files} voice file(s) restored to {voice}")
    elif not kept.is_dir():
        click.echo(f"no voice notes restored: {kept} does not exist; the voice folder is as it was")
    else:
        click.echo(f"no voice notes restored: set {VOICE_ENV} to the bot's voice folder")
