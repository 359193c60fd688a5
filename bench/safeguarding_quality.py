"""Recall and false-positive rate of the safeguarding detector, both tiers, per category,
on the held-out half (the result) and the tune half (what the rules were tuned on), or on
any other labelled file.

    python bench/safeguarding_quality.py [--misses]
    python bench/safeguarding_quality.py --file PATH

Reads ``tests/civicbot/safeguarding/data/labelled.csv`` (disclosures by screening-framework
category, "may disclose" messages, negatives by why they are negative; its ``split``
column was fixed by a seeded hash before any rule was written), the tune rows added later
(``data/tune_added.csv``, all in the tune half) and, for the record, the original
in-sample set in ``tests/civicbot/safeguarding/disclosures.py``.

``--file PATH`` evaluates one other CSV with the same columns (``label, framework,
category, kind, split, text``; ``split`` is ignored and every row counts), such as a blind
set written after the rules were frozen, in the same format: per-category tier-1 recall,
the tier-2 figures, the false-positive rate per negative category, speed, and a result line.

- **tier 1** (emergency reply + alert): a disclosure is found when tier 1 fires with any
  kind ("right kind" also shows whether the expected kind was among them); a negative is a
  false positive when tier 1 fires.
- **tier 2** (gentle check-in + review queue): fires only when tier 1 does not.
  "tier 1 or 2" is the share that got any response.

Speed is the mean CPU time per message of :func:`screen` with its cache cleared (best of
five passes over every message; CPU time, so other processes on a shared machine do
not count), and the slowest single message (best of three timings of it). ``--misses``
lists the tune-half disclosures tier 1 missed, the may-disclose rows no tier caught and the
negatives either tier fired on (never the held-out half's: the rules must not be fitted
to its rows).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from civicbot.safeguarding.detect import screen
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


def _pct(hit: int, total: int) -> str:
    return f"{hit:>3}/{total:<3} {hit / total:>6.1%}" if total else "    -          "


def _tier(text: str) -> int:
    return screen(text).tier


def _disclosures(rows: Sequence[Example]) -> tuple[float, list[float]]:
    print(
        f"  {'disclosures by category':<26} {'tier 1':>14} {'tier 1 or 2':>14} {'right kind':>14}"
    )
    rates: list[float] = []
    for framework in dict.fromkeys(e.framework for e in rows):
        print(f"  [{framework}]")
        for category in dict.fromkeys(e.category for e in rows if e.framework == framework):
            mine = [e for e in rows if e.category == category]
            t1 = sum(_tier(e.text) == 1 for e in mine)
            any_ = sum(_tier(e.text) > 0 for e in mine)
            kind = sum(e.kind in screen(e.text).detection.kinds for e in mine)
            rates.append(t1 / len(mine))
            print(
                f"    {category:<24} {_pct(t1, len(mine))} {_pct(any_, len(mine))}"
                f" {_pct(kind, len(mine))}"
            )
    t1 = sum(_tier(e.text) == 1 for e in rows)
    any_ = sum(_tier(e.text) > 0 for e in rows)
    print(f"  {'ALL DISCLOSURES':<26} {_pct(t1, len(rows))} {_pct(any_, len(rows))}")
    print(
        f"  per-category tier-1 recall: median {statistics.median(rates):.1%},"
        f" minimum {min(rates):.1%} (over {len(rates)} categories)"
    )
    return t1 / len(rows), rates


def _may_disclose(rows: Sequence[Example]) -> None:
    print(f"  {'may disclose (tier 2)':<26} {'tier 2':>14} {'tier 1':>14} {'tier 1 or 2':>14}")
    for category in dict.fromkeys(e.category for e in rows):
        mine = [e for e in rows if e.category == category]
        t2 = sum(_tier(e.text) == 2 for e in mine)
        t1 = sum(_tier(e.text) == 1 for e in mine)
        print(
            f"    {category:<24} {_pct(t2, len(mine))} {_pct(t1, len(mine))}"
            f" {_pct(t1 + t2, len(mine))}"
        )
    t2 = sum(_tier(e.text) == 2 for e in rows)
    t1 = sum(_tier(e.text) == 1 for e in rows)
    print(f"  {'ALL MAY DISCLOSE':<26} {_pct(t2, len(rows))} {_pct(t1, len(rows))}"
          f" {_pct(t1 + t2, len(rows))}")  # fmt: skip


def _negatives(rows: Sequence[Example]) -> float:
    print(f"  {'negatives by category':<26} {'tier 1 fired':>14} {'tier 2 fired':>14}")
    for category in dict.fromkeys(e.category for e in rows):
        mine = [e for e in rows if e.category == category]
        t1 = sum(_tier(e.text) == 1 for e in mine)
        t2 = sum(_tier(e.text) == 2 for e in mine)
        print(f"    {category:<24} {_pct(t1, len(mine))} {_pct(t2, len(mine))}")
    t1 = sum(_tier(e.text) == 1 for e in rows)
    t2 = sum(_tier(e.text) == 2 for e in rows)
    print(f"  {'ALL NEGATIVES':<26} {_pct(t1, len(rows))} {_pct(t2, len(rows))}")
    return t1 / len(rows)


def _report(rows: Sequence[Example], title: str) -> tuple[float, float]:
    """Print both tiers' figures for ``rows``; tier-1 recall and false-positive rate."""
    print(f"\n=== {title} ===")
    found = [e for e in rows if e.label == "disclosure"]
    maybe = [e for e in rows if e.label == "may_disclose"]
    negative = [e for e in rows if e.label == "negative"]
    recall = _disclosures(found)[0] if found else float("nan")
    if maybe:
        print()
        _may_disclose(maybe)
    print()
    false_positives = _negatives(negative) if negative else float("nan")
    return recall, false_positives


def _speed(texts: Sequence[str]) -> tuple[float, float]:
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
    mean_ms, slowest_ms = _speed(texts)
    print(
        f"\nspeed: {mean_ms:.3f} ms per message (mean over {len(texts)}),"
        f" slowest {slowest_ms:.3f} ms"
    )


def _share(rate: float) -> str:
    return "-" if rate != rate else f"{rate:.1%}"  # NaN: no rows of that label


def _result(name: str, recall: float, fp: float) -> None:
    met = recall >= GOAL_RECALL and fp <= GOAL_FALSE_POSITIVES
    print(
        f"\nRESULT ({name}, tier 1): recall {_share(recall)}, false positives {_share(fp)}"
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
    recall, fp = _report(rows, f"FILE {path.name}: all rows")
    _print_speed([e.text for e in rows])
    _result(path.name, recall, fp)


def _misses(rows: Sequence[Example]) -> None:
    print("\ntune-half disclosures tier 1 missed:")
    for e in rows:
        if e.label == "disclosure" and _tier(e.text) != 1:
            print(f"  [{e.category}] tier {_tier(e.text)}: {e.text}")
    print("tune-half may-disclose rows no tier fired on:")
    for e in rows:
        if e.label == "may_disclose" and _tier(e.text) == 0:
            print(f"  [{e.category}]: {e.text}")
    print("tune-half negatives tier 1 or 2 fired on:")
    for e in rows:
        if e.label == "negative" and _tier(e.text) > 0:
            print(f"  [{e.category}] {screen(e.text).detection.kinds or 'tier 2'}: {e.text}")


def main(argv: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the tune half's errors")
    parser.add_argument("--file", type=Path, help="evaluate every row of this labelled CSV")
    args = parser.parse_args(argv)
    if args.file is not None:
        _file(args.file)
        return
    examples = load_all()
    root = Path(__file__).resolve().parents[1]
    print(f"labelled set: {PATH.relative_to(root)} + {ADDED_PATH.relative_to(root)} (tune only)")
    for split in ("held-out", "tune"):
        rows = [e for e in examples if e.split == split]
        counts = {lab: sum(e.label == lab for e in rows) for lab in LABELS}
        print(f"  {split:<9} {counts}")  # fmt: skip
    held_out = [e for e in examples if e.split == "held-out"]
    tune = [e for e in examples if e.split == "tune"]
    recall, fp = _report(held_out, "HELD-OUT HALF: the result (never tuned on)")
    tune_recall, tune_fp = _report(tune, "TUNE HALF: the rules were tuned on this; not a result")
    old_found = sum(_tier(t) == 1 for _, t in DISCLOSURES)
    old_fp = sum(_tier(t) == 1 for _, t in NEGATIVES)
    print("\n=== ORIGINAL SET (tests/civicbot/safeguarding/disclosures.py, in-sample) ===")
    print(f"  disclosures found (tier 1): {_pct(old_found, len(DISCLOSURES))}")
    print(f"  negatives fired   (tier 1): {_pct(old_fp, len(NEGATIVES))}")
    _print_speed([e.text for e in examples] + [t for _, t in DISCLOSURES + NEGATIVES])
    _result("held-out", recall, fp)
    print(f"(tune half, not a result: recall {tune_recall:.1%}, false positives {tune_fp:.1%})")
    if args.misses:
        _misses(tune)


if __name__ == "__main__":
    main(sys.argv[1:])
