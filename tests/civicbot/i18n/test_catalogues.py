"""The bot's own words in every catalogue: each .po compiles, has every message, keeps
placeholders and helpline numbers, and says honestly that it is not reviewed yet."""

from __future__ import annotations

import io
import re
import string

import pytest
from babel.messages.mofile import read_mo, write_mo

from civicbot import i18n
from civicbot.bot.texts import english_messages, say
from civicbot.i18n_update import build
from civicbot.safeguarding.signposts import load_signposting, numbers_in, reply_in

LANGUAGES = i18n.available()
# Full catalogues: every message the bot sends a resident.
FULL = {"cy", "pl", "ur"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_three_languages_ship() -> None:
    assert {"cy", "pl", "ur"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalogue_compiles_and_round_trips(language: str) -> None:
    catalog = i18n.read_catalogue(i18n.po_path(language))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    compiled = read_mo(buffer)
    translated = [m for m in catalog if m.id and m.string]
    assert len([m for m in compiled if m.id]) == len(translated)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_missing_or_out_of_date(language: str) -> None:
    english = english_messages()
    status = i18n.status(language, english)
    assert status.out_of_date == [], f"update: python -m civicbot.i18n_update {language}"
    missing = set(status.missing)
    if language in FULL:
        assert missing == set()
    else:
        assert {k for k in missing if not k.startswith("ui.delib_")} == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_the_english(language: str) -> None:
    for context, entry in i18n.entries(language).items():
        assert _fields(entry.text) == _fields(entry.english), context


@pytest.mark.parametrize("language", LANGUAGES)
def test_first_drafts_are_flagged_unreviewed(language: str) -> None:
    english = english_messages()
    status = i18n.status(language, english)
    # Honest: no fluent speaker has checked these yet, and every one says so.
    assert status.translated > 0
    assert len(status.unreviewed) == status.translated


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_safety_reply_keeps_every_number(language: str) -> None:
    signposting = load_signposting()
    reply = reply_in(language, signposting)
    assert reply != signposting.reply
    assert numbers_in(reply) == numbers_in(signposting.reply)


def test_a_safety_reply_with_a_wrong_number_falls_back_to_english(monkeypatch) -> None:
    signposting = load_signposting()
    entry = i18n.entries("cy")["safety.reply"]
    wrong = dict(i18n.entries("cy"))
    wrong["safety.reply"] = i18n.Entry(
        entry.english, entry.text.replace("116 123", "116 124"), False
    )
    monkeypatch.setattr(i18n, "entries", lambda language: wrong)
    assert reply_in("cy", signposting) == signposting.reply


def test_changed_english_is_out_of_date_and_shown_in_english() -> None:
    english = dict(english_messages())
    english["ui.skip"] = "Skip this one"
    assert "ui.skip" in i18n.status("cy", english).out_of_date
    assert i18n.translate("cy", "ui.skip", "Skip this one") == "Skip this one"
    assert i18n.translate("cy", "ui.skip", "Skip") == "Hepgor"


def test_update_keeps_translations_and_flags_changed_english_fuzzy() -> None:
    old = i18n.read_catalogue(i18n.po_path("cy"))
    english = dict(english_messages())
    english["ui.skip"] = "Skip this one"
    english["ui.brand_new"] = "A new notice"
    new = build("cy", english, old)
    assert new.get("Skip this one", context="ui.skip").string == "Hepgor"
    assert "fuzzy" in new.get("Skip this one", context="ui.skip").flags
    assert new.get("A new notice", context="ui.brand_new").string == ""
    assert new.get("I agree", context="ui.agree").string == "Rwy'n cytuno"


def test_urdu_notices_keep_numbers_and_commands_left_to_right() -> None:
    text = say("ur", "HELP")
    assert text.startswith("\u200f")  # right-to-left mark: aligned right in Telegram
    assert "\u2066/skip\u2069" in text  # a /command isolated, so it reads left to right
    reply = reply_in("ur", load_signposting())
    assert "\u20660808 2000 247\u2069" in reply
    # Welsh and Polish are left to right: nothing added.
    assert not re.search("[\u2066-\u2069\u200f]", say("cy", "HELP") + say("pl", "HELP"))
