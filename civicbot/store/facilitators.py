"""Facilitators, the audit trail, and what a facilitator's next message means.

Facilitators are kept by pseudonym (``actor``), never by Telegram ID or username; who is
an admin comes from settings, not from here. Every facilitator action, allowed or
refused, is one row of ``audit``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from civicbot.store.base import StoreBase
from civicbot.store.db import Tx, from_db


async def count_facilitators(tx: Tx) -> int:
    """How many facilitators are granted (for ``civicbot doctor``, which reads the database
    without opening a Store); 0 when the table does not exist yet."""
    try:
        return int(await tx.scalar("SELECT COUNT(*) FROM facilitators") or 0)
    except Exception:  # a database older than the facilitators table
        return 0


@dataclass(frozen=True)
class AuditRow:
    id: int
    actor: str
    action: str
    target: str | None
    details: dict[str, Any]
    allowed: bool
    at: datetime


@dataclass(frozen=True)
class FacilitatorPrompt:
    """The facilitator's next plain text is the ``kind`` text for ``ref``."""

    kind: str
    ref: int


class FacilitatorsMixin(StoreBase):
    # The bot asks "is this a facilitator?" of every text message, so the (short) list is
    # kept in memory, read once and changed only through grant and revoke below: no other
    # code writes the table.
    _facilitator_cache: frozenset[str] | None = None
    _facilitator_changes = 0

    async def grant_facilitator(self, actor: str, granted_by: str) -> bool:
        """Give ``actor`` (a pseudonym) the facilitator role; False if they had it."""
        self._facilitators_changed()
        async with self._db.write() as tx:
            added = await tx.execute(
                "INSERT OR IGNORE INTO facilitators (actor, granted_by, granted_at)"
                " VALUES (?, ?, ?)",
                (actor, granted_by, self._now()),
            )
        self._facilitators_changed()
        return bool(added)

    async def revoke_facilitator(self, actor: str) -> bool:
        self._facilitators_changed()
        async with self._db.write() as tx:
            removed = await tx.execute("DELETE FROM facilitators WHERE actor = ?", (actor,))
            await tx.execute("DELETE FROM facilitator_prompts WHERE actor = ?", (actor,))
        self._facilitators_changed()
        return bool(removed)

    async def is_facilitator(self, actor: str) -> bool:
        cached = self._facilitator_cache
        if cached is None:
            changes = self._facilitator_changes
            cached = frozenset(await self.facilitators())
            if changes == self._facilitator_changes:  # no grant or revoke meanwhile
                self._facilitator_cache = cached
        return actor in cached

    def _facilitators_changed(self) -> None:
        self._facilitator_cache = None
        self._facilitator_changes += 1

    async def facilitators(self) -> list[str]:
        async with self._db.read() as tx:
            rows = await tx.all("SELECT actor FROM facilitators ORDER BY granted_at, actor")
        return [str(row[0]) for row in rows]

    async def audit(
        self,
        actor: str,
        action: str,
        *,
        target: str | int | None = None,
        allowed: bool = True,
        details: dict[str, Any] | None = None,
    ) -> int:
        """Write one audit row; return its id."""
        async with self._db.write() as tx:
            return await tx.insert(
                "INSERT INTO audit (actor, action, target, details_json, allowed, at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    actor,
                    action,
                    None if target is None else str(target),
                    json.dumps(details or {}, ensure_ascii=False, sort_keys=True),
                    int(allowed),
                    self._now(),
                ),
            )

    async def audit_log(self, limit: int = 1000) -> list[AuditRow]:
        """The latest audit rows, oldest first."""
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT * FROM (SELECT * FROM audit ORDER BY id DESC LIMIT ?) AS latest"
                " ORDER BY id",
                (limit,),
            )
        found: list[AuditRow] = []
        for row in rows:
            at = from_db(row["at"])
            assert at is not None
            found.append(
                AuditRow(
                    id=int(row["id"]),
                    actor=row["actor"],
                    action=row["action"],
                    target=row["target"],
                    details=json.loads(row["details_json"]),
                    allowed=bool(row["allowed"]),
                    at=at,
                )
            )
        return found

    async def set_prompt(self, actor: str, kind: str, ref: int) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO facilitator_prompts (actor, kind, ref, at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (actor) DO UPDATE SET kind = excluded.kind, ref = excluded.ref,"
                " at = excluded.at",
                (actor, kind, ref, self._now()),
            )

    async def take_prompt(self, actor: str) -> FacilitatorPrompt | None:
        """What the facilitator's next text is for, if anything (and forget it)."""
        async with self._db.write() as tx:
            row = await tx.one(
                "SELECT kind, ref FROM facilitator_prompts WHERE actor = ?", (actor,)
            )
            if row is None:
                return None
            await tx.execute("DELETE FROM facilitator_prompts WHERE actor = ?", (actor,))
        return FacilitatorPrompt(row["kind"], int(row["ref"]))

    async def clear_prompt(self, actor: str) -> None:
        async with self._db.write() as tx:
            await tx.execute("DELETE FROM facilitator_prompts WHERE actor = ?", (actor,))
