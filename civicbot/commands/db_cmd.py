"""``civicbot db``: database upkeep from the command line (``civicbot db migrate``)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from civicbot.commands._options import db_option
from civicbot.errors import DatabaseFileError
from civicbot.store.dbfile import DbTarget, check_database_file, migrate_target, shown


@click.group()
def db() -> None:
    """Look after the database (SQLite or PostgreSQL)."""


@db.command()
@db_option
def migrate(db_path: DbTarget) -> None:
    """Create the database if needed and apply any pending schema migrations."""
    if isinstance(db_path, Path):
        if not db_path.parent.is_dir():
            problem = f"cannot be made: the folder {db_path.parent} does not exist"
            fix = "create the folder first, or choose another --db"
            raise DatabaseFileError(db_path, problem, fix)
        if db_path.exists() and db_path.stat().st_size:
            check_database_file(db_path)  # a new or empty file is made into one
    applied = asyncio.run(migrate_target(db_path))
    for migration in applied:
        click.echo(f"applied {migration.version:04d}_{migration.name}")
    if not applied:
        click.echo(f"{shown(db_path)}: schema is up to date")
    else:
        click.echo(f"{shown(db_path)}: {len(applied)} migration(s) applied")
