"""The large labelled set is big enough, covers every framework category, and its split is
still the one the seeded hash assigned before any rule was written; rows added later are
all in the tune half."""

from __future__ import annotations

from collections import Counter

from .labelled import ADDED_PATH, LABELS, SPLITS, assign_splits, load, load_all


def test_the_set_is_large_and_unique() -> None:
    examples = load()
    counts = Counter(e.label for e in examples)
    assert counts["disclosure"] >= 400 and counts["negative"] >= 600
    assert counts["may_disclose"] >= 60
    assert {e.label for e in examples} <= set(LABELS)
    assert len({e.text for e in examples}) == len(examples)
    everything = load_all()
    assert {e.label for e in everything} <= set(LABELS)
    assert len({e.text for e in everything}) == len(everything)


def test_every_framework_category_is_there() -> None:
    categories = {e.category for e in load() if e.label == "disclosure"}
    wanted = {
        *("cssrs_wish_dead", "cssrs_ideation", "cssrs_method", "cssrs_intent"),
        *("cssrs_plan", "cssrs_preparatory", "self_harm"),
        *("dash_strangulation", "dash_threats_to_kill", "dash_stalking", "dash_controlling"),
        *("dash_escalation", "dash_fear", "dash_sexual_abuse", "dash_financial"),
        *("care_physical", "care_sexual", "care_psychological", "care_financial"),
        *("care_modern_slavery", "care_discriminatory", "care_organisational"),
        *("care_neglect", "care_self_neglect"),
        *("child_physical", "child_sexual", "child_neglect", "child_cse", "child_cce"),
    }
    assert wanted <= categories


def test_the_split_is_the_seeded_one_and_stratified() -> None:
    examples = load()
    assigned = assign_splits((e.label, e.category, e.text) for e in examples)
    assert {e.text: e.split for e in examples} == assigned
    groups = Counter((e.label, e.category, e.split) for e in examples)
    for label, category in {(e.label, e.category) for e in examples}:
        held, tune = (groups[(label, category, s)] for s in SPLITS)
        assert abs(held - tune) <= 1, (label, category)


def test_rows_added_later_are_all_tune_rows() -> None:
    """The held-out half stays the rows the seeded hash placed there before any rule."""
    added = load(ADDED_PATH)
    assert added and {e.split for e in added} == {"tune"}
    held_out = {e.text for e in load() if e.split == "held-out"}
    assert held_out == {e.text for e in load_all() if e.split == "held-out"}
