"""Recall and false-positive rate of the safeguarding detector, both tiers, per category:
the rules alone and the rules + the learned model, on cross-author folds (the result) and
on any other labelled file.

    python bench/safeguarding_quality.py [--misses]
    python bench/safeguarding_quality.py --file PATH

Two authors wrote the labelled rows: ``tests/civicbot/safeguarding/data/labelled.csv`` +
``tune_added.csv`` (author 1, who also wrote and tuned the rules) and ``fresh.csv``
(author 2, blind to the rules). All three are now spent: the shipped model
(:mod:`civicbot.safeguarding.model`) is trained on every row. So the figures that count are
the **cross-author folds** of ``bench/safeguarding_model.py``: fold A trains a model on
author 1 and validates on author 2 (rules never tuned on it: the honest rules + model
figure); fold B trains on author 2 and validates on author 1 (the rules were tuned there,
so its "rules" columns are optimistic). The thresholds are chosen on these folds and
printed. The shipped model's figures on the same rows are printed as in-sample only.

``--file PATH`` evaluates one other CSV with the same columns (``label, framework,
category, kind, split, text``; ``split`` is ignored and every row counts), such as a blind
set written after the model was frozen, with the shipped model: per-category tier-1 recall,
the tier-2 figures, the false-positive rate per negative category, speed, and a result line.

- **tier 1** (emergency reply + alert): a disclosure is found when tier 1 fires with any
  kind ("kind" shows whether the expected kind was among them); a negative is a false
  positive when tier 1 fires.
- **tier 2** (gentle check-in + review queue): fires only when tier 1 does not.
  "1 or 2" is the share that got any response.

Speed is the mean CPU time per message of :func:`screen` (rules + shipped model) with its
cache cleared (best of five passes over every message; CPU time, so other processes on a
shared machine do not count), the slowest single message (best of three timings of it),
and the one-off cost of reading the model at start-up. ``--misses`` lists the tune-half
rows the rules alone got wrong (never the held-out half's).
"""

from __future__ import annotations

import argparse
import csv
import functools
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.safeguarding_model import FRESH, cross_author, everyday, tradeoff
from civicbot.safeguarding.detect import Screening, combine, model_scores, rules_only, screen
from civicbot.safeguarding.model import Model, shipped
from tests.civicbot.safeguarding.disclosures import DISCLOSURES, NEGATIVES
from tests.civicbot.safeguarding.labelled import (
    ADDED_PATH,
    FIELDS,
    LABELS,
    PATH,
    Example,
    load,
    load_all,
)

GOAL_RECALL, GOAL_FALSE_POSITIVES = 0.95, 0.05
Judge = Callable[[str], Screening]


@functools.cache
def _rules(text: str) -> Screening:
    return rules_only(text)


def judge(model: Model) -> Judge:
    """Rules + ``model`` (:func:`combine`), each message scored once."""

    @functools.cache
    def both(text: str) -> Screening:
        return combine(_rules(text), model_scores(text, model), model)

    return both


def _pct(hit: int, total: int) -> str:
    return f"{hit:>3}/{total:<3} {hit / total:>6.1%}" if total else "    -          "


def _count(rows: Sequence[Example], judge: Judge, tiers: set[int]) -> int:
    return sum(judge(e.text).tier in tiers for e in rows)


def _disclosures(rows: Sequence[Example], both: Judge) -> tuple[float, list[float]]:
    print(f"  {'disclosures by category':<26} {'rules tier 1':>14} {'+model tier 1':>14}"
          f" {'+model 1 or 2':>14} {'+model kind':>14}")  # fmt: skip
    rates: list[float] = []
    for framework in dict.fromkeys(e.framework for e in rows):
        print(f"  [{framework}]")
        for category in dict.fromkeys(e.category for e in rows if e.framework == framework):
            mine = [e for e in rows if e.category == category]
            t1 = _count(mine, both, {1})
            kind = sum(e.kind in both(e.text).detection.kinds for e in mine)
            rates.append(t1 / len(mine))
            print(f"    {category:<24} {_pct(_count(mine, _rules, {1}), len(mine))}"
                  f" {_pct(t1, len(mine))} {_pct(_count(mine, both, {1, 2}), len(mine))}"
                  f" {_pct(kind, len(mine))}")  # fmt: skip
    t1 = _count(rows, both, {1})
    print(f"  {'ALL DISCLOSURES':<26} {_pct(_count(rows, _rules, {1}), len(rows))}"
          f" {_pct(t1, len(rows))} {_pct(_count(rows, both, {1, 2}), len(rows))}")  # fmt: skip
    print(f"  per-category tier-1 recall (rules + model): median {statistics.median(rates):.1%},"
          f" minimum {min(rates):.1%} (over {len(rates)} categories)")  # fmt: skip
    return t1 / len(rows), rates


def _may_disclose(rows: Sequence[Example], both: Judge) -> None:
    print(f"  {'may disclose':<26} {'rules 1 or 2':>14} {'+model tier 2':>14}"
          f" {'+model tier 1':>14} {'+model 1 or 2':>14}")  # fmt: skip
    for category in [*dict.fromkeys(e.category for e in rows), "ALL MAY DISCLOSE"]:
        mine = [e for e in rows if e.category == category] or list(rows)
        cells = [_count(mine, _rules, {1, 2}), *(_count(mine, both, t) for t in ({2}, {1}, {1, 2}))]
        print(f"    {category:<24} " + " ".join(_pct(c, len(mine)) for c in cells))


def _negatives(rows: Sequence[Example], both: Judge) -> float:
    print(f"  {'negatives by category':<26} {'rules tier 1':>14} {'rules tier 2':>14}"
          f" {'+model tier 1':>14} {'+model tier 2':>14}")  # fmt: skip
    for category in [*dict.fromkeys(e.category for e in rows), "ALL NEGATIVES"]:
        mine = [e for e in rows if e.category == category] or list(rows)
        cells = [_count(mine, j, {t}) for j in (_rules, both) for t in (1, 2)]
        print(f"    {category:<24} " + " ".join(_pct(c, len(mine)) for c in cells))
    return _count(rows, both, {1}) / len(rows)


def _report(rows: Sequence[Example], title: str, both: Judge) -> tuple[float, float]:
    """Print both tiers, rules alone and rules + model, for ``rows``; the tier-1 recall
    and false-positive rate of rules + model."""
    print(f"\n=== {title} ===")
    found = [e for e in rows if e.label == "disclosure"]
    maybe = [e for e in rows if e.label == "may_disclose"]
    negative = [e for e in rows if e.label == "negative"]
    recall = _disclosures(found, both)[0] if found else float("nan")
    if maybe:
        print()
        _may_disclose(maybe, both)
    print()
    false_positives = _negatives(negative, both) if negative else float("nan")
    return recall, false_positives


def _speed(texts: Sequence[str]) -> tuple[float, float]:
    shipped()  # read once at start-up, timed separately
    best = float("inf")
    for _ in range(5):
        screen.cache_clear()
        started = time.process_time()
        for text in texts:
            screen(text)
        best = min(best, (time.process_time() - started) / len(texts))
    slowest = 0.0
    for text in texts:
        once = float("inf")
        for _ in range(3):  # best of three, so one garbage collection does not count
            screen.cache_clear()
            started = time.process_time()
            screen(text)
            once = min(once, time.process_time() - started)
        slowest = max(slowest, once)
    return best * 1000, slowest * 1000


def _print_speed(texts: Sequence[str]) -> None:
    shipped.cache_clear()
    started = time.process_time()
    model = shipped()
    load_ms = (time.process_time() - started) * 1000
    mean_ms, slowest_ms = _speed(texts)
    print(
        f"\nspeed (rules + model): {mean_ms:.3f} ms per message (mean over {len(texts)}),"
        f" slowest {slowest_ms:.3f} ms; loading the model once: {load_ms:.0f} ms"
        f" ({len(model.weights)} features)"
    )


def _share(rate: float) -> str:
    return "-" if rate != rate else f"{rate:.1%}"  # NaN: no rows of that label


def _result(name: str, recall: float, fp: float) -> None:
    met = recall >= GOAL_RECALL and fp <= GOAL_FALSE_POSITIVES
    print(
        f"\nRESULT ({name}, tier 1, rules + model): recall {_share(recall)},"
        f" false positives {_share(fp)}"
        f" -> goal (recall >= {GOAL_RECALL:.0%}, false positives <= {GOAL_FALSE_POSITIVES:.0%})"
        f" {'MET' if met else 'NOT MET'}"
    )


def read_file(path: Path) -> tuple[Example, ...]:
    """Every row of a labelled CSV with :data:`FIELDS`; a clear error for a bad file."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            header = csv.DictReader(f).fieldnames or []
    except (OSError, UnicodeDecodeError) as error:
        raise SystemExit(f"cannot read {path}: {error}") from None
    missing = [name for name in FIELDS if name not in header]
    if missing:
        raise SystemExit(
            f"{path}: missing column(s) {', '.join(missing)}; need {', '.join(FIELDS)}"
        )
    rows = load(path)
    bad = sorted({e.label for e in rows} - set(LABELS))
    if bad:
        raise SystemExit(f"{path}: unknown label(s) {', '.join(bad)}; use {', '.join(LABELS)}")
    if not rows:
        raise SystemExit(f"{path}: no rows")
    return rows


def _file(path: Path) -> None:
    rows = read_file(path)
    counts = {lab: sum(e.label == lab for e in rows) for lab in LABELS}
    print(f"labelled file: {path} (every row; the split column is ignored)")
    print(f"  {counts}")
    model = shipped()
    print(f"  model: the shipped one (tier 1 at {model.tier1:.2f}, tier 2 at {model.tier2:.2f})")
    recall, fp = _report(rows, f"FILE {path.name}: all rows", judge(model))
    _print_speed([e.text for e in rows])
    _result(path.name, recall, fp)


def _misses(rows: Sequence[Example]) -> None:
    print("\ntune-half disclosures the rules' tier 1 missed:")
    for e in rows:
        if e.label == "disclosure" and _rules(e.text).tier != 1:
            print(f"  [{e.category}] tier {_rules(e.text).tier}: {e.text}")
    print("tune-half negatives the rules' tier 1 or 2 fired on:")
    for e in rows:
        if e.label == "negative" and _rules(e.text).tier > 0:
            print(f"  [{e.category}] {_rules(e.text).detection.kinds or 'tier 2'}: {e.text}")


def _in_sample(name: str, rows: Sequence[Example], both: Judge) -> None:
    disc = [e for e in rows if e.label == "disclosure"]
    neg = [e for e in rows if e.label == "negative"]
    print(f"  {name:<34} rules tier 1 recall {_pct(_count(disc, _rules, {1}), len(disc))}"
          f" FP {_pct(_count(neg, _rules, {1}), len(neg))} | rules + shipped model (in-sample)"
          f" {_pct(_count(disc, both, {1}), len(disc))} FP"
          f" {_pct(_count(neg, both, {1}), len(neg))}")  # fmt: skip


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the rules' tune-half errors")
    parser.add_argument("--file", type=Path, help="evaluate every row of this labelled CSV")
    args = parser.parse_args(argv)
    if args.file is not None:
        _file(args.file)
        return
    examples = load_all()
    root = Path(__file__).resolve().parents[1]
    print(f"author 1: {PATH.relative_to(root)} + {ADDED_PATH.relative_to(root)} (tune only);"
          f" author 2: {FRESH.relative_to(root)} (blind to the rules)")  # fmt: skip
    done, tier1, tier2 = cross_author()
    print(f"thresholds chosen on the folds below: tier 1 at {tier1:.2f} (disclosure score:"
          f" most recall with FP <= 5% on every fold and the everyday answers), tier 2 at"
          f" {tier2:.2f} (any-risk score: most recall with <= 15% of negatives given any"
          f" response on the same sets)")  # fmt: skip
    tradeoff(done)
    results = []
    for fold, model, _ in done:
        title = f"FOLD {fold.name}: {fold.note}; model trained on the other author only"
        results.append((fold.name, *_report(fold.valid, title, judge(model))))
    shipped_judge = judge(shipped())
    daily = everyday()
    print(f"\n=== EVERYDAY ANSWERS (civicbot/demo phrases, a third author; no model trained"
          f" on them): {len(daily)} negatives ===")  # fmt: skip
    named = [(f"fold {fold.name} model", judge(m)) for fold, m, _ in done]
    for name, j in [("rules alone", _rules), *named, ("shipped model", shipped_judge)]:
        print(f"  {name:<20} tier 1 fired {_pct(_count(daily, j, {1}), len(daily))}"
              f"   tier 2 fired {_pct(_count(daily, j, {2}), len(daily))}")  # fmt: skip
    print("\n=== IN-SAMPLE (the shipped model was trained on every row here; not a result) ===")
    for split in ("held-out", "tune"):
        rows = [e for e in examples if e.split == split]
        note = "rules never tuned on it" if split == "held-out" else "rules tuned on it"
        _in_sample(f"author 1 {split} ({note})", rows, shipped_judge)
    _in_sample("author 2 fresh.csv", load(FRESH), shipped_judge)
    old = [Example("disclosure", "", "", "", "", t) for _, t in DISCLOSURES]
    old += [Example("negative", "", "", "", "", t) for _, t in NEGATIVES]
    print("  (the shipped model never saw disclosures.py: its '+ model' figures are out of sample)")
    _in_sample("original set (disclosures.py)", old, shipped_judge)
    _print_speed([e.text for e in examples] + [t for _, t in DISCLOSURES + NEGATIVES])
    for name, recall, fp in results:
        _result(f"cross-author fold {name}", recall, fp)
    recalls = [r for _, r, _ in results]
    print(
        f"cross-author tier-1 recall: median {statistics.median(recalls):.1%},"
        f" minimum {min(recalls):.1%}; FP maximum {max(f for *_, f in results):.1%}"
    )
    if args.misses:
        _misses([e for e in examples if e.split == "tune"])


if __name__ == "__main__":
    main(sys.argv[1:])
