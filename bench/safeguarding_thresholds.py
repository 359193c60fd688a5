"""Tier thresholds for the safeguarding model, chosen on leave-one-author-out folds, one for
every kind or one for all, and the honest (nested) figure for each way of choosing.

:func:`bench.safeguarding_model.choose` picks one tier-1 threshold from **all** the folds
together, the held-out author's too: each fold's false-positive cap is checked on that
author's own negatives, so its LOAO figure is a little optimistic. Here:

- :func:`choose_global` is the same choice (the lowest tier-1 threshold whose false-positive
  rate is within :data:`~bench.safeguarding_model.MAX_FP_TIER1` for every author and within
  :data:`~bench.safeguarding_model.MAX_FP_EVERYDAY` on the everyday answers), from counts;
- :func:`choose_kinds` gives each kind (:data:`~civicbot.safeguarding.rules.KINDS`, the
  model's most likely kind) its own tier-1 threshold: starting from the global one, each
  kind's threshold in turn is moved to the grid value that is best for the worst author, then
  at the median, then pooled, while every cap still holds (a few passes);
- :func:`nested` scores each held-out author at thresholds chosen on the **other** folds
  only, so nothing about the held-out author's rows picks its thresholds. (The other folds'
  models were trained on the held-out author's rows among others; their thresholds are
  checked on their own held-out rows only.)

Everything is counted from :class:`Table`: per fold, how many rows of each label and kind
reach each grid value, so a threshold vector costs a sum, not a rescoring.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.safeguarding_model import (
    DEMOTE,
    GRID,
    MAX_FP_EVERYDAY,
    MAX_FP_TIER1,
    MAX_FP_TIER2,
    Fold,
    everyday,
    rules,
)
from civicbot.safeguarding.model import Scores
from civicbot.safeguarding.rules import KINDS
from tests.civicbot.safeguarding.labelled import Example

_G = numpy.array(GRID)
_LABELS = ("disclosure", "may_disclose", "negative")


@dataclass(frozen=True)
class Rows:
    """One set of scored rows reduced to counts: ``fixed[label]`` rows in tier 1 whatever
    the thresholds (a rule fired and stands); ``over[label][k, g]`` rows not fixed whose
    most likely kind is ``KINDS[k]`` and whose disclosure score reaches ``GRID[g]``; for
    tier 2, ``any12[label]`` rows given a response whatever the thresholds and, for the
    rest, their disclosure kind and scores (``rest[label]``: kind index, disclosure, any-risk)."""

    total: dict[str, int]
    fixed: dict[str, int]
    over: dict[str, numpy.ndarray]
    any12: dict[str, int]
    rest: dict[str, numpy.ndarray]


def reduce(rows: Sequence[Example], scores: Sequence[Scores]) -> Rows:
    """:class:`Rows` for ``rows`` scored ``scores`` (rules as in ``_tiers``, veto 0)."""
    total = dict.fromkeys(_LABELS, 0)
    fixed = dict.fromkeys(_LABELS, 0)
    any12 = dict.fromkeys(_LABELS, 0)
    over = {k: numpy.zeros((len(KINDS), len(GRID)), dtype=int) for k in _LABELS}
    rest: dict[str, list[tuple[float, float, float]]] = {k: [] for k in _LABELS}
    for e, s in zip(rows, scores, strict=True):
        total[e.label] += 1
        said = rules(e.text)
        ruled = bool(said.detection) and not (said.distanced and s.scored and s.disclosure < DEMOTE)
        if ruled:
            fixed[e.label] += 1
            continue
        k = KINDS.index(s.kind)
        over[e.label][k] += s.disclosure >= _G
        if said.detection or said.check_in:  # a response whatever the thresholds
            any12[e.label] += 1
            s = replace(s, any_risk=-1.0, disclosure=-1.0)  # so not counted again
        rest[e.label].append((k, s.disclosure, s.any_risk))
    return Rows(
        total, fixed, over, any12,
        {k: numpy.array(v, dtype=float).reshape(-1, 3) for k, v in rest.items()},
    )  # fmt: skip


@dataclass(frozen=True)
class Table:
    """A fold reduced: its author's name, whether the rules were tuned on it, its rows and
    its model's everyday answers."""

    name: str
    tuned: bool
    held: Rows
    daily: Rows


def tables(folds: Sequence[Fold]) -> list[Table]:
    daily = everyday()
    return [
        Table(f.author.name, f.author.tuned, reduce(f.author.rows, f.scores),
              reduce(daily, f.everyday))
        for f in folds
    ]  # fmt: skip


Thresholds = tuple[int, ...]  # a grid index per kind


def _hits(r: Rows, label: str, t: Thresholds) -> int:
    return r.fixed[label] + int(sum(r.over[label][k, g] for k, g in enumerate(t)))


def _share(hit: int, total: int) -> float:
    return hit / total if total else 0.0


def recall(tab: Table, t: Thresholds) -> float:
    return _share(_hits(tab.held, "disclosure", t), tab.held.total["disclosure"])


def fp(tab: Table, t: Thresholds) -> float:
    return _share(_hits(tab.held, "negative", t), tab.held.total["negative"])


def _ok(tabs: Sequence[Table], t: Thresholds) -> bool:
    """Every author's tier-1 FP within the cap, every fold's everyday answers within theirs."""
    return all(
        fp(x, t) <= MAX_FP_TIER1
        and _share(_hits(x.daily, "negative", t), x.daily.total["negative"]) <= MAX_FP_EVERYDAY
        for x in tabs
    )


def _key(tabs: Sequence[Table], t: Thresholds) -> tuple[float, float, float]:
    got = [recall(x, t) for x in tabs]
    return (round(min(got), 4), round(statistics.median(got), 4), round(sum(got) / len(got), 5))


def choose_global(tabs: Sequence[Table]) -> Thresholds:
    """The lowest single tier-1 threshold within every cap (as
    :func:`bench.safeguarding_model.choose`)."""
    for g in range(len(GRID)):
        t = (g,) * len(KINDS)
        if _ok(tabs, t):
            return t
    return (len(GRID) - 1,) * len(KINDS)


def choose_kinds(tabs: Sequence[Table], passes: int = 3) -> Thresholds:
    """A tier-1 threshold per kind (see the module doc), from the global one."""
    t = list(choose_global(tabs))
    for _ in range(passes):
        moved = False
        for k in range(len(KINDS)):
            best = (_key(tabs, tuple(t)), t[k])
            for g in range(len(GRID)):
                trial = (*t[:k], g, *t[k + 1 :])
                if g != t[k] and _ok(tabs, trial):
                    key = _key(tabs, trial)
                    if key > best[0]:
                        best = (key, g)
            if best[1] != t[k]:
                t[k], moved = best[1], True
        if not moved:
            break
    return tuple(t)


def _any12(r: Rows, label: str, t: Thresholds, t2: float) -> int:
    """Rows of ``label`` given any response at tier-1 thresholds ``t`` and tier 2 ``t2``."""
    rest = r.rest[label]
    if not len(rest):
        return r.fixed[label] + r.any12[label]
    cut = _G[numpy.array(t)][rest[:, 0].astype(int)]
    model = (rest[:, 1] >= cut) | (rest[:, 2] >= t2)
    return r.fixed[label] + r.any12[label] + int(model.sum())


def choose_tier2(tabs: Sequence[Table], t: Thresholds) -> float:
    """The lowest tier-2 threshold whose share of negatives given any response is within
    :data:`MAX_FP_TIER2` for every author and every fold's everyday answers (at most the
    lowest tier-1 threshold, as in :func:`bench.safeguarding_model.choose`)."""
    lowest = min(GRID[g] for g in t)
    for t2 in GRID:
        if t2 >= lowest or all(
            _share(_any12(x.held, "negative", t, t2), x.held.total["negative"]) <= MAX_FP_TIER2
            and _share(_any12(x.daily, "negative", t, t2), x.daily.total["negative"])
            <= MAX_FP_TIER2
            for x in tabs
        ):
            return t2
    return 1.0


def figures(tab: Table, t: Thresholds, t2: float) -> dict[str, float]:
    """Tier-1 recall and FP, tier 1-or-2 recall, may-disclose caught and negatives given any
    response, for one held-out author."""
    h = tab.held
    return {
        "recall": recall(tab, t),
        "fp": fp(tab, t),
        "recall12": _share(_any12(h, "disclosure", t, t2), h.total["disclosure"]),
        "maybe12": _share(_any12(h, "may_disclose", t, t2), h.total["may_disclose"]),
        "fp12": _share(_any12(h, "negative", t, t2), h.total["negative"]),
    }


def nested(
    tabs: Sequence[Table], per_kind: bool
) -> dict[str, tuple[dict[str, float], Thresholds, float]]:
    """Each author's figures at thresholds chosen on the other folds only."""
    out = {}
    for i, x in enumerate(tabs):
        others = [y for j, y in enumerate(tabs) if j != i]
        t = choose_kinds(others) if per_kind else choose_global(others)
        t2 = choose_tier2(others, t)
        out[x.name] = (figures(x, t, t2), t, t2)
    return out


def show(t: Thresholds) -> str:
    return ",".join(f"{k.split('_')[0]}={GRID[g]:.2f}" for k, g in zip(KINDS, t, strict=True))


def summary_line(name: str, got: dict[str, dict[str, float]], tuned: set[str]) -> str:
    """Median and minimum tier-1 recall over the blind authors, worst FP, tier 1 or 2."""
    blind = {n: r for n, r in got.items() if n not in tuned}
    rec = [r["recall"] for r in blind.values()]
    worst = min(blind, key=lambda n: blind[n]["recall"])
    r12 = [r["recall12"] for r in blind.values()]
    return (
        f"{name}: blind tier-1 recall median {statistics.median(rec):.1%} min {min(rec):.1%}"
        f" ({worst}) | FP max {max(r['fp'] for r in blind.values()):.1%} | t1|2 median"
        f" {statistics.median(r12):.1%} min {min(r12):.1%} | negs 1|2 max"
        f" {max(r['fp12'] for r in blind.values()):.1%}"
    )


def compare(name: str, folds: Sequence[Fold]) -> str:
    """Four ways of choosing thresholds for one set of folds, each as a summary line:
    one threshold and one per kind, chosen on all folds (optimistic) and nested (honest)."""
    tabs = tables(folds)
    tuned = {x.name for x in tabs if x.tuned}
    lines = []
    for per_kind in (False, True):
        t = choose_kinds(tabs) if per_kind else choose_global(tabs)
        t2 = choose_tier2(tabs, t)
        got = {x.name: figures(x, t, t2) for x in tabs}
        how = "per kind" if per_kind else "global"
        lines.append(
            summary_line(f"{name} {how}, on all folds [{show(t)} t2={t2:.2f}]", got, tuned)
        )
        inner = nested(tabs, per_kind)
        got = {n: r for n, (r, _, _) in inner.items()}
        lines.append(summary_line(f"{name} {how}, nested", got, tuned))
        lines.append("   per author: " + " ".join(
            f"{n} {r['recall']:.1%}/{r['fp']:.1%}" for n, r in got.items()))  # fmt: skip
    return "\n".join(lines)


def main(argv: Sequence[str]) -> None:
    """Compare the ways of choosing thresholds on folds kept by
    ``bench/safeguarding_model.py --save-folds PATH`` (``--folds PATH``) or on cached variant
    fits (``bench/safeguarding_variants.py --cache DIR``: ``--cache DIR --only base_27,...``)."""
    import argparse
    import pickle

    import bench.safeguarding_model as sm
    import bench.safeguarding_variants as sv

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=Path, help="folds kept by safeguarding_model.py")
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--only", default="", help="cached fits, e.g. base_27,c8_27")
    args = parser.parse_args(argv)
    if args.folds:
        print(compare(args.folds.stem, sm.load_folds(args.folds, sm.authors())), flush=True)
    if not args.only:
        return
    d = sv.data()
    sv.set_rules("shipped")
    how, sent = sv.combos(sv.VARIANTS["base"].prior)["lr"]
    for name in args.only.split(","):
        with (args.cache / f"{name}.pkl").open("rb") as f:
            blob = pickle.load(f)
        folds = sv.folds(d, blob["parts"], blob["got"], how, sent)
        print(compare(name, folds), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
