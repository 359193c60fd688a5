"""Safeguarding check-ins: the second tier's record (see
:mod:`civicbot.safeguarding.checkin`).

A check-in row says that a resident's message may have disclosed a risk and that they
were sent the gentle check-in: the round and step, the update and the time, and whether a
facilitator has reviewed it. No words are stored here (a free-text answer is stored, and
queued for moderation, like any other answer). When a facilitator approves or rejects
that answer in the moderation queue, a trigger (migration 0021) marks its check-in
reviewed, by them; :meth:`CheckInsMixin.mark_check_in_reviewed` does it directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from civicbot.store.base import StoreBase
from civicbot.store.db import from_db


@dataclass(frozen=True)
class CheckIn:
    id: int
    round_id: int | None
    resident: str
    step_id: str | None
    update_id: int | None
    at: datetime | None
    reviewed_at: datetime | None
    reviewed_by: str | None


class CheckInsMixin(StoreBase):
    async def record_check_in(
        self,
        round_id: int | None,
        resident: str,
        update_id: int | None,
        step_id: str | None = None,
    ) -> int | None:
        """Record that ``resident`` was sent a check-in. Returns the new row's id, or None
        when this update's check-in is already recorded (a redelivery)."""
        async with self._db.write() as tx:
            if update_id is not None:
                found = await tx.scalar(
                    "SELECT id FROM safeguarding_checkins WHERE update_id = ?", (update_id,)
                )
                if found is not None:
                    return None
            return await tx.insert(
                "INSERT INTO safeguarding_checkins (round_id, resident, step_id, update_id, at)"
                " VALUES (?, ?, ?, ?, ?)",
                (round_id, resident, step_id, update_id, self._now()),
            )

    async def check_ins(
        self, *, unreviewed_only: bool = False, round_id: int | None = None
    ) -> list[CheckIn]:
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT * FROM safeguarding_checkins WHERE (?1 = 0 OR reviewed_at IS NULL)"
                " AND (CAST(?2 AS INTEGER) IS NULL OR round_id = ?2) ORDER BY id",
                (int(unreviewed_only), round_id),
            )
        return [
            CheckIn(
                id=int(row["id"]),
                round_id=None if row["round_id"] is None else int(row["round_id"]),
                resident=row["resident"],
                step_id=row["step_id"],
                update_id=row["update_id"],
                at=from_db(row["at"]),
                reviewed_at=from_db(row["reviewed_at"]),
                reviewed_by=row["reviewed_by"],
            )
            for row in rows
        ]

    async def mark_check_in_reviewed(self, check_in_id: int, by: str) -> bool:
        """Mark one check-in reviewed; False if unknown or already reviewed."""
        async with self._db.write() as tx:
            changed = await tx.execute(
                "UPDATE safeguarding_checkins SET reviewed_at = ?, reviewed_by = ?"
                " WHERE id = ? AND reviewed_at IS NULL",
                (self._now(), by, check_in_id),
            )
        return bool(changed)
