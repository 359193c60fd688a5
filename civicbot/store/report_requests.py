"""Facilitators' ``/report`` requests, kept so that a restart neither loses nor repeats one.

A request is ``queued`` until the builder takes every queued request of its round at once
(``building``: one build per round at a time); a build that succeeds leaves its file on
each (``built``), one that fails says why (``failed``). The sender claims a built request
(``sending``, committed before the call to Telegram) and then marks it ``sent``. After a
crash :meth:`ReportRequestsMixin.resume_report_requests` puts ``building`` back to
``queued`` (the build died with the process) and counts ``sending`` as sent: as with the
broadcast outbox, a facilitator may at worst miss a document, never get one twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from civicbot.store.base import StoreBase
from civicbot.store.db import Tx

OPEN = ("queued", "building")


@dataclass(frozen=True)
class ReportDelivery:
    """A built report to send: request ``id`` of round ``round_id``, to ``chat_id``."""

    id: int
    round_id: int
    chat_id: int | None  # None: the facilitator left (/forget) or cannot be reached
    file: str
    caption: str


class ReportRequestsMixin(StoreBase):
    async def request_report(self, round_id: int, resident: str) -> tuple[int, bool]:
        """Queue a report of ``round_id`` for ``resident`` (a facilitator's pseudonym);
        ``(request id, True)``, or the request they already have waiting and False."""
        async with self._db.write() as tx:
            found = await tx.scalar(
                "SELECT id FROM report_requests WHERE round_id = ? AND resident = ?"
                " AND status IN ('queued', 'building') ORDER BY id LIMIT 1",
                (round_id, resident),
            )
            if found is not None:
                return int(found), False
            new = await tx.insert(
                "INSERT INTO report_requests (round_id, resident, status, requested_at)"
                " VALUES (?, ?, 'queued', ?)",
                (round_id, resident, self._now()),
            )
        return new, True

    async def resume_report_requests(self) -> tuple[int, int]:
        """After a restart: builds that were running are queued again, sends that were
        under way count as sent. Returns (requeued, counted as sent)."""
        async with self._db.write() as tx:
            requeued = await tx.execute(
                "UPDATE report_requests SET status = 'queued' WHERE status = 'building'"
            )
            counted = await tx.execute(
                "UPDATE report_requests SET status = 'sent', sent_at = ? WHERE status = 'sending'",
                (self._now(),),
            )
        return requeued, counted

    async def next_report_round(self) -> int | None:
        """The round of the oldest queued request, if any."""
        async with self._db.read() as tx:
            value = await tx.scalar(
                "SELECT round_id FROM report_requests WHERE status = 'queued' ORDER BY id LIMIT 1"
            )
        return None if value is None else int(value)

    async def start_report_build(self, round_id: int) -> list[int]:
        """Take every queued request of ``round_id`` into one build; their ids."""
        async with self._db.write() as tx:
            rows = await tx.all(
                "SELECT id FROM report_requests WHERE round_id = ? AND status = 'queued'",
                (round_id,),
            )
            ids = [int(r[0]) for r in rows]
            await tx.executemany(
                "UPDATE report_requests SET status = 'building' WHERE id = ?",
                [(i,) for i in ids],
            )
        return ids

    async def finish_report_build(self, ids: list[int], file: str, caption: str) -> None:
        async with self._db.write() as tx:
            await tx.executemany(
                "UPDATE report_requests SET status = 'built', file = ?, caption = ?,"
                " built_at = ? WHERE id = ? AND status = 'building'",
                [(file, caption, self._now(), i) for i in ids],
            )

    async def fail_report_build(self, ids: list[int], error: str) -> list[ReportDelivery]:
        """Mark a failed build; the requests to tell (with ``caption`` left empty)."""
        async with self._db.write() as tx:
            await tx.executemany(
                "UPDATE report_requests SET status = 'failed', error = ?, built_at = ?"
                " WHERE id = ? AND status = 'building'",
                [(error[:500], self._now(), i) for i in ids],
            )
            return [await self._delivery(tx, i) for i in ids]

    async def claim_built_report(self) -> ReportDelivery | None:
        """The oldest built request, marked ``sending`` (committed before it is sent)."""
        async with self._db.write() as tx:
            value = await tx.scalar(
                "SELECT id FROM report_requests WHERE status = 'built' ORDER BY id LIMIT 1"
            )
            if value is None:
                return None
            await tx.execute(
                "UPDATE report_requests SET status = 'sending' WHERE id = ?", (int(value),)
            )
            return await self._delivery(tx, int(value))

    async def report_sent(self, request_id: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE report_requests SET status = 'sent', sent_at = ? WHERE id = ?",
                (self._now(), request_id),
            )

    async def report_file_in_use(self, file: str) -> bool:
        """Whether a request still waits to send ``file`` (else it may be deleted)."""
        async with self._db.read() as tx:
            found = await tx.scalar(
                "SELECT 1 FROM report_requests WHERE file = ? AND status IN ('built', 'sending')"
                " LIMIT 1",
                (file,),
            )
        return found is not None

    async def report_requests_of(self, round_id: int) -> list[tuple[int, str]]:
        """(id, status) of a round's requests, oldest first (for checks and tests)."""
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT id, status FROM report_requests WHERE round_id = ? ORDER BY id",
                (round_id,),
            )
        return [(int(r[0]), str(r[1])) for r in rows]

    @staticmethod
    async def _delivery(tx: Tx, request_id: int) -> ReportDelivery:
        row = await tx.one(
            "SELECT r.id, r.round_id, i.chat_id, r.file, r.caption FROM report_requests AS r"
            " LEFT JOIN identities AS i ON i.resident = r.resident WHERE r.id = ?",
            (request_id,),
        )
        assert row is not None
        chat = row["chat_id"]
        return ReportDelivery(
            int(row["id"]),
            int(row["round_id"]),
            None if chat is None else int(chat),
            row["file"] or "",
            row["caption"] or "",
        )
