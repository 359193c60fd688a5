"""Counts kept up to date as answers arrive (see :mod:`civicbot.tally`), and their reading.

Every write that moves a resident between cells (a session's outcome, ``/forget``,
withdrawing "about you" answers) reads where they stood before and after, inside its own
transaction, and adds the difference with :func:`move` — one small upsert per cell
changed, so ``/stats`` never has to read the round.

Rounds that existed before counts were kept are listed in ``tally_pending`` by the
migration, and counted in full (:meth:`TalliesMixin.recount_pending_tallies`) when the
store is next opened for writing. The SQL is plain (``INSERT ... ON CONFLICT ... DO
UPDATE``) so that other back ends run it as it is.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from civicbot.store.base import StoreBase
from civicbot.store.db import Row, Tx, from_db, to_db
from civicbot.store.rows import RoundRow, UnknownRound
from civicbot.tally import Standing, Tallies, cells_of, tally
from civicbot_analysis.disclosure import record_key


@dataclass(frozen=True)
class LiveCounts:
    """What ``/stats`` reads: the round, its kept counts, and the unfinished residents
    who answered since ``since`` (resident, step), for "still answering"."""

    round: RoundRow
    tallies: Tallies
    recent: tuple[tuple[str, str | None], ...]


async def standing(tx: Tx, round_id: int, resident: str) -> frozenset[str]:
    """The cells ``resident`` stands in now (read inside the caller's transaction)."""
    row = await tx.one(
        "SELECT status, step_id, consent_version, started_at, finished_at, source"
        " FROM sessions WHERE round_id = ? AND resident = ?",
        (round_id, resident),
    )
    if row is None:
        return frozenset()
    about = await tx.all(
        "SELECT field, value FROM demographics WHERE round_id = ? AND resident = ?",
        (round_id, resident),
    )
    return cells_of(_standing(row), {r["field"]: r["value"] for r in about})


def _standing(r: Row) -> Standing:
    return Standing(
        status=r["status"],
        step_id=r["step_id"],
        consented=r["consent_version"] is not None,
        started_at=from_db(r["started_at"]),
        finished_at=from_db(r["finished_at"]),
        source=r["source"],
    )


async def move(
    tx: Tx, round_id: int, resident: str, before: Collection[str], after: Collection[str]
) -> None:
    """Take ``resident`` out of the cells they left and into those they joined."""
    left = [c for c in before if c not in after]
    joined = [c for c in after if c not in before]
    if not left and not joined:
        return
    key = record_key(resident)
    rows = [(round_id, c, -1, -key) for c in left] + [(round_id, c, 1, key) for c in joined]
    # In cell order, so that units beside each other (PostgreSQL) lock cells in one order.
    rows.sort(key=lambda row: row[1])
    await tx.executemany(
        "INSERT INTO round_tallies (round_id, cell, n, keysum) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (round_id, cell) DO UPDATE SET n = round_tallies.n + excluded.n,"
        " keysum = round_tallies.keysum + excluded.keysum",
        rows,
    )


async def forget_in_tallies(tx: Tx, resident: str) -> None:
    """Take a resident out of every round's counts (before their rows are deleted)."""
    rounds = await tx.all("SELECT round_id FROM sessions WHERE resident = ?", (resident,))
    for row in rounds:
        round_id = int(row["round_id"])
        await move(tx, round_id, resident, await standing(tx, round_id, resident), ())


async def recount(tx: Tx, round_id: int) -> Tallies:
    """Count ``round_id`` in full and keep the result as its counts."""
    found = await full_count(tx, round_id)
    await tx.execute("DELETE FROM round_tallies WHERE round_id = ?", (round_id,))
    await tx.executemany(
        "INSERT INTO round_tallies (round_id, cell, n, keysum) VALUES (?, ?, ?, ?)",
        [(round_id, name, n, keys) for name, (n, keys) in found.items()],
    )
    await tx.execute("DELETE FROM tally_pending WHERE round_id = ?", (round_id,))
    return found


async def full_count(tx: Tx, round_id: int) -> Tallies:
    """The counts of ``round_id`` from every session and "about you" answer."""
    sessions = await tx.all(
        "SELECT resident, status, step_id, consent_version, started_at, finished_at, source"
        " FROM sessions WHERE round_id = ?",
        (round_id,),
    )
    about: dict[str, dict[str, str]] = {}
    for r in await tx.all(
        "SELECT resident, field, value FROM demographics WHERE round_id = ?", (round_id,)
    ):
        about.setdefault(r["resident"], {})[r["field"]] = r["value"]
    return tally((r["resident"], _standing(r), about.get(r["resident"], {})) for r in sessions)


def _kept(rows: Sequence[Row]) -> Tallies:
    return {r["cell"]: (int(r["n"]), int(r["keysum"])) for r in rows if int(r["n"]) != 0}


class TalliesMixin(StoreBase):
    async def live_counts(self, round_id: int, since: datetime) -> LiveCounts:
        """The round's kept counts and its residents answering since ``since``: a few
        dozen rows and the recent sessions (by index), whatever the round's size."""

        async def read(tx: Tx) -> LiveCounts:
            async with tx.snapshot():
                row = await tx.one("SELECT * FROM rounds WHERE id = ?", (round_id,))
                if row is None:
                    raise UnknownRound(round_id)
                kept = await tx.all(
                    "SELECT cell, n, keysum FROM round_tallies WHERE round_id = ?", (round_id,)
                )
                recent = await tx.all(
                    "SELECT resident, step_id FROM sessions WHERE round_id = ?"
                    " AND updated_at > ? AND status = 'active' AND finished_at IS NULL",
                    (round_id, to_db(since)),
                )
            return LiveCounts(
                RoundRow.from_row(row),
                _kept(kept),
                tuple((r["resident"], r["step_id"]) for r in recent),
            )

        async with self._db.read() as tx:
            return await read(tx)

    async def kept_tallies(self, round_id: int) -> Tallies:
        """The counts kept for ``round_id`` (cells with nobody left out)."""
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT cell, n, keysum FROM round_tallies WHERE round_id = ?", (round_id,)
            )
        return _kept(rows)

    async def counted_tallies(self, round_id: int) -> Tallies:
        """The counts of ``round_id`` worked out afresh from its rows (what the kept
        counts must equal; for checks, not for ``/stats``)."""
        async with self._db.read() as tx, tx.snapshot():
            return await full_count(tx, round_id)

    async def recount_tallies(self, round_id: int) -> Tallies:
        """Count a round in full and keep the result (after a restore, say)."""
        async with self._db.write() as tx:
            return await recount(tx, round_id)

    async def recount_pending_tallies(self) -> list[int]:
        """Count in full the rounds listed as not counted yet; return their ids."""
        async with self._db.read() as tx:
            pending = [int(r[0]) for r in await tx.all("SELECT round_id FROM tally_pending")]
        for round_id in pending:
            await self.recount_tallies(round_id)
        return pending
