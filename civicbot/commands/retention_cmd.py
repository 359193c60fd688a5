"""``civicbot retention apply --days N``: drop residents' raw words after N days.

Free-text answers older than the period keep only their scrubbed form (personal data
replaced by placeholders); handled raw updates are deleted and voice notes' file ids
cleared; counts and aggregates stay. The rule itself lives in :mod:`civicbot.retention`,
which the running bot also applies once a day (setting ``CIVICBOT_RETENTION_DAYS``).
"""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime
from pathlib import Path

import click

from civicbot.commands._options import db_option
from civicbot.commands._whole import WholeNumber
from civicbot.retention import apply_retention
from civicbot.store import load_secret
from civicbot.store.dbfile import DbTarget, opened
from civicbot.store.safety import RetentionResult


@click.group()
def retention() -> None:
    """Apply the retention rule for residents' raw free text."""


@retention.command("apply")
@click.option("--days", type=WholeNumber(min=1), required=True, help="Retention period.")
@db_option
def apply(days: int, db_path: DbTarget) -> None:
    """Replace raw free text older than DAYS with its scrubbed form, delete old raw
    updates. Needs CIVICBOT_SECRET (or CIVICBOT_SECRET_FILE) like the bot."""
    secret = load_secret(os.environ)

    async def go() -> RetentionResult:
        # The voice folder the bot uses, so that old recordings are deleted here too.
        voice_dir = os.environ.get("CIVICBOT_VOICE_DIR") or None
        async with opened(
            db_path, secret=secret, voice_dir=Path(voice_dir) if voice_dir else None
        ) as store:
            return await apply_retention(store, days, datetime.now(UTC))

    result = asyncio.run(go())
    click.echo(
        f"{result.answers_redacted} answer(s) reduced to scrubbed text, "
        f"{result.inbox_deleted} raw update(s) deleted, "
        f"{result.voice_notes_cleared} voice note reference(s) or recording(s) cleared"
    )
