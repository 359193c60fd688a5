"""``opinion_groups``: from a round's votes to opinion groups, the statements that speak for
each group, common ground and divisive statements, in one plain result."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from civicbot_analysis.opinions import groups as g
from civicbot_analysis.opinions.matrix import build_vote_matrix
from civicbot_analysis.opinions.replay import Era, era_at, in_conv, reordered
from civicbot_analysis.opinions.repness import (
    Consensus,
    Divisive,
    Repness,
    consensus,
    divisive,
    representative,
)
from civicbot_analysis.opinions.stability import (
    CADENCES,
    ORDERS,
    Stability,
    cadence_runs,
    compare_kinds,
    history,
    shuffled_runs,
)
from civicbot_analysis.rounddata import RoundData


@dataclass(frozen=True, slots=True)
class PolisMath:
    """Which Pol.is behaviour to follow. The defaults are Pol.is's math today.

    ``impute="zero"`` fills unseen votes with passes and ``count_modded`` counts moderated-out
    and meta columns as votes when deciding who is clustered, as Pol.is's math did until October
    2017 (:func:`civicbot_analysis.opinions.replay.era_at`); ``base_iters`` caps the base k-means
    (20 before December 2017). ``count_all`` clusters every voter. ``clustered``, when given, names
    the residents to cluster instead of the in-conv rule: for a Pol.is export, those Pol.is's
    own ``in-conv`` holds after its history (once in, always in; see
    :func:`civicbot_analysis.polis.export_math`). ``hidden_columns`` counts moderated-out statements
    with votes that the data leaves out (they still weigh in Pol.is's projection, see
    :func:`civicbot_analysis.opinions.groups.project`). ``restarts`` > 0 adds seeded
    k-means++ starts to the group step (see :func:`civicbot_analysis.opinions.kmeans.kmeans`);
    ``refine`` > 0 re-runs the chosen k's groups from that many k-means++ starts and keeps the
    best residents' silhouette (off by default: on the nine shared Pol.is conversations it
    raised agreement with Pol.is on some and lowered it on others, see
    ``bench/polis_agreement.py``).
    """

    impute: str = "mean"
    count_all: bool = False
    count_modded: bool = False
    base_iters: int = g.BASE_ITERS
    restarts: int = 0
    refine: int = 0
    clustered: frozenset[str] | None = None
    hidden_columns: int = 0
    # Set for a Pol.is export whose own groups were drawn on a later math's map than its votes'
    # dates give (civicbot_analysis.polis_era): they cannot be rebuilt from the export.
    later_recompute: bool = False
    # Rows (residents) in this order rather than the order they first voted: for a recompute,
    # the order an update that reads every vote at once lays them out (replay.poll_order).
    row_order: tuple[str, ...] | None = None
    # Replay the votes' history in this many updates of equal numbers of votes (warm starts,
    # k smoother; stability.history) and report the last update's groups, rather than a fresh
    # start on the final votes: for a Pol.is export that records how many updates its math
    # ran (civicbot_analysis.polis.export_math).
    updates: int | None = None


POLIS_CURRENT = PolisMath()
POLIS_2017 = PolisMath(impute="zero", count_modded=True, base_iters=20)


def math_at(at: datetime) -> PolisMath:
    """Pol.is's math as its repository had it at ``at`` (the era of a Pol.is export's last
    vote: see :func:`civicbot_analysis.opinions.replay.era_at`)."""
    era = era_at(int(at.timestamp() * 1000))
    return PolisMath(impute=era.impute, count_modded=era.count_modded, base_iters=era.base_iters)


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
    # Share of grouped residents whose group holds when Pol.is's steps are rerun from other
    # starts and replayed at other update cadences (see civicbot_analysis.opinions.stability);
    # None when not measured.
    stability: Stability | None = None

    def members(self, group: int) -> list[str]:
        return [r for r, gi in self.groups.items() if gi == group]


def opinion_groups(
    data: RoundData,
    *,
    seed: int = 0,
    min_votes: int = 20,
    meta: Collection[str] = (),
    math: PolisMath = POLIS_CURRENT,
    stability_orders: int = ORDERS,
    stability_cadences: Sequence[int] = CADENCES,
) -> OpinionResult:
    """Opinion groups following Pol.is (see :mod:`civicbot_analysis.opinions.groups`).

    ``meta`` names statements that are about the voter rather than opinions (Pol.is's
    "is_meta", e.g. "I am under 30"): like rejected statements they take no part. ``seed``
    drives the optional k-means++ restarts; with the defaults the result is deterministic.
    ``min_votes`` is the fewest votes a statement needs to be called common ground or
    divisive. ``stability_orders`` reruns from other starts and replays of the votes' history
    with ``stability_cadences`` updates measure how stable the groups are (0 orders: not
    measured; see :mod:`civicbot_analysis.opinions.stability`).
    """
    if math.row_order is not None:
        data = reordered(data, math.row_order)
    # Rows for residents who voted only on comments the data left out (Pol.is's matrix has them).
    kept = math.clustered if math.clustered is not None and math.hidden_columns else ()
    matrix = build_vote_matrix(data, keep=kept)
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

    if math.clustered is not None and any(r in math.clustered for r in matrix.residents):
        counted = np.array([r in math.clustered for r in matrix.residents], dtype=np.bool_)
    elif math.count_all:
        counted = np.ones(matrix.n_residents, dtype=np.bool_)
    elif math.count_modded:
        era = Era(impute=math.impute, count_modded=True, base_iters=math.base_iters)
        counted = in_conv(matrix.raw, matrix.active, era, np.zeros(0, dtype=np.int64))
    else:
        counted = g.in_conversation(matrix)
    positions = g.project(matrix, g.pca(matrix, impute=math.impute), hidden=math.hidden_columns)
    row = {r: i for i, r in enumerate(matrix.residents)}
    col = {c: j for j, c in enumerate(matrix.statements)}
    arrivals = [(row[v.resident], col[v.statement]) for v in data.votes]
    era = Era(impute=math.impute, count_modded=math.count_modded, base_iters=math.base_iters)
    held = counted if math.clustered is not None else None
    replayed: g.Clustering | None = None
    if math.updates and arrivals:
        labels, replayed = history(
            matrix, arrivals, era, math.updates, hidden=math.hidden_columns, held=held
        )
        counted = counted | (labels >= 0)
    if replayed is not None:
        clustering = replayed
    else:
        clustering = g.cluster_positions(
            positions,
            counted,
            restarts=math.restarts,
            seed=seed,
            refine=math.refine,
            base_iters=math.base_iters,
        )
        labels = g.labels_from(clustering, matrix.n_residents)
    k = int(labels.max()) + 1 if (labels >= 0).any() else 0
    # Number groups by size, largest first (ties by Pol.is's order) so "Group A" is stable.
    sizes = [int(np.sum(labels == i)) for i in range(k)]
    order = sorted(range(k), key=lambda i: (-sizes[i], i))
    renumber = {old: new for new, old in enumerate(order)}
    labels = np.array([renumber.get(int(x), -1) for x in labels], dtype=np.int64)
    members = [[int(i) for i in np.flatnonzero(labels == gi)] for gi in range(k)]

    stable = None
    if stability_orders > 0 and k >= 2:
        runs = shuffled_runs(
            positions, counted, orders=stability_orders, seed=seed, base_iters=math.base_iters
        )
        replays = cadence_runs(
            matrix,
            arrivals,
            era,
            cadences=stability_cadences,
            hidden=math.hidden_columns,
            held=held,
        )
        stable = compare_kinds(labels, runs, replays)
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
        stability=stable,
    )
