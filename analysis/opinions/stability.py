"""How stable opinion groups are: the share of grouped residents who land in the same group
however the clustering is restarted.

Pol.is's k-means has no randomness of its own, but its start depends on the order residents
arrived in (it starts from the first distinct positions) and on the history of updates it has
run (each starts from the last, see :mod:`civicbot_analysis.opinions.replay`). A different but
equally valid order or cadence can move residents near a boundary, or change k. So the groups we
report come with a figure: rerun Pol.is's steps with the residents in other orders (each a
seeded shuffle; for a Pol.is export the bench adds replays at other cadences), match each
run's groups to the reported ones by greatest overlap, and count the residents whose group
matched in every run. A low share says the groups are a fair summary but not a fixed fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import permutations

import numpy as np
import numpy.typing as npt

from civicbot_analysis.opinions import groups as g
from civicbot_analysis.opinions.matrix import BoolArray, FloatArray

IntArray = npt.NDArray[np.int64]

ORDERS = 10  # reruns with shuffled arrival orders in the report


@dataclass(frozen=True, slots=True)
class Stability:
    """Agreement of the reported groups with ``runs`` reruns."""

    runs: int
    share_stable: float  # of grouped residents: same group in every run
    same_k: float  # share of runs that found as many groups
    by_group: tuple[float, ...]  # share stable, per reported group
    rows_stable: tuple[bool, ...] = ()  # per row: grouped and stable in every run


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
