"""apply_outcome, the dialogue's write unit, and reading sessions back."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from civicbot.engine.types import (
    AnswerGiven,
    ConsentGiven,
    Finished,
    Restarted,
    SessionState,
)
from civicbot.store import Store

from .conftest import Clock, new_round

RESIDENT = "a" * 32


def _rows(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, params).fetchall()


async def test_session_state_round_trips(store: Store) -> None:
    round_id = await new_round(store)
    state = SessionState(
        status="active",
        step_id="which",
        language="cy",
        answers={"matters": "Gofal", "which": ("gp", "council"), "treated": None},
        history=("matters", "which"),
        pending=("gp",),
        paused=True,
    )
    assert await store.get_session(round_id, RESIDENT) is None
    assert await store.apply_outcome(
        update_id=None, round_id=round_id, resident=RESIDENT, state=state, records=()
    )
    assert await store.get_session(round_id, RESIDENT) == state


async def test_same_update_is_applied_once(store: Store, db_path: Path) -> None:
    round_id = await new_round(store)
    assert await store.inbox_add([(10, '{"update_id": 10}')]) == 1
    first = SessionState(status="active", step_id="which", answers={"matters": "care"})
    records = (ConsentGiven(True, 1), AnswerGiven("matters", "care"))

    applied = await store.apply_outcome(
        update_id=10, round_id=round_id, resident=RESIDENT, state=first, records=records
    )
    again = await store.apply_outcome(
        update_id=10,
        round_id=round_id,
        resident=RESIDENT,
        state=SessionState(status="active", step_id="treated"),
        records=(ConsentGiven(True, 1), AnswerGiven("matters", "something else")),
    )

    assert (applied, again) == (True, False)
    assert await store.get_session(round_id, RESIDENT) == first
    assert await store.session_for_update(round_id, RESIDENT, 10) == (first, True)
    assert await store.session_for_update(round_id, RESIDENT, 11) == (first, False)
    assert await store.session_for_update(round_id, "b" * 32, 11) == (None, False)
    assert _rows(db_path, "SELECT COUNT(*) FROM consents") == [(1,)]
    assert _rows(db_path, "SELECT value_json, update_id FROM answers") == [('"care"', 10)]
    assert await store.inbox_pending() == []
    assert [u for u, _ in await store.inbox_unreplied()] == [10]


async def test_same_update_is_applied_once_even_after_the_inbox_is_pruned(
    store: Store, clock: Clock
) -> None:
    round_id = await new_round(store)
    await store.inbox_add([(11, "{}")])
    state = SessionState(status="active", step_id="which")
    assert await store.apply_outcome(
        update_id=11, round_id=round_id, resident=RESIDENT, state=state, records=()
    )
    assert await store.inbox_prune(clock.advance(60)) == 1
    assert not await store.apply_outcome(
        update_id=11,
        round_id=round_id,
        resident=RESIDENT,
        state=SessionState(status="finished"),
        records=(),
    )
    assert await store.get_session(round_id, RESIDENT) == state


async def test_answer_is_replaced_when_the_resident_goes_back(store: Store, clock: Clock) -> None:
    round_id = await new_round(store)
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=RESIDENT,
        state=SessionState(status="active"),
        records=(ConsentGiven(True, 1), AnswerGiven("which", ("gp",))),
    )
    clock.advance(30)
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=RESIDENT,
        state=SessionState(status="active"),
        records=(AnswerGiven("which", ("council", "1")),),
    )
    rows = await store.round_rows(round_id)
    assert [(a.step_id, a.value, a.answered_at) for a in rows.answers] == [
        ("which", ("council", "1"), clock.now)
    ]


async def test_skipped_answer_is_kept_as_skipped(store: Store, db_path: Path) -> None:
    round_id = await new_round(store)
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=RESIDENT,
        state=SessionState(status="active"),
        records=(ConsentGiven(True, 1), AnswerGiven("matters", None)),
    )
    assert _rows(db_path, "SELECT value_json, skipped FROM answers") == [("null", 1)]


async def test_demographics_are_stored_apart_and_withdrawable_alone(
    store: Store, db_path: Path
) -> None:
    round_id = await new_round(store)
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=RESIDENT,
        state=SessionState(status="active"),
        records=(
            ConsentGiven(True, 1),
            AnswerGiven("matters", "being listened to"),
            AnswerGiven("age", "35_64", demographic="age_band"),
        ),
    )
    assert _rows(db_path, "SELECT step_id FROM answers") == [("matters",)]
    assert _rows(db_path, "SELECT field, value, step_id FROM demographics") == [
        ("age_band", "35_64", "age")
    ]

    # Skipping the question again clears the earlier answer: nothing is stored for a skip.
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=RESIDENT,
        state=SessionState(status="active"),
        records=(AnswerGiven("age", None, demographic="age_band"),),
    )
    assert _rows(db_path, "SELECT COUNT(*) FROM demographics") == [(0,)]

    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=RESIDENT,
        state=SessionState(status="active"),
        records=(AnswerGiven("age", "prefer_not", demographic="age_band"),),
    )
    assert await store.withdraw_demographics(RESIDENT) == 1
    assert _rows(db_path, "SELECT COUNT(*) FROM demographics") == [(0,)]
    assert _rows(db_path, "SELECT step_id FROM answers") == [("matters",)]
    assert (await store.get_session(round_id, RESIDENT)) is not None


async def test_withdraw_demographics_of_one_round(store: Store) -> None:
    rounds = [await new_round(store), await new_round(store)]
    for round_id in rounds:
        await store.apply_outcome(
            update_id=None,
            round_id=round_id,
            resident=RESIDENT,
            state=SessionState(status="active"),
            records=(ConsentGiven(True, 1), AnswerGiven("age", "18_34", demographic="age_band")),
        )
    assert await store.withdraw_demographics(RESIDENT, rounds[0]) == 1
    assert (await store.round_rows(rounds[0])).demographics == ()
    assert len((await store.round_rows(rounds[1])).demographics) == 1


async def test_finished_drops_answers_left_on_an_abandoned_branch(
    store: Store, clock: Clock
) -> None:
    round_id = await new_round(store)
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=RESIDENT,
        state=SessionState(status="active"),
        records=(
            ConsentGiven(True, 1),
            AnswerGiven("matters", "x"),
            AnswerGiven("which", ("gp",)),
            AnswerGiven("treated", "always"),
            AnswerGiven("age", "18_34", demographic="age_band"),
        ),
    )
    clock.advance(5)
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=RESIDENT,
        state=SessionState(status="finished"),
        records=(Finished(path=("matters", "treated", "early")),),
    )
    rows = await store.round_rows(round_id)
    assert sorted(a.step_id for a in rows.answers) == ["matters", "treated"]
    assert rows.demographics == ()  # the "about you" step was not on the final path
    assert rows.sessions[0].finished_at == clock.now
    assert (await store.round_counts(round_id))["finished"] == 1


async def test_restarted_clears_answers_and_demographics(store: Store, clock: Clock) -> None:
    round_id = await new_round(store)
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=RESIDENT,
        state=SessionState(status="finished"),
        records=(
            ConsentGiven(True, 1),
            AnswerGiven("matters", "x"),
            AnswerGiven("age", "18_34", demographic="age_band"),
            Finished(path=("matters", "age")),
        ),
    )
    clock.advance(60)
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=RESIDENT,
        state=SessionState(status="active", step_id="matters"),
        records=(Restarted(), AnswerGiven("matters", "y")),
    )
    rows = await store.round_rows(round_id)
    assert [(a.step_id, a.value) for a in rows.answers] == [("matters", "y")]
    assert rows.demographics == ()
    session = rows.sessions[0]
    assert session.finished_at is None and session.started_at == clock.now
    assert session.consent_version == 1


async def test_round_counts(store: Store) -> None:
    round_id = await new_round(store)
    outcomes = {
        "r1": (SessionState(status="consent"), ()),
        "r2": (SessionState(status="declined"), (ConsentGiven(False, 1),)),
        "r3": (SessionState(status="active"), (ConsentGiven(True, 1),)),
        "r4": (SessionState(status="finished"), (ConsentGiven(True, 1), Finished(()))),
    }
    for resident, (state, records) in outcomes.items():
        await store.apply_outcome(
            update_id=None, round_id=round_id, resident=resident, state=state, records=records
        )
    assert await store.round_counts(round_id) == {
        "started": 4,
        "consented": 2,
        "finished": 1,
        "declined": 1,
    }
    assert await store.round_counts(await new_round(store)) == {
        "started": 0,
        "consented": 0,
        "finished": 0,
        "declined": 0,
    }


async def test_active_round_is_the_most_recent_open_one(store: Store, clock: Clock) -> None:
    first, second = await new_round(store), await new_round(store)
    assert await store.active_round_for(RESIDENT) is None
    for round_id in (second, first):
        clock.advance(10)
        await store.apply_outcome(
            update_id=None,
            round_id=round_id,
            resident=RESIDENT,
            state=SessionState(status="active"),
            records=(),
        )
    assert await store.active_round_for(RESIDENT) == first
    await store.close_round(first)
    assert await store.active_round_for(RESIDENT) == second
    await store.close_round(second)
    assert await store.active_round_for(RESIDENT) is None


async def test_record_unsupported_keeps_the_file_id_once_per_update(
    store: Store, db_path: Path
) -> None:
    round_id = await new_round(store)
    assert await store.record_unsupported(round_id, RESIDENT, "voice", "AwADBAAD", 77)
    assert not await store.record_unsupported(round_id, RESIDENT, "voice", "AwADBAAD", 77)
    assert await store.record_unsupported(round_id, RESIDENT, "sticker", None, None)
    assert _rows(
        db_path, "SELECT kind, file_id, update_id FROM unsupported_inputs ORDER BY id"
    ) == [
        ("voice", "AwADBAAD", 77),
        ("sticker", None, None),
    ]
