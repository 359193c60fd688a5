"""Deliberation: the statements residents write for others, and their votes on them.

A statement's standing comes from two places: its own ``status`` ('approved' when
nothing stood in the way when it was written) and, while that is 'pending', the
facilitators' decision in the moderation queue (kind 'statement', ref = the statement
id). :data:`_STANDING` combines them, so a decision in ``/moderate`` applies at once.

Statements and votes are written in the dialogue's own transaction
(:func:`apply_deliberation_record`, called from ``apply_outcome``). A resident's
``/forget`` deletes their votes and the statements they wrote; other residents' votes
on those statements go with them (``ON DELETE CASCADE``), since a vote on a statement
that no longer exists means nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from civicbot.engine.types import (
    DeliberationPool,
    PoolStatement,
    Record,
    StatementWritten,
    VoteCast,
)
from civicbot.script.model import Script, text_in
from civicbot.store.base import StoreBase
from civicbot.store.db import Tx, from_db
from civicbot.store.moderation import ModerationRequest, queue_in_tx
from civicbot_analysis.rounddata import Statement, Vote

# The standing of statement ``s``: its own status, or the moderation decision while
# its own is pending.
_STANDING = (
    "CASE WHEN s.status = 'pending' THEN COALESCE((SELECT m.status FROM moderation AS m"
    " WHERE m.round_id = s.round_id AND m.kind = 'statement'"
    " AND m.ref = CAST(s.id AS TEXT)), 'pending') ELSE s.status END"
)
# Pol.is's "moderated" column: 1 accepted, 0 unmoderated, -1 rejected.
_MODERATED: dict[str, int] = {"approved": 1, "pending": 0, "rejected": -1}
# The round asks a facilitator to approve every statement (the words the moderation
# queue uses for answers too).
REASON_APPROVAL = "approval required"


@dataclass(frozen=True)
class StatementRow:
    id: int
    round_id: int
    step_id: str
    resident: str | None  # the author; None for a seed
    seed: int | None
    text: str
    shown_text: str
    status: str  # 'approved', 'pending' or 'rejected', moderation included
    created_at: datetime | None
    votes: int


def deliberation_steps(script: Script) -> list[str]:
    return [step.id for step in script.steps() if step.type == "deliberation"]


async def apply_deliberation_record(
    tx: Tx, round_id: int, resident: str, record: Record, update_id: int | None, now: str
) -> bool:
    """Store a statement or a vote in the caller's transaction; False if ``record`` is
    neither (so the caller applies it)."""
    if isinstance(record, VoteCast):
        # Only on a statement of this round that still exists: its author may have used
        # /forget between the resident seeing it and voting.
        await tx.execute(
            "INSERT INTO votes (round_id, resident, statement_id, vote, voted_at, update_id)"
            " SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM statements"
            " WHERE id = ?3 AND round_id = ?1)"
            " ON CONFLICT (round_id, resident, statement_id) DO UPDATE SET"
            " vote = excluded.vote, voted_at = excluded.voted_at, update_id = excluded.update_id",
            (round_id, resident, record.statement_id, record.vote, now, update_id),
        )
        return True
    if not isinstance(record, StatementWritten):
        return False
    requires = await tx.scalar("SELECT requires_approval FROM rounds WHERE id = ?", (round_id,))
    reasons = sorted(set(record.found))
    if requires and not reasons:
        reasons.append(REASON_APPROVAL)
    statement_id = await tx.insert(
        "INSERT INTO statements (round_id, step_id, resident, text, shown_text, status,"
        " created_at, update_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            round_id,
            record.step_id,
            resident,
            record.text,
            record.shown_text,
            "pending" if reasons else "approved",
            now,
            update_id,
        ),
    )
    if reasons:
        request = ModerationRequest(
            "statement", str(statement_id), record.shown_text, tuple(reasons)
        )
        await queue_in_tx(tx, round_id, resident, request, now)
    return True


class DeliberationMixin(StoreBase):
    async def add_seed_statements(self, round_id: int, script: Script) -> int:
        """Insert the script's seed statements for the round (once; in the script's
        default language); returns how many were added now."""
        language = script.default_language
        rows = [
            (round_id, step.id, k, text_in(seed, language, language).strip(), self._now())
            for step in script.steps()
            if step.type == "deliberation"
            for k, seed in enumerate(step.seed_statements)
        ]
        if not rows:
            return 0
        async with self._db.write() as tx:
            return await tx.executemany(
                "INSERT OR IGNORE INTO statements (round_id, step_id, resident, seed, text,"
                " shown_text, status, created_at) VALUES (?1, ?2, NULL, ?3, ?4, ?4,"
                " 'approved', ?5)",
                rows,
            )

    async def deliberation_pool(
        self, round_id: int, resident: str, script: Script
    ) -> DeliberationPool:
        """What the round's deliberation steps may show ``resident`` now. Seeds are added
        first if the round has none yet."""
        steps = deliberation_steps(script)
        if not steps:
            return DeliberationPool()
        async with self._db.read() as tx:
            seeded = await tx.scalar(
                "SELECT COUNT(*) FROM statements WHERE round_id = ? AND seed IS NOT NULL",
                (round_id,),
            )
        if not seeded:
            await self.add_seed_statements(round_id, script)
        # One snapshot, so votes and statements agree with each other.
        async with self._db.read(large=True) as tx, tx.snapshot():
            shown = await tx.all(
                "SELECT s.id, s.step_id, s.shown_text, s.seed,"
                " (SELECT COUNT(*) FROM votes AS v WHERE v.statement_id = s.id) AS n"
                f" FROM statements AS s WHERE s.round_id = ? AND ({_STANDING}) = 'approved'"
                " AND (s.resident IS NULL OR s.resident != ?) ORDER BY s.id",
                (round_id, resident),
            )
            mine = await tx.all(
                "SELECT id, step_id FROM statements WHERE round_id = ? AND resident = ?",
                (round_id, resident),
            )
            voted = await tx.all(
                "SELECT statement_id, vote FROM votes WHERE round_id = ? AND resident = ?",
                (round_id, resident),
            )
            requires = await tx.scalar(
                "SELECT requires_approval FROM rounds WHERE id = ?", (round_id,)
            )
        return DeliberationPool(
            statements=tuple(
                PoolStatement(int(r["id"]), r["step_id"], r["shown_text"], int(r["n"]), r["seed"])
                for r in shown
                if r["step_id"] in steps
            ),
            mine=frozenset(int(r["id"]) for r in mine),
            voted={int(r["statement_id"]): int(r["vote"]) for r in voted},
            written=dict(Counter(str(r["step_id"]) for r in mine)),
            requires_approval=bool(requires),
        )

    async def statements(self, round_id: int) -> list[StatementRow]:
        """Every statement of a round, in the order written, with its standing."""
        async with self._db.read() as tx:
            rows = await tx.all(
                f"SELECT s.*, ({_STANDING}) AS standing,"
                " (SELECT COUNT(*) FROM votes AS v WHERE v.statement_id = s.id) AS n"
                " FROM statements AS s WHERE s.round_id = ? ORDER BY s.id",
                (round_id,),
            )
        return [
            StatementRow(
                id=int(r["id"]),
                round_id=int(r["round_id"]),
                step_id=r["step_id"],
                resident=r["resident"],
                seed=r["seed"],
                text=r["text"],
                shown_text=r["shown_text"],
                status=r["standing"],
                created_at=from_db(r["created_at"]),
                votes=int(r["n"]),
            )
            for r in rows
        ]

    async def deliberation_data(
        self, round_id: int, residents: frozenset[str] | None = None
    ) -> tuple[tuple[Statement, ...], tuple[Vote, ...]]:
        """The round's statements (as others see them, with Pol.is's moderated flag) and
        latest votes, for :class:`~civicbot_analysis.rounddata.RoundData`. ``residents`` keeps only
        the votes of those residents (the ones taking part)."""
        async with self._db.read(large=True) as tx, tx.snapshot():
            statements = await tx.all(
                f"SELECT s.id, s.resident, s.shown_text, ({_STANDING}) AS standing"
                " FROM statements AS s WHERE s.round_id = ? ORDER BY s.id",
                (round_id,),
            )
            votes = await tx.all(
                "SELECT resident, statement_id, vote FROM votes WHERE round_id = ?"
                " ORDER BY voted_at, resident, statement_id",
                (round_id,),
            )
        return (
            tuple(
                Statement(
                    id=str(r["id"]),
                    text=r["shown_text"],
                    author=r["resident"],
                    moderated=_MODERATED.get(r["standing"], 0),
                )
                for r in statements
            ),
            tuple(
                Vote(r["resident"], str(r["statement_id"]), int(r["vote"]))
                for r in votes
                if residents is None or r["resident"] in residents
            ),
        )
