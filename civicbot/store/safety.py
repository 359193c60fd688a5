"""Safeguarding events and the retention of raw free text.

:meth:`SafetyMixin.record_safeguarding_event` keeps the least a facilitator needs after a
resident discloses a risk of harm: which kinds, the round and step, the update, and when
the facilitators were alerted. No words are stored here.

:meth:`SafetyMixin.delete_raw_text_older_than` is the retention rule: a free-text answer
older than the cut-off keeps only its scrubbed form (personal data replaced by
placeholders), in the answer row and in the session's copy of it; handled inbox updates
(raw messages) older than the cut-off are deleted, and voice notes' file ids are cleared.
Rows and counts stay, so reports and aggregates are unchanged in shape.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from civicbot.store.base import StoreBase
from civicbot.store.db import Tx, from_db, to_db
from civicbot.store.rounddata import parse_frozen_script
from civicbot.store.rows import state_from_json, state_to_json
from civicbot_analysis.scrub import scrub

# Answers scrubbed per write unit by the retention rule.
RETENTION_BATCH = 500


@dataclass(frozen=True)
class SafeguardingEvent:
    id: int
    round_id: int | None
    resident: str
    kinds: tuple[str, ...]
    step_id: str | None
    update_id: int | None
    at: datetime
    alerted_at: datetime | None


@dataclass(frozen=True)
class RetentionResult:
    """What one retention pass changed."""

    answers_redacted: int = 0
    sessions_redacted: int = 0
    inbox_deleted: int = 0
    voice_notes_cleared: int = 0

    @property
    def total(self) -> int:
        return (
            self.answers_redacted
            + self.sessions_redacted
            + self.inbox_deleted
            + self.voice_notes_cleared
        )


class SafetyMixin(StoreBase):
    async def record_safeguarding_event(
        self,
        round_id: int | None,
        resident: str,
        kinds: Sequence[str],
        update_id: int | None,
        step_id: str | None = None,
    ) -> int | None:
        """Record that ``resident``'s message disclosed a risk of harm. Returns the new
        event's id, or None when this update's event is already recorded (a redelivery)."""
        async with self._db.write() as tx:
            if update_id is not None:
                found = await tx.scalar(
                    "SELECT id FROM safeguarding_events WHERE update_id = ?", (update_id,)
                )
                if found is not None:
                    return None
            return await tx.insert(
                "INSERT INTO safeguarding_events (round_id, resident, kinds, step_id,"
                " update_id, at) VALUES (?, ?, ?, ?, ?, ?)",
                (round_id, resident, ",".join(kinds), step_id, update_id, self._now()),
            )

    async def safeguarding_events(
        self, *, unalerted_only: bool = False, round_id: int | None = None
    ) -> list[SafeguardingEvent]:
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT * FROM safeguarding_events WHERE (?1 = 0 OR alerted_at IS NULL)"
                " AND (CAST(?2 AS INTEGER) IS NULL OR round_id = ?2) ORDER BY id",
                (int(unalerted_only), round_id),
            )
        return [
            SafeguardingEvent(
                id=int(row["id"]),
                round_id=None if row["round_id"] is None else int(row["round_id"]),
                resident=row["resident"],
                kinds=tuple(k for k in row["kinds"].split(",") if k),
                step_id=row["step_id"],
                update_id=row["update_id"],
                at=_time(row["at"]),
                alerted_at=from_db(row["alerted_at"]),
            )
            for row in rows
        ]

    async def mark_safeguarding_alerted(self, event_id: int) -> bool:
        async with self._db.write() as tx:
            changed = await tx.execute(
                "UPDATE safeguarding_events SET alerted_at = ? WHERE id = ? AND alerted_at IS NULL",
                (self._now(), event_id),
            )
        return bool(changed)

    async def delete_raw_text_older_than(self, cutoff: datetime) -> RetentionResult:
        """Apply the retention rule to everything stored before ``cutoff``; the
        write-ahead log is checkpointed afterwards (best effort) so the raw words do not
        linger in old page images.

        Answers are taken in batches of :data:`RETENTION_BATCH`: each batch is read, then
        scrubbed in a worker thread (the scrubber is CPU work), then written in one short
        write unit that changes an answer only if it is still the text that was scrubbed.
        So the dialogue never waits behind one transaction over the whole database, and
        the event loop never runs the scrubber."""
        limit, now = to_db(cutoff), self._now()
        async with self._db.read() as tx:
            free_text = await _free_text_steps(tx)
        answers = sessions = 0
        after: tuple[int, str, str] = (-1, "", "")
        while True:
            async with self._db.read() as tx:
                rows = await tx.all(
                    "SELECT round_id, resident, step_id, value_json FROM answers"
                    " WHERE redacted_at IS NULL AND skipped = 0 AND answered_at < ?"
                    " AND (round_id, resident, step_id) > (?, ?, ?)"
                    " ORDER BY round_id, resident, step_id LIMIT ?",
                    (limit, *after, RETENTION_BATCH),
                )
            if not rows:
                break
            last = rows[-1]
            after = (int(last["round_id"]), last["resident"], last["step_id"])
            plain = [(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]
            found = await asyncio.to_thread(_scrub_batch, plain, free_text)
            if found:
                async with self._db.write() as tx:
                    done_a, done_s = await _redact_answers(tx, found, now)
                answers, sessions = answers + done_a, sessions + done_s
        async with self._db.write() as tx:
            inbox = await tx.execute(
                "DELETE FROM inbox WHERE processed_at IS NOT NULL AND received_at < ?", (limit,)
            )
            voice = await tx.execute(
                "UPDATE unsupported_inputs SET file_id = NULL WHERE file_id IS NOT NULL AND at < ?",
                (limit,),
            )
        await self._db.checkpoint()
        return RetentionResult(answers, sessions, inbox, voice)


async def _free_text_steps(tx: Tx) -> dict[int, frozenset[str]]:
    """Each round's free-text question steps, read from the script version it froze."""
    steps: dict[int, frozenset[str]] = {}
    for row in await tx.all("SELECT id, script_source FROM rounds"):
        script = parse_frozen_script(row["script_source"])
        steps[int(row["id"])] = frozenset(s.id for s in script.steps() if s.type == "free_text")
    return steps


# (round, resident, step, stored JSON, scrubbed text)
_Scrubbed = tuple[int, str, str, str, str]


def _scrub_batch(
    rows: Sequence[tuple[int, str, str, str]], free_text: dict[int, frozenset[str]]
) -> list[_Scrubbed]:
    """The free-text answers of ``rows`` with their scrubbed form (runs in a thread)."""
    found: list[_Scrubbed] = []
    for round_id, resident, step_id, value_json in rows:
        raw = json.loads(value_json)
        if step_id in free_text.get(round_id, frozenset()) and isinstance(raw, str):
            found.append((round_id, resident, step_id, value_json, scrub(raw)))
    return found


async def _redact_answers(tx: Tx, found: Sequence[_Scrubbed], now: str) -> tuple[int, int]:
    done: dict[tuple[int, str], dict[str, str]] = {}
    count = 0
    for round_id, resident, step_id, old_json, redacted in found:
        changed = await tx.execute(
            "UPDATE answers SET value_json = ?, redacted_at = ?"
            " WHERE round_id = ? AND resident = ? AND step_id = ? AND value_json = ?"
            " AND redacted_at IS NULL",
            (json.dumps(redacted, ensure_ascii=False), now, round_id, resident, step_id, old_json),
        )
        if changed:  # not changed: the resident answered again since it was read
            count += changed
            done.setdefault((round_id, resident), {})[step_id] = redacted
    sessions = 0
    for (round_id, resident), values in done.items():
        text = await tx.scalar(
            "SELECT state_json FROM sessions WHERE round_id = ? AND resident = ?",
            (round_id, resident),
        )
        if text is None:
            continue
        state = state_from_json(text)
        answers = {**state.answers, **{k: v for k, v in values.items() if k in state.answers}}
        sessions += await tx.execute(
            "UPDATE sessions SET state_json = ? WHERE round_id = ? AND resident = ?",
            (state_to_json(replace(state, answers=answers)), round_id, resident),
        )
    return count, sessions


def _time(text: str) -> datetime:
    moment = from_db(text)
    assert moment is not None
    return moment
