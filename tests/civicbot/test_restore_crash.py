"""A restore killed at any point is finished, or cleared away, by the next open.

``civicbot restore`` swaps the database and then the voice-note folder. A real process runs
the restore and is killed (SIGKILL, nothing cleans up) just before its N-th file-system
step (a rename, a deletion, a folder removal), for every N until the restore gets through
untouched. The next open of the store (the way the bot and every command open it) must
then leave one consistent state: the old database with the old folder, or the restored
database with the restored folder; every voice note the database names readable; the
voice file of a resident who used /forget after the backup nowhere but in the backup
itself; no journal and no ``.restoring`` copy left behind. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from civicbot.commands.backup_cmd import backup_database, restore_database
from civicbot.store import Store
from civicbot.store.dbfile import opened
from tests.civicbot.test_backup_voice import SECRET, _speak, seed_voices

ROOT = Path(__file__).resolve().parents[2]
MOST_STEPS = 40

# Runs one restore in a fresh process, killed before its N-th file-system step.
CHILD = textwrap.dedent(
    """
    import asyncio, os, shutil, signal, sys
    from pathlib import Path
    from civicbot.commands.backup_cmd import restore_database

    source, db, voice, secret, n = sys.argv[1:6]
    db = Path(db) if "://" not in db else db
    left = [int(n)]

    def deadly(real):
        def step(*args, **kwargs):
            left[0] -= 1
            if left[0] == 0:
                os.kill(os.getpid(), signal.SIGKILL)
            if left[0] < 0:  # n = 0: say each step instead
                print(real.__name__, *(Path(a).name for a in args[:2]), flush=True)
            return real(*args, **kwargs)
        return step

    os.replace = deadly(os.replace)
    os.unlink = deadly(os.unlink)
    shutil.rmtree = deadly(shutil.rmtree)
    asyncio.run(restore_database(Path(source), db, secret.encode(), voice=Path(voice)))
    """
)


async def _notes(db: Path | str, voice: Path) -> dict[str, list[bytes]]:
    """Each resident's readable voice notes (a note whose file is gone fails loudly)."""
    async with await Store.open(db, secret=SECRET, voice_dir=voice) as store:
        (round_row, *_) = await store.list_rounds()
        found = {}
        for who in ("leaver", "stayer", "late"):
            resident = RESIDENTS[who]
            notes = await store.voice_notes_of(round_row.id, resident)
            found[who] = [await store.voice_audio(n.id) for n in notes]
        return found


RESIDENTS: dict[str, str] = {}


async def _scene(tmp_path: Path, db: Path | str) -> tuple[Path, Path, str]:
    """A live database with a voice folder and a backup of it; then a /forget and one
    more voice note, both after the backup. Returns (backup, voice folder, leaver file)."""
    voice, saved = tmp_path / "voice", tmp_path / "saved.backup"
    leaver, stayer = await seed_voices(db, voice)
    async with await Store.open(db, secret=SECRET, voice_dir=voice) as store:
        (round_row, *_) = await store.list_rounds()
        [note] = await store.voice_notes_of(round_row.id, leaver)
        leaver_file = str(note.file_name)
    made = await backup_database(db, saved, SECRET, voice=voice)
    assert made.voice_files == 2
    async with await Store.open(db, secret=SECRET, voice_dir=voice) as store:
        await store.forget(leaver)
        late = await _speak(store, 7770003, round_row.id, b"OggS a late voice")
    RESIDENTS.update(leaver=leaver, stayer=stayer, late=late)
    return saved, voice, leaver_file


def _kill_at(n: int, saved: Path, db: Path | str, voice: Path) -> int:
    return _child(n, saved, db, voice).returncode


def _child(n: int, saved: Path, db: Path | str, voice: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(saved), str(db), str(voice), SECRET.decode(), str(n)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, -signal.SIGKILL), done.stderr
    return done


async def _steps(tmp_path: Path) -> list[str]:
    """The file-system steps of one whole restore, in order ("replace live.db.restoring
    live.db", ...), from a scene of its own."""
    case = tmp_path / "steps"
    case.mkdir()
    saved, voice, _ = await _scene(case, case / "live.db")
    return (await asyncio.to_thread(_child, 0, saved, case / "live.db", voice)).stdout.splitlines()


def _check(tmp_path: Path, notes: dict[str, list[bytes]], leaver_file: str) -> str:
    """One consistent state, nothing left behind; which one."""
    assert notes["leaver"] == []  # forgotten, whichever database is in place
    old = {"leaver": [], "stayer": [b"OggS the stayer's voice"], "late": [b"OggS a late voice"]}
    new = {"leaver": [], "stayer": [b"OggS the stayer's voice"], "late": []}
    assert notes in (old, new), notes
    ends = (".restoring", "-journal", "-journal.part")
    left = [p.name for p in tmp_path.rglob("*") if p.name.endswith(ends)]
    assert not left, left
    holding = {p.parent.name for p in tmp_path.rglob(leaver_file)}
    assert holding <= {"saved.backup-voice"}, holding  # only the backup keeps it
    return "old" if notes == old else "restored"


def _fresh_db(case: Path, backend: str, request: pytest.FixtureRequest) -> Path | str:
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_server").new_database())
    return case / "live.db"


async def _reopen(db: Path | str, voice: Path) -> None:
    async with opened(db, secret=SECRET, voice_dir=voice):
        pass  # the next open: finishes (or clears away) what was cut short


async def _killed_before(tmp_path: Path, step: str) -> tuple[Path, Path, Path, Path, str]:
    """A scene whose restore is killed just before ``step``."""
    n = (await _steps(tmp_path)).index(step) + 1
    case = tmp_path / "killed"
    case.mkdir()
    db = case / "live.db"
    saved, voice, leaver_file = await _scene(case, db)
    assert await asyncio.to_thread(_kill_at, n, saved, db, voice) != 0
    return case, db, saved, voice, leaver_file


async def test_a_restore_killed_anywhere_is_finished_by_the_next_open(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    outcomes: list[str] = []
    for n in range(1, MOST_STEPS):
        case = tmp_path / f"kill{n}"
        case.mkdir()
        db = _fresh_db(case, backend, request)
        saved, voice, leaver_file = await _scene(case, db)
        code = await asyncio.to_thread(_kill_at, n, saved, db, voice)
        await _reopen(db, voice)
        outcomes.append(_check(case, await _notes(db, voice), leaver_file))
        if code == 0:
            break
    else:
        pytest.fail(f"the restore was still being killed after {MOST_STEPS} steps")
    assert outcomes[-1] == "restored"
    # Killed after its journal, a restore is finished; before it, the old data stays.
    assert "restored" in outcomes[:-1] and "old" in outcomes, outcomes


async def test_the_next_command_says_it_finished_a_restore(tmp_path: Path) -> None:
    """Killed between the swaps (the database swapped, the folder not), the next command
    that opens the store finishes it and says so in one line."""

    case, db, _, voice, leaver_file = await _killed_before(
        tmp_path, "replace voice.restoring voice"
    )
    assert (case / "voice.restoring").exists() and not (case / "live.db.restoring").exists()
    assert (case / "live.db.restore-journal").exists()
    env = {**os.environ, "CIVICBOT_SECRET": SECRET.decode(), "CIVICBOT_VOICE_DIR": str(voice)}
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "civicbot", "round", "list", "--db", str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "finished a restore that was cut short (live.db.restore-journal found): the restored "
        "database and voice notes are now in place"
    ]
    assert _check(case, await _notes(db, voice), leaver_file) == "restored"


async def test_a_restore_after_one_cut_short_keeps_every_forget(tmp_path: Path) -> None:
    """Killed with the old database moved aside and the new one not yet in place, a
    second restore (the old advice) first finishes the first, so the live tombstones
    are not lost with the database that held them."""

    case, db, saved, voice, leaver_file = await _killed_before(
        tmp_path, "replace live.db.restoring live.db"
    )
    assert not db.exists() and (case / "live.db.restoring").exists()
    await restore_database(saved, db, SECRET, voice=voice)
    assert _check(case, await _notes(db, voice), leaver_file) == "restored"
