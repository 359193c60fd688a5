"""Results ("what we heard"): a round's plain-language summary and the facilitator's
words on what happens next, drafted, previewed, then sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from civicbot.store.base import StoreBase
from civicbot.store.db import Row, from_db
from civicbot.store.outbox import RECIPIENTS


@dataclass(frozen=True)
class ResultsRow:
    id: int
    round_id: int
    summary: str
    next_steps: str
    status: str
    created_by: str
    sent_at: datetime | None
    broadcast_id: int | None

    @property
    def text(self) -> str:
        if not self.next_steps:
            return self.summary
        return f"{self.summary}\n\nWhat happens next\n{self.next_steps}"

    @classmethod
    def from_row(cls, r: Row) -> ResultsRow:
        return cls(
            id=int(r["id"]),
            round_id=int(r["round_id"]),
            summary=r["summary"],
            next_steps=r["next_steps"],
            status=r["status"],
            created_by=r["created_by"],
            sent_at=from_db(r["sent_at"]),
            broadcast_id=r["broadcast_id"],
        )


class ResultsMixin(StoreBase):
    async def draft_results(self, round_id: int, summary: str, created_by: str) -> ResultsRow:
        """Start (or restart) the round's results draft; a sent one is not changed."""
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO results (round_id, summary, created_by, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (round_id) DO UPDATE SET"
                " summary = excluded.summary, created_by = excluded.created_by"
                " WHERE results.status = 'draft'",
                (round_id, summary, created_by, self._now()),
            )
            row = await tx.one("SELECT * FROM results WHERE round_id = ?", (round_id,))
        assert row is not None
        return ResultsRow.from_row(row)

    async def set_next_steps(self, results_id: int, text: str) -> bool:
        async with self._db.write() as tx:
            changed = await tx.execute(
                "UPDATE results SET next_steps = ? WHERE id = ? AND status = 'draft'",
                (text, results_id),
            )
        return bool(changed)

    async def get_results(self, results_id: int) -> ResultsRow | None:
        async with self._db.read() as tx:
            row = await tx.one("SELECT * FROM results WHERE id = ?", (results_id,))
        return None if row is None else ResultsRow.from_row(row)

    async def results_for_round(self, round_id: int) -> ResultsRow | None:
        async with self._db.read() as tx:
            row = await tx.one("SELECT * FROM results WHERE round_id = ?", (round_id,))
        return None if row is None else ResultsRow.from_row(row)

    async def send_results(self, results_id: int, sent_by: str) -> int | None:
        """Mark the results sent and queue them to opted-in residents, in one transaction.
        Returns the number of recipients, or None if they were sent already."""
        now = self._now()
        async with self._db.write() as tx:
            row = await tx.one(
                "SELECT * FROM results WHERE id = ? AND status = 'draft'", (results_id,)
            )
            if row is None:
                return None
            results = ResultsRow.from_row(row)
            broadcast_id = await tx.insert(
                "INSERT INTO broadcasts (round_id, kind, text, status, created_by, created_at,"
                " queued_at) VALUES (?, 'results', ?, 'queued', ?, ?, ?)",
                (results.round_id, results.text, sent_by, now, now),
            )
            added = await tx.execute(
                "INSERT OR IGNORE INTO outbox (broadcast_id, resident, created_at)"
                f" SELECT ?, resident, ? FROM ({RECIPIENTS}) AS recipients",
                (broadcast_id, now, results.round_id),
            )
            await tx.execute(
                "UPDATE results SET status = 'sent', sent_at = ?, broadcast_id = ? WHERE id = ?",
                (now, broadcast_id, results_id),
            )
        return added

    async def results_for_resident(self, resident: str) -> ResultsRow | None:
        """The latest sent results of a round the resident took part in."""
        async with self._db.read() as tx:
            row = await tx.one(
                "SELECT r.* FROM results AS r JOIN sessions AS s ON s.round_id = r.round_id"
                " WHERE s.resident = ? AND r.status = 'sent' ORDER BY r.sent_at DESC LIMIT 1",
                (resident,),
            )
        return None if row is None else ResultsRow.from_row(row)

    async def set_theme_edits(self, round_id: int, edits_json: str) -> None:
        """Keep the round's theme edits (the JSON document of an ``--edits`` file)."""
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO theme_edits (round_id, edits, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (round_id) DO UPDATE SET edits = excluded.edits,"
                " updated_at = excluded.updated_at",
                (round_id, edits_json, self._now()),
            )

    async def theme_edits(self, round_id: int) -> str | None:
        """The round's theme edits as kept by :meth:`set_theme_edits`, or None."""
        async with self._db.read() as tx:
            row = await tx.one("SELECT edits FROM theme_edits WHERE round_id = ?", (round_id,))
        return None if row is None else str(row["edits"])
