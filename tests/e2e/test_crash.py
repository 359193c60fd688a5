"""kill -9 at random moments, restart, repeat: no acknowledged answer is lost or stored
twice, and every resident carries on at the right question.

Runs on SQLite and on PostgreSQL. ``CIVICBOT_CRASH_KILLS`` sets how many kills (default 12;
CI runs 40; the figure in the
closing note comes from ``CIVICBOT_CRASH_KILLS=200``)."""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e import driver
from tests.e2e.conftest import BotProcess, voice_dir_of
from tests.e2e.fakeapi import FakeTelegram, FakeUser
from tests.e2e.helpers import open_store, rows

ASKED = re.compile(r"Question number (\d+)\?")
KILLS = int(os.environ.get("CIVICBOT_CRASH_KILLS", "12"))
# Enough questions that the residents are still answering when the last kill comes.
QUESTIONS = max(40, KILLS)


def write_script(path: Path, questions: int) -> Path:
    lines = [
        "id: crash-test",
        "version: 1",
        "title: Crash test",
        "consent:",
        "  version: 1",
        "  text: Test notice. Happy to take part?",
        "finish: All done. Your answers are saved.",
        "sections:",
        "  - id: main",
        "    steps:",
    ]
    for n in range(1, questions + 1):
        lines += [
            f"      - id: q{n:03d}",
            "        type: free_text",
            f"        text: Question number {n}?",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def text_of(message: dict[str, object]) -> str:
    return str(message.get("text") or "")


async def play(
    tg: FakeTelegram,
    user: FakeUser,
    think: float | Callable[[], float],
    stop: asyncio.Event | None = None,
) -> int:
    """Answer every question once, ignoring prompts shown again after a restart; return
    how many were answered. ``think``: seconds before each answer (or a function giving
    them, read each time). ``stop``: once set, stop after the next answer sent."""
    chat = user.chat_id
    await user.send_command("start")
    notice = await driver.to_notice(tg, user, timeout=120)
    await user.press(notice, "I agree")
    answered = 0
    while True:

        def fresh(message: dict[str, object], done: int = answered) -> bool:
            found = ASKED.search(text_of(message))
            return "All done" in text_of(message) or (found is not None and int(found[1]) > done)

        prompt = await tg.wait_for(chat, fresh, timeout=120)
        if "All done" in text_of(prompt):
            return answered
        found = ASKED.search(text_of(prompt))
        assert found is not None
        number = int(found[1])
        assert number == answered + 1, tg.transcript(chat)[-2000:]
        # A resident takes a moment to reply.
        await asyncio.sleep(think() if callable(think) else think)
        await user.send_text(f"resident {user.chat_id} answers question {number}")
        answered = number
        if stop is not None and stop.is_set():
            return answered


@pytest.mark.slow
async def test_kill_nine_loses_and_duplicates_nothing(
    tg: FakeTelegram, tmp_path: Path, db_target: Path | str
) -> None:
    """On SQLite and on PostgreSQL (the ``backend`` parameter)."""
    bot = BotProcess(
        tg.url,
        db_target,
        tmp_path / "bot.log",
        CIVICBOT_DEFAULT_SCRIPT=str(write_script(tmp_path / "crash.yaml", QUESTIONS)),
    )
    rng = random.Random(20261126)
    await bot.start()
    residents = [tg.user(7000 + i, f"R{i}") for i in range(3)]
    # Residents slow down as more kills are asked for, so that the kills fall all along
    # their dialogues rather than after they have finished.
    think = 0.05 if KILLS <= 20 else 0.4
    players = asyncio.gather(*(play(tg, r, think) for r in residents))
    kills = 0
    try:
        while kills < KILLS and not players.done():
            # Mostly at a random moment once the bot is up; sometimes while it is still
            # starting (which is a moment like any other).
            if rng.random() < 0.85:
                await bot.wait_ready()
            await asyncio.wait({players}, timeout=rng.uniform(0.0, 0.4))
            await bot.kill()
            kills += 1
            await asyncio.sleep(rng.uniform(0.0, 0.1))
            await bot.start()
        await players
        await tg.wait_confirmed(timeout=60)
    finally:
        await bot.kill()
    assert kills == KILLS, f"only {kills} kills: the residents finished too soon"

    async with await open_store(bot.db, voice_dir_of(bot.db, bot.log)) as store:
        current = await store.latest_open_round()
        assert current is not None
        for user in residents:
            resident = store.resident_id(user.chat_id)
            state = await store.get_session(current.id, resident)
            assert state is not None and state.status == "finished"
            stored = rows(
                bot.db,
                "SELECT step_id, value_json FROM answers WHERE resident = ? ORDER BY step_id",
                (resident,),
            )
            expected = [
                (f"q{n:03d}", f"resident {user.chat_id} answers question {n}")
                for n in range(1, QUESTIONS + 1)
            ]
            assert [(step, json.loads(value)) for step, value in stored] == expected
    # Every update the residents sent was handled, and none is left unhandled.
    assert rows(bot.db, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL") == [(0,)]
    assert "Traceback" not in bot.log_text()
    print(f"kills: {kills}, starts: {bot.starts}")
