"""Retention: raw free text older than the period leaves; scrubbed text and counts stay."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.commands.retention_cmd import retention
from civicbot.engine.types import AnswerGiven, ConsentGiven, SessionState
from civicbot.retention import apply_retention
from civicbot.store import Store

from .conftest import SECRET, Clock, new_round

OLD_WORDS = "Call me on 07700 900123, the GP ignored me for weeks"
NEW_WORDS = "Ring 07700 900456 about the library"


async def _answer(store: Store, user: int, round_id: int, text: str, update_id: int) -> str:
    resident = await store.register_identity(user, user, "en")
    await store.inbox_add(
        [(update_id, json.dumps({"update_id": update_id, "message": {"text": text}}))]
    )
    await store.record_unsupported(round_id, resident, "voice", f"voice-{user}", update_id)
    await store.apply_outcome(
        update_id=update_id,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="active", step_id="which", answers={"matters": text}),
        records=(ConsentGiven(True, 1), AnswerGiven("matters", text), AnswerGiven("early", "yes")),
    )
    return resident


def _cells(db: Path, needle: str) -> list[str]:
    hits = []
    with closing(sqlite3.connect(db)) as conn:
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for row in conn.execute(f"SELECT * FROM {table}"):
                hits += [table for cell in row if cell is not None and needle in str(cell)]
    return hits


async def test_raw_text_older_than_the_period_is_redacted(
    store: Store, db_path: Path, clock: Clock
) -> None:
    round_id = await new_round(store)
    old = await _answer(store, 1001, round_id, OLD_WORDS, 1)
    clock.advance(timedelta(days=40).total_seconds())
    new = await _answer(store, 1002, round_id, NEW_WORDS, 2)
    before = await store.round_counts(round_id)
    clock.advance(timedelta(days=1).total_seconds())

    result = await apply_retention(store, 30, clock())

    assert result.answers_redacted == 1
    assert result.sessions_redacted == 1
    assert result.inbox_deleted == 1
    assert result.voice_notes_cleared == 1
    # The phone number of the old answer is gone from every table; the words around it stay.
    assert _cells(db_path, "07700 900123") == []
    old_data = await store.mydata(old)
    (matters,) = [a for a in old_data["answers"] if a["step_id"] == "matters"]
    assert "07700" not in matters["value"] and "the GP ignored me for weeks" in matters["value"]
    assert matters["redacted_at"] is not None
    assert "07700" not in json.dumps(old_data["sessions"][0]["state"])
    # Choices are not free text and stay as given; the newer answer is untouched.
    assert [a["value"] for a in old_data["answers"] if a["step_id"] == "early"] == ["yes"]
    assert (await store.mydata(new))["answers"][0]["value"] == NEW_WORDS
    assert _cells(db_path, NEW_WORDS)
    # Aggregates are unchanged, and a second pass finds nothing more to do.
    assert await store.round_counts(round_id) == before
    assert (await apply_retention(store, 30, clock())).total == 0


async def test_an_answer_changed_after_redaction_is_raw_again(store: Store, clock: Clock) -> None:
    round_id = await new_round(store)
    resident = await _answer(store, 1003, round_id, OLD_WORDS, 3)
    clock.advance(timedelta(days=31).total_seconds())
    assert (await apply_retention(store, 30, clock())).answers_redacted == 1
    await store.apply_outcome(
        update_id=4,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="active", step_id="which", answers={"matters": NEW_WORDS}),
        records=(AnswerGiven("matters", NEW_WORDS),),
    )
    (row,) = [a for a in (await store.mydata(resident))["answers"] if a["step_id"] == "matters"]
    assert row["value"] == NEW_WORDS and row["redacted_at"] is None
    clock.advance(timedelta(days=31).total_seconds())
    assert (await apply_retention(store, 30, clock())).answers_redacted == 1


async def test_period_must_be_positive(store: Store, clock: Clock) -> None:
    with pytest.raises(ValueError, match="at least one day"):
        await apply_retention(store, 0, clock())


def test_cli_applies_retention(db_path: Path, clock: Clock) -> None:
    async def seed() -> None:
        async with await Store.open(db_path, secret=SECRET, clock=clock) as store:
            round_id = await new_round(store)
            await _answer(store, 1004, round_id, OLD_WORDS, 5)

    asyncio.run(seed())
    # The stored times are in 2025 (the test clock): a 30-day period covers them today.
    result = CliRunner().invoke(
        retention,
        ["apply", "--days", "30", "--db", str(db_path)],
        env={"CIVICBOT_SECRET": SECRET.decode()},
    )
    assert result.exit_code == 0, result.output
    assert "1 answer(s) reduced to scrubbed text" in result.output
    assert _cells(db_path, "07700 900123") == []
