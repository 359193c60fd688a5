"""/privacy in the chat and docs/privacy.md tell residents the same key facts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from civicbot.bot.texts import privacy_notice
from civicbot.engine.render import MESSAGE_MAX

DOC = (Path(__file__).resolve().parents[2] / "docs" / "privacy.md").read_text(encoding="utf-8")

# Each fact as both must say it (whitespace, Markdown and quote marks aside).
KEY_FACTS = (
    "No outside company, and no artificial-intelligence service, reads what you write",
    "a code made from your Telegram account number with a secret key",
    "We never keep your name or your Telegram username",
    "Prefer not to say",
    "locked (encrypted)",
    "kept apart from your other answers, so they can be removed on their own",
    "we keep only the area, never the postcode",
    "without your words, your name or your Telegram details",
    "Reports show themes, counts and short quotes",
    "rests on fewer than 10 people",
    "Reports never contain your Telegram account number, username or name",
    "/mydata sends you everything we hold about you",
    "change your last answer with /back, and stop at any time",
    "call 999",
    "Samaritans: 116 123",
    "Text SHOUT to 85258",
    "NHS 111",
)


def plain(text: str) -> str:
    text = text.replace("`", "").replace("*", "").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).casefold()


@pytest.mark.parametrize("fact", KEY_FACTS)
def test_the_chat_notice_and_the_document_agree(fact: str) -> None:
    for notice in (privacy_notice(), privacy_notice("Wigan Together", "hi@example.org", 90)):
        assert plain(fact) in plain(notice), fact
    assert plain(fact) in plain(DOC), fact


def test_retention_is_told_as_the_document_tells_it() -> None:
    with_days = "the exact words you typed are replaced by the version with personal details"
    without = "until the organisers delete the conversation's data"
    assert plain(with_days) in plain(privacy_notice(retention_days=30))
    assert plain(without) in plain(privacy_notice())
    assert plain(with_days) in plain(DOC) and plain(without) in plain(DOC)


def test_the_notice_names_the_round_and_the_retention() -> None:
    notice = privacy_notice("Wigan Together", "hi@example.org", 90)
    assert "run by Wigan Together. You can contact them at hi@example.org" in notice
    assert "After 90 days" in notice
    assert "docs/privacy.md" not in notice  # the whole notice is in the chat
    assert len(notice) < MESSAGE_MAX
    assert not re.search(r"\{|\}", notice)


def test_the_notice_in_a_resident_language_fills_the_same_facts() -> None:
    welsh = privacy_notice("Wigan Together", "hi@example.org", 90, "cy")
    assert welsh.startswith("Hysbysiad preifatrwydd")
    for fact in ("Wigan Together", "hi@example.org", "Ar ôl 90 diwrnod", "116 123"):
        assert fact in welsh
    urdu = privacy_notice(None, None, None, "ur")
    assert urdu.startswith("\u200f") and "اس گفتگو کے منتظمین" in urdu
    # A language without a catalogue gets the English notice.
    assert privacy_notice("A", None, None, "fr") == privacy_notice("A")
