"""Silhouettes for choosing and checking opinion groups: Pol.is's (over base-cluster centres,
each counted once) and the residents' (base-cluster centres weighted by how many residents they
hold), which is what refining the chosen groups maximises (see
:mod:`civicbot_analysis.opinions.groups`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from civicbot_analysis.opinions.matrix import FloatArray

if TYPE_CHECKING:
    from civicbot_analysis.opinions.kmeans import Cluster

IntArray = npt.NDArray[np.int64]


def silhouette(points: FloatArray, names: list[int], clusters: list[Cluster]) -> float:
    """Mean silhouette over the clustered points; a member of a singleton cluster scores 0.
    (The weighted silhouette with every weight 1, over the points the clusters hold.)"""
    if len(clusters) < 2:
        return -1.0
    row = {n: i for i, n in enumerate(names)}
    rows = [row[m] for c in clusters for m in c.members]
    labels = np.array([ci for ci, c in enumerate(clusters) for _ in c.members], dtype=np.int64)
    return weighted_silhouette(points[rows], np.ones(len(rows)), labels)


def weighted_silhouette(points: FloatArray, weights: FloatArray, labels: IntArray) -> float:
    """Silhouette of the residents with every resident placed at their base cluster's centre:
    point i stands for ``weights[i]`` residents. Equal to the plain silhouette of the expanded
    points (each point repeated by its weight), computed in O(points^2) instead of O(residents^2).
    A resident alone in a group scores 0."""
    groups = np.unique(labels)
    if len(groups) < 2:
        return -1.0
    dist = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=2)
    # sums[i, g]: total distance from point i to the residents of group g.
    onehot = (labels[:, None] == groups[None, :]).astype(np.float64)
    sums = dist @ (onehot * weights[:, None])
    sizes = onehot.T @ weights
    own = np.searchsorted(groups, labels)
    # A resident's own group, without them (distance 0 to themselves adds nothing to the sum).
    own_n = sizes[own] - 1
    rows = np.arange(len(points))
    a = np.divide(sums[rows, own], own_n, out=np.zeros(len(points)), where=own_n > 0)
    other = sums / sizes[None, :]
    other[rows, own] = np.inf
    b = other.min(axis=1)
    top = np.maximum(a, b)
    s = np.divide(b - a, top, out=np.zeros(len(points)), where=top > 0)
    s[own_n <= 0] = 0.0
    return float(np.sum(s * weights) / np.sum(weights))
