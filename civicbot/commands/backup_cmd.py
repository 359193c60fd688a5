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
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import click

from civicbot.commands._options import DB_TARGET
from civicbot.store import Tombstone, load_secret
from civicbot.store.dbfile import DbTarget, check_database_file, opened, shown
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


async def backup_database(db: DbTarget, out: Path, secret: bytes | None) -> int:
    """Back ``db`` up to ``out`` (which must not exist); return the tombstones exported.
    The copy is made beside ``out`` under a temporary name, private to its owner, and
    renamed only when complete, so ``out`` is never a partial backup."""
    check_output_file(out)
    partial = out.with_name(f".{out.name}.part")
    _remove_database(partial)
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise FileError(out, os_problem(exc), "choose another --out") from exc
    try:
        async with opened(db, secret=secret) as store:
            await store.backup(partial)
            tombstones = await store.tombstones()
        write_tombstones(tombstones_path(out), tombstones)
        os.replace(partial, out)
    except BaseException:
        _remove_database(partial)
        raise
    return len(tombstones)


async def restore_database(
    source: Path, db: DbTarget, secret: bytes, extra: Sequence[Path] = ()
) -> tuple[int, int]:
    """Restore ``source`` over ``db``; return (tombstones applied, rows they deleted)."""
    if not isinstance(db, Path):
        return await _restore_postgres(source, db, secret, extra)
    tombstones: list[Tombstone] = []
    check_database_file(source)
    if db.exists():
        async with opened(db, secret=secret) as live:
            tombstones += await live.tombstones()
    for path in [tombstones_path(source), *extra]:
        if path.exists():
            tombstones += read_tombstones(path)
    staging = db.with_name(db.name + ".restoring")
    _remove_database(staging)
    try:
        shutil.copyfile(source, staging)  # a finished backup file is not live: copying is fine
    except OSError as exc:
        raise FileError(staging, os_problem(exc), "check the folder of --db") from exc
    os.chmod(staging, 0o600)
    try:
        async with opened(staging, secret=secret) as restored:
            deleted = await restored.apply_tombstones(tombstones)
            # The restored copy carries the union, so the next backup exports it too.
            kept = await restored.tombstones()
    except BaseException:
        _remove_database(staging)
        raise
    if db.exists():
        previous = db.with_name(db.name + ".pre-restore")
        _remove_database(previous)
        os.replace(db, previous)
        _remove_database(db)  # any -wal/-shm left beside it belong to the old file
    os.replace(staging, db)
    return len(kept), deleted


async def _restore_postgres(
    source: Path, url: str, secret: bytes, extra: Sequence[Path]
) -> tuple[int, int]:
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
    await asyncio.to_thread(restore_dump, url, source)
    async with opened(url, secret=secret) as restored:
        deleted = await restored.apply_tombstones(tombstones)
        kept = await restored.tombstones()
    return len(kept), deleted


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


def _secret() -> bytes:
    return load_secret(os.environ)


@click.command()
@click.option("--db", "db", type=DB_TARGET, envvar="CIVICBOT_DB", default=Path("civicbot.db"))
@click.option("--out", "out", type=DbPath, default=None, help="Backup file to write.")
def backup(db: DbTarget, out: Path | None) -> None:
    """Copy the database (SQLite's backup API, or pg_dump; safe while the bot runs)."""
    stamp = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    if isinstance(db, Path):
        check_database_file(db)
        out = out or db.with_name(f"{db.stem}-{stamp}.db")
    else:
        from civicbot.store.postgres import pg_tool

        pg_tool("pg_dump")  # a clear error before anything is written
        out = out or Path(f"civicbot-{stamp}.pgdump")
    if out.exists():
        raise FileError(out, "exists already", "choose another --out")
    count = asyncio.run(backup_database(db, out, _secret()))
    where = shown(db)
    click.echo(f"backed up {where} to {out} ({count} tombstone(s) in {tombstones_path(out).name})")


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
    """Restore a backup over the database, re-applying every /forget made since.
    Stop the bot first."""
    if isinstance(db, Path):
        check_database_file(source)
        if source.resolve() == db.resolve():
            raise click.ClickException("--from and --db are the same file")
    count, deleted = asyncio.run(restore_database(source, db, _secret(), extra))
    click.echo(
        f"restored {source} to {shown(db)}: {count} tombstone(s) applied, {deleted} row(s) of "
        "forgotten residents removed"
    )
