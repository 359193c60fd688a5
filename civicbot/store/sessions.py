"""Sessions and answers: the engine's outcome stored in one transaction, and read back.

:meth:`SessionsMixin.apply_outcome` is the write unit of the dialogue. Handling is
at-least-once (an update may be handled again after a crash), so the update's id is
stored with the change it caused, in the same transaction; seeing it again changes
nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from civicbot.engine.types import (
    AnswerGiven,
    ConsentGiven,
    Finished,
    Record,
    Restarted,
    SessionState,
)
from civicbot.store.base import StoreBase
from civicbot.store.db import Tx
from civicbot.store.deliberation import apply_deliberation_record
from civicbot.store.moderation import ModerationRequest, queue_in_tx
from civicbot.store.rows import (
    AnswerRow,
    DemographicRow,
    RoundRow,
    RoundRows,
    SessionRow,
    UnknownRound,
    state_from_json,
    state_to_json,
    value_to_json,
)
from civicbot.store.tallies import move, standing
from civicbot.store.voice import apply_voice_record


class SessionsMixin(StoreBase):
    async def get_session(self, round_id: int, resident: str) -> SessionState | None:
        async with self._db.read() as tx:
            text = await tx.scalar(
                "SELECT state_json FROM sessions WHERE round_id = ? AND resident = ?",
                (round_id, resident),
            )
        return None if text is None else state_from_json(text)

    async def session_for_update(
        self, round_id: int, resident: str, update_id: int
    ) -> tuple[SessionState | None, bool]:
        """The resident's session, and whether ``update_id`` was handled already (its
        effect stored): what every update needs before the engine runs, in one trip."""

        async def both(tx: Tx) -> tuple[str | None, bool]:
            text = await tx.scalar(
                "SELECT state_json FROM sessions WHERE round_id = ? AND resident = ?",
                (round_id, resident),
            )
            applied = await tx.scalar(
                "SELECT 1 FROM inbox WHERE update_id = ? AND processed_at IS NOT NULL",
                (update_id,),
            )
            return text, applied is not None

        async with self._db.read() as tx:
            text, applied = await both(tx)
        return (None if text is None else state_from_json(text)), applied

    async def current_round_for(self, resident: str) -> RoundRow | None:
        """The open round the resident last took part in, else the latest open round:
        one query for what every update needs first."""
        async with self._db.read() as tx:
            row = await tx.one(
                "SELECT r.* FROM rounds AS r LEFT JOIN sessions AS s"
                " ON s.round_id = r.id AND s.resident = ?"
                " WHERE r.status = 'open'"
                " ORDER BY s.updated_at IS NULL, s.updated_at DESC, r.opened_at DESC, r.id DESC"
                " LIMIT 1",
                (resident,),
            )
        return None if row is None else RoundRow.from_row(row)

    async def active_round_for(self, resident: str) -> int | None:
        """The open round of the resident's most recently updated session, if any."""
        async with self._db.read() as tx:
            value = await tx.scalar(
                "SELECT s.round_id FROM sessions AS s JOIN rounds AS r ON r.id = s.round_id"
                " WHERE s.resident = ? AND r.status = 'open'"
                " ORDER BY s.updated_at DESC, s.round_id DESC LIMIT 1",
                (resident,),
            )
        return None if value is None else int(value)

    async def apply_outcome(
        self,
        *,
        update_id: int | None,
        round_id: int,
        resident: str,
        state: SessionState,
        records: Sequence[Record],
        source: str | None = None,
        moderation: Sequence[ModerationRequest] = (),
    ) -> bool:
        """Store a new session state and its records, and mark the update handled, all in
        one transaction. Returns False (and changes nothing) when the update's effect is
        already stored; ``update_id`` None (the demo, the terminal) always applies.

        ``source`` is the invitation source of a new session (kept if one is set);
        ``moderation`` queues (or takes out of the queue) the outcome's free-text answers
        in the same transaction."""
        now = self._now()
        state_json = state_to_json(state)

        async def unit(tx: Tx) -> bool:
            if update_id is not None and await self._already_processed(
                tx, update_id, round_id, resident
            ):
                return False
            before = await standing(tx, round_id, resident)
            await tx.execute(
                "INSERT INTO sessions (round_id, resident, state_json, status, step_id,"
                " started_at, updated_at, last_update_id, source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (round_id, resident) DO UPDATE SET"
                " source = COALESCE(sessions.source, excluded.source),"
                " state_json = excluded.state_json, status = excluded.status,"
                " step_id = excluded.step_id, updated_at = excluded.updated_at,"
                " last_update_id = COALESCE(excluded.last_update_id, sessions.last_update_id)",
                (
                    round_id,
                    resident,
                    state_json,
                    state.status,
                    state.step_id,
                    now,
                    now,
                    update_id,
                    source,
                ),
            )
            for record in records:
                await _apply_record(tx, round_id, resident, record, update_id, now, state.language)
            for request in moderation:
                await queue_in_tx(tx, round_id, resident, request, now)
            # /stats's counts move in the same transaction (civicbot.store.tallies).
            await move(tx, round_id, resident, before, await standing(tx, round_id, resident))
            if update_id is not None:
                await self._mark_processed(tx, update_id, now)
            return True

        async with self._db.write(resident=resident) as tx:
            return await unit(tx)

    async def record_unsupported(
        self, round_id: int, resident: str, kind: str, file_id: str | None, update_id: int | None
    ) -> bool:
        """Keep note of an input the dialogue cannot take (a voice note's file id is kept).

        Idempotent per ``update_id``; it does not mark the update handled, since the
        engine's outcome for the same update is stored next by :meth:`apply_outcome`.
        """
        now = self._now()
        async with self._db.write() as tx:
            added = await tx.execute(
                "INSERT OR IGNORE INTO unsupported_inputs"
                " (round_id, resident, kind, file_id, update_id, at) VALUES (?, ?, ?, ?, ?, ?)",
                (round_id, resident, kind, file_id, update_id, now),
            )
        return bool(added)

    async def round_counts(self, round_id: int) -> dict[str, int]:
        """How many residents started, consented, finished and declined a round (from the
        counts kept as answers arrive: a few rows, whatever the round's size)."""
        names = ("started", "consented", "finished", "declined")
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT cell, n FROM round_tallies WHERE round_id = ?"
                " AND cell IN ('started', 'consented', 'finished', 'declined')",
                (round_id,),
            )
        found = {str(r[0]): int(r[1]) for r in rows}
        return {key: found.get(key, 0) for key in names}

    async def round_rows(self, round_id: int) -> RoundRows:
        """Everything stored for a round, read in one consistent snapshot."""
        # A read transaction, so that the queries see the same commit.
        async with self._db.read(large=True) as tx, tx.snapshot():
            rows = await _read_round(tx, round_id)
        return rows


async def _apply_record(
    tx: Tx,
    round_id: int,
    resident: str,
    record: Record,
    update_id: int | None,
    now: str,
    language: str | None = None,
) -> None:
    key = (round_id, resident)
    if isinstance(record, ConsentGiven):
        await tx.execute(
            "INSERT INTO consents (resident, round_id, version, agreed, at) VALUES (?, ?, ?, ?, ?)",
            (resident, round_id, record.version, int(record.agreed), now),
        )
        await tx.execute(
            "UPDATE sessions SET consent_version = ? WHERE round_id = ? AND resident = ?",
            (record.version if record.agreed else None, *key),
        )
    elif isinstance(record, AnswerGiven) and record.demographic is not None:
        if record.value is None:
            # A skipped "about you" question stores nothing (and clears an earlier answer).
            await tx.execute(
                "DELETE FROM demographics WHERE round_id = ? AND resident = ? AND field = ?",
                (*key, record.demographic),
            )
            return
        value = record.value if isinstance(record.value, str) else ",".join(record.value)
        await tx.execute(
            "INSERT INTO demographics (round_id, resident, field, value, step_id, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (round_id, resident, field) DO UPDATE SET"
            " value = excluded.value, step_id = excluded.step_id,"
            " answered_at = excluded.answered_at",
            (*key, record.demographic, value, record.step_id, now),
        )
    elif isinstance(record, AnswerGiven):
        await tx.execute(
            "INSERT INTO answers (round_id, resident, step_id, value_json, skipped,"
            " answered_at, update_id, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (round_id, resident, step_id) DO UPDATE SET"
            " value_json = excluded.value_json, skipped = excluded.skipped,"
            " answered_at = excluded.answered_at, update_id = excluded.update_id,"
            " language = excluded.language",
            (
                *key,
                record.step_id,
                value_to_json(record.value),
                int(record.value is None),
                now,
                update_id,
                language,
            ),
        )
    elif isinstance(record, Finished):
        await tx.execute(
            "UPDATE sessions SET finished_at = ? WHERE round_id = ? AND resident = ?",
            (now, *key),
        )
        # Answers left behind on a branch the resident backed out of are not theirs any more.
        path = json.dumps(list(record.path))
        for table in ("answers", "demographics"):
            await tx.execute(
                f"DELETE FROM {table} WHERE round_id = ? AND resident = ?"
                " AND step_id NOT IN (SELECT value FROM json_each(?))",
                (*key, path),
            )
    elif isinstance(record, Restarted):
        for table in ("answers", "demographics"):
            await tx.execute(f"DELETE FROM {table} WHERE round_id = ? AND resident = ?", key)
        await tx.execute(
            "UPDATE sessions SET finished_at = NULL, started_at = ?"
            " WHERE round_id = ? AND resident = ?",
            (now, *key),
        )
    elif await apply_deliberation_record(tx, round_id, resident, record, update_id, now):
        pass  # a statement or a vote (civicbot.store.deliberation)
    elif await apply_voice_record(tx, round_id, resident, record, update_id, now):
        pass  # a voice note kept beside its answer (civicbot.store.voice)
    else:
        # A record kind the store does not know would otherwise be lost without a trace.
        raise TypeError(f"the store cannot apply a {type(record).__name__} record")


# A round's rows, in the order the analysis reads them.
_SESSIONS_SQL = (
    "SELECT resident, status, step_id, consent_version, started_at, updated_at,"
    " finished_at, source FROM sessions WHERE round_id = ? ORDER BY started_at, resident"
)
_ANSWERS_SQL = (
    "SELECT resident, step_id, value_json, answered_at, language FROM answers"
    " WHERE round_id = ? ORDER BY answered_at, resident, step_id"
)
_DEMOGRAPHICS_SQL = (
    "SELECT resident, field, value, answered_at FROM demographics"
    " WHERE round_id = ? ORDER BY resident, field"
)


async def _read_round(tx: Tx, round_id: int) -> RoundRows:
    """Every row of a round, streamed (a server-side cursor on PostgreSQL, batches from
    the cursor on SQLite), so only the rows as built are held, never a raw copy too."""
    round_row = await tx.one("SELECT * FROM rounds WHERE id = ?", (round_id,))
    if round_row is None:
        raise UnknownRound(round_id)
    key = (round_id,)
    sessions = [SessionRow.from_row(r, round_id) async for r in tx.stream(_SESSIONS_SQL, key)]
    answers = [AnswerRow.from_row(r) async for r in tx.stream(_ANSWERS_SQL, key)]
    demographics = [DemographicRow.from_row(r) async for r in tx.stream(_DEMOGRAPHICS_SQL, key)]
    moderation = await tx.all(
        "SELECT resident, ref, status FROM moderation WHERE round_id = ? AND kind = 'answer'",
        (round_id,),
    )
    return RoundRows(
        round=RoundRow.from_row(round_row),
        moderation={(r[0], r[1]): r[2] for r in moderation},
        sessions=tuple(sessions),
        answers=tuple(answers),
        demographics=tuple(demographics),
    )
