"""Recall and false-positive rate of the safeguarding detector, per kind.

    python bench/safeguarding_quality.py

Reads the labelled set in ``tests/civicbot/safeguarding/disclosures.py`` (explicit
disclosures by kind, negatives by what makes them negative) and prints, per kind, how
many disclosures were found with that kind (recall) and how often the kind fired on a
negative (false positives), then the negatives that fired, by category.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from civicbot.safeguarding import KINDS, detect
from tests.civicbot.safeguarding.disclosures import DISCLOSURES, NEGATIVES


def main() -> None:
    started = time.perf_counter()
    found = {text: detect(text).kinds for _, text in DISCLOSURES + NEGATIVES}
    elapsed = time.perf_counter() - started
    print(f"{len(DISCLOSURES)} disclosures, {len(NEGATIVES)} negatives")
    print(f"{'kind':<20} {'recall':>14} {'any-kind':>10} {'false pos.':>14}")
    for kind in KINDS:
        mine = [text for k, text in DISCLOSURES if k == kind]
        hit = sum(kind in found[text] for text in mine)
        anyhit = sum(bool(found[text]) for text in mine)
        fp = sum(kind in found[text] for _, text in NEGATIVES)
        print(
            f"{kind:<20} {hit:>4}/{len(mine):<3} {hit / len(mine):>5.1%} {anyhit / len(mine):>9.1%}"
            f" {fp:>4}/{len(NEGATIVES):<3} {fp / len(NEGATIVES):>5.1%}"
        )
    recall = sum(bool(found[t]) for _, t in DISCLOSURES) / len(DISCLOSURES)
    fired = [(why, t) for why, t in NEGATIVES if found[t]]
    print(f"overall recall (any kind): {recall:.1%}")
    print(f"overall false-positive rate: {len(fired) / len(NEGATIVES):.1%}")
    categories = sorted({why for why, _ in NEGATIVES})
    for category in categories:
        total = sum(why == category for why, _ in NEGATIVES)
        bad = sum(why == category for why, _ in fired)
        print(f"  negatives '{category}': {bad}/{total} fired")
    per_message = elapsed / len(found) * 1000
    print(f"speed: {per_message:.2f} ms per message")


if __name__ == "__main__":
    main()
