"""The moderation queue: free-text answers (and, later, deliberation statements) that a
facilitator approves or rejects before they may be quoted.

``queue_in_tx`` runs inside another write unit (the dialogue's ``apply_outcome``), so an
answer and its place in the queue are committed together. A changed answer (``/back``)
goes back to pending under a new id; an answer no longer needing review leaves the queue.
Ids are never reused (AUTOINCREMENT, migration 0017): a facilitator's button names an id,
and must never decide anything but the words it was shown with.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from civicbot.store.base import StoreBase
from civicbot.store.db import Row, Tx, from_db

MODERATION_KINDS: tuple[str, ...] = ("answer", "statement")
DECISIONS: tuple[str, ...] = ("approved", "rejected")


@dataclass(frozen=True)
class ModerationRequest:
    """What to do with one item in the queue: ``reasons`` None takes it out of the queue
    (the answer changed and needs no review any more); otherwise it is (re)queued."""

    kind: str
    ref: str
    text: str
    reasons: tuple[str, ...] | None


@dataclass(frozen=True)
class ModerationItem:
    id: int
    round_id: int
    resident: str
    kind: str
    ref: str
    text: str
    reasons: tuple[str, ...]
    status: str
    created_at: datetime | None
    decided_at: datetime | None
    decided_by: str | None


def _item(r: Row) -> ModerationItem:
    return ModerationItem(
        id=int(r["id"]),
        round_id=int(r["round_id"]),
        resident=r["resident"],
        kind=r["kind"],
        ref=r["ref"],
        text=r["text"],
        reasons=tuple(json.loads(r["reasons_json"])),
        status=r["status"],
        created_at=from_db(r["created_at"]),
        decided_at=from_db(r["decided_at"]),
        decided_by=r["decided_by"],
    )


async def queue_in_tx(
    tx: Tx, round_id: int, resident: str, request: ModerationRequest, now: str
) -> None:
    """Queue (or re-queue as pending) or drop one item, inside the caller's transaction."""
    if request.kind not in MODERATION_KINDS:
        raise ValueError(f"moderation kind must be one of {MODERATION_KINDS}")
    if request.reasons is None:
        await tx.execute(
            "DELETE FROM moderation WHERE round_id = ? AND resident = ? AND kind = ? AND ref = ?",
            (round_id, resident, request.kind, request.ref),
        )
        return
    # Changed words get a new id (ids are never reused: AUTOINCREMENT), so a button shown
    # for the old words cannot decide the new ones; the same words keep their place.
    await tx.execute(
        "DELETE FROM moderation WHERE round_id = ? AND resident = ? AND kind = ? AND ref = ?"
        " AND text IS NOT ?",
        (round_id, resident, request.kind, request.ref, request.text),
    )
    await tx.execute(
        "INSERT INTO moderation (round_id, resident, kind, ref, text, reasons_json, status,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)"
        " ON CONFLICT (round_id, resident, kind, ref) DO UPDATE SET"
        " reasons_json = excluded.reasons_json, status = 'pending',"
        " created_at = excluded.created_at, decided_at = NULL, decided_by = NULL",
        (
            round_id,
            resident,
            request.kind,
            request.ref,
            request.text,
            json.dumps(list(request.reasons)),
            now,
        ),
    )


class ModerationMixin(StoreBase):
    async def queue_for_moderation(
        self,
        round_id: int,
        resident: str,
        kind: str,
        ref: str,
        text: str,
        reasons: Sequence[str],
    ) -> None:
        """Put one item in the queue (pending), in its own transaction. ``text`` must be
        scrubbed already; ``reasons`` say why it needs a look (e.g. "phone", "risk")."""
        async with self._db.write() as tx:
            await queue_in_tx(
                tx,
                round_id,
                resident,
                ModerationRequest(kind, ref, text, tuple(reasons)),
                self._now(),
            )

    async def next_for_moderation(
        self, round_id: int | None = None, skip_ids: Sequence[int] = ()
    ) -> ModerationItem | None:
        """The oldest pending item (in one round, or any), leaving out ``skip_ids``."""
        skipped = json.dumps([int(i) for i in skip_ids])
        async with self._db.read() as tx:
            row = await tx.one(
                "SELECT * FROM moderation WHERE status = 'pending'"
                " AND (CAST(?1 AS INTEGER) IS NULL OR round_id = ?1)"
                " AND id NOT IN (SELECT CAST(value AS INTEGER) FROM json_each(?2))"
                " ORDER BY id LIMIT 1",
                (round_id, skipped),
            )
        return None if row is None else _item(row)

    async def moderation_item(self, item_id: int) -> ModerationItem | None:
        async with self._db.read() as tx:
            row = await tx.one("SELECT * FROM moderation WHERE id = ?", (item_id,))
        return None if row is None else _item(row)

    async def pending_moderation(self, round_id: int | None = None) -> int:
        async with self._db.read() as tx:
            value = await tx.scalar(
                "SELECT COUNT(*) FROM moderation WHERE status = 'pending'"
                " AND (CAST(?1 AS INTEGER) IS NULL OR round_id = ?1)",
                (round_id,),
            )
        return int(value or 0)

    async def decide(self, item_id: int, status: str, by: str) -> bool:
        """Approve or reject a pending item; False if it is unknown or already decided
        (two facilitators pressing at once: the first decision stands)."""
        if status not in DECISIONS:
            raise ValueError(f"a decision is one of {DECISIONS}")
        async with self._db.write() as tx:
            changed = await tx.execute(
                "UPDATE moderation SET status = ?, decided_at = ?, decided_by = ?"
                " WHERE id = ? AND status = 'pending'",
                (status, self._now(), by, item_id),
            )
        return bool(changed)

    async def moderation_status(
        self, round_id: int, kind: str, ref: str, resident: str
    ) -> str | None:
        """ "pending", "approved", "rejected", or None when the item was never queued."""
        async with self._db.read() as tx:
            value = await tx.scalar(
                "SELECT status FROM moderation WHERE round_id = ? AND kind = ? AND ref = ?"
                " AND resident = ?",
                (round_id, kind, ref, resident),
            )
        return None if value is None else str(value)

    async def moderation_statuses(
        self, round_id: int, kind: str = "answer"
    ) -> dict[tuple[str, str], str]:
        """``(resident, ref) -> status`` for every queued item of ``kind`` in a round."""
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT resident, ref, status FROM moderation WHERE round_id = ? AND kind = ?",
                (round_id, kind),
            )
        return {(r[0], r[1]): r[2] for r in rows}
