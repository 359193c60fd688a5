"""How many random ``/stats`` setups give a hidden small count away by subtraction.

``nice -n 10 .venv/bin/python -m bench.stats_subtraction --setups 200 --seed 13`` draws open
rounds (one to three invitation sources, each with finished, still answering, stopped and
declined residents), builds ``/stats`` for each and runs the linear-programming attacker
of ``tests/civicbot/facilitator/test_stats_attack.py`` on it: a setup leaks when some
protected count (a source's started less finished, a hidden figure, a sum of two of
them, the round's started less finished) is proved to hold between 1 and k - 1.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from tests.civicbot.facilitator.test_stats_attack import _probe, _random_setup, _stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setups", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    found = _probe(args.setups, args.seed)
    kinds: Counter[str] = Counter()
    for _, leaks in found:
        kinds.update({x.split(": ")[1].split(":")[0] if ": " in x else x for x in leaks})
    by_source = sum(
        any("not finished" in x and not x.startswith("round") for x in leaks) for _, leaks in found
    )
    print(f"{len(found)} of {args.setups} setups leak (seed {args.seed})")
    print(f"  a source's (or two sources') started less finished: {by_source}")
    for kind, n in sorted(kinds.items()):
        print(f"  setups where a {kind} count is given away: {n}")
    for setup, leaks in found[:3]:
        print(f"  e.g. {setup}: {leaks[0]}")
    # What it costs: how often each figure is shown, over the same setups.
    rng = random.Random(args.seed)
    shown: Counter[str] = Counter()
    sources = 0
    for _ in range(args.setups):
        st = _stats(_random_setup(rng))
        for name in ("started", "consented", "finished", "still_answering", "stopped"):
            shown[name] += getattr(st, name).shown
        for src in st.by_source:
            sources += 1
            shown["source started"] += src.started.shown
            shown["source finished"] += src.finished.shown
    print(
        "  shown in: "
        + ", ".join(
            f"{name} {100 * n / (sources if name.startswith('source') else args.setups):.0f}%"
            for name, n in shown.items()
        )
    )


if __name__ == "__main__":
    main()
