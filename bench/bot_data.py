"""The benchmark's dialogue and databases: a generated script of free-text questions,
databases of many residents part-way through it (filled through the real engine and store),
and how long one durable SQLite commit takes where the databases live."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bench.bot_load import QUIET_ADMIN, SECRET


def write_script(path: Path, steps: int) -> None:
    """A dialogue script of ``steps`` free-text questions, "Question N?"."""
    lines = [
        "id: bench",
        "version: 1",
        "title: Bench",
        "consent:",
        "  version: 1",
        "  text: Bench notice. Happy to take part?",
        "finish: All done. Your answers are saved.",
        "sections:",
        "  - id: main",
        "    steps:",
    ]
    for n in range(1, steps + 1):
        lines += [
            f"      - id: q{n:04d}",
            "        type: free_text",
            f"        text: Question {n}?",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


async def populate(
    db: Path,
    script_path: Path,
    count: int,
    base: int,
    *,
    scratch: Path | None,
    clock: Callable[[], datetime] | None = None,
    words: Callable[[int, int], str] | None = None,
) -> list[int]:
    """Put ``count`` residents (Telegram ids ``base``..) part-way through the dialogue, in
    the round civicbot opens on a fresh database, through the real engine and Store.
    Returns the question each resident answers next. Built in ``scratch`` when given (no
    disk flushes), then copied to ``db`` with the backup API. ``clock`` is the store's
    (say, hours ago: those residents then stopped part-way); ``words(resident, n)`` the
    text of answer ``n`` (default "stored answer n")."""
    from civicbot.commands.run_cmd import ensure_default_round
    from civicbot.engine import Input, Press, SessionState, Start, Text, handle
    from civicbot.script.load import load_script
    from civicbot.settings import Settings
    from civicbot.store import Store, load_secret

    script = load_script(script_path).script
    # An admin, so that the default round may open (no round opens while nobody could
    # receive a safeguarding alert); it never talks to the bot.
    settings = Settings.from_env(
        {
            "CIVICBOT_DEFAULT_SCRIPT": str(script_path),
            "CIVICBOT_ORGANISER": "Wigan Together",
            "CIVICBOT_ORGANISER_CONTACT": "hello@wigantogether.example",
            "CIVICBOT_ADMINS": str(QUIET_ADMIN),
        }
    )
    build = db if scratch is None else scratch / f"{db.stem}-{os.getpid()}.db"
    store = await Store.open(build, secret=load_secret({"CIVICBOT_SECRET": SECRET}), clock=clock)
    steps: list[int] = []
    try:
        round_id = await ensure_default_round(store, settings)
        assert round_id is not None, "populate needs a fresh database"
        notice = handle(script, SessionState(), Start()).messages[0]
        agree = next(b for row in notice.buttons for b in row if b.label == "I agree")
        for index in range(count):
            resident = await store.register_identity(base + index, base + index, "en")
            answered = index % 10  # spread residents over the first questions
            state = SessionState()
            inputs: list[Input] = [Start(), Press(agree.token)]
            inputs += [
                Text(words(index, n) if words else f"stored answer {n}")
                for n in range(1, answered + 1)
            ]
            for inp in inputs:
                outcome = handle(script, state, inp)
                if not outcome.changed:
                    raise RuntimeError(f"the engine did not take {inp!r}")
                await store.apply_outcome(
                    update_id=None,
                    round_id=round_id,
                    resident=resident,
                    state=outcome.state,
                    records=outcome.records,
                )
                state = outcome.state
            steps.append(answered + 1)
        if build != db:
            await store.backup(db)
    finally:
        await store.close()
        if build != db:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(f"{build}{suffix}")
    return steps


def fsync_ms(folder: Path, commits: int = 40) -> float:
    """Mean time of a small SQLite commit (WAL, synchronous=FULL) in ``folder``: what one
    durable write costs on this disk."""
    path = folder / "fsync-probe.db"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE t (x INTEGER)")
        began = time.perf_counter()
        for value in range(commits):
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO t VALUES (?)", (value,))
            conn.execute("COMMIT")
        return (time.perf_counter() - began) / commits * 1000
    finally:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(f"{path}{suffix}")
