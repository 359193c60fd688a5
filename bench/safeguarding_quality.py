"""Recall and false-positive rate of the safeguarding detector, both tiers, per category,
on the held-out half (the result) and the tune half (what the rules were tuned on).

    python bench/safeguarding_quality.py [--misses]

Reads ``tests/civicbot/safeguarding/data/labelled.csv`` (disclosures by screening-framework
category, "may disclose" messages, negatives by why they are negative; its ``split``
column was fixed by a seeded hash before any rule was written) and, for the record, the
original in-sample set in ``tests/civicbot/safeguarding/disclosures.py``.

- **tier 1** (emergency reply + alert): a disclosure is found when tier 1 fires with any
  kind ("right kind" also shows whether the expected kind was among them); a negative is a
  false positive when tier 1 fires.
- **tier 2** (gentle check-in + review queue): fires only when tier 1 does not.
  "tier 1 or 2" is the share that got any response.

Speed is the mean CPU time per message of :func:`screen` with its cache cleared (best of
five passes over every message; CPU time, so other processes on a shared machine do
not count), and the slowest single message. ``--misses`` lists the
held-out disclosures tier 1 missed and the held-out negatives it fired on.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from civicbot.safeguarding.detect import screen
from tests.civicbot.safeguarding.disclosures import DISCLOSURES, NEGATIVES
from tests.civicbot.safeguarding.labelled import PATH, Example, load

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


def _half(examples: Sequence[Example], split: str, title: str) -> tuple[float, float]:
    rows = [e for e in examples if e.split == split]
    print(f"\n=== {title} ===")
    recall, _ = _disclosures([e for e in rows if e.label == "disclosure"])
    print()
    _may_disclose([e for e in rows if e.label == "may_disclose"])
    print()
    false_positives = _negatives([e for e in rows if e.label == "negative"])
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
        screen.cache_clear()
        started = time.process_time()
        screen(text)
        slowest = max(slowest, time.process_time() - started)
    return best * 1000, slowest * 1000


def main(argv: Sequence[str]) -> None:
    examples = load()
    print(f"labelled set: {PATH.relative_to(Path(__file__).resolve().parents[1])}")
    for split in ("held-out", "tune"):
        rows = [e for e in examples if e.split == split]
        counts = {
            lab: sum(e.label == lab for e in rows)
            for lab in ("disclosure", "may_disclose", "negative")
        }
        print(f"  {split:<9} {counts}")  # fmt: skip
    recall, fp = _half(examples, "held-out", "HELD-OUT HALF: the result (never tuned on)")
    tune_recall, tune_fp = _half(
        examples, "tune", "TUNE HALF: the rules were tuned on this; not a result"
    )
    old_found = sum(_tier(t) == 1 for _, t in DISCLOSURES)
    old_fp = sum(_tier(t) == 1 for _, t in NEGATIVES)
    print("\n=== ORIGINAL SET (tests/civicbot/safeguarding/disclosures.py, in-sample) ===")
    print(f"  disclosures found (tier 1): {_pct(old_found, len(DISCLOSURES))}")
    print(f"  negatives fired   (tier 1): {_pct(old_fp, len(NEGATIVES))}")
    texts = [e.text for e in examples] + [t for _, t in DISCLOSURES + NEGATIVES]
    mean_ms, slowest_ms = _speed(texts)
    print(
        f"\nspeed: {mean_ms:.3f} ms per message (mean over {len(texts)}),"
        f" slowest {slowest_ms:.3f} ms"
    )
    met = recall >= GOAL_RECALL and fp <= GOAL_FALSE_POSITIVES
    print(
        f"\nRESULT (held-out, tier 1): recall {recall:.1%}, false positives {fp:.1%}"
        f" -> goal (recall >= {GOAL_RECALL:.0%}, false positives <= {GOAL_FALSE_POSITIVES:.0%})"
        f" {'MET' if met else 'NOT MET'}"
    )
    print(f"(tune half, not a result: recall {tune_recall:.1%}, false positives {tune_fp:.1%})")
    if "--misses" in argv:
        print("\nheld-out disclosures tier 1 missed:")
        for e in examples:
            if e.split == "held-out" and e.label == "disclosure" and _tier(e.text) != 1:
                print(f"  [{e.category}] tier {_tier(e.text)}: {e.text}")
        print("held-out negatives tier 1 fired on:")
        for e in examples:
            if e.split == "held-out" and e.label == "negative" and _tier(e.text) == 1:
                print(f"  [{e.category}] {screen(e.text).detection.kinds}: {e.text}")


if __name__ == "__main__":
    main(sys.argv[1:])
