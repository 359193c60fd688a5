"""Measure the scrubber on the labelled corpus: recall and precision per kind, and speed.

Run from the repository root:  .venv/bin/python bench/scrub_quality.py [--speed N]
Prints a table of span-level recall (same kind, overlap), "masked" recall (hidden as any
kind), precision, and the time to scrub N answers (default 100,000).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.scrub import KINDS, scrub
from tests.analysis.scrub_corpus import corpus, evaluate, held_out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", type=int, default=100_000, help="answers to time (0: skip)")
    args = parser.parse_args()
    items = corpus()
    for title, part in (("corpus", items), ("held-out set", held_out())):
        scores = evaluate(part, None)
        negatives = sum(1 for _, spans in part if not spans)
        print(f"{title}: {len(part)} sentences, {negatives} with no personal data")
        print(f"{'kind':<12} {'gold':>5} {'pred':>5} {'recall':>7} {'masked':>7} {'precision':>9}")
        for kind in KINDS:
            s = scores[kind]
            print(
                f"{kind:<12} {s['gold']:>5.0f} {s['pred']:>5.0f} {s['recall']:>7.3f} "
                f"{s['masked']:>7.3f} {s['precision']:>9.3f}"
            )
        print()
    if args.speed:
        texts = [t for t, _ in items]
        batch = [texts[i % len(texts)] for i in range(args.speed)]
        start = time.perf_counter()
        for t in batch:
            scrub(t)
        took = time.perf_counter() - start
        print(f"\nscrubbed {args.speed:,} answers in {took:.2f} s ({args.speed / took:,.0f}/s)")


if __name__ == "__main__":
    main()
