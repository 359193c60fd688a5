"""Floods: one resident sending 1,000 messages is slowed with one notice, stores a bounded
number of answers, and other residents keep getting quick replies meanwhile.

``CIVICBOT_FLOOD_SECONDS`` sets over how long the 1,000 messages are sent (default 10;
the issue's "1,000 in a minute" is ``CIVICBOT_FLOOD_SECONDS=60``).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from pathlib import Path

from tests.e2e import driver
from tests.e2e.conftest import BotProcess
from tests.e2e.fakeapi import FakeTelegram, FakeUser
from tests.e2e.helpers import open_store, rows
from tests.e2e.test_crash import ASKED, text_of, write_script

FLOOD_MESSAGES = 1000
FLOOD_SECONDS = float(os.environ.get("CIVICBOT_FLOOD_SECONDS", "10"))
BURST, RATE = 10, 1.0
NOTICE = "You're sending messages very fast; I'll pause for a moment"


async def join(tg: FakeTelegram, user: FakeUser) -> None:
    await user.send_command("start")
    notice = await driver.to_notice(tg, user)
    await user.press(notice, "I agree")
    await tg.wait_for(user.chat_id, "Question number 1?")


async def flood(user: FakeUser) -> None:
    pause = FLOOD_SECONDS / FLOOD_MESSAGES
    started = time.monotonic()
    for n in range(FLOOD_MESSAGES):
        await user.send_text(f"flood {n}")
        # Keep to the planned pace whatever the event loop does meanwhile.
        await asyncio.sleep(max(0.0, started + (n + 1) * pause - time.monotonic()))


async def answer_calmly(tg: FakeTelegram, user: FakeUser, until: float) -> list[float]:
    """Answer one question a second (a quick person) until ``until``; each reply's
    latency, from sending the answer to seeing the next question."""
    latencies: list[float] = []
    answered = 0
    while time.monotonic() < until:
        answered += 1
        sent = time.monotonic()
        await user.send_text(f"resident {user.id} answers question {answered}")
        want = answered + 1

        def next_question(message: dict[str, object], want: int = want) -> bool:
            found = ASKED.search(text_of(message))
            return found is not None and int(found[1]) == want

        await tg.wait_for(user.chat_id, next_question)
        latencies.append(time.monotonic() - sent)
        await asyncio.sleep(max(0.0, 1.0 - latencies[-1]))
    return latencies


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


async def test_a_flood_is_slowed_once_and_others_are_served(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    bot = BotProcess(
        tg.url,
        tmp_path / "civicbot.db",
        tmp_path / "bot.log",
        CIVICBOT_DEFAULT_SCRIPT=str(write_script(tmp_path / "flood.yaml", 400)),
        CIVICBOT_FLOOD_BURST=str(BURST),
        CIVICBOT_FLOOD_RATE=str(RATE),
    )
    await bot.start()
    try:
        await bot.wait_ready()
        flooder = tg.user(7001, "Flo")
        others = [tg.user(7100 + n, f"Calm{n}") for n in range(3)]
        for user in [flooder, *others]:
            await join(tg, user)
        tg.skip(flooder.chat_id)
        started = time.monotonic()
        results = await asyncio.gather(
            flood(flooder),
            *(answer_calmly(tg, user, started + FLOOD_SECONDS) for user in others),
        )
        await tg.wait_idle(quiet=1.0, timeout=60)
        elapsed = time.monotonic() - started
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text(), bot.log_text()[-4000:]

    notices = [m for m in tg.sent(flooder.chat_id) if NOTICE in (m.get("text") or "")]
    async with await open_store(bot.db) as store:
        resident = store.resident_id(flooder.id)
    stored = rows(bot.db, "SELECT COUNT(*) FROM answers WHERE resident = ?", (resident,))[0][0]
    calm: list[list[float]] = [found for found in results[1:] if found is not None]
    latencies = [x for found in calm for x in found]
    print(
        f"\nflood: {FLOOD_MESSAGES} messages over {FLOOD_SECONDS:.0f} s; "
        f"answers stored {stored}, notices {len(notices)}, handled in {elapsed:.1f} s; "
        f"others: {len(latencies)} replies, median {statistics.median(latencies):.3f} s, "
        f"p95 {p95(latencies):.3f} s, max {max(latencies):.3f} s"
    )
    assert len(notices) == 1
    # The bucket's burst plus its refill over the whole time the flood took to handle
    # (the two consent updates came from a full bucket too).
    assert 1 <= stored <= BURST + RATE * elapsed + 1
    assert len(calm) == 3 and all(len(found) >= FLOOD_SECONDS * 0.5 for found in calm)
    assert p95(latencies) < 2.0
    # The calm residents' every answer was stored: none of them was slowed.
    for user, found in zip(others, calm, strict=True):
        async with await open_store(bot.db) as store:
            them = store.resident_id(user.id)
        count = rows(bot.db, "SELECT COUNT(*) FROM answers WHERE resident = ?", (them,))[0][0]
        assert count == len(found)
        assert not any(NOTICE in (m.get("text") or "") for m in tg.sent(user.chat_id))
