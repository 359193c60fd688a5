"""The default script residents read: valid, complete, kind, and short enough."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from civicbot.script import LoadedScript, estimate_minutes, load_script
from civicbot.script.graph import reachable
from civicbot.script.model import (
    DEMOGRAPHIC_FIELDS,
    PREFER_NOT,
    PRINCIPLES,
    VALUES,
    options_of,
    text_in,
)
from civicbot.script.readability import reading_report

PATH = Path(__file__).resolve().parents[3] / "prompts" / "values-and-services.yaml"


@pytest.fixture(scope="module")
def loaded() -> LoadedScript:
    return load_script(PATH)


def test_loads_without_warnings(loaded: LoadedScript) -> None:
    assert loaded.warnings == ()
    assert loaded.script.languages == ["en", "cy", "pl", "ur"]
    assert loaded.script.consent.version == 2


def test_every_language_is_translated_in_full_and_honestly_unreviewed(
    loaded: LoadedScript,
) -> None:
    # First drafts: complete and current, and every entry says it is not reviewed yet.
    assert {c.language for c in loaded.coverage} == {"cy", "pl", "ur"}
    for cover in loaded.coverage:
        assert cover.missing == [] and cover.out_of_date == [], cover.language
        assert cover.translated == cover.total
        assert len(cover.unreviewed) == cover.total


def test_every_value_and_principle_is_tagged(loaded: LoadedScript) -> None:
    tags = {tag for step in loaded.script.steps() for tag in step.tags}
    assert set(VALUES) <= tags
    assert set(PRINCIPLES) <= tags


def test_every_demographic_field_is_asked_kindly(loaded: LoadedScript) -> None:
    about_you = [s for s in loaded.script.steps() if s.demographic is not None]
    assert sorted(s.demographic or "" for s in about_you) == sorted(DEMOGRAPHIC_FIELDS)
    for step in about_you:
        assert step.optional and step.type == "single_choice"
        values = [o.value for o in options_of(step)]
        assert values[-1] == PREFER_NOT
    [section] = [s for s in loaded.script.sections if s.id == "about_you"]
    assert all(s.demographic is not None for s in section.steps[1:])


def test_demographic_values_match_the_analysis(loaded: LoadedScript) -> None:
    by_field = {s.demographic: [o.value for o in s.options] for s in loaded.script.steps()}
    assert by_field["age_band"] == [
        "16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+", PREFER_NOT
    ]  # fmt: skip
    assert by_field["disability"] == ["yes_limited_lot", "yes_limited_little", "no", PREFER_NOT]
    assert by_field["money_worries"] == [
        "comfortable", "just_about", "finding_it_difficult", PREFER_NOT
    ]  # fmt: skip
    assert by_field["caring"] == ["yes", "no", PREFER_NOT]
    assert by_field["ethnicity"] == ["asian", "black", "mixed", "white", "other", PREFER_NOT]
    assert by_field["sex"] == ["female", "male", "other", PREFER_NOT]
    assert by_field["area"][:6] == ["north", "south", "east", "west", "centre", "outside"]


def test_every_question_can_be_skipped_and_every_step_reached(loaded: LoadedScript) -> None:
    steps = loaded.script.steps()
    assert all(s.optional for s in steps if s.is_question)
    assert {s.id for s in steps} <= reachable(loaded.script)


def test_no_service_used_skips_the_experience_questions(loaded: LoadedScript) -> None:
    used = next(s for s in loaded.script.steps() if s.id == "used_services")
    no, skipped = used.next
    assert no.when.equals == "no" and no.goto == "equitable_fair"
    assert skipped.when.skipped is True and skipped.goto == "equitable_fair"


def test_takes_ten_to_fifteen_minutes(loaded: LoadedScript) -> None:
    assert 10 <= estimate_minutes(loaded.script) <= 15


def test_opens_with_a_welcome_and_asks_about_updates(loaded: LoadedScript) -> None:
    steps = loaded.script.steps()
    welcome = text_in(steps[0].text, "en", "en")
    assert steps[0].type == "message"
    for word in ("skip", "/back", "/help"):
        assert word in welcome
    assert steps[-1].id == "updates_opt_in" and steps[-1].type == "yes_no"
    consent = text_in(loaded.script.consent.text, "en", "en")
    for word in ("/mydata", "/forget", "/privacy", "not your name", "round.retention_days"):
        assert word in consent
    for word in ("quotes", "danger", "organisers"):
        assert word in consent
    intro = text_in(loaded.script.consent.intro or "", "en", "en")
    for word in ("round.organiser", "round.contact", "minutes", "16 or over", "skip"):
        assert word in intro


def test_messages_are_short_for_phone_screens(loaded: LoadedScript) -> None:
    script = loaded.script
    texts = [text_in(s.text, "en", "en") for s in script.steps()]
    texts += [text_in(script.consent.text, "en", "en"), text_in(script.finish, "en", "en")]
    texts += [text_in(script.consent.intro or "", "en", "en")]
    assert max(len(t) for t in texts) < 600
    for step in script.steps():
        for sentence in re.split(r"[.?!:\n]", text_in(step.text, "en", "en")):
            assert len(sentence.split()) <= 18, sentence


def test_reading_age_nine_for_nine_texts_in_ten_and_none_above_twelve(
    loaded: LoadedScript,
) -> None:
    report = reading_report(loaded.script, "en")
    assert len(report.measures) >= 40
    assert report.share_at_most(9) >= 0.9
    assert report.highest is not None and report.highest.reading_age <= 12


def test_every_step_keeps_its_tags(loaded: LoadedScript) -> None:
    """The rewrite kept each question's meaning and tags, so the analysis still groups."""
    tags = {s.id: tuple(s.tags) for s in loaded.script.steps()}
    assert tags["joined_up_talk"] == ("joined-up",)
    assert tags["equitable_fair"] == ("equitable", "respect")
    assert tags["relational_person"] == ("relational", "respect")
    assert tags["value_most"] == tuple(VALUES)
    assert tags["society_want"] == tuple(VALUES)
