"""``civicbot retention apply --days N``: drop residents' raw words after N days.

Free-text answers older than the period keep only their scrubbed form (personal data
replaced by placeholders); handled raw updates are deleted and voice notes' file ids
cleared; counts and aggregates stay. The running bot can apply the same rule once a day
(setting ``CIVICBOT_RETENTION_DAYS``) through :func:`apply_retention`/:func:`retention_daily`.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

from civicbot.commands._options import db_option
from civicbot.commands._whole import WholeNumber
from civicbot.store import Store, load_secret
from civicbot.store.dbfile import opened
from civicbot.store.safety import RetentionResult

log = logging.getLogger(__name__)
DAY_SECONDS = 24 * 60 * 60


async def apply_retention(store: Store, days: int, now: datetime) -> RetentionResult:
    """Apply the retention rule for a period of ``days`` as of ``now``."""
    if days < 1:
        raise ValueError("the retention period must be at least one day")
    result = await store.delete_raw_text_older_than(now - timedelta(days=days))
    log.info(
        "retention (%d days): %d answers redacted, %d sessions, %d raw updates deleted,"
        " %d voice notes cleared",
        days,
        result.answers_redacted,
        result.sessions_redacted,
        result.inbox_deleted,
        result.voice_notes_cleared,
    )
    return result


async def retention_daily(
    store: Store,
    days: int,
    *,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    interval_s: float = DAY_SECONDS,
) -> None:
    """Apply retention now and then every ``interval_s`` until cancelled (a task the
    running bot starts when ``CIVICBOT_RETENTION_DAYS`` is set)."""
    while True:
        await apply_retention(store, days, clock())
        await asyncio.sleep(interval_s)


@click.group()
def retention() -> None:
    """Apply the retention rule for residents' raw free text."""


@retention.command("apply")
@click.option("--days", type=WholeNumber(min=1), required=True, help="Retention period.")
@db_option
def apply(days: int, db_path: Path) -> None:
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
