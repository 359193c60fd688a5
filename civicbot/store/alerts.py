"""Safeguarding alerts on their way to a person: delivery attempts, "Seen", escalation.

Each :class:`~civicbot.store.safety.SafeguardingEvent` gets one ``safeguarding_alerts``
row (made by :meth:`AlertsMixin.open_alerts` for events that lack one) holding the short
random token its "Seen" button carries. A press is resolved here, by token: button data
names nothing by itself, and a token that is unknown (forged, or its event deleted by
``/forget``) resolves to nothing. Delivery is ``safeguarding_events.alerted_at``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from civicbot.store.base import StoreBase
from civicbot.store.db import Row, from_db, to_db
from civicbot.store.safety import SafeguardingEvent

# 6 random bytes as 12 lower-case hex digits: "sg:" + token is 15 bytes of callback data.
TOKEN_SHAPE = re.compile(r"^[0-9a-f]{12}$")


@dataclass(frozen=True)
class AlertState:
    """An event's alert: delivered or not, seen or not, escalated or not."""

    event: SafeguardingEvent
    token: str
    attempts: int
    retry_at: datetime | None
    seen_at: datetime | None
    escalated_at: datetime | None
    escalation_attempts: int
    escalation_retry_at: datetime | None

    @property
    def delivered(self) -> bool:
        return self.event.alerted_at is not None


@dataclass(frozen=True)
class SeenResult:
    """What pressing "Seen" did: ``first`` is False when someone had pressed it before."""

    alert: AlertState
    first: bool


_SELECT = (
    "SELECT e.*, a.token, a.attempts, a.retry_at, a.seen_at, a.escalated_at,"
    " a.escalation_attempts, a.escalation_retry_at"
    " FROM safeguarding_events e JOIN safeguarding_alerts a ON a.event_id = e.id"
)


def _state(row: Row) -> AlertState:
    get = row.__getitem__
    event = SafeguardingEvent(
        id=int(get("id")),
        round_id=None if get("round_id") is None else int(get("round_id")),
        resident=get("resident"),
        kinds=tuple(k for k in get("kinds").split(",") if k),
        step_id=get("step_id"),
        update_id=get("update_id"),
        at=_required(get("at")),
        alerted_at=from_db(get("alerted_at")),
    )
    return AlertState(
        event=event,
        token=get("token"),
        attempts=int(get("attempts")),
        retry_at=from_db(get("retry_at")),
        seen_at=from_db(get("seen_at")),
        escalated_at=from_db(get("escalated_at")),
        escalation_attempts=int(get("escalation_attempts")),
        escalation_retry_at=from_db(get("escalation_retry_at")),
    )


def _required(text: str) -> datetime:
    moment = from_db(text)
    assert moment is not None
    return moment


class AlertsMixin(StoreBase):
    async def open_alerts(self) -> list[AlertState]:
        """Every alert that still needs work, oldest first: not yet delivered, or not yet
        seen and not yet repeated to the admins. Events without an alert row get one."""
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO safeguarding_alerts (event_id, token)"
                " SELECT id, lower(hex(randomblob(6))) FROM safeguarding_events e"
                " WHERE NOT EXISTS (SELECT 1 FROM safeguarding_alerts a WHERE a.event_id = e.id)"
            )
            rows = await tx.all(
                _SELECT + " WHERE e.alerted_at IS NULL"
                " OR (a.seen_at IS NULL AND a.escalated_at IS NULL) ORDER BY e.id"
            )
        return [_state(row) for row in rows]

    async def alert_state(self, event_id: int) -> AlertState | None:
        async with self._db.read() as tx:
            row = await tx.one(_SELECT + " WHERE e.id = ?", (event_id,))
        return None if row is None else _state(row)

    async def alert_by_token(self, token: str) -> AlertState | None:
        """The alert a "Seen" button names; None for anything not issued by this bot."""
        if not TOKEN_SHAPE.match(token):
            return None
        async with self._db.read() as tx:
            row = await tx.one(_SELECT + " WHERE a.token = ?", (token,))
        return None if row is None else _state(row)

    async def alert_delivery_failed(self, event_id: int, retry_at: datetime) -> int:
        """Count a failed delivery; the next attempt is due at ``retry_at``. Returns the
        number of attempts so far."""
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE safeguarding_alerts SET attempts = attempts + 1, retry_at = ?"
                " WHERE event_id = ?",
                (to_db(retry_at), event_id),
            )
            found = await tx.scalar(
                "SELECT attempts FROM safeguarding_alerts WHERE event_id = ?", (event_id,)
            )
        return int(found or 0)

    async def alert_escalation_failed(self, event_id: int, retry_at: datetime) -> int:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE safeguarding_alerts SET escalation_attempts = escalation_attempts + 1,"
                " escalation_retry_at = ? WHERE event_id = ?",
                (to_db(retry_at), event_id),
            )
            found = await tx.scalar(
                "SELECT escalation_attempts FROM safeguarding_alerts WHERE event_id = ?",
                (event_id,),
            )
        return int(found or 0)

    async def mark_alert_escalated(self, event_id: int) -> bool:
        async with self._db.write() as tx:
            changed = await tx.execute(
                "UPDATE safeguarding_alerts SET escalated_at = ?"
                " WHERE event_id = ? AND escalated_at IS NULL",
                (self._now(), event_id),
            )
        return bool(changed)

    async def mark_alert_seen(self, token: str) -> SeenResult | None:
        """Record that a facilitator pressed "Seen" on the alert ``token`` names. None when
        the token names no alert (forged, or its event was deleted)."""
        if not TOKEN_SHAPE.match(token):
            return None
        async with self._db.write() as tx:
            changed = await tx.execute(
                "UPDATE safeguarding_alerts SET seen_at = ? WHERE token = ? AND seen_at IS NULL",
                (self._now(), token),
            )
            row = await tx.one(_SELECT + " WHERE a.token = ?", (token,))
        return None if row is None else SeenResult(_state(row), first=bool(changed))
