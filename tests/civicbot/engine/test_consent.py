"""Consent first: nothing is recorded before it, decline keeps nothing."""

from __future__ import annotations

from civicbot.engine import (
    AnswerGiven,
    Back,
    ConsentGiven,
    Pause,
    Press,
    SessionState,
    Skip,
    Start,
    Text,
    Unsupported,
    current_prompt,
    handle,
)

from .scripts import Driver, load


def test_start_shows_the_consent_notice_and_records_nothing() -> None:
    d = Driver(load())
    outcome = d(Start())
    assert d.state.status == "consent"
    assert outcome.records == ()
    assert "We keep your answers safe" in d.text
    assert "Talking about services" in d.text
    assert list(d.tokens()) == ["I agree", "No thanks"]


def test_agreeing_records_consent_then_shows_messages_and_the_first_question() -> None:
    d = Driver(load())
    d(Start())
    outcome = d.press("I agree")
    assert outcome.records == (ConsentGiven(True, 3),)
    assert d.state.status == "active"
    assert d.state.step_id == "mood"
    assert [m.step_id for m in outcome.messages] == [None, "mood"]
    assert "Hello! A few questions." in outcome.messages[0].text
    assert "About today" in outcome.messages[0].text  # the section's title opens it


def test_declining_keeps_nothing_and_start_shows_the_notice_again() -> None:
    d = Driver(load())
    d(Start())
    outcome = d.press("No thanks")
    assert outcome.records == (ConsentGiven(False, 3),)
    assert d.state.status == "declined"
    assert "nothing you said has been kept" in d.text
    assert "/start" in d.text
    d(Text("hello?"))
    assert not d.last.changed
    d(Start())
    assert d.state.status == "consent"
    assert "I agree" in d.tokens()


def test_typing_the_consent_choice_works_and_anything_else_asks_again() -> None:
    d = Driver(load())
    d(Start())
    outcome = d(Text("what is this?"))
    assert not outcome.changed
    assert "Please choose “I agree” or “No thanks”" in d.text
    assert "I agree" in d.tokens()
    d(Text("i AGREE."))
    assert d.state.status == "active"


def test_before_consent_answers_skip_and_back_are_not_taken() -> None:
    d = Driver(load())
    d(Start())
    for inp in (Skip(), Back(), Press("o:1:0"), Unsupported("voice"), Text("Good")):
        outcome = d(inp)
        assert outcome.records == ()
        assert d.state.status == "consent"
        assert not any(isinstance(r, AnswerGiven) for r in d.records)


def test_any_first_input_leads_to_the_notice() -> None:
    script = load()
    outcome = handle(script, SessionState(), Text("hi"))
    assert outcome.state.status == "consent"
    assert outcome.messages[0].buttons


def test_pause_before_consent_then_start_shows_the_notice() -> None:
    d = Driver(load())
    d(Start())
    d(Pause())
    assert d.state.paused
    d(Start())
    assert not d.state.paused
    assert d.state.status == "consent"
    assert "I agree" in d.tokens()


def test_current_prompt_for_each_status() -> None:
    script = load()
    assert current_prompt(script, SessionState())[0].buttons
    assert "nothing you said" in current_prompt(script, SessionState(status="declined"))[0].text
    done = current_prompt(script, SessionState(status="finished"))
    assert "already taken part" in done[0].text
    assert done[0].buttons[0][0].token == "r"  # this script allows a restart
    refused = current_prompt(load(allow_restart=False), SessionState(status="finished"))
    assert refused[0].buttons == ()
