"""Probe: how Pol.is's groups compare with replays of a conversation's votes in U equal updates.

    OPENBLAS_NUM_THREADS=1 nice -n 15 python bench/polis_history_probe.py 4,8,16,1024 FOLDER...

For each export folder, prints Pol.is's k, our fresh start's k and ARI (the ``fresh start``
variant of ``bench/polis_variants.py``), then per U: the k of a replay in U updates of equal
numbers of votes (both k-means warm-started from the update before, k smoothed over 4 updates,
``civicbot_analysis.opinions.stability.history``), the replay's ARI with Pol.is's groups, the ARI
of the fresh start's groups at the replay's k (``freshk``). This is
how the replay in ``civicbot_analysis.polis_era.math_updates`` was chosen (and why it is used only
where an export records Pol.is's update count): printouts in ``bench/results/``.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(Path(__file__).resolve().parent))

import polis_variants as pv

from civicbot_analysis.opinions import groups as g
from civicbot_analysis.opinions.matrix import build_vote_matrix
from civicbot_analysis.opinions.replay import Era, reordered
from civicbot_analysis.opinions.stability import history
from civicbot_analysis.polis import META_PATTERN

Groups = dict[str, int]


def _ari(mine: Groups, theirs: Groups) -> float:
    both = [r for r in mine if r in theirs]
    if len(both) < 2:
        return float("nan")
    return float(adjusted_rand_score([mine[r] for r in both], [theirs[r] for r in both]))


def probe(folder: Path, updates: list[int]) -> str:
    c = pv.load(folder, META_PATTERN)
    math, data = c.math, c.data
    if math.row_order is not None:
        data = reordered(data, math.row_order)
    kept = math.clustered if math.clustered is not None and math.hidden_columns else ()
    matrix = build_vote_matrix(data, keep=kept)
    active = [a and s not in c.meta for s, a in zip(matrix.statements, matrix.active, strict=True)]
    matrix = dataclasses.replace(matrix, active=np.array(active, dtype=np.bool_))
    if math.clustered is not None:
        counted = np.array([r in math.clustered for r in matrix.residents], dtype=np.bool_)
    else:
        counted = g.in_conversation(matrix)
    p = g.pca(matrix, impute=math.impute)
    positions = g.project(matrix, p, hidden=math.hidden_columns)
    fresh = g.cluster_positions(positions, counted, base_iters=math.base_iters)
    row = {r: i for i, r in enumerate(matrix.residents)}
    col = {s: j for j, s in enumerate(matrix.statements)}
    arrivals = [(row[v.resident], col[v.statement]) for v in data.votes]
    era = Era(impute=math.impute, count_modded=math.count_modded, base_iters=math.base_iters)
    held = counted if math.clustered is not None else None

    def named(labels: np.ndarray) -> Groups:
        return {matrix.residents[i]: int(x) for i, x in enumerate(labels) if x >= 0}

    def of(clustering: g.Clustering) -> Groups:
        return named(g.labels_from(clustering, matrix.n_residents))

    theirs = c.theirs
    cells = [
        f"{c.name[:14]:14s} pk={len(set(theirs.values()))} fresh k={fresh.k} "
        f"{_ari(of(fresh), theirs):.3f}"
    ]
    for u in updates:
        labels, last = history(matrix, arrivals, era, u, hidden=math.hidden_columns, held=held)
        if last is None:
            cells.append(f"U{u}: -")
            continue
        at_k = dataclasses.replace(fresh, k=last.k) if last.k in fresh.by_k else fresh
        cells.append(
            f"U{u}: k={last.k} rep {_ari(named(labels), theirs):.3f} "
            f"freshk {_ari(of(at_k), theirs):.3f}"
        )
    return " | ".join(cells)


def main(argv: list[str]) -> int:
    updates = [int(x) for x in argv[0].split(",")]
    for folder in argv[1:]:
        print(probe(Path(folder), updates), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
