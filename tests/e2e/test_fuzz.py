"""Fuzz: thousands of generated updates of every kind against the real bot process.

Updates come from :mod:`tests.e2e.fuzz_updates` (Hypothesis strategies, seeded) and go
through the stand-in Bot API in waves: in one wave each chat has at most one update, so
every reply can be put down to the update that caused it. Checked: the bot never
crashes or logs a traceback; every private message, edit or press from a person is
answered (a message, an edit or a callback answer); groups and channels never get a
word; and afterwards the database is intact (integrity and foreign keys) and coherent
(every answer belongs to a session and to a step of its round's frozen script; every
session's state parses and points at a real step).

``CIVICBOT_FUZZ_UPDATES`` sets how many (default 2,000; the issue's figure is 10,000);
``CIVICBOT_FUZZ_SEED`` the seed.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
from collections import Counter
from pathlib import Path

from civicbot.script.load import parse_script
from civicbot.store.rows import state_from_json
from tests.e2e.conftest import BotProcess
from tests.e2e.fakeapi import FakeTelegram
from tests.e2e.fuzz_updates import ADMIN, GROUPS, Spec, generate, materialise
from tests.e2e.helpers import rows

UPDATES = int(os.environ.get("CIVICBOT_FUZZ_UPDATES", "2000"))
SEED = int(os.environ.get("CIVICBOT_FUZZ_SEED", "2024"))
WAVE = 60


def waves(specs: list[Spec], size: int = WAVE) -> list[list[Spec]]:
    """Split into waves with at most one update per chat, keeping each chat's order."""
    left = list(specs)
    found: list[list[Spec]] = []
    while left:
        wave: list[Spec] = []
        chats: set[int] = set()
        rest: list[Spec] = []
        for s in left:
            if s.chat in chats or len(wave) >= size:
                rest.append(s)
            else:
                chats.add(s.chat)
                wave.append(s)
        found.append(wave)
        left = rest
    return found


def reactions(tg: FakeTelegram, s: Spec, query_id: str | None) -> int:
    """What the bot has done in answer so far: messages and edits in the chat, plus one
    if the press was answered."""
    done = len(tg.world.chat_events.get(s.chat, []))
    if query_id is not None and tg.callback_answer(query_id) is not None:
        done += 1
    return done


async def settle(tg: FakeTelegram, db: Path, update_ids: list[int], timeout: float = 60) -> None:
    """Wait until the bot has committed every update of the wave to its inbox and
    finished handling them (the inbox row is marked replied, or /forget removed it)."""
    deadline = time.monotonic() + timeout
    marks = ",".join("?" * len(update_ids))
    sql = f"SELECT COUNT(*) FROM inbox WHERE update_id IN ({marks}) AND replied_at IS NULL"
    while True:
        if tg.confirmed_offset > max(update_ids):
            with sqlite3.connect(db, timeout=30) as conn:
                if conn.execute(sql, update_ids).fetchone()[0] == 0:
                    return
        if time.monotonic() > deadline:
            raise AssertionError(f"wave {update_ids[0]}..{update_ids[-1]} not handled in time")
        await asyncio.sleep(0.005)


def check_database(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        scripts = {
            round_id: parse_script(source, f"round {round_id}").script
            for round_id, source in conn.execute("SELECT id, script_source FROM rounds")
        }
        steps = {
            round_id: {step.id for section in script.sections for step in section.steps}
            for round_id, script in scripts.items()
        }
        sessions = set(conn.execute("SELECT round_id, resident FROM sessions"))
        for round_id, resident, step_id in conn.execute(
            "SELECT round_id, resident, step_id FROM answers"
        ):
            assert (round_id, resident) in sessions, (round_id, step_id)
            assert step_id in steps[round_id], (round_id, step_id)
        for round_id, state_json, step_id in conn.execute(
            "SELECT round_id, state_json, step_id FROM sessions"
        ):
            state = state_from_json(state_json)
            assert state.step_id == step_id
            assert state.step_id is None or state.step_id in steps[round_id], state.step_id
            assert set(state.answers) <= steps[round_id]


async def test_fuzz_thousands_of_updates(tg: FakeTelegram, tmp_path: Path) -> None:
    started = time.monotonic()
    specs = generate(UPDATES, SEED)
    generated = time.monotonic() - started
    bot = BotProcess(
        tg.url, tmp_path / "civicbot.db", tmp_path / "bot.log", CIVICBOT_ADMINS=str(ADMIN)
    )
    await bot.start()
    silent: list[Spec] = []
    try:
        await bot.wait_ready()
        delivering = time.monotonic()
        for wave in waves(specs):
            before = {}
            sent = []
            for s in wave:
                update = materialise(tg, s)
                query = update.get("callback_query")
                query_id = None if query is None else str(query["id"])
                before[id(s)] = reactions(tg, s, query_id)
                sent.append((s, update, query_id))
            await settle(tg, bot.db, [u["update_id"] for _, u, _ in sent])
            for s, _update, query_id in sent:
                answered = reactions(tg, s, query_id) > before[id(s)]
                if s.expects_reply and not answered:
                    silent.append(s)
            assert bot.process is not None and bot.process.returncode is None, "the bot died"
        delivered = time.monotonic() - delivering
        await tg.wait_idle(quiet=0.3)
    finally:
        await bot.kill()
    log = bot.log_text()
    kinds = Counter(f"{s.kind}/{s.chat_type}" for s in specs)
    print(
        f"\nfuzz: {len(specs)} updates (seed {SEED}) generated in {generated:.1f} s, "
        f"delivered and handled in {delivered:.1f} s ({len(specs) / delivered:.0f}/s); "
        f"{dict(kinds)}"
    )
    assert "Traceback" not in log, log[-6000:]
    unreadable = sum(1 for s in specs if not s.readable)
    assert log.count("could not be read; skipped") == unreadable
    assert silent == [], [(s.kind, s.user, s.fields) for s in silent[:5]]
    for _, group in GROUPS:
        assert tg.sent(group) == [], group
    check_database(bot.db)
    # The fuzz reached the dialogue: people consented and answers were stored.
    assert rows(bot.db, "SELECT COUNT(*) FROM answers")[0][0] > 0
