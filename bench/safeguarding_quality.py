"""Recall and false-positive rate of the safeguarding detector, both tiers, per category:
the rules alone and the rules + the learned model, held out by author (the result), and on
any other labelled file.

    python bench/safeguarding_quality.py [--misses] [--jobs 2]
    python bench/safeguarding_quality.py --file PATH

Several people wrote the labelled rows, each blind to the others (see
``bench/safeguarding_model.py``): author 1 (``labelled.csv`` + ``tune_added.csv``, who also
wrote and tuned the rules) and every other CSV in the data folder, one blind author each
(``fresh``, ``fresh2``, ``train*``, the spent ``eval*`` sets; see ``authors``).
The shipped model is trained on all of them, so the figures that count are
**leave-one-author-out**: each author's rows are scored by the rules and a model trained on
every *other* author, at the thresholds chosen once from all folds. Printed: one line per
held-out author (tier-1 recall and FP, tier 1 or 2, may-disclose), the median and minimum
over authors with and without author 1 (the rules were tuned on author 1, so that fold is
optimistic), then recall per category pooled over the held-out authors (median and
minimum over categories), negatives per category, the threshold trade-off, the everyday
answers of the demo (out-of-domain false alarms), and speed.

``--file PATH`` evaluates one other CSV with the same columns (``label, framework,
category, kind, split, text``; any ``split`` value, every row counts), such as a blind
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
rows of author 1 the rules alone got wrong.
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

from bench.safeguarding_model import (
    MAX_FP_EVERYDAY,
    MAX_FP_TIER1,
    MAX_FP_TIER2,
    Choice,
    Fold,
    authors,
    choose,
    everyday,
    load_folds,
    loao,
    print_folds,
    print_nested,
    rates,
    spread,
    with_thresholds,
)
from civicbot.safeguarding.detect import Screening, combine, model_scores, rules_only, screen
from civicbot.safeguarding.model import Model, shipped
from tests.civicbot.safeguarding.disclosures import DISCLOSURES, NEGATIVES
from tests.civicbot.safeguarding.labelled import FIELDS, LABELS, Example, load, load_all

GOAL_RECALL, GOAL_FALSE_POSITIVES = 0.95, 0.05
Judge = Callable[[str], Screening]


@functools.cache
def _rules(text: str) -> Screening:
    return rules_only(text)


def judge(model: Model) -> Judge:
    """Rules + ``model`` (:func:`combine`), each message scored once."""

    @functools.cache
    def both(text: str) -> Screening:
        return combine(_rules(text), model_scores(text, model, _rules(text)), model)

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
        f" ({len(model.names)} features)"
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
    print(f"  model: the shipped one (tier 1 at {model.tier1:.2f}, tier 2 at {model.tier2:.2f},"
          f" veto {model.veto:.2f}, stacked {model.stacked})")  # fmt: skip
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


def loao_judge(folds: Sequence[Fold], choice: Choice) -> Judge:
    """Each held-out row's answer from its own fold (rules + the model that never saw
    its author)."""
    answers: dict[str, Screening] = {}
    for fold in folds:
        model = with_thresholds(fold.model, choice.tier1, choice.tier2, choice.veto, choice.kinds)
        for e, scores in zip(fold.author.rows, fold.scores, strict=True):
            answers.setdefault(e.text, combine(_rules(e.text), scores, model))
    return answers.__getitem__


def _tradeoff(folds: Sequence[Fold], choice: Choice) -> None:
    print("\ntier-1 threshold trade-off, LOAO (rules + model), recall / FP per held-out author:")
    for t in (0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9):
        cells = []
        for f in folds:
            r = rates(f.author.rows, f.tiers(t, choice.tier2, min(t, choice.veto)))
            cells.append(f"{f.author.name} {r.recall:6.1%} / {r.fp:5.1%}")
        print(f"  {t:.2f}  " + "  ".join(cells))


def _everyday(folds: Sequence[Fold], choice: Choice) -> None:
    daily = everyday()
    print(f"\n=== EVERYDAY ANSWERS (civicbot/demo phrases, another author; never trained on):"
          f" {len(daily)} negatives ===")  # fmt: skip
    judges: list[tuple[str, Judge]] = [("rules alone", _rules)]
    for f in folds:
        m = with_thresholds(f.model, choice.tier1, choice.tier2, choice.veto, choice.kinds)
        found = {
            e.text: combine(_rules(e.text), s, m) for e, s in zip(daily, f.everyday, strict=True)
        }
        judges.append((f"without {f.author.name}", found.__getitem__))
    judges.append(("shipped model", judge(shipped())))
    for name, j in judges:
        print(f"  {name:<22} tier 1 fired {_pct(_count(daily, j, {1}), len(daily))}"
              f"   tier 2 fired {_pct(_count(daily, j, {2}), len(daily))}")  # fmt: skip
    fired = [e.text for e in daily if judge(shipped())(e.text).tier == 1]
    for text in fired[:12]:
        print(f"    shipped tier 1: {text}")


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the rules' tune-half errors")
    parser.add_argument("--file", type=Path, help="evaluate every row of this labelled CSV")
    parser.add_argument("--jobs", type=int, default=1, help="train the folds in N processes")
    parser.add_argument("--folds", type=Path, help="folds kept by safeguarding_model.py")
    args = parser.parse_args(argv)
    if args.file is not None:
        _file(args.file)
        return
    found = authors()
    print("authors: " + ", ".join(f"{a.name} ({len(a.rows)} rows)" for a in found))
    folds = load_folds(args.folds, found) if args.folds else loao(found, args.jobs)
    choice = choose(folds)
    print(f"chosen on all the folds together: tier 1 at {choice.tier1:.2f} (disclosure score:"
          f" most recall with tier-1 FP <= {MAX_FP_TIER1:.0%} for every held-out author and"
          f" <= {MAX_FP_EVERYDAY:.0%} on the everyday answers); a rule's tier 1 stands when"
          f" the score is >= {choice.veto:.2f} (the veto best for the worst author), else"
          f" tier 2; tier 2 at {choice.tier2:.2f} (any-risk score: <= {MAX_FP_TIER2:.0%} of"
          f" every author's negatives and of the everyday answers given any response)\n"
          )  # fmt: skip
    if choice.kinds:
        print("then each kind (the model's most likely one) its own tier 1, chosen the same way"
              " (bench/safeguarding_thresholds.py)\n")  # fmt: skip
    print_folds(folds, choice)
    print_nested(folds)
    both = loao_judge(folds, choice)
    for title, chosen in (
        ("LOAO, POOLED OVER EVERY HELD-OUT AUTHOR", folds),
        ("LOAO, BLIND AUTHORS ONLY (without author 1, on whom the rules were tuned)",
         [f for f in folds if not f.author.tuned]),
    ):  # fmt: skip
        _report([e for f in chosen for e in f.author.rows], title, both)
    _tradeoff(folds, choice)
    _everyday(folds, choice)
    _print_speed([e.text for a in found for e in a.rows] + [t for _, t in DISCLOSURES + NEGATIVES])
    got = {f.author.name: rates(f.author.rows,
                                f.tiers(choice.tier1, choice.tier2, choice.veto, choice.kinds))
           for f in folds}  # fmt: skip
    blind = [got[f.author.name] for f in folds if not f.author.tuned]
    for name, chosen in (("every author", list(got.values())), ("blind authors", blind)):
        worst_fp = max(r.fp for r in chosen)
        met = min(r.recall for r in chosen) >= GOAL_RECALL and worst_fp <= GOAL_FALSE_POSITIVES
        print(f"\nRESULT (LOAO, {name}, tier 1, rules + model):"
              f" recall {spread([r.recall for r in chosen])}; false positives max {worst_fp:.1%}"
              f" -> goal (recall >= {GOAL_RECALL:.0%}, FP <= {GOAL_FALSE_POSITIVES:.0%}"
              f" for every author) {'MET' if met else 'NOT MET'}")  # fmt: skip
    if args.misses:
        _misses([e for e in load_all() if e.split == "tune"])


if __name__ == "__main__":
    main(sys.argv[1:])
