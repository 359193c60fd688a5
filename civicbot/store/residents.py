"""Residents: identity (the one link to Telegram) and their rights over their data.

``/mydata`` reads every row about a resident; ``/forget`` deletes every one of them in one
transaction and leaves a tombstone (pseudonym and time). Tombstones are re-applied after
a backup is restored, so a restore never brings back data someone asked to delete. Only
rows from before the tombstone's time are deleted then: someone who forgets and later
takes part again is a new participation, which a restore must keep.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from civicbot.store.actors import actor_rows, erase_actor
from civicbot.store.base import StoreBase
from civicbot.store.db import Tx, from_db, to_db
from civicbot.store.rows import Tombstone
from civicbot.store.tallies import forget_in_tallies, move, recount, standing

# Every table holding rows about a resident: (table, the column with the row's time).
# Children come before their parents so that deleting in this order never trips a
# foreign key. A table added later must be listed here; a test walks every table.
RESIDENT_TABLES: tuple[tuple[str, str], ...] = (
    ("report_requests", "requested_at"),
    ("safeguarding_events", "at"),
    ("safeguarding_checkins", "at"),
    ("moderation", "created_at"),
    ("outbox", "created_at"),
    ("blocked_chats", "at"),
    ("votes", "voted_at"),
    ("statements", "created_at"),
    ("voice_notes", "received_at"),
    ("answers", "answered_at"),
    ("demographics", "answered_at"),
    ("unsupported_inputs", "at"),
    ("consents", "at"),
    ("sessions", "started_at"),
    ("inbox", "received_at"),
    ("identities", "created_at"),
)


class ResidentsMixin(StoreBase):
    async def register_identity(
        self, telegram_user_id: int, chat_id: int | None, language_code: str | None = None
    ) -> str:
        """Record (or refresh) how to reach a Telegram user; return their pseudonym.

        Someone who used ``/forget`` and comes back is registered afresh: a new
        participation under the same pseudonym.
        """
        resident = self.resident_id(telegram_user_id)
        # Nearly every update comes from someone already registered with the same chat:
        # a read settles it without a write transaction (and its disk flush).
        async with self._db.read() as tx:
            known = await tx.one(
                "SELECT chat_id, language_code FROM identities WHERE resident = ?", (resident,)
            )
        if (
            known is not None
            and known[0] == chat_id
            and (language_code is None or known[1] == language_code)
        ):
            return resident
        now = self._now()
        async with self._db.write() as tx:
            await tx.execute(
                "INSERT INTO identities (resident, telegram_user_id, chat_id, language_code,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (resident) DO UPDATE SET chat_id = excluded.chat_id,"
                " language_code = COALESCE(excluded.language_code, identities.language_code),"
                " updated_at = excluded.updated_at"
                " WHERE identities.chat_id IS NOT excluded.chat_id OR identities.language_code"
                " IS NOT COALESCE(excluded.language_code, identities.language_code)",
                (resident, telegram_user_id, chat_id, language_code, now, now),
            )
        return resident

    async def chat_id_for(self, resident: str) -> int | None:
        async with self._db.read() as tx:
            value = await tx.scalar(
                "SELECT chat_id FROM identities WHERE resident = ?", (resident,)
            )
        return None if value is None else int(value)

    async def mydata(self, resident: str) -> dict[str, Any]:
        """Every row about the resident, table by table, ready for ``json.dumps``.

        JSON columns (``*_json``, the inbox ``payload``) are decoded for readability.
        """
        found: dict[str, Any] = {"resident": resident}
        async with self._db.read() as tx:
            for table, _ in reversed(RESIDENT_TABLES):
                rows = await tx.all(f"SELECT * FROM {table} WHERE resident = ?", (resident,))
                found[table] = [_readable(dict(row)) for row in rows]
            for table, acted in (await actor_rows(tx, resident)).items():
                found[table] = [_readable(row) for row in acted]
        return found

    async def forget(self, resident: str) -> int:
        """Delete every row about the resident in one transaction and leave a tombstone.
        Returns the number of rows deleted. Their updates leave the inbox too, the one
        asking to forget included: reply from the update in hand. Where they acted (a
        refused facilitator command, a facilitator's work) their pseudonym goes too
        (:mod:`civicbot.store.actors`).

        The write-ahead log is checkpointed afterwards (best effort) so that the deleted
        rows do not linger in old page images there either.
        """
        now = self._now()
        async with self._db.write() as tx:
            deleted = 0
            await forget_in_tallies(tx, resident)  # /stats's counts, before the rows go
            for table, _ in RESIDENT_TABLES:
                deleted += await tx.execute(f"DELETE FROM {table} WHERE resident = ?", (resident,))
            # Where they acted (a refused command, a facilitator's work): no pseudonym left.
            await erase_actor(tx, resident)
            await tx.execute(
                "INSERT INTO tombstones (resident, forgotten_at) VALUES (?, ?)"
                " ON CONFLICT (resident) DO UPDATE SET forgotten_at = excluded.forgotten_at",
                (resident, now),
            )
        self._facilitators_changed()
        await self._db.checkpoint()
        return deleted

    async def withdraw_demographics(self, resident: str, round_id: int | None = None) -> int:
        """Delete the resident's "about you" answers (in one round, or all); return how
        many. Their other answers stay."""
        async with self._db.write() as tx:
            rounds = [
                int(r[0])
                for r in await tx.all(
                    "SELECT round_id FROM sessions WHERE resident = ?", (resident,)
                )
                if round_id is None or int(r[0]) == round_id
            ]
            before = {r: await standing(tx, r, resident) for r in rounds}
            if round_id is None:
                deleted = await tx.execute(
                    "DELETE FROM demographics WHERE resident = ?", (resident,)
                )
            else:
                deleted = await tx.execute(
                    "DELETE FROM demographics WHERE resident = ? AND round_id = ?",
                    (resident, round_id),
                )
            for r in rounds:  # /stats's counts, in the same transaction
                await move(tx, r, resident, before[r], await standing(tx, r, resident))
        return deleted

    async def tombstones(self) -> list[Tombstone]:
        async with self._db.read() as tx:
            rows = await tx.all("SELECT resident, forgotten_at FROM tombstones ORDER BY resident")
        return [Tombstone(row[0], _time(row[1])) for row in rows]

    async def apply_tombstones(self, tombstones: Iterable[Tombstone] = ()) -> int:
        """Record ``tombstones`` (e.g. those of the live database, before restoring a
        backup over it) beside those already here, then delete every row about a
        tombstoned resident from before their tombstone. Returns rows deleted."""
        rows = [(t.resident, to_db(t.forgotten_at)) for t in tombstones]
        async with self._db.write() as tx:
            await tx.executemany(
                "INSERT INTO tombstones (resident, forgotten_at) VALUES (?, ?)"
                " ON CONFLICT (resident) DO UPDATE SET"
                " forgotten_at = CASE WHEN excluded.forgotten_at > tombstones.forgotten_at"
                " THEN excluded.forgotten_at ELSE tombstones.forgotten_at END",
                rows,
            )
            deleted = await _delete_tombstoned(tx)
            await erase_actor(tx)
            if deleted:  # /stats's counts: every round is counted afresh
                for row in await tx.all("SELECT id FROM rounds"):
                    await recount(tx, int(row[0]))
        self._facilitators_changed()
        return deleted


async def _delete_tombstoned(tx: Tx) -> int:
    deleted = 0
    for table, time_column in RESIDENT_TABLES:
        deleted += await tx.execute(
            f"DELETE FROM {table} WHERE EXISTS (SELECT 1 FROM tombstones AS t"
            f" WHERE t.resident = {table}.resident AND {table}.{time_column} <= t.forgotten_at)"
        )
    return deleted


def _time(text: str) -> datetime:
    moment = from_db(text)
    assert moment is not None
    return moment


def _readable(row: dict[str, Any]) -> dict[str, Any]:
    readable: dict[str, Any] = {}
    for column, value in row.items():
        if isinstance(value, str) and (column.endswith("_json") or column == "payload"):
            try:
                readable[column.removesuffix("_json")] = json.loads(value)
                continue
            except ValueError:
                pass
        readable[column] = value
    return readable
