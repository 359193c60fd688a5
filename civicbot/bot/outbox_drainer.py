"""Sends broadcasts (and reminders) from the database outbox within Telegram's limits.

- At most ``rate`` messages a second overall (25 by default, under Telegram's ~30) and
  one a second per chat; several sends are in flight at once, so a slow API does not
  slow the pace.
- A 429 pauses every broadcast send for ``retry_after``; the message goes back to the
  queue. A 403 (the resident blocked the bot) marks the chat blocked: later broadcasts
  skip it. Other refusals are recorded as failed.
- At most once: a batch is marked ``sending`` in a committed transaction before any call,
  and after a restart rows still ``sending`` are counted as sent.
- Batches are about a second's worth of messages, so the database sees two short
  transactions a second, and the dialogue worker (which sends residents' replies itself)
  is never held up behind a broadcast.
- The facilitator's preview message is edited into a progress report, at most every few
  seconds, and once more when the broadcast is done.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from civicbot.bot.sending import clip
from civicbot.counts import progress_text
from civicbot.store import Store
from civicbot.store.outbox import OutboxJob

log = logging.getLogger(__name__)


OUTBOX_LEASE = "outbox"  # held by the one worker that drains the outbox


@dataclass
class _Batch:
    sent: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)
    blocked: list[OutboxJob] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


class Drainer:
    def __init__(
        self,
        bot: Bot,
        store: Store,
        *,
        rate: float = 25.0,
        per_chat_interval: float = 1.0,
        progress_every: float = 3.0,
        idle: float = 0.5,
        in_flight: int = 8,
    ) -> None:
        self.bot = bot
        self.store = store
        self.interval = 1.0 / rate
        self.batch_size = max(1, int(rate))
        self.per_chat_interval = per_chat_interval
        self.progress_every = progress_every
        self.idle = idle
        self._slots = asyncio.Semaphore(in_flight)
        self._next_slot = 0.0
        self._paused_until = 0.0
        self._last_to_chat: dict[int, float] = {}
        self._watching: set[int] = set()
        self._reported: dict[int, float] = {}

    async def run(self, stop: asyncio.Event) -> None:
        """Drain until ``stop``. With several workers (PostgreSQL) only the holder of the
        ``outbox`` lease drains, so the bot as a whole keeps to Telegram's limits; when it
        dies, the lease is free and another worker takes over."""
        if self.store.shared:
            while not await self.store.claim(OUTBOX_LEASE):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.idle)
                if stop.is_set():
                    return
            log.info("this worker drains the broadcast outbox")
        try:
            await self._drain(stop)
        finally:
            if self.store.shared:
                await self.store.release(OUTBOX_LEASE)

    async def _drain(self, stop: asyncio.Event) -> None:
        recovered = await self.store.outbox_recover()
        if recovered:
            log.warning(
                "%d broadcast message(s) were being sent when the bot stopped; counted as"
                " sent so that nobody gets a message twice",
                recovered,
            )
        while not stop.is_set():
            try:
                jobs = await self.store.outbox_claim(self.batch_size)
                if jobs:
                    await self._send_batch(jobs, stop)
                await self._report_progress(final_only=not jobs)
            except Exception:
                log.exception("outbox drainer failed; retrying shortly")
                jobs = []
            if not jobs:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.idle)

    async def _send_batch(self, jobs: list[OutboxJob], stop: asyncio.Event) -> None:
        batch = _Batch()
        tasks: list[asyncio.Task[None]] = []
        for n, job in enumerate(jobs):
            self._watching.add(job.broadcast_id)
            now = time.monotonic()
            start = max(
                now,
                self._next_slot,
                self._paused_until,
                self._last_to_chat.get(job.chat_id, -1e9) + self.per_chat_interval,
            )
            if start > now:
                # Wait for the slot, but give up the rest of the batch on stop: those
                # messages were never handed to Telegram, so they go back to the queue.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), start - now)
                if stop.is_set() or time.monotonic() < self._paused_until:
                    batch.retry.extend(j.id for j in jobs[n:])
                    break
            self._next_slot = max(time.monotonic(), self._next_slot) + self.interval
            self._last_to_chat[job.chat_id] = time.monotonic()
            await self._slots.acquire()
            tasks.append(asyncio.create_task(self._send(job, batch)))
        await asyncio.gather(*tasks)
        await self.store.outbox_finish(
            sent=batch.sent, retry=batch.retry, blocked=batch.blocked, failed=batch.failed
        )

    async def _send(self, job: OutboxJob, batch: _Batch) -> None:
        try:
            await self.bot.send_message(job.chat_id, clip(job.text))
            batch.sent.append(job.id)
        except RetryAfter as exc:
            delay = exc.retry_after
            seconds = delay.total_seconds() if hasattr(delay, "total_seconds") else float(delay)
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)
            log.warning("Telegram asked to slow down: pausing broadcasts for %.0fs", seconds)
            batch.retry.append(job.id)
        except Forbidden:
            batch.blocked.append(job)
        except TimedOut:
            # It may have been delivered: never risk a second copy.
            batch.failed.append(job.id)
        except BadRequest as exc:
            log.warning("broadcast message refused: %s", exc)
            batch.failed.append(job.id)
        except NetworkError:
            batch.retry.append(job.id)
        finally:
            self._slots.release()

    async def _report_progress(self, *, final_only: bool) -> None:
        now = time.monotonic()
        for broadcast_id in sorted(self._watching):
            row = await self.store.get_broadcast(broadcast_id)
            if row is None or row.kind == "reminder":
                self._watching.discard(broadcast_id)
                continue
            done = row.status == "done"
            if not done and (
                final_only or now - self._reported.get(broadcast_id, 0) < self.progress_every
            ):
                continue
            self._reported[broadcast_id] = now
            if done:
                self._watching.discard(broadcast_id)
            if row.progress_message_id is None:
                continue
            chat_id = await self.store.chat_id_for(row.created_by)
            if chat_id is None:
                continue
            counts = await self.store.broadcast_progress(broadcast_id)
            key = f"{row.created_by}:{broadcast_id}"
            await self._edit(chat_id, row.progress_message_id, progress_text(counts, done, key))

    async def _edit(self, chat_id: int, message_id: int, text: str) -> None:
        try:
            await self.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
        except RetryAfter as exc:
            delay = exc.retry_after
            seconds = delay.total_seconds() if hasattr(delay, "total_seconds") else float(delay)
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)
        except (BadRequest, Forbidden, NetworkError) as exc:
            log.info("progress message not updated: %s", type(exc).__name__)
