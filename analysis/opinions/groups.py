"""Opinion groups, following Pol.is's math (polismath ``conversation.clj``, ``pca.clj``,
``clusters.clj``) step by step:

1. Who counts: residents who voted on at least ``min(7, n_statements)`` statements (votes on
   moderated-out statements included); if fewer than 15 qualify, the most active are added
   until there are 15.
2. PCA to two components of the rating matrix (moderated-out columns zeroed), unseen votes
   imputed by the column mean. Pol.is runs power iteration from the previous update's
   components; we take the converged answer directly (an eigendecomposition).
3. Each resident is projected using only the votes they cast (centred, dotted with the
   components) and pushed out by ``sqrt(n_statements / n_votes)`` so that residents who saw
   few statements are not all drawn into the centre. Everyone who voted gets a position.
4. Base clusters: k-means with k = 100 over the counted residents' positions, started from the
   first 100 distinct positions in row order (Pol.is's ``init-clusters``), up to 100 steps
   (20 before December 2017).
5. Groups: k-means over the base-cluster centres weighted by their sizes, for k = 2 to
   ``min(5, 2 + n_base // 12)``, each started from the first k distinct centres, up to 20 steps
   (Pol.is passes ``:cluster-iters``, which its k-means ignores, so its default of 20 holds).
6. k is the one with the best silhouette over base-cluster centres (unweighted; a member of a
   singleton group scores 0); ties go to the larger k, as Clojure's ``max-key`` does.
7. Optional, off by default (``refine``): the chosen k's groups re-run from seeded k-means++
   starts, keeping the best silhouette of the residents (:func:`weighted_silhouette`).

Updates. Pol.is runs steps 1-6 once per batch of new votes, each update starting from the last:
``in-conv`` only grows, both k-means start from the previous update's clusters (``previous``
here), and the k shown changes only after a new best k has won ``K_BUFFER`` = 4 updates running
(:class:`KState`, Pol.is's ``group-k-smoother``). :mod:`civicbot_analysis.opinions.replay` replays a
Pol.is export's history that way; a single call with no ``previous`` is Pol.is's first update.

What 14 real Pol.is exports say (``bench/polis_agreement.py`` prints every variant): a fresh
start on the final votes with the math Pol.is ran at the export's last vote, clustering the
residents Pol.is's replayed ``in-conv`` history holds (:func:`civicbot_analysis.polis.export_math`;
today's math, on rows in the order a recompute reads them, where the export's own groups lie on
today's map, :mod:`civicbot_analysis.polis_era`), agrees best with Pol.is's groups (median ARI
0.92, minimum 0.22 on vtaiwan.uberx, whose state Pol.is rebuilt after its history in a way the
export does not record; k right on 13 of 14). Step 7 raised agreement on some and lowered it on
others, so it is off. Where an export records how many updates Pol.is's math ran (``math-tick``,
in conversations taken from Pol.is's API), the history is replayed in that many updates instead
(:func:`civicbot_analysis.polis_era.math_updates`). On the 14 CSV exports, which record no such
count, replaying the whole history at a fixed cadence agreed less. The exports
were shaped by restarts, recomputes, moderation times and versions of Pol.is that they do not
record, and on several the groups change with the residents' order alone; so every result
carries a stability figure (:mod:`civicbot_analysis.opinions.stability`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from civicbot_analysis.opinions.kmeans import (
    GROUP_ITERS,
    Cluster,
    Points,
    distinct_rows,
    kmeans,
    lloyd,
    plus_plus,
)
from civicbot_analysis.opinions.matrix import BoolArray, FloatArray, VoteMatrix
from civicbot_analysis.opinions.silhouette import silhouette, weighted_silhouette

IntArray = npt.NDArray[np.int64]


MIN_VOTES = 7  # residents count once they have voted on this many statements
GREEDY_N = 15  # ... or are among the 15 most active
BASE_K = 100
BASE_ITERS = 100
MAX_K = 5
K_BUFFER = 4  # updates in a row a new k must win before Pol.is switches to it
REFINE_STARTS = 20  # seeded k-means++ starts tried for the chosen k (0 = Pol.is's start only)


@dataclass(frozen=True)
class Pca:
    center: FloatArray  # per statement
    comps: FloatArray  # 2 x statements


@dataclass
class KState:
    """Pol.is's ``group-k-smoother``: the k shown changes only after a new best k has won
    ``K_BUFFER`` updates in a row."""

    last_k: int | None = None
    last_k_count: int = 0
    smoothed_k: int | None = None

    def update(self, this_k: int, buffer: int = K_BUFFER) -> int:
        same = self.last_k is not None and this_k == self.last_k
        self.last_k_count = self.last_k_count + 1 if same else 1
        self.last_k = this_k
        if self.last_k_count >= buffer or self.smoothed_k is None:
            self.smoothed_k = this_k
        return self.smoothed_k


@dataclass
class Clustering:
    """The outcome of one update: base clusters over residents, groups over base clusters."""

    base: list[Cluster]
    by_k: dict[int, list[Cluster]]  # groups (members are indices into ``base``) per k
    silhouettes: dict[int, float]
    k: int
    k_state: KState = field(default_factory=KState)


def in_conversation(matrix: VoteMatrix, already_in: BoolArray | None = None) -> BoolArray:
    """Which rows Pol.is clusters (``in-conv``); once a resident is in, they stay in."""
    counts = matrix.vote_counts()
    keep = counts >= min(MIN_VOTES, matrix.n_statements)
    if already_in is not None:
        keep |= already_in
    n_in = int(keep.sum())
    if n_in < GREEDY_N:
        # Stable sort on -count keeps row order among equals, as Clojure's sort-by does.
        order = np.argsort(-counts, kind="stable")
        extra = [i for i in order if not keep[i]][: GREEDY_N - n_in]
        keep[extra] = True
    return keep


def pca(matrix: VoteMatrix, n_comps: int = 2, *, impute: str = "mean") -> Pca:
    """Principal components of the rating matrix with unseen votes imputed by the column
    mean (``impute="mean"``, Pol.is today) or as a pass (``"zero"``, as Pol.is's 2017-era
    math did, which the benchmark needs to reproduce exports of that time)."""
    rating = matrix.rating()
    seen = ~np.isnan(rating)
    sums = np.where(seen, rating, 0.0).sum(axis=0)
    counts = seen.sum(axis=0)
    if impute == "mean":
        fill = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
    elif impute == "zero":
        fill = np.zeros_like(sums)
    else:
        raise ValueError(f"impute must be 'mean' or 'zero', not {impute!r}")
    filled = np.where(seen, rating, fill)
    center = filled.mean(axis=0)
    centred = filled - center
    comps = np.zeros((n_comps, matrix.n_statements))
    if centred.size:
        if centred.shape[0] > centred.shape[1]:
            # Fewer statements than residents: the eigenvectors of the statements' scatter
            # matrix are the right singular vectors, at a fraction of an SVD's cost.
            values, vectors = np.linalg.eigh(centred.T @ centred)
            vt = vectors[:, np.argsort(-values, kind="stable")].T
        else:
            _, _, vt = np.linalg.svd(centred, full_matrices=False)
        n = min(n_comps, vt.shape[0])
        comps[:n] = vt[:n]
        # A component's sign is arbitrary; fix it so results do not flip between runs.
        for i in range(n):
            j = int(np.argmax(np.abs(comps[i])))
            if comps[i, j] < 0:
                comps[i] = -comps[i]
    return Pca(center=center, comps=comps)


def project(matrix: VoteMatrix, p: Pca, *, hidden: int = 0) -> FloatArray:
    """Pol.is's ``sparsity-aware-project-ptpts``: votes cast only, scaled out by
    ``sqrt(n_statements / max(n_votes, 1))``. A moderated-out column is zeroed for everyone, so
    it counts as a statement and as a vote for every resident; ``hidden`` adds that many such
    columns that ``matrix`` lacks (a Pol.is export read without its rejected comments)."""
    rating = matrix.rating()
    seen = ~np.isnan(rating)
    centred = np.where(seen, rating - p.center, 0.0)
    proj = centred @ p.comps.T
    n_votes = np.maximum(seen.sum(axis=1) + hidden, 1)
    scale = np.sqrt((matrix.n_statements + hidden) / n_votes)
    return np.asarray(proj * scale[:, None], dtype=np.float64)


def _labels_of(names: list[int], clusters: list[Cluster]) -> IntArray:
    row = {n: i for i, n in enumerate(names)}
    labels = np.zeros(len(names), dtype=np.int64)
    for ci, c in enumerate(clusters):
        labels[[row[m] for m in c.members]] = ci
    return labels


def refine_groups(
    points: FloatArray,
    names: list[int],
    weights: FloatArray,
    groups: list[Cluster],
    *,
    starts: int = REFINE_STARTS,
    seed: int = 0,
    max_iters: int = GROUP_ITERS,
) -> list[Cluster]:
    """Step 7: of ``groups`` and ``starts`` seeded k-means++ runs with as many groups, the one
    with the best :func:`weighted_silhouette` (ties keep ``groups``). Sorted by id."""
    k = len(groups)
    if starts <= 0 or k < 2 or len(distinct_rows(points)) <= k:
        return groups
    pts = Points(points, names, weights)
    rng = np.random.default_rng(seed)
    best = groups
    best_score = weighted_silhouette(points, weights, _labels_of(names, groups))
    for _ in range(starts):
        chosen = plus_plus(points, k, weights, rng)
        start = [Cluster(i, (), points[s].copy()) for i, s in enumerate(chosen)]
        candidate = lloyd(pts, start, max_iters)
        if len(candidate) != k:
            continue
        score = weighted_silhouette(points, weights, _labels_of(names, candidate))
        if score > best_score + 1e-12:
            best, best_score = candidate, score
    return sorted(best, key=lambda c: c.id)


def export_clusters_every_voter(
    vote_counts: npt.NDArray[np.int64], grouped: BoolArray, n_statements: int
) -> bool:
    """Whether a Pol.is export's groups came from math that clustered every voter (Pol.is
    before its ``in-conv`` rule, as in 2017), read from the export itself: every voter has a
    group, including some who voted on fewer than ``min(7, n_statements)`` statements, while
    enough voters qualify that the greedy top-15 rule cannot explain it. Such exports are
    reproduced with unseen votes as passes and everyone clustered (``POLIS_2017``)."""
    qualify = vote_counts >= min(MIN_VOTES, n_statements)
    voters = vote_counts > 0
    below = voters & ~qualify
    return bool(
        np.all(grouped[voters]) and np.any(grouped[below]) and int(qualify.sum()) >= GREEDY_N
    )


def max_k(n_base: int) -> int:
    return min(MAX_K, 2 + n_base // 12)


def cluster_positions(
    positions: FloatArray,
    counted: BoolArray,
    previous: Clustering | None = None,
    *,
    restarts: int = 0,
    seed: int = 0,
    refine: int = 0,
    base_iters: int = BASE_ITERS,
    buffer: int = K_BUFFER,
) -> Clustering:
    """Base clusters over the counted rows, then groups for each k, then the k chosen by
    silhouette (smoothed across updates when ``previous`` is given), then the chosen k's groups
    refined with ``refine`` seeded starts (step 7; 0 follows Pol.is alone)."""
    rows = [int(i) for i in np.flatnonzero(counted)]
    base = kmeans(
        positions[rows],
        BASE_K,
        names=rows,
        max_iters=base_iters,
        last=previous.base if previous else None,
    )
    centers = np.stack([c.center for c in base]) if base else np.zeros((0, 2))
    ids = [c.id for c in base]
    weights = np.array([len(c.members) for c in base], dtype=np.float64)
    by_k: dict[int, list[Cluster]] = {}
    sils: dict[int, float] = {}
    for k in range(2, max_k(len(base)) + 1):
        last = previous.by_k.get(k) if previous else None
        by_k[k] = kmeans(
            centers, k, names=ids, weights=weights, last=last, restarts=restarts, seed=seed
        )
        sils[k] = silhouette(centers, ids, by_k[k])
    k_state = KState(**vars(previous.k_state)) if previous else KState()
    if not sils:
        return Clustering(base=base, by_k=by_k, silhouettes=sils, k=1, k_state=k_state)
    # Ties go to the larger k, as Clojure's max-key keeps the last of equals.
    best = max(sorted(sils), key=lambda kk: (sils[kk], kk))
    k = k_state.update(best, buffer)
    if k in by_k:
        by_k[k] = refine_groups(centers, ids, weights, by_k[k], starts=refine, seed=seed)
    return Clustering(base=base, by_k=by_k, silhouettes=sils, k=k, k_state=k_state)


def labels_from(clustering: Clustering, n_rows: int) -> IntArray:
    """Group index per row (groups numbered in id order), -1 for rows not clustered."""
    labels = np.full(n_rows, -1, dtype=np.int64)
    groups = clustering.by_k.get(clustering.k)
    base_by_id = {c.id: c for c in clustering.base}
    if groups is None:
        for c in clustering.base:
            labels[list(c.members)] = 0
        return labels
    for gi, g in enumerate(groups):
        for b in g.members:
            labels[list(base_by_id[b].members)] = gi
    return labels
