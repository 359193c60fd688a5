"""Backups carry the voice-note folder: copied beside the backup, private, put back by a
restore with every /forget made since applied to it too, and a one-line message when
there is no folder to copy."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

from click.testing import CliRunner

from civicbot.cli import main
from civicbot.commands.backup_cmd import backup_database, restore_database
from civicbot.commands.backup_voice import voice_backup_path
from civicbot.engine.types import VOICE_ANSWER, VoiceKept
from civicbot.store import Store
from tests.civicbot.store.conftest import new_round, take_part

SECRET = b"backup-voice-secret-0123456789"
ENV = {"CIVICBOT_SECRET": SECRET.decode(), "CIVICBOT_VOICE_DIR": ""}


async def _speak(store: Store, user: int, round_id: int, audio: bytes) -> str:
    resident = await take_part(
        store, user, round_id, VOICE_ANSWER, VoiceKept("matters", f"tg-{user}", 3)
    )
    [note] = [n for n in await store.voice_waiting() if n.resident == resident]
    assert await store.keep_voice_audio(note.id, audio)
    return resident


async def seed_voices(db: Path | str, voice: Path | None = None) -> tuple[str, str]:
    """Two residents who answered by voice; returns (leaver, stayer)."""
    async with await Store.open(db, secret=SECRET, voice_dir=voice) as store:
        round_id = await new_round(store)
        leaver = await _speak(store, 7770001, round_id, b"OggS the leaver's voice")
        stayer = await _speak(store, 7770002, round_id, b"OggS the stayer's voice")
    return leaver, stayer


async def audio_of(db: Path | str, resident: str, voice: Path | None = None) -> list[bytes]:
    async with await Store.open(db, secret=SECRET, voice_dir=voice) as store:
        rounds = await store.list_rounds()
        notes = await store.voice_notes_of(rounds[0].id, resident)
        return [await store.voice_audio(n.id) for n in notes]


async def forget(db: Path | str, resident: str, voice: Path | None = None) -> None:
    async with await Store.open(db, secret=SECRET, voice_dir=voice) as store:
        await store.forget(resident)


async def _create(db: Path) -> None:
    async with await Store.open(db, secret=SECRET):
        pass


def files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.cbv"))


async def test_backup_copies_the_voice_folder_and_restore_puts_it_back(tmp_path: Path) -> None:
    db, saved = tmp_path / "live.db", tmp_path / "saved.db"
    live_voice = tmp_path / "live.db-voice"  # the default folder beside the database
    leaver, stayer = await seed_voices(db)
    assert len(files(live_voice)) == 2

    made = await backup_database(db, saved, SECRET, voice=live_voice)

    copy = voice_backup_path(saved)
    assert made == (0, 2) and copy == tmp_path / "saved.db-voice"
    assert sorted(p.name for p in files(copy)) == sorted(p.name for p in files(live_voice))
    assert stat.S_IMODE(copy.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in files(copy)} == {0o600}

    await forget(db, leaver)  # after the backup: the restore must not bring the voice back
    for path in files(live_voice):
        path.unlink()  # and the live folder is lost
    restored = await restore_database(saved, db, SECRET, voice=live_voice)

    assert restored.voice_files == 1
    assert len(files(live_voice)) == 1 and len(files(copy)) == 2  # the backup is untouched
    assert await audio_of(db, stayer) == [b"OggS the stayer's voice"]
    assert await audio_of(db, leaver) == []
    assert (tmp_path / "live.db-voice.pre-restore").is_dir()
    assert not (tmp_path / "live.db-voice.restoring").exists()


async def test_a_backup_without_voice_folder_leaves_the_live_one(tmp_path: Path) -> None:
    db, saved = tmp_path / "live.db", tmp_path / "saved.db"
    live_voice = tmp_path / "live.db-voice"
    await seed_voices(db)
    assert await backup_database(db, saved, SECRET, voice=tmp_path / "nowhere") == (0, None)
    assert not voice_backup_path(saved).exists()
    before = files(live_voice)
    restored = await restore_database(saved, db, SECRET, voice=live_voice)
    assert restored.voice_files is None and files(live_voice) == before


def test_cli_backs_up_the_configured_voice_folder(tmp_path: Path, db_target: Path | str) -> None:
    """On SQLite and on PostgreSQL (where only CIVICBOT_VOICE_DIR names the folder)."""
    db, elsewhere = db_target, tmp_path / "v" / "voice"
    saved = tmp_path / ("saved.db" if isinstance(db, Path) else "saved.pgdump")
    leaver, stayer = asyncio.run(seed_voices(db, elsewhere))
    runner = CliRunner()
    env = {**ENV, "CIVICBOT_VOICE_DIR": str(elsewhere)}
    made = runner.invoke(main, ["backup", "--db", str(db), "--out", str(saved)], env=env)
    assert made.exit_code == 0, made.output
    assert f"2 voice file(s) in {saved.name}-voice" in made.output
    again = runner.invoke(main, ["backup", "--db", str(db), "--out", str(saved)], env=env)
    assert again.exit_code == 2 and "exists already" in again.output

    asyncio.run(forget(db, leaver, elsewhere))
    done = runner.invoke(main, ["restore", "--from", str(saved), "--db", str(db)], env=env)
    assert done.exit_code == 0, done.output
    assert f"1 voice file(s) restored to {elsewhere}" in done.output
    assert asyncio.run(audio_of(db, stayer, elsewhere)) == [b"OggS the stayer's voice"]
    assert asyncio.run(audio_of(db, leaver, elsewhere)) == []
    assert len(files(elsewhere)) == 1

    if not isinstance(db, Path):  # PostgreSQL without the folder named: said in one line
        out = tmp_path / "unnamed.pgdump"
        plain = runner.invoke(main, ["backup", "--db", db, "--out", str(out)], env=ENV)
        assert plain.exit_code == 0, plain.output
        assert plain.output.splitlines()[1:] == [
            "no voice notes copied: on PostgreSQL, CIVICBOT_VOICE_DIR names their folder"
        ]
        assert not voice_backup_path(out).exists()


def test_cli_says_in_one_line_when_there_is_no_voice_folder(tmp_path: Path) -> None:
    db, saved = tmp_path / "live.db", tmp_path / "saved.db"
    asyncio.run(_create(db))  # a database, no voice notes
    runner = CliRunner()
    made = runner.invoke(main, ["backup", "--db", str(db), "--out", str(saved)], env=ENV)
    assert made.exit_code == 0, made.output
    lines = made.output.splitlines()
    assert lines[1:] == [
        f"no voice notes copied: {db}-voice does not exist (set CIVICBOT_VOICE_DIR if the bot "
        "keeps them elsewhere)"
    ]
    done = runner.invoke(main, ["restore", "--from", str(saved), "--db", str(db)], env=ENV)
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[1:] == [
        f"no voice notes restored: {saved}-voice does not exist; the voice folder is as it was"
    ]
