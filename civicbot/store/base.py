"""What every part of the :class:`~civicbot.store.store.Store` shares: the database, the
pseudonym key, the clock, and the inbox bookkeeping that makes handling idempotent."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime

from civicbot.store.db import Database, Tx, to_db
from civicbot.store.pseudonym import HOW_TO_SET_SECRET, SecretError, pseudonym

Clock = Callable[[], datetime]


def _lease_key(name: str) -> int:
    """A lease's name as a signed 64-bit advisory-lock key (the same in every process)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


class StoreBase:
    def __init__(self, db: Database, *, secret: bytes | None, clock: Clock) -> None:
        self._db = db
        self._secret = secret
        self._clock = clock

    def resident_id(self, telegram_user_id: int) -> str:
        """The pseudonym of a Telegram user (computed, no database access)."""
        if self._secret is None:
            raise SecretError(f"this needs the pseudonym secret: {HOW_TO_SET_SECRET}")
        return pseudonym(self._secret, telegram_user_id)

    @property
    def shared(self) -> bool:
        """True when several bot processes may work on this database at once (PostgreSQL):
        they share the work through :meth:`claim`."""
        return self._db.shared

    async def claim(self, name: str) -> bool:
        """Take the lease ``name`` (``"fetcher"``, ``"outbox"``, ``"resident:<id>"``) for
        this process unless another holds it; it ends with :meth:`release` or with the
        process. Always granted on SQLite (one process owns the file)."""
        return await self._db.try_lock(_lease_key(name))

    async def release(self, name: str) -> None:
        await self._db.unlock(_lease_key(name))

    def now(self) -> datetime:
        """The store's clock (injected in tests): what "now" is for its readers too."""
        return self._clock()

    def _now(self) -> str:
        return to_db(self._clock())

    def _facilitators_changed(self) -> None:
        """Forget any cached list of facilitators (``/forget`` can end a role too)."""

    @staticmethod
    async def _already_processed(tx: Tx, update_id: int, round_id: int, resident: str) -> bool:
        """True when the effect of ``update_id`` is already stored.

        The inbox row says so once processed; the session's ``last_update_id`` says so
        too, which still holds after the inbox row has been pruned.
        """
        found = await tx.one(
            "SELECT 1 FROM inbox WHERE update_id = ?1 AND processed_at IS NOT NULL"
            " UNION ALL SELECT 1 FROM sessions"
            " WHERE round_id = ?2 AND resident = ?3 AND last_update_id = ?1 LIMIT 1",
            (update_id, round_id, resident),
        )
        return found is not None

    @staticmethod
    async def _mark_processed(tx: Tx, update_id: int, now: str) -> None:
        await tx.execute(
            "UPDATE inbox SET processed_at = ? WHERE update_id = ? AND processed_at IS NULL",
            (now, update_id),
        )
