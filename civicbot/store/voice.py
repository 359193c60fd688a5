"""Voice notes: the rows that say a voice note answered a question, and the audio itself,
encrypted at rest in a folder beside the database.

Order of events, for durability: the note's row is written by ``apply_outcome`` in the
same transaction as the answer it gives (:func:`apply_voice_record`), so an acknowledged
voice answer survives a kill -9; the audio is fetched afterwards and kept with
:meth:`VoiceMixin.keep_voice_audio`. A note whose audio is not kept yet stays
``waiting`` and is fetched again after a restart.

The audio is sealed at rest (:mod:`civicbot.store.voice_files`). ``/forget``, restored
tombstones and the retention rule delete the files as well as the rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from civicbot.engine.types import VOICE_ANSWER, Record, VoiceKept
from civicbot.store.base import StoreBase
from civicbot.store.db import Tx, from_db, to_db
from civicbot.store.moderation import ModerationRequest, queue_in_tx
from civicbot.store.rows import StoreError, state_from_json, state_to_json
from civicbot.store.safety import RetentionResult
from civicbot.store.voice_files import SWEEP_AFTER_SECONDS, VoiceUnreadable, VoiceVault

__all__ = ["VoiceMixin", "VoiceNote", "VoiceUnreadable", "VoiceVault", "apply_voice_record"]

# A note a facilitator is transcribing is not offered to another for this long.
CLAIM_SECONDS = 30 * 60
MAX_FETCH_ATTEMPTS = 5


@dataclass(frozen=True)
class VoiceNote:
    id: int
    round_id: int
    resident: str
    step_id: str
    file_ref: str | None
    duration: int
    received_at: datetime | None
    fetch_state: str
    fetch_attempts: int
    file_name: str | None
    transcript: str | None
    proposed: str | None

    @classmethod
    def from_row(cls, row: Any) -> VoiceNote:
        return cls(
            id=int(row["id"]),
            round_id=int(row["round_id"]),
            resident=row["resident"],
            step_id=row["step_id"],
            file_ref=row["file_ref"],
            duration=int(row["duration"]),
            received_at=from_db(row["received_at"]),
            fetch_state=row["fetch_state"],
            fetch_attempts=int(row["fetch_attempts"]),
            file_name=row["file_name"],
            transcript=row["transcript"],
            proposed=row["proposed"],
        )


async def apply_voice_record(
    tx: Tx, round_id: int, resident: str, record: Record, update_id: int | None, now: str
) -> bool:
    """Keep a :class:`VoiceKept` note in the caller's transaction; False for other records."""
    if not isinstance(record, VoiceKept):
        return False
    await tx.execute(
        "INSERT OR IGNORE INTO voice_notes (round_id, resident, step_id, update_id,"
        " file_ref, duration, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (round_id, resident, record.step_id, update_id, record.ref or None, record.duration, now),
    )
    return True


# A note still stands for its answer while the answers row was written by its update.
_STANDING = (
    "EXISTS (SELECT 1 FROM answers AS a WHERE a.round_id = v.round_id"
    " AND a.resident = v.resident AND a.step_id = v.step_id"
    " AND a.update_id IS v.update_id AND a.skipped = 0)"
)


class VoiceMixin(StoreBase):
    _vault: VoiceVault | None = None

    def attach_voice_folder(self, folder: Path | None) -> None:
        """Where sealed voice files live (None: nowhere, e.g. an in-memory database)."""
        secret = self._secret
        self._vault = None if folder is None or secret is None else VoiceVault(folder, secret)

    @property
    def voice_vault(self) -> VoiceVault:
        if self._vault is None:
            raise StoreError("this database has no folder for voice notes")
        return self._vault

    async def voice_note(self, note_id: int) -> VoiceNote | None:
        async with self._db.read() as tx:
            row = await tx.one("SELECT * FROM voice_notes WHERE id = ?", (note_id,))
        return None if row is None else VoiceNote.from_row(row)

    async def voice_notes_of(self, round_id: int, resident: str) -> list[VoiceNote]:
        """A resident's voice notes in a round that still stand for their answers."""
        async with self._db.read() as tx:
            rows = await tx.all(
                f"SELECT v.* FROM voice_notes AS v WHERE v.round_id = ? AND v.resident = ?"
                f" AND {_STANDING} ORDER BY v.id",
                (round_id, resident),
            )
        return [VoiceNote.from_row(r) for r in rows]

    async def voice_waiting(self, limit: int = 20) -> list[VoiceNote]:
        """Notes whose audio is not kept yet, oldest first."""
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT * FROM voice_notes WHERE fetch_state = 'waiting'"
                " AND file_ref IS NOT NULL ORDER BY id LIMIT ?",
                (limit,),
            )
        return [VoiceNote.from_row(r) for r in rows]

    async def keep_voice_audio(self, note_id: int, audio: bytes) -> bool:
        """Seal ``audio`` into the voice folder and record it on the note. False (and no
        file left) when the note is gone (forgotten meanwhile) or already kept."""
        name = self.voice_vault.write(audio)
        async with self._db.write() as tx:
            changed = await tx.execute(
                "UPDATE voice_notes SET fetch_state = 'stored', file_name = ?, stored_at = ?,"
                " file_ref = NULL WHERE id = ? AND fetch_state = 'waiting'",
                (name, self._now(), note_id),
            )
        if not changed:
            self.voice_vault.delete([name])
        return bool(changed)

    async def voice_fetch_failed(self, note_id: int, *, give_up: bool = False) -> None:
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE voice_notes SET fetch_attempts = fetch_attempts + 1,"
                " fetch_state = CASE WHEN ? OR fetch_attempts + 1 >= ? THEN 'failed'"
                " ELSE fetch_state END WHERE id = ? AND fetch_state = 'waiting'",
                (int(give_up), MAX_FETCH_ATTEMPTS, note_id),
            )

    async def voice_audio(self, note_id: int) -> bytes:
        """The note's audio, unsealed (:class:`VoiceUnreadable` if it cannot be)."""
        note = await self.voice_note(note_id)
        if note is None or note.file_name is None:
            raise VoiceUnreadable(f"voice note {note_id} has no audio kept")
        return self.voice_vault.read(note.file_name)

    async def next_to_transcribe(
        self, actor: str, round_id: int | None = None, skip: tuple[int, ...] = ()
    ) -> tuple[VoiceNote, int] | None:
        """Claim the oldest note with audio kept and no transcript that still stands for
        its answer, not claimed by another facilitator lately; with how many wait."""
        now = self._clock()
        stale = to_db(datetime.fromtimestamp(now.timestamp() - CLAIM_SECONDS, now.tzinfo))
        skipped = json.dumps(list(skip))
        where = (
            "v.fetch_state = 'stored' AND v.transcript IS NULL AND " + _STANDING + " AND"
            " (CAST(?1 AS INTEGER) IS NULL OR v.round_id = ?1) AND v.id NOT IN"
            " (SELECT CAST(value AS INTEGER) FROM json_each(?2))"
        )
        async with self._db.write() as tx:
            waiting = await tx.scalar(
                f"SELECT COUNT(*) FROM voice_notes AS v WHERE {where}", (round_id, skipped)
            )
            row = await tx.one(
                f"SELECT v.* FROM voice_notes AS v WHERE {where} AND (v.claimed_by IS NULL"
                " OR v.claimed_by = ?3 OR v.claimed_at < ?4) ORDER BY v.id LIMIT 1",
                (round_id, skipped, actor, stale),
            )
            if row is None:
                return None
            await tx.execute(
                "UPDATE voice_notes SET claimed_by = ?, claimed_at = ? WHERE id = ?",
                (actor, to_db(now), row["id"]),
            )
        return VoiceNote.from_row(row), int(waiting)

    async def propose_transcript(self, note_id: int, text: str) -> None:
        """Keep a speech-to-text proposal for a facilitator to confirm."""
        async with self._db.write() as tx:
            await tx.execute(
                "UPDATE voice_notes SET proposed = ? WHERE id = ? AND transcript IS NULL",
                (text, note_id),
            )

    async def transcribe(
        self,
        note_id: int,
        text: str,
        actor: str,
        moderation: tuple[ModerationRequest, ...] = (),
    ) -> bool:
        """The facilitator's text becomes the answer's text, in one transaction (and the
        note records who transcribed it). False when the note no longer stands for an
        answer (changed or forgotten) or was transcribed already."""
        now = self._now()

        async def unit(tx: Tx) -> bool:
            row = await tx.one(
                f"SELECT v.* FROM voice_notes AS v WHERE v.id = ? AND v.transcript IS NULL"
                f" AND {_STANDING}",
                (note_id,),
            )
            if row is None:
                return False
            key = (row["round_id"], row["resident"], row["step_id"])
            await tx.execute(
                "UPDATE voice_notes SET transcript = ?, transcribed_at = ?, transcribed_by = ?,"
                " claimed_by = NULL WHERE id = ?",
                (text, now, actor, note_id),
            )
            await tx.execute(
                "UPDATE answers SET value_json = ? WHERE round_id = ? AND resident = ?"
                " AND step_id = ? AND update_id IS ?",
                (json.dumps(text, ensure_ascii=False), *key, row["update_id"]),
            )
            state_json = await tx.scalar(
                "SELECT state_json FROM sessions WHERE round_id = ? AND resident = ?", key[:2]
            )
            if state_json is not None:
                state = state_from_json(state_json)
                if state.answers.get(key[2]) == VOICE_ANSWER:
                    state = replace(state, answers={**state.answers, key[2]: text})
                    await tx.execute(
                        "UPDATE sessions SET state_json = ? WHERE round_id = ? AND resident = ?",
                        (state_to_json(state), *key[:2]),
                    )
            for request in moderation:
                await queue_in_tx(tx, key[0], key[1], request, now)
            return True

        async with self._db.write() as tx:
            return await unit(tx)

    async def voice_answers(self, round_id: int) -> dict[tuple[str, str], bool]:
        """(resident, step) -> transcribed? for each answer of the round that a voice
        note gave."""
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT v.resident, v.step_id, v.transcript IS NOT NULL AS done"
                f" FROM voice_notes AS v WHERE v.round_id = ? AND {_STANDING}",
                (round_id,),
            )
        return {(r["resident"], r["step_id"]): bool(r["done"]) for r in rows}

    async def _voice_files(self, resident: str | None = None) -> set[str]:
        async with self._db.read() as tx:
            rows = await tx.all(
                "SELECT file_name FROM voice_notes WHERE file_name IS NOT NULL"
                " AND (CAST(?1 AS TEXT) IS NULL OR resident = ?1)",
                (resident,),
            )
        return {r[0] for r in rows}

    async def sweep_voice_files(self, *, older_than: float = SWEEP_AFTER_SECONDS) -> int:
        """Delete voice files no row names any more (see :meth:`VoiceVault.sweep`)."""
        if self._vault is None:
            return 0
        return self._vault.sweep(await self._voice_files(), older_than=older_than)

    # --- residents' rights and retention: the files go with the rows ------------------

    async def forget(self, resident: str) -> int:
        names = await self._voice_files(resident)
        deleted: int = await super().forget(resident)  # type: ignore[misc]
        if self._vault is not None:
            self._vault.delete(sorted(names))
            await self.sweep_voice_files()
        return deleted

    async def apply_tombstones(self, tombstones: Any = ()) -> int:
        deleted: int = await super().apply_tombstones(tombstones)  # type: ignore[misc]
        await self.sweep_voice_files(older_than=0)
        return deleted

    async def delete_raw_text_older_than(self, cutoff: datetime) -> RetentionResult:
        result: RetentionResult = await super().delete_raw_text_older_than(cutoff)  # type: ignore[misc]
        expired = await self.expire_voice_audio(cutoff)
        return replace(result, voice_notes_cleared=result.voice_notes_cleared + expired)

    async def drop_superseded_voice(self) -> int:
        """Delete the audio (and pending fetch) of notes that no longer stand for an answer:
        the resident typed over them, skipped the question, or backed out of its branch.
        Like a typed answer that was replaced, the recording is not kept; the row stays,
        marked ``superseded``. Returns how many."""
        async with self._db.write() as tx:
            rows = await tx.all(
                "SELECT v.id, v.file_name FROM voice_notes AS v"
                " WHERE v.fetch_state IN ('waiting', 'stored', 'failed') AND v.transcript IS NULL"
                f" AND NOT {_STANDING}"
            )
            await tx.executemany(
                "UPDATE voice_notes SET fetch_state = 'superseded', file_name = NULL,"
                " file_ref = NULL, proposed = NULL WHERE id = ?",
                [(r["id"],) for r in rows],
            )
        if self._vault is not None:
            self._vault.delete([r["file_name"] for r in rows if r["file_name"]])
        return len(rows)

    async def expire_voice_audio(self, cutoff: datetime) -> int:
        """Retention: delete the audio of notes received before ``cutoff`` (a transcript,
        like any answer, is scrubbed by the text rule); return how many."""
        limit = to_db(cutoff)
        async with self._db.write() as tx:
            rows = await tx.all(
                "SELECT id, file_name FROM voice_notes WHERE received_at < ?"
                " AND fetch_state IN ('waiting', 'stored', 'failed')",
                (limit,),
            )
            await tx.execute(
                "UPDATE voice_notes SET fetch_state = 'expired', file_name = NULL,"
                " file_ref = NULL, proposed = NULL WHERE received_at < ?"
                " AND fetch_state IN ('waiting', 'stored', 'failed')",
                (limit,),
            )
        if self._vault is not None:
            self._vault.delete([r["file_name"] for r in rows if r["file_name"]])
        return len(rows)
