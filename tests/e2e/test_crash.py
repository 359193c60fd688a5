"""kill -9 at random moments, restart, repeat: no acknowledged answer is lost or stored
twice, and every resident carries on at the right question."""

from __future__ import annotations

import asyncio
import json
import random
import re
from pathlib import Path

from tests.e2e.conftest import ROOT, BotProcess
from tests.e2e.fakeapi import FakeTelegram, FakeUser
from tests.e2e.helpers import open_store, rows

SCRIPT = ROOT / "tests" / "e2e" / "scripts" / "twelve-questions.yaml"
QUESTIONS = 12
ASKED = re.compile(r"Question number (\d+)\?")


def text_of(message: dict[str, object]) -> str:
    return str(message.get("text") or "")


async def play(tg: FakeTelegram, user: FakeUser) -> None:
    """Answer every question once, ignoring prompts shown again after a restart."""
    chat = user.chat_id
    await user.send_command("start")
    notice = await tg.wait_for(chat, "Happy to take part", timeout=90)
    await user.press(notice, "I agree")
    answered = 0
    while True:

        def fresh(message: dict[str, object], done: int = answered) -> bool:
            found = ASKED.search(text_of(message))
            return "All done" in text_of(message) or (found is not None and int(found[1]) > done)

        prompt = await tg.wait_for(chat, fresh, timeout=90)
        if "All done" in text_of(prompt):
            return
        found = ASKED.search(text_of(prompt))
        assert found is not None
        number = int(found[1])
        assert number == answered + 1, tg.transcript(chat)[-2000:]
        await asyncio.sleep(0.1)  # a resident takes a moment to reply
        await user.send_text(f"resident {user.chat_id} answers question {number}")
        answered = number


async def test_kill_nine_loses_and_duplicates_nothing(tg: FakeTelegram, tmp_path: Path) -> None:
    bot = BotProcess(
        tg.url,
        tmp_path / "civicbot.db",
        tmp_path / "bot.log",
        CIVICBOT_DEFAULT_SCRIPT=str(SCRIPT),
    )
    rng = random.Random(20261126)
    await bot.start()
    residents = [tg.user(7000 + i, f"R{i}") for i in range(3)]
    players = asyncio.gather(*(play(tg, r) for r in residents))
    kills = 0
    try:
        while not players.done():
            # A random moment once the bot is up (killing it while it is still starting
            # every time would leave the residents no time to get anywhere).
            await bot.wait_ready()
            await asyncio.wait({players}, timeout=rng.uniform(0.0, 0.3))
            if players.done():
                break
            await bot.kill()
            kills += 1
            await asyncio.sleep(rng.uniform(0.0, 0.2))
            await bot.start()
        await players
        await tg.wait_confirmed(timeout=30)
    finally:
        await bot.kill()
    assert kills >= 10, f"only {kills} kills: the test ran too fast to mean much"

    async with await open_store(bot.db) as store:
        round_id = (await store.latest_open_round()).id  # type: ignore[union-attr]
        for user in residents:
            resident = store.resident_id(user.chat_id)
            state = await store.get_session(round_id, resident)
            assert state is not None and state.status == "finished"
            stored = rows(
                bot.db,
                "SELECT step_id, value_json FROM answers WHERE resident = ? ORDER BY step_id",
                (resident,),
            )
            expected = [
                (f"q{n:02d}", f"resident {user.chat_id} answers question {n}")
                for n in range(1, QUESTIONS + 1)
            ]
            assert [(step, json.loads(value)) for step, value in stored] == expected
    # Every update the residents sent was acknowledged, and none is left unhandled.
    assert rows(bot.db, "SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL") == [(0,)]
    assert "Traceback" not in bot.log_text()
