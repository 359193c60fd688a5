"""Long polling through a durable inbox.

One task fetches updates (``getUpdates``) and commits them to the inbox; only then does
the next poll's offset acknowledge them to Telegram. Another task hands inbox rows to the
application in update order. After a crash, rows never processed are handled first, and
rows processed but never answered get the resident's current prompt again (the reply may
have died with the process). SIGTERM stops fetching and finishes what was fetched.

**Several workers** (PostgreSQL, :attr:`Store.shared`): every ``civicbot run`` process is a
worker. One of them at a time holds the ``fetcher`` lease and polls Telegram (which
allows one ``getUpdates`` consumer); all of them read the shared inbox and handle a
resident's updates only while holding that resident's lease, so each resident's updates
are handled in order, by one worker at a time, and an update another worker handled
meanwhile is not handled again. Leases die with their process (a SIGKILLed worker's are
free at once), and another worker carries on: handling is idempotent per update.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import warnings
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

from civicbot.bot.services import Services

log = logging.getLogger(__name__)
# ``Bot.do_api_request("getUpdates")`` is used on purpose (see ``Runner._get_updates``).
warnings.filterwarnings("ignore", message="Please use 'Bot.getUpdates'", category=PTBUserWarning)

ALLOWED_UPDATES: Sequence[str] = ("message", "edited_message", "callback_query")
FETCHER = "fetcher"  # the lease of the one worker that polls Telegram
LEASE_RETRY = 1.0  # seconds between tries for a lease another worker holds
POLL_SHARED = 0.1  # seconds between looks at the shared inbox, with several workers
ORPHANS_EVERY = 2.0  # seconds between looks for replies a killed worker owed

# A background job (see :mod:`civicbot.bot.jobs`): runs beside the worker until the
# stop event it is given is set.
Job = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


class Runner:
    def __init__(
        self,
        application: Application,
        services: Services,
        *,
        jobs: Sequence[Job] = (),
        poll_timeout: int = 25,
    ) -> None:
        self.application = application
        self.services = services
        self.store = services.store
        self.jobs = tuple(jobs)
        self.poll_timeout = poll_timeout
        self._wake = asyncio.Event()
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    async def accept(self, rows: Sequence[tuple[int, str]]) -> int:
        """Commit fetched updates (id, JSON) to the inbox and wake the worker. Only after
        this returns may the updates be acknowledged to Telegram."""
        added = await self.store.inbox_add(rows)
        self._wake.set()
        return added

    async def run(self, source: Callable[[], Coroutine[Any, Any, None]] | None = None) -> None:
        """Fetch (long polling, or ``source``, e.g. a webhook server) and process until
        :meth:`stop`; then drain what was fetched."""
        if source is None:
            await self.application.bot.delete_webhook(drop_pending_updates=False)
            source = self._fetch_loop
        await self._resend_unreplied()
        fetcher = asyncio.create_task(source(), name="civicbot-fetch")
        quit_jobs = asyncio.Event()
        jobs = [
            asyncio.create_task(self._leased(n, job)(quit_jobs), name=f"civicbot-job-{n}")
            for n, job in enumerate(self.jobs)
        ]
        try:
            await self._work_loop(fetcher)
        finally:
            fetcher.cancel()
            await asyncio.gather(fetcher, return_exceptions=True)
            # Background jobs finish the message in hand, then stop (or are cancelled).
            quit_jobs.set()
            if jobs:
                _done, late = await asyncio.wait(jobs, timeout=5.0)
                for task in late:
                    task.cancel()
                await asyncio.gather(*jobs, return_exceptions=True)

    def _leased(self, number: int, job: Job) -> Job:
        """With several workers, each background job runs on one worker at a time: the
        holder of its lease (the next worker takes it over when that one dies)."""
        if not self.store.shared:
            return job
        name = f"job:{number}:{getattr(job, '__qualname__', '')}"

        async def run(stop: asyncio.Event) -> None:
            while not await self.store.claim(name):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), LEASE_RETRY)
                if stop.is_set():
                    return
            try:
                await job(stop)
            finally:
                await self.store.release(name)

        return run

    async def _fetch_loop(self) -> None:
        if self.store.shared:
            while not await self.store.claim(FETCHER):
                if self._stop.is_set():
                    return
                await asyncio.sleep(LEASE_RETRY)
            log.info("this worker fetches updates")
        try:
            await self._poll_telegram()
        finally:
            if self.store.shared:
                await self.store.release(FETCHER)

    async def _poll_telegram(self) -> None:
        last = await self.store.inbox_max_update_id()
        offset = None if last is None else last + 1
        failures = 0
        while not self._stop.is_set():
            try:
                updates = await self._get_updates(offset)
                failures = 0
            except RetryAfter as exc:
                delay = exc.retry_after
                await asyncio.sleep(
                    delay.total_seconds() if hasattr(delay, "total_seconds") else float(delay)
                )
                continue
            except (InvalidToken, Conflict):
                log.critical("Telegram refused the bot's polling; stopping")
                self.stop()
                raise
            except NetworkError as exc:
                failures += 1
                log.warning("getUpdates failed (%s); retrying", type(exc).__name__)
                await asyncio.sleep(min(30.0, 0.5 * 2 ** min(failures, 6)))
                continue
            if not updates:
                continue
            rows = [(u["update_id"], json.dumps(u, ensure_ascii=False)) for u in updates]
            # Commit first: the next getUpdates with a higher offset is the acknowledgement.
            await self.accept(rows)
            offset = max(update_id for update_id, _ in rows) + 1

    async def _get_updates(self, offset: int | None) -> list[dict[str, Any]]:
        """One long poll, as raw JSON. ``Bot.get_updates`` parses the whole batch and one
        update it cannot read (say, a field a newer Bot API renamed) fails the batch every
        time, so the queue would stick there for good; raw rows are stored as they came,
        and an unreadable one is skipped alone when it is handled (see :meth:`_process`)."""
        raw = await self.application.bot.do_api_request(
            "getUpdates",
            api_kwargs={
                "offset": offset,
                "timeout": self.poll_timeout,
                "allowed_updates": list(ALLOWED_UPDATES),
            },
            read_timeout=self.poll_timeout + 10.0,
        )
        found = raw if isinstance(raw, list) else []
        return [u for u in found if isinstance(u, dict) and isinstance(u.get("update_id"), int)]

    async def _work_loop(self, fetcher: asyncio.Task[None]) -> None:
        loop = asyncio.get_running_loop()
        next_orphans = loop.time() + ORPHANS_EVERY
        while True:
            # Cleared before the read: rows the fetcher commits while the read is under
            # way (on PostgreSQL they run side by side) set it again, so none waits.
            self._wake.clear()
            rows = await self.store.inbox_pending(limit=100)
            if rows and await self._process(rows):
                continue
            if self._stop.is_set() or fetcher.done():
                if fetcher.done() and not fetcher.cancelled() and fetcher.exception():
                    raise fetcher.exception()  # type: ignore[misc]
                if not rows or self._stop.is_set():
                    return
            if self.store.shared and loop.time() >= next_orphans:
                # Replies a killed worker owed: handled, never answered, no lease held.
                await self._resend_unreplied()
                next_orphans = loop.time() + ORPHANS_EVERY
            waiter = asyncio.create_task(self._wake.wait())
            # Another worker's fetcher cannot wake this one: look again shortly.
            timeout = POLL_SHARED if self.store.shared else None
            await asyncio.wait(
                {waiter, fetcher}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
            waiter.cancel()

    def _lanes(self, rows: Sequence[tuple[int, str]]) -> dict[str, list[tuple[int, Update | None]]]:
        """Rows by person, in update order (an unreadable update is a lane of its own)."""
        bot = self.application.bot
        lanes: dict[str, list[tuple[int, Update | None]]] = {}
        for update_id, payload in rows:
            try:
                update: Update | None = Update.de_json(json.loads(payload), bot)
            except (ValueError, KeyError, TypeError):
                update = None
            user = update.effective_user if update is not None else None
            key = f"user:{user.id}" if user is not None else f"update:{update_id}"
            lanes.setdefault(key, []).append((update_id, update))
        return lanes

    async def _process(self, rows: Sequence[tuple[int, str]], *, again: bool = False) -> int:
        """Handle a batch: each person's updates in order, different people side by side
        (while one waits on the disk or on Telegram, another can be handled). With several
        workers, a person's lane is handled only under their lease, and only the updates
        still unhandled then. ``again``: updates handled before a crash, whose reply may be
        lost (their effect is stored, so handling them again applies nothing). Returns how
        many updates this worker handled."""
        shared = self.store.shared

        async def lane(key: str, items: list[tuple[int, Update | None]]) -> int:
            if shared and not await self.store.claim(key):
                return 0  # another worker has this person now
            try:
                if shared:  # what is still to do, now that this worker holds the lease
                    ids = [i for i, _ in items]
                    if again:
                        left = await self.store.inbox_still_unreplied(ids)
                    else:
                        left = await self.store.inbox_still_pending(ids)
                    items = [(i, u) for i, u in items if i in left]
                for update_id, update in items:
                    if update is None:
                        log.warning("update %d could not be read; skipped", update_id)
                    else:
                        await self.application.process_update(update)
                if shared and items:
                    await self._mark_replied([i for i, _ in items])
                return len(items)
            finally:
                if shared:
                    await self.store.release(key)

        lanes = self._lanes(rows)
        done = await asyncio.gather(*(lane(key, items) for key, items in lanes.items()))
        if not shared:
            await self._mark_replied([update_id for update_id, _ in rows])
        return sum(done)

    async def _resend_unreplied(self) -> None:
        """Updates processed before a crash whose replies may be lost: show the current
        prompt again (their effect is stored, so handling them again applies nothing)."""
        rows = await self.store.inbox_unreplied(limit=1000)
        if not rows:
            return
        handled = await self._process(rows, again=True)
        if handled:
            log.info("re-sent the current prompt for %d update(s) after a crash", handled)

    async def _mark_replied(self, update_ids: Sequence[int]) -> None:
        # One transaction (one disk flush) for the whole batch: at worst a crash makes the
        # bot show a resident their current question once more.
        await self.store.inbox_mark_replied_many(update_ids)
