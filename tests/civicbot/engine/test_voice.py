"""Voice notes: a free-text question takes one as its answer; elsewhere it is turned away."""

from __future__ import annotations

from civicbot.engine import AnswerGiven, Back, Start, Text, Voice, VoiceKept
from civicbot.engine.types import VOICE_ANSWER

from .scripts import Driver, load


def at_story() -> Driver:
    d = Driver(load())
    d(Start())
    d.press("I agree")
    d.press("Good")
    d.press("Yes")
    assert d.state.step_id == "story"
    return d


def test_a_voice_note_answers_a_free_text_question_and_is_kept() -> None:
    d = at_story()
    outcome = d(Voice("file-1", 7))
    assert outcome.changed
    assert AnswerGiven("story", VOICE_ANSWER) in outcome.records
    assert VoiceKept("story", "file-1", 7) in outcome.records
    assert d.state.answers["story"] == VOICE_ANSWER
    assert d.state.step_id == "values"  # moved on
    assert "kept your voice note" in d.text
    assert "Which matter most?" in d.text


def test_a_voice_note_on_a_button_question_is_turned_away() -> None:
    d = Driver(load())
    d(Start())
    d.press("I agree")
    before = d.state
    outcome = d(Voice("file-2", 3))
    assert outcome.records == ()
    assert not outcome.changed
    assert d.state == before
    assert "voice note" in d.text
    assert "How do you feel?" in d.text


def test_a_voice_note_before_consent_stores_nothing() -> None:
    d = Driver(load())
    d(Start())
    outcome = d(Voice("file-3", 3))
    assert outcome.records == ()
    assert d.state.status == "consent"


def test_going_back_to_a_voice_answer_says_so_and_typing_replaces_it() -> None:
    d = at_story()
    d(Voice("file-4", 2))
    d(Back())
    assert "(voice note)" in d.text
    outcome = d(Text("It went well"))
    assert AnswerGiven("story", "It went well") in outcome.records
    assert not any(isinstance(r, VoiceKept) for r in outcome.records)
