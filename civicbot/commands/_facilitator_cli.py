"""What the facilitators' CLI commands share: opening the store with
the secret from the environment, and finding a round."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import click

from civicbot.settings import SettingsError
from civicbot.store import RoundRow, SecretError, Store, load_secret

T = TypeVar("T")
CLI_ACTOR = "cli"


def with_store(db_path: Path, work: Callable[[Store], Awaitable[T]]) -> T:
    """Open the database (secret from CIVICBOT_SECRET or CIVICBOT_SECRET_FILE), run
    ``work`` and close it; problems become plain error messages."""
    if not db_path.exists():
        raise click.ClickException(f"there is no database at {db_path} (see --db)")

    async def run() -> T:
        async with await Store.open(db_path, secret=load_secret(os.environ)) as store:
            return await work(store)

    try:
        return asyncio.run(run())
    except (SecretError, SettingsError) as exc:
        raise click.ClickException(str(exc)) from exc


async def find_round(store: Store, round_id: int) -> RoundRow:
    row = await store.get_round(round_id)
    if row is None:
        raise click.ClickException(f"there is no round {round_id} (civicbot round list)")
    return row
