"""Back, branches, pause and resume, finishing and starting again."""

from __future__ import annotations

from typing import Any

from civicbot.engine import (
    AnswerGiven,
    Back,
    Finished,
    Pause,
    Restarted,
    SessionState,
    Skip,
    Start,
    Text,
    current_prompt,
)

from .scripts import Driver, load


def agreed(**changes: Any) -> Driver:
    d = Driver(load(**changes))
    d(Start())
    d.press("I agree")
    return d


def test_back_shows_the_previous_question_with_the_answer_given() -> None:
    d = agreed()
    d.press("Good")
    outcome = d.press("⬅ Back")
    assert outcome.records == ()
    assert d.state.step_id == "mood"
    assert d.state.history == ()
    assert "How do you feel?" in d.text
    assert "You said: Good" in d.text


def test_back_to_a_skipped_question_says_so() -> None:
    d = agreed()
    d(Skip())
    d(Back())
    assert "You skipped this one." in d.text


def test_back_at_the_first_question_is_a_note() -> None:
    d = agreed()
    outcome = d(Back())
    assert not outcome.changed
    assert "first question" in d.text
    assert "⬅ Back" not in d.tokens()


def test_answering_again_replaces_the_answer() -> None:
    d = agreed()
    d.press("Good")
    d(Back())
    outcome = d.press("Bad")
    assert outcome.records == (AnswerGiven("mood", "1", None),)
    assert d.state.answers["mood"] == "1"
    assert d.state.history == ("mood",)


def test_changing_an_answer_changes_the_path_through_a_branch() -> None:
    d = agreed()
    d.press("Good")
    d.press("Yes")
    d(Text("Long wait."))
    assert d.state.step_id == "values"
    d(Back())  # to story
    d(Back())  # to used
    assert d.state.step_id == "used"
    d.press("No")  # branch: used == no -> values, story is left behind
    assert d.state.step_id == "values"
    assert d.state.history == ("mood", "used")
    d.press("Care")
    d.press("Done")
    d(Skip())  # who skipped -> end
    assert d.state.status == "finished"
    finished = d.records[-1]
    assert finished == Finished(path=("mood", "used", "values", "who"))
    assert "story" not in d.state.answers  # dropped from the route


def test_branch_equals_jumps_forward() -> None:
    d = agreed()
    d.press("Good")
    d.press("No")
    assert d.state.step_id == "values"


def test_branch_skipped_goes_to_the_end() -> None:
    d = agreed()
    d.press("Good")
    d.press("No")
    d.press("Care")
    d.press("Done")
    outcome = d.press("Skip")
    assert d.state.status == "finished"
    assert isinstance(outcome.records[-1], Finished)
    assert "All done, thank you. You felt Good." in d.text


def test_without_a_matching_branch_the_next_step_in_order_follows() -> None:
    d = agreed()
    d.press("Good")
    d.press("No")
    d.press("Care")
    d.press("Done")
    d.press("My GP")
    assert d.state.step_id == "more"
    outcome = d(Text("No, thanks."))
    assert outcome.records[-1] == Finished(path=("mood", "used", "values", "who", "more"))
    assert d.state.status == "finished"


def test_back_after_finishing_is_not_allowed() -> None:
    d = agreed()
    d.press("Good")
    d.press("No")
    d.press("Love")
    d.press("Done")
    assert d.state.status == "finished"
    outcome = d(Back())
    assert not outcome.changed
    assert "can't be changed" in d.text


def test_start_after_finishing_says_thank_you_and_restart_is_allowed() -> None:
    d = agreed()
    d.press("Good")
    d.press("No")
    d.press("Love")
    d.press("Done")
    outcome = d(Start())
    assert not outcome.changed
    assert "already taken part" in d.text
    outcome = d.press("Start again")
    assert outcome.records == (Restarted(),)
    assert d.state.status == "active"
    assert d.state.step_id == "mood"
    assert d.state.answers == {} and d.state.history == ()
    outcome = d(Start(restart=True))  # while active, it resumes
    assert outcome.records == ()
    assert d.state.step_id == "mood"


def test_restart_is_refused_when_the_script_does_not_allow_it() -> None:
    d = agreed(allow_restart=False)
    d.press("Good")
    d.press("No")
    d.press("Love")
    d.press("Done")
    outcome = d(Start(restart=True))
    assert outcome.records == () and not outcome.changed
    assert d.state.status == "finished"
    assert "only be taken once" in d.text


def test_pause_then_start_resumes_at_the_same_question() -> None:
    d = agreed()
    d.press("Good")
    outcome = d(Pause())
    assert d.state.paused
    assert outcome.records == ()
    assert "/start" in d.text
    assert "same question" in d.text
    outcome = d(Start())
    assert not d.state.paused
    assert d.text.startswith("Welcome back")
    assert outcome.messages[-1].step_id == "used"
    assert "Yes" in d.tokens()


def test_resume_equals_the_current_prompt_after_the_greeting() -> None:
    d = agreed()
    d.press("Good")
    prompt = current_prompt(d.script, d.state)
    d(Start())
    assert d.last.messages[0].text.endswith(prompt[0].text)
    assert d.last.messages[0].buttons == prompt[0].buttons


def test_a_script_with_only_messages_finishes_on_consent() -> None:
    text = """
id: tiny
version: 1
title: t
consent: {version: 2, text: c}
finish: Bye
sections:
  - id: s
    steps:
      - {id: a, type: message, text: One}
      - {id: b, type: message, text: Two}
"""
    d = Driver(load(text))
    d(Start())
    outcome = d.press("I agree")
    assert [m.text for m in outcome.messages] == ["One", "Two", "Bye"]
    assert outcome.records[-1] == Finished(path=())
    assert d.state == SessionState(status="finished", language="en")
