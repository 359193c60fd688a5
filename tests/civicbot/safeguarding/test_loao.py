"""The leave-one-author-out harness behind the shipped model's thresholds
(``bench/safeguarding_model.py``): every author file is a fold, a fold's model never
reads its held-out author, the thresholds keep every author's false positives under the
cap, and the fast tier count agrees with :func:`civicbot.safeguarding.detect.combine`."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from pathlib import Path

import pytest

from bench.safeguarding_model import (
    GRID,
    MAX_FP_TIER1,
    NOT_AUTHORS,
    Author,
    Fold,
    _tiers,
    authors,
    choose,
    everyday,
    loao,
    rates,
    rules,
)
from civicbot.safeguarding.detect import combine, model_scores
from civicbot.safeguarding.model import KINDS, Scores, shipped

from .labelled import PATH, Example


def test_every_author_file_is_a_fold_and_only_author_one_is_rules_tuned() -> None:
    found = authors()
    names = [a.name for a in found]
    others = {p.stem for p in PATH.parent.glob("*.csv")} - {"labelled", "tune_added"}
    others -= {Path(n).stem for n in NOT_AUTHORS}
    assert {"fresh", "fresh2", "train3", "eval3", "eval6"} <= others
    assert set(names) == {"author1"} | others and len(names) == len(set(names))
    assert [a.name for a in found if a.tuned] == ["author1"]
    texts = [{e.text for e in a.rows} for a in found]
    assert all(len(t) > 100 for t in texts)


def _author(name: str, seed: int) -> Author:
    """A tiny synthetic author with every class, in wording of its own."""
    rng = random.Random(seed)
    pad = ["honestly", "tbh", "really", "just", "lately", "again"]
    rows = []
    said = ("end my life", "carer hits nan", "he chokes me", "dad burns kids", "fire in my flat")
    for kind, words in zip(KINDS, said, strict=True):
        for i in range(2):
            rows.append(Example("disclosure", "", kind, kind, "", f"{rng.choice(pad)} {words} {i}"))
    for i in range(3):
        rows.append(Example("may_disclose", "", "cant_cope", "", "", f"cant cope any more {i}"))
        rows.append(Example("negative", "", "everyday", "", "", f"the bus is late again {i}"))
        rows.append(
            Example("negative", "", "idiom", "", "", f"{rng.choice(pad)} library closes {i}")
        )
    return Author(name, tuple(rows))


def test_a_fold_never_reads_its_held_out_author() -> None:
    found = [_author(f"a{i}", i) for i in range(3)]
    first = loao(found)[0]
    # rewrite the held-out author's rows (texts and labels): its fold's model is unchanged
    flipped = Author("a0", tuple(Example("negative", "", "x", "", "", e.text + " zz")
                                 for e in found[0].rows))  # fmt: skip
    again = loao([flipped, *found[1:]])[0]
    assert again.model.weights == first.model.weights
    assert again.model.intercepts == first.model.intercepts
    # ...and another fold's model does change (it trains on the rewritten rows)
    assert loao([flipped, *found[1:]])[1].model.weights != loao(found)[1].model.weights


def test_the_fast_tier_count_agrees_with_combine() -> None:
    model = shipped()
    rows = list(everyday()[:40]) + [
        Example("disclosure", "", "", "", "", t)
        for t in ("i want to kill myself", "he put his hands round my neck last night",
                  "i cant see a way forward any more", "my carer takes my pension")
    ]  # fmt: skip
    scores = [model_scores(e.text, model, rules(e.text)) for e in rows]
    for t1, t2, veto in itertools.product((0.1, 0.5, 0.9), (0.05, 0.3), (0.0, 0.05, 0.5)):
        m = replace(model, tier1=t1, tier2=t2, veto=veto, tier1_kinds={})
        expected = [combine(rules(e.text), s, m).tier for e, s in zip(rows, scores, strict=True)]
        assert _tiers(rows, scores, t1, t2, veto) == expected


def _fold(name: str, negatives: list[float], disclosures: list[float]) -> Fold:
    rows = [Example("negative", "", "everyday", "", "", f"{name} quiet answer {i}")
            for i in range(len(negatives))]  # fmt: skip
    rows += [Example("disclosure", "", "x", KINDS[0], "", f"{name} zz {i}")
             for i in range(len(disclosures))]  # fmt: skip
    scores = [Scores(p, p, KINDS[0]) for p in negatives + disclosures]
    author = Author(name, tuple(rows))
    return Fold(
        author, shipped(), tuple(scores), tuple(Scores(0.0, 0.0, KINDS[0]) for _ in everyday())
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_thresholds_keep_every_author_under_the_cap_and_are_the_lowest_that_do(seed: int) -> None:
    rng = random.Random(seed)
    folds = [
        _fold(f"w{i}", [rng.random() ** (1 + i) for _ in range(100)],
              [rng.random() ** 0.3 for _ in range(50)])
        for i in range(3)
    ]  # fmt: skip
    choice = choose(folds)
    worst = max(rates(f.author.rows, f.tiers(choice.tier1, 1.0, choice.veto)).fp for f in folds)
    assert worst <= MAX_FP_TIER1
    lower = GRID[GRID.index(choice.tier1) - 1]
    assert max(rates(f.author.rows, f.tiers(lower, 1.0, min(lower, choice.veto))).fp
               for f in folds) > MAX_FP_TIER1  # fmt: skip
