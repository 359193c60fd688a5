"""Voice notes in the store: kept with their answer, sealed at rest, transcribed, counted,
and deleted with /forget, restored tombstones and retention."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from civicbot.engine.types import (
    VOICE_ANSWER,
    AnswerGiven,
    ConsentGiven,
    SessionState,
    VoiceKept,
)
from civicbot.store import Store, Tombstone
from civicbot.store.voice import VoiceUnreadable, VoiceVault

from .conftest import SECRET, Clock, new_round

AUDIO = b"OggS\x00\x02" + bytes(range(256)) * 8


async def _voice_answer(store: Store, round_id: int, user: int, update_id: int) -> str:
    resident = await store.register_identity(user, user, "en")
    applied = await store.apply_outcome(
        update_id=update_id,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="active", step_id="which", answers={"matters": VOICE_ANSWER}),
        records=(
            ConsentGiven(True, 1),
            AnswerGiven("matters", VOICE_ANSWER),
            VoiceKept("matters", f"tg-file-{user}", 4),
        ),
    )
    assert applied
    return resident


async def test_a_voice_answer_is_kept_once_and_counted_but_not_read(store: Store) -> None:
    round_id = await new_round(store)
    resident = await _voice_answer(store, round_id, 1, 101)
    # The same update again (a redelivery after a crash) keeps nothing twice.
    again = await store.apply_outcome(
        update_id=101,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="active", step_id="which"),
        records=(AnswerGiven("matters", VOICE_ANSWER), VoiceKept("matters", "tg-file-1", 4)),
    )
    assert not again
    waiting = await store.voice_waiting()
    assert [(n.resident, n.step_id, n.file_ref) for n in waiting] == [
        (resident, "matters", "tg-file-1")
    ]
    data = await store.round_data(round_id)
    assert data.voice_waiting == ((resident, "matters"),)
    assert [a for a in data.answers if a.question == "matters"] == []


async def test_audio_is_sealed_at_rest_and_read_back(store: Store, db_path: Path) -> None:
    round_id = await new_round(store)
    await _voice_answer(store, round_id, 1, 101)
    note = (await store.voice_waiting())[0]
    assert await store.keep_voice_audio(note.id, AUDIO)
    assert not await store.keep_voice_audio(note.id, AUDIO)  # kept once
    folder = db_path.with_name(db_path.name + "-voice")
    files = list(folder.iterdir())
    assert len(files) == 1
    sealed = files[0].read_bytes()
    assert AUDIO[:64] not in sealed and b"OggS" not in sealed
    assert files[0].stat().st_mode & 0o077 == 0
    assert await store.voice_audio(note.id) == AUDIO
    assert await store.voice_waiting() == []
    # Another secret cannot open it; a changed byte is caught.
    with pytest.raises(VoiceUnreadable):
        VoiceVault(folder, b"another-secret-0123456789").read(files[0].name)
    files[0].write_bytes(sealed[:-1] + bytes([sealed[-1] ^ 1]))
    with pytest.raises(VoiceUnreadable):
        await store.voice_audio(note.id)


async def test_a_transcript_becomes_the_answer_marked_as_voice(store: Store) -> None:
    round_id = await new_round(store)
    resident = await _voice_answer(store, round_id, 1, 101)
    note = (await store.voice_waiting())[0]
    await store.keep_voice_audio(note.id, AUDIO)
    claimed = await store.next_to_transcribe("facilitator-a")
    assert claimed is not None and claimed[0].id == note.id and claimed[1] == 1
    # Another facilitator is not offered the same note while it is claimed.
    assert await store.next_to_transcribe("facilitator-b") is None
    assert await store.transcribe(note.id, "Being listened to at the GP", "facilitator-a")
    assert not await store.transcribe(note.id, "again", "facilitator-a")
    data = await store.round_data(round_id)
    assert data.voice_waiting == ()
    [answer] = [a for a in data.answers if a.question == "matters"]
    assert (answer.value, answer.voice) == ("Being listened to at the GP", True)
    session = await store.get_session(round_id, resident)
    assert session is not None and session.answers["matters"] == "Being listened to at the GP"
    assert await store.next_to_transcribe("facilitator-a") is None


async def test_a_typed_answer_after_a_voice_note_is_text_again(store: Store) -> None:
    round_id = await new_round(store)
    resident = await _voice_answer(store, round_id, 1, 101)
    note = (await store.voice_waiting())[0]
    await store.keep_voice_audio(note.id, AUDIO)
    await store.apply_outcome(
        update_id=102,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="active", step_id="which"),
        records=(AnswerGiven("matters", "Typed instead"),),
    )
    data = await store.round_data(round_id)
    [answer] = [a for a in data.answers if a.question == "matters"]
    assert (answer.value, answer.voice, data.voice_waiting) == ("Typed instead", False, ())
    assert await store.next_to_transcribe("f") is None  # nothing left to transcribe
    assert not await store.transcribe(note.id, "late", "f")
    # The recording it replaced is not kept either.
    assert await store.drop_superseded_voice() == 1
    assert await store.drop_superseded_voice() == 0
    dropped = await store.voice_note(note.id)
    assert dropped is not None and (dropped.fetch_state, dropped.file_name) == ("superseded", None)
    assert store.voice_vault.files() == []


async def test_forget_deletes_the_voice_files_and_rows(store: Store, db_path: Path) -> None:
    round_id = await new_round(store)
    gone = await _voice_answer(store, round_id, 1, 101)
    stays = await _voice_answer(store, round_id, 2, 102)
    for note in await store.voice_waiting():
        await store.keep_voice_audio(note.id, AUDIO + note.resident.encode())
    folder = db_path.with_name(db_path.name + "-voice")
    assert len(list(folder.iterdir())) == 2
    mine = await store.mydata(gone)
    assert len(mine["voice_notes"]) == 1
    await store.forget(gone)
    assert len(list(folder.iterdir())) == 1
    assert (await store.mydata(gone))["voice_notes"] == []
    kept = (await store.mydata(stays))["voice_notes"]
    assert await store.voice_audio(kept[0]["id"]) == AUDIO + stays.encode()
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM voice_notes").fetchone()[0] == 1


async def test_a_restored_tombstone_deletes_the_files_too(store: Store, db_path: Path) -> None:
    round_id = await new_round(store)
    resident = await _voice_answer(store, round_id, 1, 101)
    note = (await store.voice_waiting())[0]
    await store.keep_voice_audio(note.id, AUDIO)
    later = store._clock() + timedelta(minutes=1)
    await store.apply_tombstones([Tombstone(resident, later)])
    assert list(db_path.with_name(db_path.name + "-voice").iterdir()) == []


async def test_retention_deletes_old_audio(store: Store, db_path: Path, clock: Clock) -> None:
    round_id = await new_round(store)
    await _voice_answer(store, round_id, 1, 101)
    note = (await store.voice_waiting())[0]
    await store.keep_voice_audio(note.id, AUDIO)
    clock.advance(3600)
    result = await store.delete_raw_text_older_than(clock.now - timedelta(minutes=30))
    assert result.voice_notes_cleared == 1
    assert list(db_path.with_name(db_path.name + "-voice").iterdir()) == []
    kept = await store.voice_note(note.id)
    assert kept is not None and (kept.fetch_state, kept.file_name) == ("expired", None)
    # The answer still counts as a voice answer; it just can no longer be heard.
    assert len((await store.round_data(round_id)).voice_waiting) == 1


async def test_leftover_files_are_swept(store: Store, db_path: Path) -> None:
    folder = db_path.with_name(db_path.name + "-voice")
    folder.mkdir()
    (folder / "0123abcd.cbv").write_bytes(b"left by a crash")
    (folder / "keep-me.txt").write_bytes(b"not ours")
    assert await store.sweep_voice_files(older_than=0) == 1
    assert [p.name for p in folder.iterdir()] == ["keep-me.txt"]


async def test_an_in_memory_database_has_no_voice_folder() -> None:
    async with await Store.open(":memory:", secret=SECRET) as store:
        assert await store.sweep_voice_files() == 0
        with pytest.raises(Exception, match="no folder"):
            await store.keep_voice_audio(1, AUDIO)
