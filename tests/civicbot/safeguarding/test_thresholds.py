"""Per-kind tier-1 thresholds (``bench/safeguarding_thresholds.py``): the fast tier count and
the counted figures agree with :func:`civicbot.safeguarding.detect.combine` when each kind
has its own threshold, the per-kind choice keeps every cap, and the nested figure for an
author never depends on that author's own rows."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from bench.safeguarding_model import (
    GRID,
    MAX_FP_TIER1,
    Author,
    Fold,
    _tiers,
    everyday,
    rates,
    rules,
)
from bench.safeguarding_thresholds import (
    choose_global,
    choose_kinds,
    figures,
    nested,
    tables,
)
from civicbot.safeguarding.detect import combine, model_scores
from civicbot.safeguarding.model import KINDS, Scores, shipped

from .labelled import Example

TEXTS = (
    "i want to kill myself", "he put his hands round my neck last night",
    "i cant see a way forward any more", "my carer takes my pension",
    "the bins were not collected again this week", "my son is left alone for days",
)  # fmt: skip


def test_each_kind_own_threshold_agrees_with_combine() -> None:
    model = shipped()
    rows = [Example("disclosure", "", "", "", "", t) for t in TEXTS]
    rows += list(everyday()[:30])
    scores = [model_scores(e.text, model, rules(e.text)) for e in rows]
    rng = random.Random(3)
    for _ in range(20):
        kinds = {k: rng.choice((0.05, 0.3, 0.6, 0.95)) for k in KINDS}
        m = replace(model, tier1=0.5, tier2=0.2, veto=0.0, tier1_kinds=kinds)
        expected = [combine(rules(e.text), s, m).tier for e, s in zip(rows, scores, strict=True)]
        assert _tiers(rows, scores, 0.5, 0.2, 0.0, kinds) == expected
        assert all(m.tier1_for(k) == kinds[k] for k in KINDS)
    assert replace(model, tier1_kinds={}).tier1_for(KINDS[0]) == model.tier1


def _fold(name: str, rng: random.Random, noisy: float) -> Fold:
    """An author whose disclosures of the first kind score high and the rest lower, and
    whose negatives (most likely kind: the last) score up to ``noisy``."""
    rows, scores = [], []
    for i in range(120):
        said = f"{name} quiet answer {i}" if i % 7 else f"{name} i just cant cope with it {i}"
        rows.append(Example("negative", "", "everyday", "", "", said))
        scores.append(Scores(rng.random() * noisy, 0.0, KINDS[-1]))
    for i in range(60):
        kind = KINDS[i % len(KINDS)]
        said = f"{name} zz {i}" if i % 3 else f"{name} i cant cope any more {i}"  # a rule: tier 2
        rows.append(Example("disclosure", "", "x", kind, "", said))
        p = rng.random() ** (0.3 if kind == KINDS[0] else 1.0)
        scores.append(Scores(p, p, kind))
    daily = tuple(Scores(0.0, 0.0, KINDS[0]) for _ in everyday())
    return Fold(Author(name, tuple(rows)), shipped(), tuple(scores), daily)


@pytest.mark.parametrize("seed", [1, 2])
def test_counted_figures_agree_and_per_kind_keeps_the_caps(seed: int) -> None:
    rng = random.Random(seed)
    folds = [_fold(f"w{i}", rng, 0.6 + 0.1 * i) for i in range(4)]
    tabs = tables(folds)
    glob, own = choose_global(tabs), choose_kinds(tabs)
    for cut in (glob, own):
        kinds = {k: GRID[g] for k, g in zip(KINDS, cut, strict=True)}
        for f, tab in zip(folds, tabs, strict=True):
            slow = rates(f.author.rows, f.tiers(0.5, 0.3, 0.0, kinds))
            fast = figures(tab, cut, 0.3)
            assert fast["recall"] == pytest.approx(slow.recall)
            assert fast["fp"] == pytest.approx(slow.fp)
            assert fast["recall12"] == pytest.approx(slow.recall12)
            assert fast["fp12"] == pytest.approx(slow.fp12)
            assert fast["fp"] <= MAX_FP_TIER1
    # per kind starts from the one threshold and only moves to do better for the worst author
    worst = [min(figures(t, c, 1.0)["recall"] for t in tabs) for c in (glob, own)]
    assert worst[1] >= worst[0]


def test_nested_thresholds_never_read_the_held_out_author() -> None:
    rng = random.Random(5)
    folds = [_fold(f"w{i}", rng, 0.6 + 0.1 * i) for i in range(4)]
    first = nested(tables(folds), per_kind=True)["w0"]
    # the held-out author's rows all turned into alarming negatives: its thresholds stay
    loud = tuple(Scores(0.99, 0.99, KINDS[0]) for _ in folds[0].scores)
    again = nested(tables([replace(folds[0], scores=loud), *folds[1:]]), per_kind=True)["w0"]
    assert again[1:] == first[1:]
    assert again[0] != first[0]
