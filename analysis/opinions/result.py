"""``opinion_groups``: from a round's votes to opinion groups, the statements that speak for
each group, common ground and divisive statements, in one plain result."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from analysis.opinions import groups as g
from analysis.opinions.matrix import build_vote_matrix
from analysis.opinions.repness import (
    Consensus,
    Divisive,
    Repness,
    consensus,
    divisive,
    representative,
)
from analysis.rounddata import RoundData


@dataclass(frozen=True, slots=True)
class PolisMath:
    """Which Pol.is behaviour to follow. The defaults are Pol.is's math today.

    ``restarts`` > 0 adds seeded k-means++ starts to the group step (see
    :func:`analysis.opinions.groups.kmeans`); ``count_all`` clusters every voter, and
    ``impute="zero"`` fills unseen votes with passes, as the 2017-era math did.
    """

    impute: str = "mean"
    count_all: bool = False
    restarts: int = 0


POLIS_CURRENT = PolisMath()
POLIS_2017 = PolisMath(impute="zero", count_all=True)


@dataclass(frozen=True)
class OpinionResult:
    """Opinion groups of a round. Groups are numbered 0.. by size, largest first."""

    round_id: str
    n_voters: int
    counted: tuple[str, ...]  # residents clustered (voted enough)
    coords: dict[str, tuple[float, float]]  # every voter's place on the opinion map
    groups: dict[str, int]  # counted resident -> group
    k: int
    silhouettes: dict[int, float]  # per k tried
    group_sizes: tuple[int, ...]
    representative: tuple[tuple[Repness, ...], ...]  # per group
    common_ground: tuple[Consensus, ...]
    divisive: tuple[Divisive, ...]
    statement_text: dict[str, str]
    n_statements: int  # statements that can be shown (not moderated out)
    min_votes: int

    def members(self, group: int) -> list[str]:
        return [r for r, gi in self.groups.items() if gi == group]


def opinion_groups(
    data: RoundData,
    *,
    seed: int = 0,
    min_votes: int = 20,
    meta: Collection[str] = (),
    math: PolisMath = POLIS_CURRENT,
) -> OpinionResult:
    """Opinion groups following Pol.is (see :mod:`analysis.opinions.groups`).

    ``meta`` names statements that are about the voter rather than opinions (Pol.is's
    "is_meta", e.g. "I am under 30"): like rejected statements they take no part. ``seed``
    drives the optional k-means++ restarts; with the defaults the result is deterministic.
    ``min_votes`` is the fewest votes a statement needs to be called common ground or
    divisive.
    """
    matrix = build_vote_matrix(data)
    meta_ids = set(meta)
    if meta_ids:
        active = np.array(
            [a and s not in meta_ids for s, a in zip(matrix.statements, matrix.active, strict=True)]
        )
        matrix = dataclasses.replace(matrix, active=active)
    texts = {s.id: s.text for s in data.statements}
    shown = [j for j, a in enumerate(matrix.active) if a]
    shown_ids = [matrix.statements[j] for j in shown]
    empty = OpinionResult(
        round_id=data.round_id,
        n_voters=matrix.n_residents,
        counted=(),
        coords={},
        groups={},
        k=0,
        silhouettes={},
        group_sizes=(),
        representative=(),
        common_ground=(),
        divisive=(),
        statement_text=texts,
        n_statements=len(shown),
        min_votes=min_votes,
    )
    if matrix.n_residents < 2 or not shown:
        return empty

    counted = (
        np.ones(matrix.n_residents, dtype=np.bool_) if math.count_all else g.in_conversation(matrix)
    )
    positions = g.project(matrix, g.pca(matrix, impute=math.impute))
    clustering = g.cluster_positions(positions, counted, restarts=math.restarts, seed=seed)
    labels = g.labels_from(clustering, matrix.n_residents)
    k = int(labels.max()) + 1 if (labels >= 0).any() else 0
    # Number groups by size, largest first (ties by Pol.is's order) so "Group A" is stable.
    sizes = [int(np.sum(labels == i)) for i in range(k)]
    order = sorted(range(k), key=lambda i: (-sizes[i], i))
    renumber = {old: new for new, old in enumerate(order)}
    labels = np.array([renumber.get(int(x), -1) for x in labels], dtype=np.int64)
    members = [[int(i) for i in np.flatnonzero(labels == gi)] for gi in range(k)]

    votes = matrix.raw[:, shown]
    reps = representative(votes, shown_ids, members) if k >= 2 else [[] for _ in members]
    return OpinionResult(
        round_id=data.round_id,
        n_voters=matrix.n_residents,
        counted=tuple(r for r, c in zip(matrix.residents, counted, strict=True) if c),
        coords={
            r: (float(x), float(y)) for r, (x, y) in zip(matrix.residents, positions, strict=True)
        },
        groups={r: int(labels[i]) for i, r in enumerate(matrix.residents) if labels[i] >= 0},
        k=k,
        silhouettes=dict(clustering.silhouettes),
        group_sizes=tuple(len(m) for m in members),
        representative=tuple(tuple(r) for r in reps),
        common_ground=tuple(consensus(votes, shown_ids, members, min_votes=min_votes)),
        divisive=tuple(divisive(votes, shown_ids, members, min_votes=min_votes)),
        statement_text=texts,
        n_statements=len(shown),
        min_votes=min_votes,
    )
