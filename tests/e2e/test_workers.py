"""Several workers on one PostgreSQL database, killed with SIGKILL at random moments: every
acknowledged answer is stored exactly once and every resident is at the right step.

Two ``civicbot run`` processes share the database (one holds the fetcher lease and polls
the stand-in Bot API; both handle the shared inbox under per-resident leases). 20
residents answer a long free-text dialogue while ``CIVICBOT_WORKER_KILLS`` (default 40)
SIGKILLs fall on either worker, each restarted at once; then each resident stops after
one more answer. A resident's prompts must arrive in order (a skipped question fails the
resident's player); once the workers have handled everything, each resident is at the
question after their last answer, with exactly one stored answer per question answered,
each the words they sent for it.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
from pathlib import Path

import pytest

from tests.e2e.conftest import BotProcess
from tests.e2e.fakeapi import FakeTelegram
from tests.e2e.helpers import open_store, rows
from tests.e2e.test_crash import play, write_script
from tests.pgserver import PgServer

KILLS = int(os.environ.get("CIVICBOT_WORKER_KILLS", "40"))
RESIDENTS = 20
# More than anyone answers before the last kill comes.
QUESTIONS = 400


@pytest.mark.slow
async def test_two_workers_killed_at_random_lose_and_duplicate_nothing(
    tg: FakeTelegram, tmp_path: Path, pg_server: PgServer
) -> None:
    url = pg_server.new_database()
    script = write_script(tmp_path / "crash.yaml", QUESTIONS)
    workers = [
        BotProcess(tg.url, url, tmp_path / f"worker{n}.log", CIVICBOT_DEFAULT_SCRIPT=str(script))
        for n in (1, 2)
    ]
    for worker in workers:  # the voice folder is shared, as on a real deployment
        worker.env["CIVICBOT_VOICE_DIR"] = str(tmp_path / "voice")
    rng = random.Random(20261204)
    for worker in workers:
        await worker.start()
    residents = [tg.user(8000 + i, f"W{i}") for i in range(RESIDENTS)]
    stop = asyncio.Event()
    players = asyncio.gather(*(play(tg, r, 0.5, stop) for r in residents))
    kills = {1: 0, 2: 0}
    try:
        while sum(kills.values()) < KILLS and not players.done():
            n = rng.choice((1, 2))
            worker = workers[n - 1]
            if rng.random() < 0.5:
                await worker.wait_ready()
            await asyncio.wait({players}, timeout=rng.uniform(0.0, 1.0))
            await worker.kill()
            kills[n] += 1
            await asyncio.sleep(rng.uniform(0.0, 0.1))
            await worker.start()
        stop.set()
        answered = await players
        await tg.wait_confirmed(timeout=60)
        await _all_handled(url)
    finally:
        for worker in workers:
            await worker.kill()
    total = sum(kills.values())
    print(f"kills: {total} (worker 1: {kills[1]}, worker 2: {kills[2]})")
    print(f"starts: {workers[0].starts} + {workers[1].starts}")
    assert total == KILLS, f"only {total} kills: the residents finished too soon"
    assert min(kills.values()) > 0

    async with await open_store(url, tmp_path / "voice") as store:
        current = await store.latest_open_round()
        assert current is not None
        for user, count in zip(residents, answered, strict=True):
            resident = store.resident_id(user.chat_id)
            state = await store.get_session(current.id, resident)
            assert state is not None and state.status == "active", user.chat_id
            assert state.step_id == f"q{count + 1:03d}", (user.chat_id, count, state.step_id)
            stored = rows(
                url,
                "SELECT step_id, value_json FROM answers WHERE resident = ? ORDER BY step_id",
                (resident,),
            )
            expected = [
                (f"q{n:03d}", f"resident {user.chat_id} answers question {n}")
                for n in range(1, count + 1)
            ]
            assert [(step, json.loads(value)) for step, value in stored] == expected
    assert min(answered) > 0 and max(answered) < QUESTIONS
    # Every answer sent is stored once: the answers table holds exactly as many rows.
    assert rows(url, "SELECT COUNT(*) FROM answers") == [(sum(answered),)]
    # Only one round was opened, though both workers started on an empty database.
    assert rows(url, "SELECT COUNT(*) FROM rounds") == [(1,)]
    for worker in workers:
        assert "Traceback" not in worker.log_text(), worker.log_text()[-3000:]
    print(
        f"answers stored: {sum(answered)} (per resident {min(answered)}-{max(answered)}), each once"
    )


async def _all_handled(url: str, timeout: float = 120.0) -> None:
    """Wait until the workers have handled and answered every update in the inbox."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    query = "SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL OR replied_at IS NULL"
    while rows(url, query) != [(0,)]:
        assert loop.time() < deadline, "the workers left updates unhandled"
        await asyncio.sleep(0.2)
