"""Housekeeping beside the dialogue worker: the retention rule, applied daily when
``CIVICBOT_RETENTION_DAYS`` is set (see :func:`civicbot.bot.jobs.background_jobs`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from telegram.ext import Application

from civicbot.bot.services import Services
from civicbot.retention import apply_retention

log = logging.getLogger(__name__)
Job = Callable[[asyncio.Event], Coroutine[Any, Any, None]]
DAY_SECONDS = 24 * 60 * 60


def background(application: Application, services: Services) -> list[Job]:
    days = services.settings.retention_days
    if days is None:
        return []

    async def retention(stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await apply_retention(services.store, days, datetime.now(UTC))
            except Exception:
                log.exception("applying the retention rule failed; will try again tomorrow")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=DAY_SECONDS)

    return [retention]
