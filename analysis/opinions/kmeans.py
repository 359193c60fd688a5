"""Pol.is's k-means (polismath ``clusters.clj``): a deterministic start from the first k
distinct points or from the previous update's clusters, weighted Lloyd steps until the centres
move less than 0.01, empty clusters dropped. Points carry names so that clusters carried over
from an earlier update still apply. Used twice by :mod:`civicbot_analysis.opinions.groups`:
residents into base clusters, then base-cluster centres into groups.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from civicbot_analysis.opinions.matrix import FloatArray

GROUP_ITERS = 20
SAME_CLUSTERING = 0.01  # centres that move less than this have converged


@dataclass(frozen=True)
class Cluster:
    id: int
    members: tuple[int, ...]  # names of the points clustered (resident rows, or base ids)
    center: FloatArray


def distinct_rows(points: FloatArray) -> list[int]:
    seen: set[tuple[float, ...]] = set()
    first: list[int] = []
    for i, row in enumerate(points):
        key = tuple(float(x) for x in row)
        if key not in seen:
            seen.add(key)
            first.append(i)
    return first


def weighted_center(points: FloatArray, rows: list[int], weights: FloatArray) -> FloatArray:
    w = weights[rows]
    return np.asarray((points[rows] * w[:, None]).sum(axis=0) / w.sum(), dtype=np.float64)


def same_clustering(a: list[Cluster], b: list[Cluster]) -> bool:
    # Like Pol.is's ``same-clustering?``, pairs sorted centres and ignores any left over.
    ca = sorted(tuple(c.center) for c in a)
    cb = sorted(tuple(c.center) for c in b)
    return all(
        np.linalg.norm(np.subtract(x, y)) < SAME_CLUSTERING for x, y in zip(ca, cb, strict=False)
    )


class Points:
    """Points with names, so clusters carried over from an earlier update still apply."""

    def __init__(self, points: FloatArray, names: list[int], weights: FloatArray) -> None:
        self.points = points
        self.names = names
        self.row = {n: i for i, n in enumerate(names)}
        self.weights = weights

    def center(self, members: list[int]) -> FloatArray:
        return weighted_center(self.points, [self.row[m] for m in members], self.weights)

    def step(self, clusters: list[Cluster]) -> list[Cluster]:
        centers = np.stack([c.center for c in clusters])
        dists = np.linalg.norm(self.points[:, None, :] - centers[None, :, :], axis=2)
        nearest = np.argmin(dists, axis=1)
        out: list[Cluster] = []
        for ci, c in enumerate(clusters):
            members = [self.names[int(i)] for i in np.flatnonzero(nearest == ci)]
            if members:  # empty clusters vanish, as in Pol.is
                out.append(Cluster(c.id, tuple(members), self.center(members)))
        return out

    def restart(self, last: list[Cluster], k: int) -> list[Cluster]:
        """Pol.is's ``clean-start-clusters``: recentre the previous clusters on the new
        positions, merge any that coincide, and split off the most distant point until
        there are k."""
        merged: list[Cluster] = []
        at: dict[tuple[float, ...], int] = {}  # centre -> index in merged
        for c in last:
            members = [m for m in c.members if m in self.row]
            if not members:
                continue
            center = self.center(members)
            twin = at.get(tuple(float(x) for x in center))
            if twin is None:
                at[tuple(float(x) for x in center)] = len(merged)
                merged.append(Cluster(c.id, tuple(members), center))
                continue
            m = merged[twin]
            keep_id = m.id if len(m.members) >= len(members) else c.id
            both = list(m.members) + members
            merged[twin] = Cluster(keep_id, tuple(both), self.center(both))
        possible = min(k, len(distinct_rows(self.points)))
        clusters = merged
        while clusters and len(clusters) < possible:
            centers = np.stack([c.center for c in clusters])
            dists = np.linalg.norm(self.points[:, None, :] - centers[None, :, :], axis=2)
            nearest = dists.min(axis=1)
            far = int(np.argmax(nearest))
            if nearest[far] <= 0:
                break
            name = self.names[far]
            clusters = [
                Cluster(c.id, tuple(m for m in c.members if m != name), c.center) for c in clusters
            ]
            new_id = max(c.id for c in clusters) + 1
            clusters.append(Cluster(new_id, (name,), self.points[far].copy()))
        return clusters


def plus_plus(
    points: FloatArray, k: int, weights: FloatArray, rng: np.random.Generator
) -> list[int]:
    """k-means++ start (weighted): each next centre drawn in proportion to weight x d^2."""
    first = int(rng.choice(len(points), p=weights / weights.sum()))
    chosen = [first]
    d2 = np.sum((points - points[first]) ** 2, axis=1)
    while len(chosen) < k:
        p = weights * d2
        if p.sum() <= 0:
            break
        nxt = int(rng.choice(len(points), p=p / p.sum()))
        chosen.append(nxt)
        d2 = np.minimum(d2, np.sum((points - points[nxt]) ** 2, axis=1))
    return chosen


def weighted_inertia(pts: Points, clusters: list[Cluster]) -> float:
    total = 0.0
    for c in clusters:
        rows = [pts.row[m] for m in c.members]
        d2 = np.sum((pts.points[rows] - c.center) ** 2, axis=1)
        total += float(np.sum(pts.weights[rows] * d2))
    return total


def lloyd(pts: Points, clusters: list[Cluster], max_iters: int) -> list[Cluster]:
    for _ in range(max_iters + 1):
        new = pts.step(clusters)
        if same_clustering(clusters, new):
            return new
        clusters = new
    return clusters


def kmeans(
    points: FloatArray,
    k: int,
    *,
    names: list[int] | None = None,
    weights: FloatArray | None = None,
    max_iters: int = GROUP_ITERS,
    last: list[Cluster] | None = None,
    restarts: int = 0,
    seed: int = 0,
) -> list[Cluster]:
    """Pol.is's k-means: deterministic start from the first k distinct points (or from the
    previous clusters), Lloyd steps until centres move less than 0.01. Sorted by id.

    ``restarts`` adds that many seeded k-means++ starts and keeps the clustering with the
    least weighted within-cluster sum of squares. Pol.is itself never restarts; it escapes a
    poor start because each update starts from the last one as the conversation grows,
    which a single snapshot cannot replay.
    """
    pts = Points(
        points,
        list(range(len(points))) if names is None else names,
        np.ones(len(points)) if weights is None else weights,
    )
    clusters = pts.restart(last, k) if last else []
    if not clusters:
        starts = distinct_rows(points)[:k]
        clusters = [Cluster(i, (), points[s].copy()) for i, s in enumerate(starts)]
    best = lloyd(pts, clusters, max_iters)
    if restarts and len(distinct_rows(points)) > k:
        rng = np.random.default_rng(seed)
        best_inertia = weighted_inertia(pts, best)
        for _ in range(restarts):
            chosen = plus_plus(points, k, pts.weights, rng)
            start = [Cluster(i, (), points[s].copy()) for i, s in enumerate(chosen)]
            candidate = lloyd(pts, start, max_iters)
            inertia = weighted_inertia(pts, candidate)
            if len(candidate) == len(best) and inertia < best_inertia - 1e-12:
                best, best_inertia = candidate, inertia
    return sorted(best, key=lambda c: c.id)
