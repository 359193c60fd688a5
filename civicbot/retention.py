"""The retention rule for residents' raw words, shared by ``civicbot retention apply``
and the running bot's daily job (:mod:`civicbot.bot.maintenance`).

Free-text answers older than the period keep only their scrubbed form (personal data
replaced by placeholders); handled raw updates are deleted and voice notes' file ids
cleared; counts and aggregates stay. The store does the work in bounded write units, so
the dialogue never waits behind one long transaction.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from civicbot.store import Store
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
