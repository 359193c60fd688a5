"""Reminders and the round schedule: what the bot's scheduler asks of the store.

A resident who stopped part-way (consented, not finished, paused or silent) for longer
than the reminder interval gets one gentle reminder, through the outbox like any other
broadcast. Each round has one ``reminder`` broadcast, and the outbox allows one row per
broadcast and resident, so nobody is reminded twice in a round. /forget deletes the
session, so a forgotten resident is never found; "no" to updates is respected.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from datetime import datetime

from civicbot.store.base import StoreBase
from civicbot.store.db import to_db
from civicbot.store.outbox import OPTED_OUT, UPDATES_STEP
from civicbot.store.rows import RoundRow


class RemindersMixin(StoreBase):
    async def queue_reminders(
        self,
        stopped_before: datetime,
        text: Callable[[RoundRow], str],
        since: MutableMapping[int, datetime] | None = None,
    ) -> int:
        """Queue a reminder for every resident of an open round whose last step was
        before ``stopped_before``; return how many were queued now.

        ``since`` (round id -> the ``stopped_before`` of the last call) lets a caller that
        asks every few seconds look only at the sessions that crossed the line since then
        (by index), not at every stopped session of a large round each time; it is brought
        up to date here."""
        now = self._now()
        cutoff = to_db(stopped_before)
        queued = 0
        async with self._db.write() as tx:
            rounds = await tx.all("SELECT * FROM rounds WHERE status = 'open' ORDER BY id")
            for raw in rounds:
                row = RoundRow.from_row(raw)
                seen = since.get(row.id) if since is not None else None
                lower = to_db(seen) if seen is not None else ""  # "": every session
                broadcast_id = await tx.scalar(
                    "SELECT id FROM broadcasts WHERE round_id = ? AND kind = 'reminder'"
                    " ORDER BY id LIMIT 1",
                    (row.id,),
                )
                if broadcast_id is None:
                    broadcast_id = await tx.insert(
                        "INSERT INTO broadcasts (round_id, kind, text, status, created_by,"
                        " created_at, queued_at) VALUES (?, 'reminder', ?, 'queued',"
                        " 'scheduler', ?, ?)",
                        (row.id, text(row), now, now),
                    )
                queued += await tx.execute(
                    "INSERT OR IGNORE INTO outbox (broadcast_id, resident, created_at)"
                    " SELECT ?, s.resident, ? FROM sessions AS s"
                    " JOIN identities AS i ON i.resident = s.resident"
                    " AND i.chat_id IS NOT NULL"
                    " WHERE s.round_id = ? AND s.status = 'active' AND s.finished_at IS NULL"
                    " AND s.consent_version IS NOT NULL AND s.updated_at <= ?"
                    " AND s.updated_at > ?"
                    " AND s.resident NOT IN (SELECT resident FROM blocked_chats)"
                    " AND NOT EXISTS (SELECT 1 FROM answers AS a WHERE a.round_id = s.round_id"
                    " AND a.resident = s.resident AND a.step_id = ? AND a.value_json = ?)",
                    (broadcast_id, now, row.id, cutoff, lower, UPDATES_STEP, OPTED_OUT),
                )
                if since is not None:
                    since[row.id] = stopped_before
        return queued

    async def rounds_due(self, now: datetime) -> tuple[list[int], list[int]]:
        """Rounds whose scheduled opening (drafts) or closing (open rounds) has come:
        ``(to_open, to_close)``."""
        moment = to_db(now)
        async with self._db.read() as tx:
            opening = await tx.all(
                "SELECT id FROM rounds WHERE status = 'draft' AND opens_at IS NOT NULL"
                " AND opens_at <= ? AND (closes_at IS NULL OR closes_at > ?) ORDER BY id",
                (moment, moment),
            )
            closing = await tx.all(
                "SELECT id FROM rounds WHERE status = 'open' AND closes_at IS NOT NULL"
                " AND closes_at <= ? ORDER BY id",
                (moment,),
            )
        return [int(r[0]) for r in opening], [int(r[0]) for r in closing]

    async def schedule_round(
        self, round_id: int, *, opens_at: datetime | None, closes_at: datetime | None
    ) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE rounds SET opens_at = ?, closes_at = ? WHERE id = ?",
                (
                    None if opens_at is None else to_db(opens_at),
                    None if closes_at is None else to_db(closes_at),
                    round_id,
                ),
            )
