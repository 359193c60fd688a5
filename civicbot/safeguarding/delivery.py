"""Getting safeguarding alerts to a person, off the dialogue's path.

:func:`civicbot.safeguarding.respond.respond` only records the event and wakes
:class:`AlertDelivery`, which the running bot keeps as a background job (see
``civicbot.bot.alerts``). On each pass, at start-up and whenever woken, it:

1. delivers every alert not yet delivered to the facilitators (the facilitators' chat, or
   else every admin and facilitator who has talked to the bot); a refusal or a timeout is
   retried later with a doubling wait (``CIVICBOT_ALERT_RETRY_SECONDS`` at first, at most
   :data:`MAX_BACKOFF`), never by waiting for the next disclosure;
2. repeats to every admin each alert nobody marked "Seen" within
   ``CIVICBOT_ALERT_SEEN_MINUTES`` of the disclosure, and logs that it did.

Delivery is at least once: a crash after Telegram took an alert and before it was marked
delivered sends it again after the restart. A second copy is better than none.

:func:`nobody_to_alert` is the rule that keeps rounds shut while no one could be alerted.
Telegram is reached only through the ``send`` callable given, so this module stays free of
``telegram``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from civicbot.safeguarding.respond import alert_text
from civicbot.settings import Settings
from civicbot.store import Store
from civicbot.store.alerts import AlertState
from civicbot.store.safety import SafeguardingEvent

log = logging.getLogger(__name__)

MAX_BACKOFF = 60.0  # seconds between attempts, at most
IDLE = 30.0  # a pass at least this often, even when nothing is due
NOBODY_TO_ALERT = (
    "Nobody could receive a safeguarding alert: no CIVICBOT_FACILITATOR_CHAT, no "
    "CIVICBOT_ADMINS and no facilitators. A resident who discloses a risk of harm is "
    "signposted at once, but a person must be told too, so no round opens until someone "
    "could be: set CIVICBOT_ADMINS (or CIVICBOT_FACILITATOR_CHAT) and restart the bot."
)


class SendFailed(Exception):
    """Telegram did not take a message; ``retry_after`` when it said how long to wait."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


# Sends ``text`` to ``chat_id`` with a "Seen" button carrying ``token``; raises SendFailed.
AlertSend = Callable[[int, str, str], Awaitable[None]]


async def nobody_to_alert(store: Store, settings: Settings) -> str | None:
    """Why no round may open (:data:`NOBODY_TO_ALERT`), or None when someone could be
    alerted: a facilitators' chat, an admin, or a facilitator exists. (An admin who has
    not yet talked to the bot gets pending alerts as soon as they do.)"""
    if settings.facilitator_chat is not None or settings.admins:
        return None
    if await store.facilitators():
        return None
    return NOBODY_TO_ALERT


async def admin_chats(store: Store, settings: Settings) -> list[int]:
    """The private chats of the admins who have talked to the bot."""
    chats: list[int] = []
    for admin in sorted(settings.admins):
        chat_id = await store.chat_id_for(store.resident_id(admin))
        if chat_id is not None:
            chats.append(chat_id)
    return chats


async def alert_targets(store: Store, settings: Settings) -> list[int]:
    """The facilitators' chat if set; otherwise the private chats of every admin and
    facilitator the bot knows."""
    if settings.facilitator_chat is not None:
        return [settings.facilitator_chat]
    chats = await admin_chats(store, settings)
    for actor in await store.facilitators():
        chat_id = await store.chat_id_for(actor)
        if chat_id is not None and chat_id not in chats:
            chats.append(chat_id)
    return chats


async def text_of(store: Store, event: SafeguardingEvent) -> str:
    """The alert's words (as :func:`~civicbot.safeguarding.respond.alert_text` puts them),
    with its round's title."""
    found = None if event.round_id is None else await store.get_round(event.round_id)
    return alert_text(event, None if found is None else found.title)


def escalation_text(text: str, minutes: float) -> str:
    return (
        f"Not yet seen: no facilitator pressed “Seen” on this alert within {minutes:g} "
        f"minutes, so it is repeated to every admin.\n\n{text}"
    )


def backoff(first: float, attempts: int, retry_after: float | None = None) -> float:
    """Seconds before attempt ``attempts + 1``: ``first``, doubling, at most
    :data:`MAX_BACKOFF`, and never sooner than Telegram asked."""
    wait = min(MAX_BACKOFF, first * 2 ** max(0, attempts - 1))
    return max(wait, retry_after or 0.0)


class AlertDelivery:
    def __init__(
        self,
        store: Store,
        settings: Settings,
        send: AlertSend,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.settings = settings
        self.send = send
        self.clock = clock
        self.seen_after = timedelta(minutes=settings.alert_seen_minutes)

    async def run(self, stop: asyncio.Event, wake: asyncio.Event) -> None:
        """Pass after pass until ``stop``: at once, then when ``wake`` is set (a new
        event) or the next retry or escalation falls due."""
        while not stop.is_set():
            wake.clear()
            try:
                due = await self.run_once()
            except Exception:
                log.exception("safeguarding alert delivery failed; trying again shortly")
                due = None
            wait = IDLE if due is None else (due - self.clock()).total_seconds()
            waiters = {asyncio.ensure_future(stop.wait()), asyncio.ensure_future(wake.wait())}
            await asyncio.wait(
                waiters, timeout=min(IDLE, max(0.01, wait)), return_when=asyncio.FIRST_COMPLETED
            )
            for waiter in waiters:
                waiter.cancel()

    async def run_once(self) -> datetime | None:
        """One pass over the open alerts; returns when the next one falls due (None when
        nothing is waiting on time)."""
        alerts = await self.store.open_alerts()
        if not alerts:
            return None
        now = self.clock()
        targets = await alert_targets(self.store, self.settings)
        due: list[datetime] = []
        for alert in alerts:
            if not alert.delivered:
                if alert.retry_at is None or alert.retry_at <= now:
                    await self._deliver(alert, targets, now)
                fresh = await self.store.alert_state(alert.event.id)
                if fresh is not None and not fresh.delivered and fresh.retry_at is not None:
                    due.append(fresh.retry_at)
            if alert.seen_at is None and alert.escalated_at is None:
                deadline = alert.event.at + self.seen_after
                if alert.escalation_retry_at is not None:
                    deadline = max(deadline, alert.escalation_retry_at)
                if deadline <= now:
                    if not await self._escalate(alert, now):
                        fresh = await self.store.alert_state(alert.event.id)
                        if fresh is not None and fresh.escalation_retry_at is not None:
                            due.append(fresh.escalation_retry_at)
                else:
                    due.append(deadline)
        return min(due) if due else None

    async def _text(self, alert: AlertState) -> str:
        return await text_of(self.store, alert.event)

    async def _send_all(self, chats: list[int], text: str, token: str) -> tuple[int, SendFailed]:
        """Send to every chat; the number that took it, and the last refusal."""
        delivered, refusal = 0, SendFailed("nobody to send to")
        for chat_id in chats:
            try:
                await self.send(chat_id, text, token)
                delivered += 1
            except SendFailed as exc:
                refusal = exc
        return delivered, refusal

    async def _deliver(self, alert: AlertState, targets: list[int], now: datetime) -> None:
        event_id = alert.event.id
        delivered, refusal = await self._send_all(targets, await self._text(alert), alert.token)
        if delivered:
            await self.store.mark_safeguarding_alerted(event_id)
            log.info(
                "safeguarding alert #%d delivered to %d chat(s) after %d failed attempt(s)",
                event_id,
                delivered,
                alert.attempts,
            )
            return
        wait = backoff(self.settings.alert_retry_seconds, alert.attempts + 1, refusal.retry_after)
        attempts = await self.store.alert_delivery_failed(event_id, now + timedelta(seconds=wait))
        if not targets:
            log.error(
                "safeguarding alert #%d: nobody to alert (no facilitators' chat, and no admin"
                " or facilitator has talked to the bot); retrying in %.0fs",
                event_id,
                wait,
            )
        else:
            log.warning(
                "safeguarding alert #%d not delivered (attempt %d: %s); retrying in %.1fs",
                event_id,
                attempts,
                refusal,
                wait,
            )

    async def _escalate(self, alert: AlertState, now: datetime) -> bool:
        event_id = alert.event.id
        admins = await admin_chats(self.store, self.settings)
        minutes = self.settings.alert_seen_minutes
        text = escalation_text(await self._text(alert), minutes)
        delivered, refusal = await self._send_all(admins, text, alert.token)
        if delivered:
            await self.store.mark_alert_escalated(event_id)
            log.warning(
                "safeguarding alert #%d was not marked seen within %g minutes: repeated to"
                " %d admin(s)",
                event_id,
                minutes,
                delivered,
            )
            return True
        wait = backoff(
            self.settings.alert_retry_seconds, alert.escalation_attempts + 1, refusal.retry_after
        )
        await self.store.alert_escalation_failed(event_id, now + timedelta(seconds=wait))
        log.error(
            "safeguarding alert #%d was not marked seen within %g minutes and no admin could"
            " be reached (%s); retrying in %.0fs",
            event_id,
            minutes,
            refusal if admins else "no admin has talked to the bot",
            wait,
        )
        return False
