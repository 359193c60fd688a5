"""How stable opinion groups are: the share of grouped residents who land in the same group
however the clustering is restarted and however often it is updated.

Pol.is's k-means has no randomness of its own, but its start depends on the order residents
arrived in (it starts from the first distinct positions) and on the history of updates it has
run (each starts from the last, see :mod:`civicbot_analysis.opinions.replay`). A different but
equally valid start or cadence can move residents near a boundary, or change k. So the groups
we report come with a figure, from two kinds of rerun:

- **restarts** (:func:`shuffled_runs`): Pol.is's steps on the final votes from ``ORDERS``
  seeded random starting points (both k-means start from the first distinct positions, so a
  seeded shuffle of the residents is a seeded random initialisation);
- **cadences** (:func:`cadence_runs`): Pol.is's history replayed over the votes in the order
  they arrived, as ``CADENCES`` different update rates would have run it (4, 8 or 16 updates
  over the round): each update adds the votes since the last, recomputes the map, keeps
  ``in-conv`` (once in, always in), warm-starts both k-means from the last update and smooths k.

Each run's groups are matched to the reported ones by greatest overlap, and a resident counts
as stable when their group matched in every run of both kinds (a resident a run leaves
ungrouped is not stable). A low share says the groups are a fair summary, not a fixed fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import permutations

import numpy as np
import numpy.typing as npt

from civicbot_analysis.opinions import groups as g
from civicbot_analysis.opinions.matrix import BoolArray, FloatArray, VoteMatrix
from civicbot_analysis.opinions.replay import Era, in_conv

IntArray = npt.NDArray[np.int64]

ORDERS = 10  # reruns from seeded random starts in the report
CADENCES = (4, 8, 16)  # replays of the round's history with this many updates


@dataclass(frozen=True, slots=True)
class Stability:
    """Agreement of the reported groups with ``runs`` reruns."""

    runs: int
    share_stable: float  # of grouped residents: same group in every run
    same_k: float  # share of runs that found as many groups
    by_group: tuple[float, ...]  # share stable, per reported group
    rows_stable: tuple[bool, ...] = ()  # per row: grouped and stable in every run
    restarts: int = 0  # of ``runs``, reruns from other starting points ...
    cadences: int = 0  # ... and replays at other update cadences
    share_restarts: float | None = None  # stable across the restarts alone
    share_cadences: float | None = None  # stable across the cadences alone


def matched(reference: IntArray, other: IntArray) -> IntArray:
    """``other``'s labels renamed to ``reference``'s, pairing groups so that as many rows as
    possible agree (rows labelled -1 in either are ignored; unpaired groups become -2)."""
    both = (reference >= 0) & (other >= 0)
    ref_ids = sorted({int(x) for x in reference[both]})
    oth_ids = sorted({int(x) for x in other[both]})
    overlap = {
        (a, b): int(np.sum(both & (reference == a) & (other == b)))
        for a in ref_ids
        for b in oth_ids
    }
    best: dict[int, int] = {}
    best_total = -1
    # k is at most 5, so trying every pairing is cheap (at most 120).
    if len(oth_ids) <= len(ref_ids):
        for chosen in permutations(ref_ids, len(oth_ids)):
            total = sum(overlap[(a, b)] for a, b in zip(chosen, oth_ids, strict=True))
            if total > best_total:
                best_total, best = total, dict(zip(oth_ids, chosen, strict=True))
    else:
        for chosen_o in permutations(oth_ids, len(ref_ids)):
            total = sum(overlap[(a, b)] for a, b in zip(ref_ids, chosen_o, strict=True))
            if total > best_total:
                best_total, best = total, dict(zip(chosen_o, ref_ids, strict=True))
    out = np.full(len(other), -2, dtype=np.int64)
    out[other < 0] = -1
    for b, a in best.items():
        out[other == b] = a
    return out


def compare(reference: IntArray, runs: Sequence[IntArray]) -> Stability:
    """How many of ``reference``'s grouped rows keep their group in every one of ``runs``."""
    grouped = reference >= 0
    k = int(reference.max()) + 1 if grouped.any() else 0
    stable = grouped.copy()
    same_k = 0
    for run in runs:
        same_k += len({int(x) for x in run[run >= 0]}) == k
        stable &= matched(reference, run) == reference
    n = int(grouped.sum())
    by_group = tuple(
        float(stable[reference == gi].sum()) / max(1, int((reference == gi).sum()))
        for gi in range(k)
    )
    return Stability(
        runs=len(runs),
        share_stable=float(stable.sum()) / n if n else 0.0,
        same_k=same_k / len(runs) if runs else 1.0,
        by_group=by_group,
        rows_stable=tuple(bool(x) for x in stable),
    )


def compare_kinds(
    reference: IntArray, restarts: Sequence[IntArray], cadences: Sequence[IntArray]
) -> Stability:
    """:func:`compare` over both kinds of rerun, with each kind's share kept apart."""
    both = compare(reference, [*restarts, *cadences])
    alone = [compare(reference, rs).share_stable if rs else None for rs in (restarts, cadences)]
    return replace(
        both,
        restarts=len(restarts),
        cadences=len(cadences),
        share_restarts=alone[0],
        share_cadences=alone[1],
    )


def cadence_runs(
    matrix: VoteMatrix,
    arrivals: Sequence[tuple[int, int]],
    era: Era,
    *,
    cadences: Sequence[int] = CADENCES,
    hidden: int = 0,
    held: BoolArray | None = None,
) -> list[IntArray]:
    """Pol.is's history replayed over ``arrivals`` (the (row, column) of each vote in the order
    it came, first vote per pair), once per entry of ``cadences`` (that many updates of equal
    numbers of votes), with the final votes' values; labels per row of ``matrix``, -1 for rows
    the last update did not group. ``era`` decides who counts at each update; rows ``held``
    (for a Pol.is export, those its own history counted) count from their first vote."""
    out: list[IntArray] = []
    for updates in cadences:
        if updates >= 1 and arrivals:
            out.append(history(matrix, arrivals, era, updates, hidden=hidden, held=held)[0])
    return out


def history(
    matrix: VoteMatrix,
    arrivals: Sequence[tuple[int, int]],
    era: Era,
    updates: int,
    *,
    hidden: int = 0,
    held: BoolArray | None = None,
) -> tuple[IntArray, g.Clustering | None]:
    """One replay of :func:`cadence_runs` in ``updates`` updates of equal numbers of votes, each
    warm-started from the last, with the k smoother: the last update's labels per row of
    ``matrix`` (-1 not grouped) and its clustering (None when no update could run)."""
    first_row: dict[int, int] = {}
    first_col: dict[int, int] = {}
    seen_pairs: set[tuple[int, int]] = set()
    cells: list[tuple[int, int]] = []
    for r, c in arrivals:
        if (r, c) in seen_pairs:
            continue
        seen_pairs.add((r, c))
        first_row.setdefault(r, len(first_row))
        first_col.setdefault(c, len(first_col))
        cells.append((r, c))
    rows = np.array(list(first_row), dtype=np.int64)  # in order of first vote
    cols = np.array(list(first_col), dtype=np.int64)
    n = len(cells)
    raw = np.full((len(rows), len(cols)), np.nan)
    previous: g.Clustering | None = None
    counted = np.zeros(0, dtype=np.int64)
    n_r = n_c = done = 0
    for u in range(1, max(updates, 1) + 1):
        upto = (n * u) // max(updates, 1)
        for r, c in cells[done:upto]:
            i, j = first_row[r], first_col[c]
            raw[i, j] = matrix.raw[r, c]
            n_r, n_c = max(n_r, i + 1), max(n_c, j + 1)
        done = upto
        sub = VoteMatrix(
            residents=tuple(matrix.residents[k] for k in rows[:n_r]),
            statements=tuple(matrix.statements[k] for k in cols[:n_c]),
            raw=raw[:n_r, :n_c],
            active=matrix.active[cols[:n_c]],
        )
        if n_r < 2 or not sub.active.any():
            continue
        keep = in_conv(sub.raw, sub.active, era, counted)
        if held is not None:
            keep |= held[rows[:n_r]]
        counted = np.flatnonzero(keep)
        positions = g.project(sub, g.pca(sub, impute=era.impute), hidden=hidden)
        previous = g.cluster_positions(positions, keep, previous, base_iters=era.base_iters)
    labels = np.full(matrix.n_residents, -1, dtype=np.int64)
    if previous is not None:
        labels[rows[:n_r]] = g.labels_from(previous, n_r)
    return labels, previous


def shuffled_runs(
    positions: FloatArray,
    counted: BoolArray,
    *,
    orders: int = ORDERS,
    seed: int = 0,
    base_iters: int = g.BASE_ITERS,
) -> list[IntArray]:
    """Pol.is's steps 4-6 (base clusters, groups, k by silhouette) rerun with the residents in
    ``orders`` seeded random orders; labels per row in the original order, -1 not grouped."""
    rng = np.random.default_rng(seed)
    n = len(positions)
    out: list[IntArray] = []
    for _ in range(orders):
        order = rng.permutation(n)
        clustering = g.cluster_positions(
            positions[order], counted[order], refine=0, base_iters=base_iters
        )
        labels = np.full(n, -1, dtype=np.int64)
        labels[order] = g.labels_from(clustering, n)
        out.append(labels)
    return out
