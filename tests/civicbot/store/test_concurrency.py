"""Two Store connections on one file writing at once: no deadlock, nothing lost.

``BEGIN IMMEDIATE`` takes the write lock before anything is read, so neither connection
ever holds a read lock that it then needs to upgrade while the other waits for it (the
classic SQLite deadlock, which the busy handler cannot resolve). The other waits for its
turn (``busy_timeout``).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from civicbot.engine.types import AnswerGiven, ConsentGiven, SessionState
from civicbot.store import Store

from .conftest import SECRET, Clock, new_round

WRITES_PER_STORE = 40


async def _writer(store: Store, round_id: int, name: str, first_update: int) -> None:
    for i in range(WRITES_PER_STORE):
        update_id = first_update + i
        await store.inbox_add([(update_id, json.dumps({"update_id": update_id}))])
        await store.apply_outcome(
            update_id=update_id,
            round_id=round_id,
            resident=f"{name}-{i % 5}",
            state=SessionState(status="active", step_id="matters"),
            records=(ConsentGiven(True, 1), AnswerGiven(f"q{i}", f"{name} {i}")),
        )


async def test_two_connections_write_concurrently(db_path: Path, clock: Clock) -> None:
    first = await Store.open(db_path, secret=SECRET, clock=clock)
    second = await Store.open(db_path, secret=SECRET, clock=clock)
    try:
        round_id = await new_round(first)
        await asyncio.wait_for(
            asyncio.gather(
                _writer(first, round_id, "one", 1_000),
                _writer(second, round_id, "two", 2_000),
                _writer(first, round_id, "three", 3_000),  # and two tasks on one connection
                first.round_counts(round_id),
                second.inbox_pending(),
            ),
            timeout=60,
        )
        assert await second.inbox_pending() == []
        assert (await first.round_counts(round_id))["started"] == 15
    finally:
        await first.close()
        await second.close()
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 3 * WRITES_PER_STORE
        assert conn.execute("SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL").fetchone() == (
            0,
        )


async def test_a_failed_write_unit_leaves_nothing_behind(store: Store, db_path: Path) -> None:
    round_id = await new_round(store)
    await store.inbox_add([(1, "{}")])
    bad_records: tuple[Any, ...] = (ConsentGiven(True, 1), AnswerGiven("matters", "x"), object())
    with pytest.raises(TypeError, match="cannot apply"):
        await store.apply_outcome(
            update_id=1,
            round_id=round_id,
            resident="r",
            state=SessionState(status="active"),
            records=bad_records,
        )
    # Rolled back as a whole: no session, consent or answer, and the update is still pending.
    with closing(sqlite3.connect(db_path)) as conn:
        for table in ("sessions", "consents", "answers"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,), table
    assert [u for u, _ in await store.inbox_pending()] == [1]
    # The connection is out of the failed transaction and takes the next unit.
    assert await store.apply_outcome(
        update_id=1,
        round_id=round_id,
        resident="r",
        state=SessionState(status="active"),
        records=bad_records[:2],
    )
    assert await store.inbox_pending() == []
