"""The signposting file: complete, dated, and not older than 90 days."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from civicbot.safeguarding.signposts import (
    MAX_AGE_DAYS,
    SignpostingError,
    default_path,
    is_stale,
    load_signposting,
)
from civicbot.script.readability import measure

NUMBERS = ("999", "116 123", "85258", "111", "0808 2000 247", "0800 1111", "0808 800 5000")


def test_signposting_was_verified_within_90_days() -> None:
    """Fails when the numbers were last checked more than 90 days ago: check them against
    the sources listed in civicbot/data/signposting.yaml and update ``verified_on``."""
    signposting = load_signposting()
    age = signposting.age_days(date.today())
    assert age <= MAX_AGE_DAYS, (
        f"{default_path()} was verified {age} days ago (on {signposting.verified_on}); "
        "check every number against its source and update verified_on"
    )
    assert signposting.verified_on <= date.today() + timedelta(days=1), "verified in the future?"


def test_reply_holds_every_number_and_names_its_sources() -> None:
    signposting = load_signposting()
    for number in NUMBERS:
        assert number in signposting.reply, number
        assert any(number in source.number for source in signposting.sources), number
    assert all(source.url.startswith("https://") for source in signposting.sources)
    assert len(signposting.reply) <= 4096


def test_staleness_is_measured_from_verified_on() -> None:
    signposting = load_signposting()
    assert not is_stale(signposting, signposting.verified_on + timedelta(days=MAX_AGE_DAYS))
    assert is_stale(signposting, signposting.verified_on + timedelta(days=MAX_AGE_DAYS + 1))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("reply: hi\nsources: []\n", "verified_on"),
        ("verified_on: 2026-11-26\nsources: [{name: a, number: '1', url: u}]\n", "reply"),
        ("verified_on: 2026-11-26\nreply: hi\n", "sources"),
        ("verified_on: soon\nreply: hi\n", "verified_on"),
        ("- a list\n", "mapping"),
    ],
)
def test_malformed_files_are_explained(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "signposting.yaml"
    path.write_text(text)
    with pytest.raises(SignpostingError, match=words):
        load_signposting(path)


def test_reply_is_short_and_plain() -> None:
    """Under 80 words (every number counts as words too) at reading age 9 or below."""
    reply = load_signposting().reply
    words = [w for w in reply.split() if re.search(r"[A-Za-z0-9]", w)]
    assert len(words) < 80
    found = measure(reply)
    assert found is not None and found.reading_age <= 9
