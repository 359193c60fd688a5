"""The language picker comes before consent; /language works at any time."""

from __future__ import annotations

from civicbot.engine import ConsentGiven, Press, SessionState, SetLanguage, Start, Text

from .scripts import BASIC, Driver, load

PICKING = BASIC.replace("ask_language: false\n", "")


def test_start_offers_languages_by_name_before_consent_and_records_nothing() -> None:
    d = Driver(load(PICKING))
    outcome = d(Start())
    assert d.state.status == "new"
    assert outcome.records == ()
    assert list(d.tokens()) == ["✓ English", "Cymraeg"]
    assert "Choose your language." in d.text and "Dewiswch eich iaith." in d.text


def test_telegram_language_code_puts_welsh_first_and_ticked() -> None:
    d = Driver(load(PICKING), SessionState(language="cy"))
    d(Start())
    assert list(d.tokens()) == ["✓ Cymraeg", "English"]
    assert d.text.startswith("Dewiswch eich iaith.")


def test_picking_welsh_shows_the_consent_notice_in_welsh() -> None:
    d = Driver(load(PICKING))
    d(Start())
    outcome = d.press("Cymraeg")
    assert d.state.status == "consent" and d.state.language == "cy"
    assert outcome.records == ()  # nothing kept before consent
    assert "Rydym yn cadw eich atebion" in d.text
    assert set(d.tokens()) == {"Rwy'n cytuno", "Dim diolch"}
    d.press("Rwy'n cytuno")
    assert isinstance(d.records[0], ConsentGiven)
    assert "Helo!" in d.text


def test_typing_a_language_name_in_the_picker_chooses_it() -> None:
    d = Driver(load(PICKING))
    d(Start())
    d(Text("welsh"))
    assert d.state.language == "cy" and d.state.status == "consent"


def test_other_words_in_the_picker_show_it_again() -> None:
    d = Driver(load(PICKING))
    outcome = d(Text("hello"))
    assert not outcome.changed
    assert "✓ English" in d.tokens()


def test_language_alone_shows_the_picker_mid_dialogue_and_a_press_switches() -> None:
    d = Driver(load(PICKING))
    d(Start())
    d.press("✓ English")
    d.press("I agree")
    assert d.state.status == "active"
    d(SetLanguage(""))
    assert "Cymraeg" in d.tokens()
    d.press("Cymraeg")
    assert d.state.language == "cy"
    assert "Newidiwyd yr iaith." in d.text


def test_an_unknown_language_answers_with_names_not_codes() -> None:
    d = Driver(load(PICKING))
    d(SetLanguage("fr"))
    assert "English, Cymraeg" in d.text
    assert "en, cy" not in d.text


def test_a_forged_language_token_changes_nothing() -> None:
    d = Driver(load(PICKING))
    d(Start())
    outcome = d(Press("l:de"))
    assert d.state.language == "en"
    assert not outcome.changed
