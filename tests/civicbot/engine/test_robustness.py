"""Stale and forged buttons, languages, and things that are not answers."""

from __future__ import annotations

import pytest

from civicbot.engine import Press, SessionState, SetLanguage, Start, Text, Unsupported

from .scripts import Driver, load


def agreed() -> Driver:
    d = Driver(load())
    d(Start())
    d.press("I agree")
    return d


def test_a_button_from_an_old_message_changes_nothing() -> None:
    d = agreed()
    old = d.tokens()
    d.press("Good")
    before = d.state
    outcome = d(Press(old["Bad"]))
    assert not outcome.changed
    assert outcome.records == ()
    assert d.state == before
    assert "no longer active" in d.text
    assert "Yes" in d.tokens()  # the current question again


def test_an_old_consent_button_changes_nothing_once_active() -> None:
    d = agreed()
    outcome = d(Press("c:n"))
    assert not outcome.changed
    assert d.state.status == "active"


@pytest.mark.parametrize(
    "token",
    ["", "x", "o:1", "o:1:", "o:1:99", "o:-1:0", "s:1:0", "d:1", "b", "o:1:0:0", "o:١:0", "c:x"],
)
def test_forged_tokens_change_nothing(token: str) -> None:
    d = agreed()
    before = d.state
    outcome = d(Press(token))
    assert not outcome.changed
    assert d.state == before
    assert outcome.messages


def test_tokens_are_short() -> None:
    d = agreed()
    for token in d.tokens().values():
        assert len(token.encode()) <= 24


def test_switching_language_re_shows_the_question_in_it() -> None:
    d = agreed()
    outcome = d(SetLanguage("cy"))
    assert d.state.language == "cy"
    assert outcome.records == ()
    assert "Sut ydych chi'n teimlo?" in d.text
    assert list(d.tokens()) == ["Drwg", "Iawn", "Da", "Hepgor hwn"]  # the script's own word
    d.press("Da")
    assert "Ydych chi wedi defnyddio?" in d.text
    assert "⬅ Yn ôl" in d.tokens()  # the engine's Welsh default


def test_an_unknown_language_lists_the_available_ones() -> None:
    d = agreed()
    outcome = d(SetLanguage("fr"))
    assert not outcome.changed
    assert "English, Cymraeg" in d.text  # names in their own words, never codes
    assert "en, cy" not in d.text
    assert set(d.tokens()) == {"✓ English", "Cymraeg"}  # and the picker to choose from
    assert d.state.language == "en"


def test_language_chosen_before_consent_is_used_for_the_notice() -> None:
    d = Driver(load())
    d(SetLanguage("cy"))
    assert d.state.status == "consent"
    assert "Rydym yn cadw" in d.text
    assert "Rwy'n cytuno" in d.tokens()


def test_a_state_language_the_script_lacks_falls_back_to_its_first() -> None:
    d = Driver(load(), SessionState(language="de"))
    d(Start())
    assert d.state.language == "en"


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("voice", "voice note"),
        ("photo", "photos"),
        ("sticker", "sticker"),
        ("document", "files"),
        ("location", "location"),
        ("video", "videos"),
        ("hologram", "that kind of message"),
    ],
)
def test_unsupported_messages_get_a_kind_note_and_the_question(kind: str, words: str) -> None:
    d = agreed()
    before = d.state
    outcome = d(Unsupported(kind))
    assert outcome.records == ()
    assert d.state == before
    assert words in d.text
    assert "How do you feel?" in d.text
    assert "Good" in d.tokens()


def test_texts_are_clipped_to_telegrams_limit() -> None:
    long = "😀" * 5000
    text = f"""
id: long
version: 1
title: t
consent: {{version: 1, text: "{long}"}}
finish: f
sections:
  - id: s
    steps:
      - {{id: q, type: free_text, text: q}}
"""
    d = Driver(load(text))
    d(Start())
    message = d.last.messages[0]
    assert len(message.text.encode("utf-16-le")) // 2 <= 4096
    assert message.text.endswith("…")


def test_a_broken_ui_override_falls_back_to_the_default_words() -> None:
    d = Driver(load(ui={"en": {"too_long": "Max {limit}!"}}))
    d(Start())
    d.press("I agree")
    d.press("Good")
    d(Text("yes"))
    d(Text("x" * 60))
    assert "under 50 characters" in d.text
