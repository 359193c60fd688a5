"""How well the series report matches themes across rounds, on the demo series.

The demo's rounds ask the same questions, so a theme's question is a known label: a link
between themes of two rounds is right when both themes answer the same question. For each
seed, a fresh demo series is simulated (``civicbot.demo.series``), each round's themes are
found, and the cross-round links are made at several thresholds. Reported per threshold:
link precision (share of links joining themes of the same question), question coverage
(share of free-text questions with at least one theme found again in a later round), and
the similarity of the best cross-question pair (what a threshold must stay above).

    python bench/series_matching.py --seeds 1,2,3 --residents 150

The threshold (0.35) was set before this was first run, not tuned on these seeds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
from pathlib import Path
from tempfile import TemporaryDirectory

import numpy as np
from threadpoolctl import threadpool_limits

from civicbot.demo.run import DEMO_SECRET, OPENED
from civicbot.demo.series import SERIES_NAME, simulate_series
from civicbot.demo.simulate import SimClock
from civicbot.store import Store
from civicbot_analysis.scrub import scrub
from civicbot_analysis.series import SeriesData
from civicbot_analysis.series.build import round_themes
from civicbot_analysis.series.protect import suppressor
from civicbot_analysis.series.recurring import recurring_links

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


async def _series(seed: int, residents: int, folder: Path) -> SeriesData:
    store = await Store.open(":memory:", secret=DEMO_SECRET, clock=SimClock(OPENED))
    try:
        await simulate_series(store, SimClock(OPENED), 3, residents, seed)
        return await store.series_data(SERIES_NAME)
    finally:
        await store.close()


def measure(series: SeriesData, seed: int) -> dict[float, tuple[float, float, float]]:
    with threadpool_limits(limits=1):
        results = [round_themes(d, seed) for d in series.rounds]
    sups = [suppressor([r.id for r in d.residents], 10) for d in series.rounds]
    answers = [[a.value for a in d.answers] for d in series.rounds]
    questions = {ts.scope for res in results for ts in res.per_question if ts.themes}
    out: dict[float, tuple[float, float, float]] = {}
    for threshold in THRESHOLDS:
        links, scopes, cross = recurring_links(results, answers, sups, scrub, threshold)
        right = [scopes[i] == scopes[j] for i, j, _ in links]
        found = {scopes[i] for i, j, _ in links if scopes[i] == scopes[j]}
        out[threshold] = (
            float(np.mean(right)) if right else float("nan"),
            len(found) / len(questions) if questions else float("nan"),
            cross,
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--residents", type=int, default=150)
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    table: dict[float, list[tuple[float, float, float]]] = {t: [] for t in THRESHOLDS}
    with TemporaryDirectory() as folder:
        for seed in seeds:
            series = asyncio.run(_series(seed, args.residents, Path(folder)))
            for t, row in measure(series, seed).items():
                table[t].append(row)
                print(f"seed {seed} threshold {t:.2f}: precision {row[0]:.3f} coverage "
                      f"{row[1]:.3f} best cross-question similarity {row[2]:.3f}")  # fmt: skip
    print("threshold  precision (median, min)  coverage (median, min)")
    for t, rows in table.items():
        p = [r[0] for r in rows]
        c = [r[1] for r in rows]
        print(f"{t:.2f}       {statistics.median(p):.3f}, {min(p):.3f}"
              f"              {statistics.median(c):.3f}, {min(c):.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
