"""Multiple choice: toggling a pending selection, Done, and the limits."""

from __future__ import annotations

from civicbot.engine import AnswerGiven, Back, SessionState, Text

from .scripts import Driver, load


def on_values() -> Driver:
    state = SessionState(
        status="active",
        step_id="values",
        answers={"mood": "1", "used": "no"},
        history=("mood", "used"),
    )
    return Driver(load(), state)


def test_pressing_toggles_with_a_tick_by_editing_the_message() -> None:
    d = on_values()
    outcome = d.press("Care")
    assert outcome.records == ()
    assert d.state.pending == ("care",)
    (message,) = outcome.messages
    assert message.edit and message.step_id == "values"
    assert "✓ Care" in d.tokens()
    d.press("Respect")
    assert d.state.pending == ("care", "respect")
    d.press("✓ Care")
    assert d.state.pending == ("respect",)
    assert "Care" in d.tokens() and "✓ Respect" in d.tokens()


def test_done_confirms_in_option_order() -> None:
    d = on_values()
    d.press("Respect")
    d.press("Care")
    outcome = d.press("Done")
    assert outcome.records == (AnswerGiven("values", ("care", "respect"), None),)
    assert d.state.step_id == "who"
    assert d.state.pending == ()


def test_done_with_too_few_is_refused() -> None:
    d = on_values()
    outcome = d.press("Done")
    assert not outcome.changed
    assert "at least 1" in d.text


def test_choosing_more_than_the_maximum_is_refused() -> None:
    d = on_values()
    d.press("Care")
    d.press("Respect")
    outcome = d.press("Love")
    assert not outcome.changed
    assert d.state.pending == ("care", "respect")
    assert "up to 2" in d.text
    assert not outcome.messages[0].edit


def test_prefer_not_to_say_stands_alone() -> None:
    d = on_values()
    d.press("Care")
    d.press("Prefer not to say")
    assert d.state.pending == ("prefer_not",)
    d.press("Respect")
    assert d.state.pending == ("respect",)


def test_typing_toggles_and_typing_done_confirms() -> None:
    d = on_values()
    outcome = d(Text("2"))
    assert d.state.pending == ("respect",)
    assert not outcome.messages[0].edit  # no pressed message to replace
    d(Text("care"))
    d(Text("done"))
    assert d.state.answers["values"] == ("care", "respect")


def test_back_to_a_multi_choice_prefills_the_selection() -> None:
    d = on_values()
    d.press("Care")
    d.press("Done")
    d(Back())
    assert d.state.step_id == "values"
    assert d.state.pending == ("care",)
    assert "You said: Care" in d.text
    assert "✓ Care" in d.tokens()


def test_a_tuple_answer_matches_a_branch_by_any_member() -> None:
    d = on_values()
    d.press("Care")
    d.press("Love")
    d.press("Done")
    assert d.state.status == "finished"  # any_of [love] -> end
