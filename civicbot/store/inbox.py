"""The durable inbox of Telegram updates.

An update is acknowledged to Telegram only once it is committed here; ``update_id`` is the
primary key, so a repeat delivery is absorbed. Each row records when it was handled
(``processed_at``, set in the same transaction as the change it caused) and when the reply
went out (``replied_at``), so that after a crash unhandled updates are handled and
handled-but-unanswered ones get the current prompt again.

Names never reach the database: before storing, :func:`scrub_payload` blanks first names
and drops last names, usernames and phone numbers from the update, and the copies of
earlier messages an update carries (the bot message under a pressed button, the message
replied to, which can quote residents' words) are cut down to what the bot uses: their
ids, chat and forward origin. The sender's pseudonym is stored beside the payload so that
``/forget`` can remove a resident's updates too.

Once an update is answered its payload and pseudonym are dropped, whatever the retention
setting: only ``update_id`` and the times stay, which is all that absorbing a repeat
delivery and recovering from a crash need (an unanswered update keeps its payload until
it is answered).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from civicbot.store.base import StoreBase
from civicbot.store.db import Tx, to_db

# Keys whose values name a person. Those Telegram requires in an object (a User's
# ``first_name``, a Contact's ``phone_number``) are blanked rather than dropped, so the
# payload still parses into telegram objects.
_BLANKED = frozenset({"first_name", "phone_number"})
_DROPPED = frozenset({"last_name", "username", "active_usernames", "vcard"})

_MAX_ID_KEY = "inbox_max_update_id"


# Copies of other messages inside an update: only these keys of them are kept.
_COPIES = frozenset({"reply_to_message", "pinned_message"})
_COPY_KEEP = frozenset({"message_id", "date", "chat", "from", "forward_origin"})
_DROPPED_COPIES = frozenset({"quote", "external_reply"})
HANDLED_PAYLOAD = "{}"  # what an answered update keeps of its payload


def _cut_copy(message: Any) -> Any:
    if not isinstance(message, dict):
        return message
    return {key: value for key, value in message.items() if key in _COPY_KEEP}


def scrub_payload(payload: Any, *, key: str | None = None) -> Any:
    """A copy of a decoded update with the names and usernames in it removed, and the
    copies of other messages cut down to their ids."""
    if isinstance(payload, dict):
        if key == "callback_query" and "message" in payload:
            payload = {**payload, "message": _cut_copy(payload["message"])}
        return {
            k: ("" if k in _BLANKED else scrub_payload(_cut_copy(v) if k in _COPIES else v, key=k))
            for k, v in payload.items()
            if k not in _DROPPED and k not in _DROPPED_COPIES
        }
    if isinstance(payload, list):
        return [scrub_payload(item) for item in payload]
    return payload


def sender_of(payload: Any) -> int | None:
    """The Telegram user ID of whoever sent an update (``message.from``,
    ``callback_query.from`` and the like), if there is one."""
    if not isinstance(payload, dict):
        return None
    for value in payload.values():
        if isinstance(value, dict):
            sender = value.get("from")
            if isinstance(sender, dict) and isinstance(sender.get("id"), int):
                return int(sender["id"])
    return None


class InboxMixin(StoreBase):
    async def inbox_add(self, updates: Sequence[tuple[int, str]]) -> int:
        """Store updates (id, JSON) not seen before, in one transaction; return how many
        were new."""
        if not updates:
            return 0
        now = self._now()
        rows = [self._inbox_row(update_id, payload, now) for update_id, payload in updates]
        highest = max(update_id for update_id, _ in updates)

        async def unit(tx: Tx) -> int:
            added = await tx.executemany(
                "INSERT OR IGNORE INTO inbox (update_id, resident, payload, received_at)"
                " VALUES (?, ?, ?, ?)",
                rows,
            )
            # Remembered apart from the rows so that pruning never lowers the offset.
            await tx.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
                " SET value = CASE WHEN CAST(excluded.value AS INTEGER)"
                " > CAST(meta.value AS INTEGER) THEN excluded.value ELSE meta.value END",
                (_MAX_ID_KEY, str(highest)),
            )
            return added

        async with self._db.write() as tx:
            return await unit(tx)

    def _inbox_row(self, update_id: int, payload: str, now: str) -> tuple[Any, ...]:
        try:
            decoded = json.loads(payload)
        except ValueError:
            # Kept as given: the adapter will fail to parse it and mark it processed.
            return (update_id, None, payload, now)
        sender = sender_of(decoded)
        resident = None if sender is None else self.resident_id(sender)
        scrubbed = json.dumps(scrub_payload(decoded), ensure_ascii=False, separators=(",", ":"))
        return (update_id, resident, scrubbed, now)

    async def inbox_max_update_id(self) -> int | None:
        """The highest update id ever stored (even if since pruned)."""
        async with self._db.read() as tx:
            value = await tx.scalar("SELECT value FROM meta WHERE key = ?", (_MAX_ID_KEY,))
        return None if value is None else int(value)

    async def inbox_pending(self, limit: int = 100) -> list[tuple[int, str]]:
        """Updates not yet handled, oldest first."""
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT update_id, payload FROM inbox WHERE processed_at IS NULL"
                " ORDER BY update_id LIMIT ?",
                (limit,),
            )
        return [(int(row[0]), str(row[1])) for row in rows]

    async def inbox_still_pending(self, update_ids: Sequence[int]) -> set[int]:
        """Which of ``update_ids`` are not handled yet (another worker may have handled
        some since they were read)."""
        if not update_ids:
            return set()
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT update_id FROM inbox WHERE processed_at IS NULL"
                " AND update_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))",
                (json.dumps([int(i) for i in update_ids]),),
            )
        return {int(row[0]) for row in rows}

    async def inbox_still_unreplied(self, update_ids: Sequence[int]) -> set[int]:
        """Which of ``update_ids`` are handled but not answered yet."""
        if not update_ids:
            return set()
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT update_id FROM inbox WHERE processed_at IS NOT NULL"
                " AND replied_at IS NULL"
                " AND update_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?))",
                (json.dumps([int(i) for i in update_ids]),),
            )
        return {int(row[0]) for row in rows}

    async def inbox_unreplied(self, limit: int = 100) -> list[tuple[int, str]]:
        """Updates handled but not yet answered (a crash came between), oldest first."""
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT update_id, payload FROM inbox"
                " WHERE processed_at IS NOT NULL AND replied_at IS NULL"
                " ORDER BY update_id LIMIT ?",
                (limit,),
            )
        return [(int(row[0]), str(row[1])) for row in rows]

    async def inbox_mark_processed(self, update_id: int) -> bool:
        """Mark an update handled that changed nothing (e.g. an ignored group message)."""
        now = self._now()
        async with self._db.write() as tx:
            return bool(
                await tx.execute(
                    "UPDATE inbox SET processed_at = ? WHERE update_id = ?"
                    " AND processed_at IS NULL",
                    (now, update_id),
                )
            )

    async def inbox_mark_replied(self, update_id: int) -> bool:
        """Mark an update answered. It also counts as handled from then on."""
        return bool(await self.inbox_mark_replied_many((update_id,)))

    async def inbox_mark_replied_many(self, update_ids: Iterable[int]) -> int:
        """Mark several updates answered in one transaction (one disk flush for all);
        return how many were newly marked."""
        now = self._now()
        rows = [(now, now, update_id) for update_id in update_ids]

        async def unit(tx: Tx) -> int:
            return await tx.executemany(
                "UPDATE inbox SET replied_at = ?, processed_at = COALESCE(processed_at, ?),"
                f" payload = '{HANDLED_PAYLOAD}', resident = NULL"
                " WHERE update_id = ? AND replied_at IS NULL",
                rows,
            )

        async with self._db.write() as tx:
            return await unit(tx)

    async def inbox_prune(self, older_than: datetime) -> int:
        """Delete handled updates received before ``older_than``; return how many."""
        async with self._db.write() as tx:
            return await tx.execute(
                "DELETE FROM inbox WHERE processed_at IS NOT NULL AND received_at < ?",
                (to_db(older_than),),
            )
