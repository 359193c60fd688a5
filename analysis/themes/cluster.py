"""Groups answer vectors into themes: k-means on the unit-length LSA space.

The number of themes is chosen from the data unless given: the silhouette (cosine) of
k-means partitions for k = 2..k_max, measured on a sample, with a preference for fewer
themes when the gain is small (a reader can hold six themes in mind, not twelve).

At scale k-means is fitted on a sample (``fit_sample`` rows, ``n_init`` restarts keeping
the lowest inertia) and every row is then assigned to its nearest centroid, so a million
answers cost one matrix product. A few spherical k-means steps over all rows follow:
centroids are re-normalised to unit length and rows re-assigned by cosine, which suits
the unit-length vectors better than plain Euclidean centroids.

When the sparse TF-IDF rows are given too, the partition is then refined by spherical
k-means steps in that full word + character space: LSA finds the broad layout, and the
rare, precise terms it smoothed away settle the borderline answers. On the short-text
benchmarks this added 1-2 accuracy points on every set and every seed (bench/
themes_quality.py); each step is one sparse product, cheap even for a million answers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

# Smallest share of the best silhouette a smaller k must reach to be preferred.
PARSIMONY = 0.9


@dataclass(frozen=True)
class Clustering:
    """Cluster label per row, unit-length centroids, and how k was chosen."""

    labels: np.ndarray
    centroids: np.ndarray
    k: int
    silhouette: float | None = None


def _sample_rows(n: int, size: int, seed: int) -> np.ndarray:
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=size, replace=False))


def _one_thread() -> threadpool_limits:
    # k-means on a few thousand rows is quicker on one thread: OpenMP workers spin-wait,
    # and on a busy two-core machine that made each fit ten times slower (measured).
    return threadpool_limits(limits=1, user_api="openmp")


def choose_k(
    x: np.ndarray, *, k_max: int = 12, random_state: int = 0, sample: int = 2000
) -> tuple[int, float | None]:
    """The number of clusters for ``x`` (unit rows) by silhouette, preferring fewer."""
    n = len(x)
    k_max = min(k_max, n - 1)
    if k_max < 2:
        return 1, None
    rows = x[_sample_rows(n, sample, random_state)]
    scores: dict[int, float] = {}
    with _one_thread():
        _scores(rows, k_max, random_state, scores)
    if not scores:
        return 1, None
    best = max(scores.values())
    if best <= 0:
        return 1, best
    # Scores rise a little with k on noisy text; take the smallest k close to the best.
    for k in sorted(scores):
        if scores[k] >= PARSIMONY * best:
            return k, scores[k]
    raise AssertionError("unreachable")


def _scores(rows: np.ndarray, k_max: int, random_state: int, scores: dict[int, float]) -> None:
    for k in range(2, k_max + 1):
        # A rough partition is enough to compare k; the final fit below is the careful one.
        km = KMeans(n_clusters=k, n_init=2, max_iter=50, tol=1e-3, random_state=random_state)
        km.fit(rows)
        if len(np.unique(km.labels_)) < 2:
            continue
        scores[k] = float(
            silhouette_score(rows, km.labels_, metric="cosine", random_state=random_state)
        )


def kmeans(
    x: np.ndarray,
    k: int,
    *,
    random_state: int = 0,
    n_init: int = 10,
    fit_sample: int = 20_000,
    spherical_steps: int = 5,
    sparse: sp.csr_matrix | None = None,
    sparse_steps: int = 10,
) -> Clustering:
    """k-means++ with ``n_init`` restarts on a sample, then spherical steps over all rows.

    ``sparse``, the rows of ``x`` as unit-length TF-IDF, adds up to ``sparse_steps``
    spherical steps in that space; the centroids returned are always in ``x``'s space.
    """
    n = len(x)
    if n == 0:
        return Clustering(np.zeros(0, dtype=np.int64), np.zeros((0, x.shape[1])), 0)
    k = max(1, min(k, n))
    rows = x[_sample_rows(n, fit_sample, random_state)]
    km = KMeans(n_clusters=k, n_init=n_init, max_iter=100, tol=1e-4, random_state=random_state)
    with _one_thread():
        km.fit(rows)
    centroids = normalize(km.cluster_centers_)
    labels = _assign(x, centroids)
    for _ in range(spherical_steps):
        new_centroids = _centroids(x, labels, centroids)
        new_labels = _assign(x, new_centroids)
        centroids = new_centroids
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    if sparse is not None and sparse_steps > 0 and k > 1:
        labels = _refine_sparse(sp.csr_matrix(sparse), labels, k, sparse_steps)
        centroids = _centroids(x, labels, centroids)
    labels, centroids = _renumber(labels, centroids)
    return Clustering(labels=labels, centroids=centroids, k=len(centroids))


def _refine_sparse(rows: sp.csr_matrix, labels: np.ndarray, k: int, steps: int) -> np.ndarray:
    """Spherical k-means steps on sparse rows, starting from ``labels``.

    Rows are not re-normalised: the arg-max over centres ignores a row's length, and a copy
    of a million TF-IDF rows would cost more memory than it is worth.
    """
    for _ in range(steps):
        member = sp.csr_matrix(
            (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels))
        )
        sums = (member @ rows).toarray()
        if not sums.any(axis=1).all():
            break  # a cluster emptied: keep the last partition that had them all
        centres = normalize(sums).T
        new = np.empty_like(labels)
        step = 65_536
        for start in range(0, len(labels), step):
            sims = rows[start : start + step] @ centres
            new[start : start + step] = np.argmax(sims, axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
    return labels


def cluster(
    x: np.ndarray,
    *,
    k: int | None = None,
    k_max: int = 12,
    random_state: int = 0,
    sparse: sp.csr_matrix | None = None,
) -> Clustering:
    """Cluster ``x``; when ``k`` is None it is chosen with :func:`choose_k`.

    ``sparse`` (the same rows as TF-IDF) refines the partition, see :func:`kmeans`.
    """
    score: float | None = None
    if k is None:
        k, score = choose_k(x, k_max=k_max, random_state=random_state)
    result = kmeans(x, k, random_state=random_state, sparse=sparse)
    return Clustering(result.labels, result.centroids, result.k, score)


def _assign(x: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    # Chunked so a million rows never build one huge similarity matrix.
    out = np.empty(len(x), dtype=np.int64)
    step = 65_536
    for start in range(0, len(x), step):
        out[start : start + step] = np.argmax(x[start : start + step] @ centroids.T, axis=1)
    return out


def _centroids(x: np.ndarray, labels: np.ndarray, previous: np.ndarray) -> np.ndarray:
    k = len(previous)
    member = sp.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels))
    )
    sums = np.asarray(member @ x)
    empty = ~sums.any(axis=1)
    sums[empty] = previous[empty]  # an emptied cluster keeps its old centre
    return normalize(sums)


def _renumber(labels: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop empty clusters and number the rest by size, largest first (ties by index)."""
    sizes = np.bincount(labels, minlength=len(centroids))
    order = [int(c) for c in np.argsort(-sizes, kind="stable") if sizes[c] > 0]
    mapping = np.full(len(centroids), -1, dtype=np.int64)
    mapping[order] = np.arange(len(order))
    return mapping[labels], centroids[order]
