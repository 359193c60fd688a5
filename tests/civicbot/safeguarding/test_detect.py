"""The detector on the labelled set: every explicit disclosure found (with its kind), and
the false-positive rate on negatives reported and kept low."""

from __future__ import annotations

import pytest

from civicbot.safeguarding import KINDS, detect
from civicbot.safeguarding.detect import normalise

from .disclosures import DISCLOSURES, NEGATIVES

MAX_FALSE_POSITIVE_RATE = 0.05


def test_the_set_is_large_and_covers_every_kind() -> None:
    assert len(DISCLOSURES) >= 120 and len(NEGATIVES) >= 200
    for kind in KINDS:
        assert sum(k == kind for k, _ in DISCLOSURES) >= 20, kind
    assert len({t for _, t in DISCLOSURES} | {t for _, t in NEGATIVES}) == len(DISCLOSURES) + len(
        NEGATIVES
    )


def test_recall_is_complete_on_explicit_disclosures() -> None:
    missed = [(kind, text) for kind, text in DISCLOSURES if not detect(text)]
    wrong_kind = [(kind, text) for kind, text in DISCLOSURES if kind not in detect(text).kinds]
    assert missed == []
    assert wrong_kind == []


def test_false_positive_rate_on_negatives(capsys: pytest.CaptureFixture[str]) -> None:
    fired = [(why, text, detect(text).kinds) for why, text in NEGATIVES if detect(text)]
    rate = len(fired) / len(NEGATIVES)
    with capsys.disabled():
        print(f"\nsafeguarding false-positive rate: {rate:.1%} ({len(fired)}/{len(NEGATIVES)})")
    assert rate <= MAX_FALSE_POSITIVE_RATE, fired


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Care", "👍", "x" * 4096, "\u200f\u202eI want to die\u200b", "I WANT TO DIE!!!"],
)
def test_odd_input_is_safe(text: str) -> None:
    found = detect(text)
    assert set(found.kinds) <= set(KINDS)
    if "die" in text.lower():
        assert "suicide_self_harm" in found.kinds


def test_curly_quotes_and_case_are_normalised() -> None:
    assert normalise("I’M  Scared\nOf HIM") == "i'm scared of him"
    assert detect("I’m going to kill myself").kinds == ("suicide_self_harm",)


def test_several_kinds_in_one_message() -> None:
    found = detect("My husband hits me. He has a knife and says he'll kill me. I want to die.")
    assert {"domestic_violence", "immediate_danger", "suicide_self_harm"} <= set(found.kinds)
    assert list(found.kinds) == [k for k in KINDS if k in found.kinds]
