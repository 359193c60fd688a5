"""Measure the scrubber on the labelled corpus: recall and precision per kind, and speed.

Run from the repository root:  .venv/bin/python bench/scrub_quality.py [--speed N]
Prints a table of span-level recall (same kind, overlap), "masked" recall (hidden as any
kind), precision, and the time to scrub N answers (default 100,000), for four sets: the
first corpus and its held-out set, and the second corpus (handles, dates of birth, card
numbers, and phone numbers, e-mails and names written to hide) in its two halves: the
half the rules were tuned on and the half held out (:mod:`tests.analysis.scrub_corpus_wide`).
``--misses tune`` lists the tuning half's misses and false alarms (never the held-out half's).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from civicbot_analysis.scrub import KINDS, _find_pii, find_pii, scrub
from tests.analysis.scrub_corpus import Labelled, corpus, evaluate, held_out
from tests.analysis.scrub_corpus_wide import halves


def _misses(items: list[Labelled]) -> None:
    for text, gold in items:
        pred = [(s.kind, s.start, s.end) for s in find_pii(text)]
        if sorted(pred) != sorted(gold):
            shown = text.encode("unicode_escape").decode("ascii")
            print(f"{shown!r}\n   gold {[(k, text[a:b]) for k, a, b in gold]}")
            print(f"   got  {[(k, text[a:b]) for k, a, b in pred]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", type=int, default=100_000, help="answers to time (0: skip)")
    parser.add_argument("--misses", choices=["tune"], help="list the tuning half's errors")
    args = parser.parse_args()
    items = corpus()
    tune, held = halves()
    if args.misses:
        _misses(tune)
        return
    sets = (
        ("corpus", items),
        ("held-out set", held_out()),
        ("second corpus, tuning half", tune),
        ("second corpus, held-out half", held),
    )
    for title, part in sets:
        scores = evaluate(part, None)
        negatives = sum(1 for _, spans in part if not spans)
        print(f"{title}: {len(part)} sentences, {negatives} with no personal data")
        print(f"{'kind':<12} {'gold':>5} {'pred':>5} {'recall':>7} {'masked':>7} {'precision':>9}")
        for kind in KINDS:
            s = scores[kind]
            if not s["gold"] and not s["pred"]:
                continue
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
        # The same without the cache of repeated answers: every answer read afresh.
        fresh = _find_pii.__wrapped__
        start = time.perf_counter()
        for t in batch:
            fresh(t)
        took = time.perf_counter() - start
        print(f"uncached: {args.speed:,} answers in {took:.2f} s ({args.speed / took:,.0f}/s)")


if __name__ == "__main__":
    main()
