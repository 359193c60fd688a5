"""Rounds: create a round from a frozen script, open and close it, look rounds up."""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from civicbot.store.base import StoreBase
from civicbot.store.db import to_db
from civicbot.store.rows import ROUND_STATUSES, RoundRow, UnknownRound


class RoundsMixin(StoreBase):
    async def create_round(
        self,
        *,
        title: str,
        script_id: str,
        script_version: int,
        script_source: str,
        script_sha256: str,
        allow_restart: bool = False,
        status: str = "draft",
        opens_at: datetime | None = None,
        closes_at: datetime | None = None,
        simulated: bool = False,
        is_default: bool = False,
    ) -> int:
        """Store a new round with its frozen script; return its id. ``is_default`` marks
        the round a fresh install opens by itself (see :meth:`open_round`)."""
        if status not in ROUND_STATUSES:
            raise ValueError(f"round status must be one of {ROUND_STATUSES}, not {status!r}")
        now = self._now()
        async with self._db.write() as tx:
            round_id = await tx.insert(
                "INSERT INTO rounds (title, script_id, script_version, script_source,"
                " script_sha256, status, allow_restart, simulated, opens_at, closes_at,"
                " created_at, opened_at, closed_at, code)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    title,
                    script_id,
                    script_version,
                    script_source,
                    script_sha256,
                    status,
                    int(allow_restart),
                    int(simulated),
                    None if opens_at is None else to_db(opens_at),
                    None if closes_at is None else to_db(closes_at),
                    now,
                    now if status in ("open", "closed") else None,
                    now if status == "closed" else None,
                    secrets.token_urlsafe(9),
                ),
            )
            if is_default:
                await tx.execute("UPDATE rounds SET is_default = 1 WHERE id = ?", (round_id,))
            return round_id

    async def set_round_people(
        self,
        round_id: int,
        *,
        organiser: str | None,
        contact: str | None,
        areas: Sequence[tuple[str, str]] = (),
        postcodes: Mapping[str, str] | None = None,
    ) -> None:
        """Set who runs a round, how to reach them, and its local areas."""
        async with self._db.write() as tx:
            changed = await tx.execute(
                "UPDATE rounds SET organiser = ?, contact = ?, areas = ?, postcodes = ?"
                " WHERE id = ?",
                (
                    organiser,
                    contact,
                    json.dumps([list(a) for a in areas]) if areas else None,
                    json.dumps(dict(postcodes)) if postcodes else None,
                    round_id,
                ),
            )
            if not changed:
                raise UnknownRound(round_id)

    async def open_round(self, round_id: int) -> list[RoundRow]:
        """Open a draft (or re-open a closed) round. ``opened_at`` keeps the first opening.

        Opening a round that is not the default closes the default round if it is open,
        in the same transaction, so ``/start`` leads to the round just opened and never
        to a leftover default. Returns the default rounds it closed (none, or one).
        """
        now = self._now()
        async with self._db.write() as tx:
            changed = await tx.execute(
                "UPDATE rounds SET status = 'open', opened_at = COALESCE(opened_at, ?),"
                " closed_at = NULL WHERE id = ?",
                (now, round_id),
            )
            if not changed:
                raise UnknownRound(round_id)
            closing = await tx.all(
                "SELECT * FROM rounds WHERE is_default = 1 AND status = 'open' AND id != ?"
                " AND NOT EXISTS (SELECT 1 FROM rounds WHERE id = ? AND is_default = 1)"
                " ORDER BY id",
                (round_id, round_id),
            )
            for row in closing:
                await tx.execute(
                    "UPDATE rounds SET status = 'closed', closed_at = ? WHERE id = ?",
                    (now, row["id"]),
                )
        return [replace(RoundRow.from_row(row), status="closed") for row in closing]

    async def close_round(self, round_id: int) -> None:
        now = self._now()
        async with self._db.write() as tx:
            changed = await tx.execute(
                "UPDATE rounds SET status = 'closed', closed_at = ? WHERE id = ?",
                (now, round_id),
            )
            if not changed:
                raise UnknownRound(round_id)

    async def get_round(self, round_id: int) -> RoundRow | None:
        async with self._db.read() as tx:
            row = await tx.one("SELECT * FROM rounds WHERE id = ?", (round_id,))
        return None if row is None else RoundRow.from_row(row)

    async def round_by_code(self, code: str) -> RoundRow | None:
        """The round a deep link's code names, if any."""
        async with self._db.read() as tx:
            row = await tx.one("SELECT * FROM rounds WHERE code = ?", (code,))
        return None if row is None else RoundRow.from_row(row)

    async def latest_open_round(self) -> RoundRow | None:
        """The most recently opened round that is open now."""
        async with self._db.read() as tx:
            row = await tx.one(
                "SELECT * FROM rounds WHERE status = 'open' ORDER BY opened_at DESC, id DESC"
                " LIMIT 1"
            )
        return None if row is None else RoundRow.from_row(row)

    async def list_rounds(self) -> list[RoundRow]:
        async with self._db.read() as tx:
            rows = await tx.all("SELECT * FROM rounds ORDER BY id")
        return [RoundRow.from_row(row) for row in rows]
