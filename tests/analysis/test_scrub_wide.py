"""The kinds the scrubber once missed (issue #9): look-alike digits, zero-width characters,
lower-case and hyphenated names, @handles, dates of birth and card numbers."""

from __future__ import annotations

import pytest

from civicbot_analysis.scrub import find_pii, scrub
from civicbot_analysis.scrub.normalise import normalise
from civicbot_analysis.scrub.personal import luhn_ok
from tests.analysis.scrub_corpus import evaluate
from tests.analysis.scrub_corpus_wide import ZW, ar, fw, halves

# Floors for both halves of the second corpus: the held-out half was never looked at while
# writing the rules, so these are the figures that say how they generalise.
FLOORS = {
    "card_number": (0.95, 0.95),
    "phone": (0.95, 0.95),
    "email": (0.95, 0.95),
    "handle": (0.9, 0.9),
    "date_of_birth": (0.9, 0.9),
    "name": (0.85, 0.85),
}


@pytest.mark.parametrize("half", ["tune", "held_out"])
def test_second_corpus_meets_floors_on_both_halves(half: str) -> None:
    tune, held = halves()
    items = tune if half == "tune" else held
    scores = evaluate(items, None)
    for kind, (recall, precision) in FLOORS.items():
        assert scores[kind]["gold"] >= 5, (kind, scores[kind])
        assert scores[kind]["recall"] >= recall, (kind, scores[kind])
        assert scores[kind]["precision"] >= precision, (kind, scores[kind])
    negatives = [text for text, spans in items if not spans]
    assert len(negatives) >= 20
    assert sum(1 for t in negatives if find_pii(t)) <= 1


def test_the_live_bot_case_is_masked() -> None:
    # Reached a facilitator's moderation screen unmasked before.
    assert scrub(f"call me on 0770{ZW}0 900{ZW}123 please") == "call me on [phone] please"


def test_full_width_and_arabic_indic_digits() -> None:
    assert scrub(f"ring {fw('07700 900123')}") == "ring [phone]"
    assert scrub(f"ring {ar('07700 900123')}") == "ring [phone]"
    assert scrub(f"NHS {fw('943 476 5919')}") == "NHS [NHS number]"
    assert scrub(f"mail jo{fw('@')}example.com") == "mail [email]"


def test_spans_cover_the_original_characters() -> None:
    text = f"x 0770{ZW}0 900{ZW}123 y"
    (span,) = find_pii(text)
    assert span.kind == "phone" and span.text == f"0770{ZW}0 900{ZW}123"
    assert text[span.start : span.end] == span.text


def test_normalise_leaves_ascii_alone_and_maps_back() -> None:
    assert normalise("plain words 123") is None
    folded = normalise(f"a{ZW}\uff11b")
    assert folded is not None and folded.text == "a1b"
    assert folded.span(1, 2) == (2, 3)


def test_names_after_my_name_is() -> None:
    assert scrub("my name is sarah briggs and I live here") == "my name is [name] and I live here"
    assert scrub("My name is Jane Smith-Jones.") == "My name is [name]."
    assert scrub("my name is on the tenancy") == "my name is on the tenancy"
    # Short names that end like a common word are still names.
    assert scrub("my name is wes and I drive") == "my name is [name] and I drive"
    assert scrub("my name is Bess") == "my name is [name]"
    assert scrub("my name is sam green") == "my name is [name]"


def test_handles_but_not_times_or_emails() -> None:
    assert scrub("follow @janedoe84 for updates") == "follow [handle] for updates"
    assert scrub("meet @ 5pm or @7pm") == "meet @ 5pm or @7pm"
    assert scrub("jane.doe@example.com") == "[email]"


def test_dates_of_birth_but_not_appointments() -> None:
    assert scrub("DOB 12/03/1985") == "DOB [date of birth]"
    assert scrub("born on 3 March 1990") == "born on [date of birth]"
    assert scrub("my appointment is on 12/03/2026") == "my appointment is on 12/03/2026"


def test_card_numbers_pass_luhn() -> None:
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert scrub("card 4111 1111 1111 1111 ok") == "card [card number] ok"
    assert scrub("ref 4111 1111 1111 1112 ok") == "ref 4111 1111 1111 1112 ok"
