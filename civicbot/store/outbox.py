"""Broadcasts and the outbox: messages to many residents, drained at Telegram's pace.

A broadcast is a draft (a text) until a facilitator confirms it; queueing it writes one
outbox row per recipient in one transaction. The drainer (``civicbot.bot.outbox_drainer``)
claims a small batch (marked ``sending`` and committed before any call to Telegram),
sends, then records what happened. Rows still ``sending`` after a crash are counted as
sent: a resident may miss a message, but never gets one twice.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from civicbot.store.base import StoreBase
from civicbot.store.db import Row, Tx, from_db
from civicbot.store.rows import UnknownRound

# The yes/no step of a script that asks whether a resident wants updates; "yes" opts in.
UPDATES_STEP = "updates_opt_in"
OPTED_IN = json.dumps("yes")
OPTED_OUT = json.dumps("no")


@dataclass(frozen=True)
class BroadcastRow:
    id: int
    round_id: int
    kind: str
    text: str
    status: str
    created_by: str
    created_at: datetime | None
    queued_at: datetime | None
    finished_at: datetime | None
    progress_message_id: int | None

    @classmethod
    def from_row(cls, r: Row) -> BroadcastRow:
        return cls(
            id=int(r["id"]),
            round_id=int(r["round_id"]),
            kind=r["kind"],
            text=r["text"],
            status=r["status"],
            created_by=r["created_by"],
            created_at=from_db(r["created_at"]),
            queued_at=from_db(r["queued_at"]),
            finished_at=from_db(r["finished_at"]),
            progress_message_id=r["progress_message_id"],
        )


@dataclass(frozen=True)
class OutboxJob:
    """One message to send now: outbox row ``id`` to ``chat_id``."""

    id: int
    broadcast_id: int
    resident: str
    chat_id: int
    text: str


# Recipients of a round's updates: opted in, reachable, not blocked.
RECIPIENTS = (
    "SELECT s.resident FROM sessions AS s"
    " JOIN identities AS i ON i.resident = s.resident AND i.chat_id IS NOT NULL"
    " JOIN answers AS a ON a.round_id = s.round_id AND a.resident = s.resident"
    f" AND a.step_id = '{UPDATES_STEP}' AND a.value_json = '{OPTED_IN}'"
    " WHERE s.round_id = ? AND s.resident NOT IN (SELECT resident FROM blocked_chats)"
)


# The same, a chunk at a time in pseudonym order: (round, after this pseudonym, how many).
_RECIPIENTS_AFTER = RECIPIENTS + " AND s.resident > ? ORDER BY s.resident LIMIT ?"
RECIPIENT_CHUNK = 2000


class OutboxMixin(StoreBase):
    async def create_broadcast(
        self, round_id: int, created_by: str, *, kind: str = "update", text: str = ""
    ) -> int:
        """A draft broadcast to a round's residents; return its id."""
        async with self._db.write() as tx:
            if await tx.scalar("SELECT 1 FROM rounds WHERE id = ?", (round_id,)) is None:
                raise UnknownRound(round_id)
            return await tx.insert(
                "INSERT INTO broadcasts (round_id, kind, text, created_by, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (round_id, kind, text, created_by, self._now()),
            )

    async def set_broadcast_text(self, broadcast_id: int, text: str) -> bool:
        async with self._db.write() as tx:
            changed = await tx.execute(
                "UPDATE broadcasts SET text = ? WHERE id = ? AND status = 'draft'",
                (text, broadcast_id),
            )
        return bool(changed)

    async def get_broadcast(self, broadcast_id: int) -> BroadcastRow | None:
        async with self._db.read() as tx:
            row = await tx.one("SELECT * FROM broadcasts WHERE id = ?", (broadcast_id,))
        return None if row is None else BroadcastRow.from_row(row)

    async def cancel_broadcast(self, broadcast_id: int) -> bool:
        """Cancel a draft; a queued broadcast cannot be called back."""
        async with self._db.write() as tx:
            changed = await tx.execute(
                "UPDATE broadcasts SET status = 'cancelled', finished_at = ?"
                " WHERE id = ? AND status = 'draft'",
                (self._now(), broadcast_id),
            )
        return bool(changed)

    async def count_recipients(self, round_id: int) -> int:
        async with self._db.read() as tx:
            value = await tx.scalar(
                f"SELECT COUNT(*) FROM ({RECIPIENTS}) AS recipients", (round_id,)
            )
        return int(value or 0)

    async def recipient_ids(self, round_id: int) -> list[str]:
        """The pseudonyms of a round's recipients (for protected counts, never shown),
        read :data:`RECIPIENT_CHUNK` at a time so that a round of a hundred thousand never
        holds the connection for long in one go."""
        found: list[str] = []
        after = ""
        while True:
            async with self._db.read() as tx:
                rows = await tx.all(_RECIPIENTS_AFTER, (round_id, after, RECIPIENT_CHUNK))
            found += [str(r[0]) for r in rows]
            if len(rows) < RECIPIENT_CHUNK:
                return found
            after = found[-1]

    async def queue_broadcast(self, broadcast_id: int) -> int | None:
        """Queue a draft: one outbox row per recipient. Returns the number of rows
        queued, or None if the broadcast was not a draft (already sent, cancelled:
        pressing Send twice sends once).

        The rows are written :data:`RECIPIENT_CHUNK` at a time, each chunk its own short
        transaction, while the broadcast is still a draft (the drainer sends only rows of
        queued broadcasts); a last transaction marks it queued if it is still a draft. So
        a round of a hundred thousand never holds the write lock for seconds, and a crash
        part-way leaves a draft that Send completes (rows already there are kept once)."""
        now = self._now()
        async with self._db.read() as tx:
            round_id = await tx.scalar(
                "SELECT round_id FROM broadcasts WHERE id = ? AND status = 'draft'",
                (broadcast_id,),
            )
        if round_id is None:
            return None
        added = 0
        after = ""
        while True:
            async with self._db.write() as tx:
                rows = await tx.all(_RECIPIENTS_AFTER, (round_id, after, RECIPIENT_CHUNK))
                added += await tx.executemany(
                    "INSERT OR IGNORE INTO outbox (broadcast_id, resident, created_at)"
                    " VALUES (?, ?, ?)",
                    [(broadcast_id, str(r[0]), now) for r in rows],
                )
            if len(rows) < RECIPIENT_CHUNK:
                break
            after = str(rows[-1][0])
        async with self._db.write() as tx:
            queued = await tx.execute(
                "UPDATE broadcasts SET status = 'queued', queued_at = ?"
                " WHERE id = ? AND status = 'draft'",
                (now, broadcast_id),
            )
        return added if queued else None

    async def set_progress_message(self, broadcast_id: int, message_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE broadcasts SET progress_message_id = ? WHERE id = ?",
                (message_id, broadcast_id),
            )

    async def outbox_recover(self) -> int:
        """After a restart: rows left ``sending`` may have reached Telegram, so they count
        as sent (at most once). Returns how many."""
        async with self._db.write() as tx:
            return await tx.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ? WHERE status = 'sending'",
                (self._now(),),
            )

    async def outbox_claim(self, limit: int) -> list[OutboxJob]:
        """Up to ``limit`` queued messages, marked ``sending`` (committed) before they
        are handed out. Rows for blocked or unreachable residents are settled here."""
        async with self._db.write() as tx:
            rows = await tx.all(
                "SELECT o.id, o.broadcast_id, o.resident, i.chat_id, b.text,"
                " EXISTS (SELECT 1 FROM blocked_chats AS k WHERE k.resident = o.resident)"
                " AS blocked FROM outbox AS o JOIN broadcasts AS b ON b.id = o.broadcast_id"
                " LEFT JOIN identities AS i ON i.resident = o.resident"
                " WHERE o.status = 'queued' AND b.status = 'queued' ORDER BY o.id LIMIT ?",
                (limit,),
            )
            jobs = [
                OutboxJob(int(r[0]), int(r[1]), r[2], int(r[3]), r[4])
                for r in rows
                if r[3] is not None and not r[5]
            ]
            blocked = [int(r[0]) for r in rows if r[5]]
            gone = [int(r[0]) for r in rows if r[3] is None and not r[5]]
            for status, ids in (("sending", [j.id for j in jobs]), ("blocked", blocked)):
                await _set_status(tx, ids, status, attempt=status == "sending")
            await _set_status(tx, gone, "failed")
        return jobs

    async def outbox_finish(
        self,
        *,
        sent: Sequence[int] = (),
        retry: Sequence[int] = (),
        blocked: Sequence[OutboxJob] = (),
        failed: Sequence[int] = (),
        max_attempts: int = 5,
    ) -> None:
        """Record a batch's results in one transaction. ``retry`` rows go back to the
        queue (they surely did not reach Telegram) unless tried ``max_attempts`` times."""
        now = self._now()
        async with self._db.write() as tx:
            await _set_status(tx, sent, "sent", sent_at=now)
            await _set_status(tx, failed, "failed")
            await _set_status(tx, [j.id for j in blocked], "blocked")
            await tx.executemany(
                "INSERT OR IGNORE INTO blocked_chats (resident, at) VALUES (?, ?)",
                [(j.resident, now) for j in blocked],
            )
            await tx.execute(
                "UPDATE outbox SET status = CASE WHEN attempts >= ? THEN 'failed'"
                " ELSE 'queued' END WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))",
                (max_attempts, json.dumps(list(retry))),
            )
            # Broadcasts with nothing left to send are done (reminders stay open).
            await tx.execute(
                "UPDATE broadcasts SET status = 'done', finished_at = ?"
                " WHERE status = 'queued' AND kind != 'reminder' AND NOT EXISTS"
                " (SELECT 1 FROM outbox AS o WHERE o.broadcast_id = broadcasts.id"
                " AND o.status IN ('queued', 'sending'))",
                (now,),
            )

    async def broadcast_progress(self, broadcast_id: int) -> dict[str, int]:
        """Outbox rows of a broadcast by status (every status present, 0 if none)."""
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT status, COUNT(*) FROM outbox WHERE broadcast_id = ? GROUP BY status",
                (broadcast_id,),
            )
        counts = dict.fromkeys(("queued", "sending", "sent", "blocked", "failed"), 0)
        counts.update({r[0]: int(r[1]) for r in rows})
        return counts

    async def active_broadcasts(self) -> list[BroadcastRow]:
        """Broadcasts being sent, or finished within the drainer's notice (not reminders)."""
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT * FROM broadcasts WHERE status = 'queued' AND kind != 'reminder'"
                " ORDER BY id"
            )
        return [BroadcastRow.from_row(r) for r in rows]

    async def is_blocked(self, resident: str) -> bool:
        async with self._db.read() as tx:
            found = await tx.scalar("SELECT 1 FROM blocked_chats WHERE resident = ?", (resident,))
        return found is not None


async def _set_status(
    tx: Tx, ids: Sequence[int], status: str, *, attempt: bool = False, sent_at: str | None = None
) -> None:
    if not ids:
        return
    await tx.execute(
        "UPDATE outbox SET status = ?, attempts = attempts + ?, sent_at = COALESCE(?, sent_at)"
        " WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))",
        (status, int(attempt), sent_at, json.dumps(list(ids))),
    )
