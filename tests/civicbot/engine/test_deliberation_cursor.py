"""Where a resident is in a deliberation step is a typed cursor, not marks in ``pending``;
sessions stored with the old marks still resume on the same screen."""

from __future__ import annotations

import json
from dataclasses import replace

from civicbot.engine import current_prompt
from civicbot.engine.deliberation_view import from_marks
from civicbot.engine.types import NO_CURSOR, DeliberationCursor, SessionState
from civicbot.store.rows import state_from_json, state_to_json
from tests.civicbot.engine.test_deliberation import Resident, World, load


def _at_step() -> Resident:
    ana = Resident(World(load()), "ana")
    ana.arrive()
    return ana


def test_the_cursor_holds_the_screen_and_pending_stays_empty() -> None:
    ana = _at_step()
    first = ana.shown()
    assert first is not None
    assert ana.state.cursor == DeliberationCursor(shown=first, last=None, writing=False)
    assert ana.state.pending == ()
    ana.vote()
    assert ana.state.cursor.last == first and ana.state.cursor.shown == ana.shown() != first
    ana.press("✍ Write a statement")
    assert ana.state.cursor.writing and ana.state.cursor.shown is None
    assert ana.state.pending == ()


def test_leaving_the_step_clears_the_cursor() -> None:
    ana = _at_step()
    ana.vote()
    ana.press("Move on ➜")
    assert ana.state.step_id == "last"
    assert ana.state.cursor == NO_CURSOR


def test_the_cursor_survives_the_store_and_a_restart() -> None:
    ana = _at_step()
    ana.vote()
    stored = state_to_json(ana.state)
    assert json.loads(stored)["cursor"] == {
        "shown": ana.state.cursor.shown,
        "last": ana.state.cursor.last,
        "writing": False,
    }
    again = state_from_json(stored)
    assert again.cursor == ana.state.cursor
    script = ana.world.script
    pool = ana.world.pool("ana")
    assert current_prompt(script, again, pool) == current_prompt(script, ana.state, pool)


def test_other_states_store_no_cursor() -> None:
    assert "cursor" not in json.loads(state_to_json(SessionState(status="active", step_id="x")))
    assert state_from_json(state_to_json(SessionState())).cursor == NO_CURSOR


def test_a_session_stored_with_the_old_marks_resumes_on_the_same_screen() -> None:
    ana = _at_step()
    ana.vote()
    shown, last = ana.state.cursor.shown, ana.state.cursor.last
    assert shown is not None and last is not None
    # As a database from before the cursor holds it: the marks in "pending", no cursor.
    old = json.loads(state_to_json(ana.state))
    del old["cursor"]
    old["pending"] = [f"s:{shown}", f"l:{last}"]
    legacy = state_from_json(json.dumps(old))
    assert legacy.cursor == NO_CURSOR and legacy.pending == (f"s:{shown}", f"l:{last}")
    script, pool = ana.world.script, ana.world.pool("ana")
    assert current_prompt(script, legacy, pool) == current_prompt(script, ana.state, pool)
    # The next input carries on from there and stores the typed cursor.
    ana.state = legacy
    ana.press("↩ Change my last vote")
    assert ana.state.cursor == DeliberationCursor(shown=last, last=last, writing=False)
    assert ana.state.pending == ()


def test_old_marks_are_read_and_anything_else_ignored() -> None:
    assert from_marks(("s:12", "l:5", "w")) == DeliberationCursor(12, 5, True)
    assert from_marks(("care", "s:x", "l:", "s:1234567890123")) == NO_CURSOR
    assert from_marks(()) == NO_CURSOR


def test_a_stored_cursor_of_the_wrong_shape_is_refused() -> None:
    base = json.loads(state_to_json(replace(SessionState(), cursor=DeliberationCursor(1))))
    for bad in ("s:1", {"shown": "1"}, {"shown": True}, {"writing": "yes"}):
        broken = json.dumps({**base, "cursor": bad})
        try:
            state_from_json(broken)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad!r}")
