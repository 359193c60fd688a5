"""What the facilitators' CLI commands share: opening the store with
the secret from the environment, and finding a round."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import click

from civicbot.store import RoundRow, Store
from civicbot.store.dbfile import DbTarget, open_store

T = TypeVar("T")
CLI_ACTOR = "cli"


@dataclass(frozen=True)
class CliStore:
    """What :func:`~civicbot.store.dbfile.open_store` needs, from ``--db`` and the
    environment (the secret is read there, as for the bot)."""

    db: DbTarget
    voice_dir: Path | None
    env: Mapping[str, str]


def with_store(
    db_path: DbTarget, work: Callable[[Store], Awaitable[T]], *, needs_secret: bool = True
) -> T:
    """Open the database, run ``work`` and close it. The pseudonym secret (from
    CIVICBOT_SECRET or CIVICBOT_SECRET_FILE) is read only when ``needs_secret``: commands
    that create or link residents need it, commands that only read answers do not.
    Problems are :class:`~civicbot.errors.UserError`, one line each."""
    target = CliStore(db=db_path, voice_dir=None, env=os.environ)

    async def run() -> T:
        async with open_store(target, needs_secret=needs_secret) as store:
            return await work(store)

    return asyncio.run(run())


async def find_round(store: Store, round_id: int) -> RoundRow:
    row = await store.get_round(round_id)
    if row is None:
        raise click.ClickException(f"there is no round {round_id} (civicbot round list)")
    return row
