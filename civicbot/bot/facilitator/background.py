"""Jobs that run beside the dialogue worker (see :func:`civicbot.bot.jobs.background_jobs`):
the outbox drainer, a scheduler that opens and closes rounds on time (a round stays
shut while nobody could receive a safeguarding alert) and queues reminders for residents
who stopped part-way, and the ``/report`` builder (a subprocess per build)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram.ext import Application

from civicbot.bot.facilitator import words
from civicbot.bot.facilitator.report_jobs import ReportBuilder
from civicbot.bot.outbox_drainer import Drainer
from civicbot.bot.services import Services
from civicbot.safeguarding.delivery import nobody_to_alert
from civicbot.settings import Settings
from civicbot.store import Store

log = logging.getLogger(__name__)
Job = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


class Scheduler:
    def __init__(
        self,
        store: Store,
        *,
        every: float = 5.0,
        reminder_hours: float = 48.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        settings: Settings,
    ) -> None:
        self.store = store
        self.settings = settings
        self._refused: set[int] = set()
        # Per round, up to when stopped sessions were looked at (see queue_reminders).
        self._reminded_to: dict[int, datetime] = {}
        self.every = every
        self.reminder_hours = reminder_hours
        self.clock = clock

    async def tick(self) -> None:
        now = self.clock()
        to_open, to_close = await self.store.rounds_due(now)
        refusal = await nobody_to_alert(self.store, self.settings) if to_open else None
        for round_id in to_open:
            if refusal is not None:
                if round_id not in self._refused:  # said once, not every tick
                    self._refused.add(round_id)
                    log.error("round %d is due to open but stays shut: %s", round_id, refusal)
                continue
            await self.store.open_round(round_id)
            await self.store.audit("scheduler", "openround", target=round_id)
            log.info("round %d opened on schedule", round_id)
        for round_id in to_close:
            await self.store.close_round(round_id)
            await self.store.audit("scheduler", "closeround", target=round_id)
            log.info("round %d closed on schedule", round_id)
        if self.reminder_hours > 0:
            queued = await self.store.queue_reminders(
                now - timedelta(hours=self.reminder_hours),
                lambda row: words.REMINDER.format(title=row.title),
                since=self._reminded_to,
            )
            if queued:
                log.info("queued %d reminder(s)", queued)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.tick()
            except Exception:
                log.exception("scheduler tick failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.every)


def background(application: Application, services: Services) -> list[Job]:
    settings = services.settings
    drainer = Drainer(application.bot, services.store, rate=settings.broadcast_rate)
    scheduler = Scheduler(
        services.store,
        every=settings.scheduler_seconds,
        reminder_hours=settings.reminder_hours,
        settings=settings,
    )
    builder = ReportBuilder(application.bot, services.store, settings.db)
    return [drainer.run, scheduler.run, builder.run]
