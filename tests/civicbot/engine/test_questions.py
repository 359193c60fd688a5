"""Each kind of question: answering by button and by typing, skip, and the notes."""

from __future__ import annotations

from civicbot.engine import (
    AnswerGiven,
    Press,
    SessionState,
    Skip,
    Start,
    Text,
)

from .scripts import Driver, load


def at(step_id: str, **answers: object) -> Driver:
    """A driver on ``step_id`` with the given answers already on the route."""
    script = load()
    state = SessionState(
        status="active",
        step_id=step_id,
        answers=dict(answers),  # type: ignore[arg-type]
        history=tuple(answers),
    )
    return Driver(script, state)


def agreed() -> Driver:
    d = Driver(load())
    d(Start())
    d.press("I agree")
    return d


def test_scale_buttons_sit_in_one_row_with_skip_below() -> None:
    d = agreed()
    question = d.last.messages[-1]
    assert [[b.label for b in row] for row in question.buttons] == [["Bad", "OK", "Good"], ["Skip"]]
    assert question.step_id == "mood"


def test_scale_answer_by_button_records_the_value_and_acknowledges() -> None:
    d = agreed()
    outcome = d.press("OK")
    assert outcome.records == (AnswerGiven("mood", "2", None),)
    assert d.state.answers == {"mood": "2"}
    assert d.state.history == ("mood",)
    assert d.state.step_id == "used"
    assert d.text.startswith("Got it.")


def test_choices_can_be_typed_by_label_or_number() -> None:
    d = agreed()
    d(Text("  good "))
    assert d.state.answers["mood"] == "3"
    d(Text("2"))  # the second option of yes/no
    assert d.state.answers["used"] == "no"


def test_a_label_in_another_of_the_scripts_languages_is_understood() -> None:
    d = agreed()
    d(Text("Drwg"))
    assert d.state.answers["mood"] == "1"


def test_unmatched_text_on_a_button_question_asks_for_the_buttons() -> None:
    d = agreed()
    before = d.state
    outcome = d(Text("it depends"))
    assert not outcome.changed
    assert d.state == before
    assert "Please choose one of the buttons" in d.text
    assert "Good" in d.tokens()


def test_free_text_is_stripped_and_checked() -> None:
    d = at("story", mood="2", used="yes")
    outcome = d(Text("   \n "))
    assert not outcome.changed and "empty" in d.text
    outcome = d(Text("x" * 51))
    assert not outcome.changed and "under 50 characters" in d.text
    outcome = d(Text("  The nurse listened.  "))
    assert outcome.records == (AnswerGiven("story", "The nurse listened.", None),)


def test_free_text_question_renders_earlier_answers() -> None:
    d = at("used", mood="2")
    d(Text("yes"))
    assert "Tell us what happened (OK)." in d.text


def test_skip_records_none_on_optional_questions() -> None:
    d = agreed()
    outcome = d.press("Skip")
    assert outcome.records == (AnswerGiven("mood", None, None),)
    assert d.state.answers == {"mood": None}
    assert "No problem" in d.text


def test_skip_on_a_required_question_is_refused_with_a_note() -> None:
    d = at("used", mood="1")
    assert "Skip" not in d.tokens()
    outcome = d(Skip())
    assert not outcome.changed
    assert "needs an answer" in d.text
    assert "Skip" not in d.tokens()
    # Typing the word is refused the same way, and a forged skip token too.
    d(Text("skip"))
    assert "needs an answer" in d.text
    outcome = d(Press("s:2"))
    assert not outcome.changed


def test_yes_no_without_options_offers_yes_and_no() -> None:
    d = at("used", mood="1")
    assert list(d.tokens()) == ["Yes", "No", "⬅ Back"]


def test_demographic_questions_are_recorded_as_such() -> None:
    text = """
id: demo
version: 1
title: t
consent: {version: 1, text: c}
finish: f
sections:
  - id: about
    steps:
      - id: age
        type: single_choice
        demographic: age_band
        text: Your age?
        options:
          - {value: under_30, label: Under 30}
          - {value: prefer_not, label: Prefer not to say}
"""
    d = Driver(load(text))
    d(Start())
    d.press("I agree")
    outcome = d.press("Prefer not to say")
    assert outcome.records[0] == AnswerGiven("age", "prefer_not", "age_band")


def test_long_option_lists_stay_within_telegram_limits() -> None:
    options = "\n".join(
        f"          - {{value: o{i}, label: Option number {i}}}" for i in range(120)
    )
    text = f"""
id: many
version: 1
title: t
consent: {{version: 1, text: c}}
finish: f
sections:
  - id: s
    steps:
      - id: pick
        type: single_choice
        text: Pick one
        options:
{options}
"""
    d = Driver(load(text))
    d(Start())
    d.press("I agree")
    buttons = d.last.messages[-1].buttons
    assert sum(len(row) for row in buttons) <= 100
    assert all(len(row) <= 8 for row in buttons)
    d(Text("120"))  # past the buttons shown, still reachable by number
    assert d.state.status == "finished"
    assert d.state.answers == {"pick": "o119"}
