"""Floors under the detector's measured quality on the large labelled set, so a change
that loses recall or adds false alarms fails here. The held-out floors are the figures
measured on the one run after tuning (bench/safeguarding_quality.py): they guard against
regressions only. Never tune a rule on a held-out miss; add new examples to the set
instead, and let the seeded split place them.

The rules' floors are for :func:`rules_only`. The shipped model was trained on every
labelled row, so its floors here are in-sample (regression guards, not results: the
leave-one-author-out figures come from ``bench/safeguarding_quality.py``)."""

from __future__ import annotations

import time

import pytest

from civicbot.safeguarding.detect import rules_only, screen

from .labelled import Example, load_all

EXAMPLES = load_all()  # the tune half includes the rows added later (tune_added.csv)


def _rate(rows: list[Example], tiers: set[int], both: bool = False) -> float:
    judge = screen if both else rules_only
    return sum(judge(e.text).tier in tiers for e in rows) / len(rows)


def _rows(split: str, label: str) -> list[Example]:
    return [e for e in EXAMPLES if e.split == split and e.label == label]


@pytest.mark.parametrize(
    ("split", "recall", "false_positives"), [("tune", 0.99, 0.0), ("held-out", 0.96, 0.02)]
)
def test_tier_one_floors(split: str, recall: float, false_positives: float) -> None:
    assert _rate(_rows(split, "disclosure"), {1}) >= recall
    assert _rate(_rows(split, "negative"), {1}) <= false_positives


@pytest.mark.parametrize("split", ["tune", "held-out"])
def test_the_model_only_adds_recall_and_keeps_false_positives_capped(split: str) -> None:
    found = _rows(split, "disclosure")
    assert _rate(found, {1}, both=True) >= _rate(found, {1})
    assert _rate(_rows(split, "negative"), {1}, both=True) <= 0.05


def test_tier_two_floors() -> None:
    for split in ("tune", "held-out"):
        assert _rate(_rows(split, "may_disclose"), {1, 2}) >= 0.94
        assert _rate(_rows(split, "negative"), {2}) <= 0.01


@pytest.mark.parametrize(
    "text",
    [
        "14 year old " * 340,
        "i i i i " * 500,
        "my my my " * 450,
        ("i'm 14 and my dad is 40 year old and he " * 110)[:4096],
        "he said he will " * 250,
        "left alone old " * 270,
    ],
)
def test_long_messages_stay_fast(text: str) -> None:
    """Telegram's longest message, built to make patterns backtrack: no blow-up."""
    screen.cache_clear()
    started = time.process_time()
    screen(text)
    assert time.process_time() - started < 1.0
