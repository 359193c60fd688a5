"""Which Pol.is math a Pol.is export's own groups came from, read from the export itself.

An export's groups (``group-id`` in ``participants-votes.csv``) are whatever Pol.is's math last
stored for the conversation, and Pol.is reruns a conversation with the math of the day whenever
it loads it again: since 30 November 2017 (polismath ``conv_man.clj``, "make sure to do an update
on conv immediately after loaded in conv-actor") every load runs an update, and a load follows
any later vote, moderation or report request. So the votes' dates give the math in force at the
last vote (:func:`civicbot_analysis.opinions.result.math_at`), but a conversation that closed
before a change of math may show groups from a later one, and the export records no date for
that update.

What the nine shared exports say about the ways to tell:

- **Who was grouped** does not tell them apart. On every one of them, the residents Pol.is
  grouped are those its ``in-conv`` rule of the last vote's era holds after replaying its
  history (``bench/polis_agreement.py``, "who each export's Pol.is clustered"): in 2017 the
  rule counted moderated-out and meta columns as votes, so with seven or more of them every
  voter was grouped, however few votes they cast (the 86 residents of affordable-housing with
  fewer than 7 votes among them), and a later update keeps them (once in, always in).
- **The dates** do not tell them apart: affordable-housing, freshwater and ubi were all run by
  the same organiser and closed within two months of each other in mid-2017.
- **Where the groups lie** does. Before 21 October 2017 Pol.is filled unseen votes with passes;
  after it, with the statement's mean vote; the two maps differ. Put each grouped resident
  with the nearest centre of Pol.is's own groups on each map: the map the groups came from
  gives them back (adjusted Rand index 0.87 to 1.00 on the era's map for eight of the nine);
  affordable-housing's groups give 0.07 on the map of its era and 0.78 on the later map.

So :func:`later_math` reads Pol.is's groups only to tell which of two maps they were drawn on (never
who is in which group): where an export's last vote predates the change of imputation and its groups
are told apart better on the later map by at least ``MARGIN`` (0.3, "clearly"; set before scoring
any of our groups with it, though the separations below were already known from the previous bench;
on the four 2017 exports the differences are -0.53, -0.02, 0.00 and +0.71, so any margin from 0.03
to 0.70 reads them alike), the groups came from a later recompute, and
:func:`civicbot_analysis.polis.export_math` follows today's math (a fresh start over the same
residents), with the rows in the order a math server that starts on a conversation reads them: it
polls every vote at once, ordered by comment id and then participant id (``conv-poll``), which is
also the order in which all 14 development exports list their participants. That cannot rebuild the
recompute itself, which started from Pol.is's stored state (its last components, base clusters and
``in-conv``): on affordable-housing it gives ARI 0.60 with Pol.is's 2 groups (0.10 with 5 groups
with the rows in the order residents first voted; the era's math gave -0.06 with 2). The recompute's
map can be approached: Pol.is's PCA is power iteration warm-started from its stored components (10
steps per update, ``pca.clj``), and starting from the 2017 map's components, Pol.is's groups are
told apart at 0.94, 0.96 and 0.98 after 1, 2 and 3 steps on today's imputed matrix (0.81 after the
11 products of one update, 0.78 converged). On those maps the best two-group k-means split agrees
with Pol.is's at 0.93, but Pol.is's own start-dependent k-means, fresh or warm-started from a
replayed 2017 state, does not find it (ARI -0.07 to 0.35), and how many updates ran is not recorded;
so nothing here is fitted to it. The report says the groups cannot be rebuilt.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

from civicbot_analysis.opinions import groups as g
from civicbot_analysis.opinions.matrix import build_vote_matrix
from civicbot_analysis.opinions.result import POLIS_2017, POLIS_CURRENT, PolisMath
from civicbot_analysis.polis_files import read_summary
from civicbot_analysis.rounddata import RoundData

MARGIN = 0.3  # how much better a later map must tell Pol.is's groups apart


@dataclass(frozen=True, slots=True)
class MapFit:
    """How well Pol.is's groups are told apart on each map (adjusted Rand index of the groups
    against each resident's nearest group centre; NaN when fewer than two residents)."""

    era: str  # the imputation in force at the last vote: "zero" or "mean"
    fit_era: float
    fit_later: float  # on today's map ("mean"); equal to fit_era when the era is today's

    @property
    def later(self) -> bool:
        return self.era != "mean" and self.fit_later - self.fit_era >= MARGIN


def separation(
    data: RoundData, theirs: Mapping[str, int], meta: Collection[str], impute: str
) -> float:
    """Adjusted Rand index of Pol.is's groups ``theirs`` against each grouped resident put with
    the nearest centre of those groups, on the map drawn with ``impute``."""
    matrix = build_vote_matrix(data)
    out = set(meta)
    active = np.array(
        [a and s not in out for s, a in zip(matrix.statements, matrix.active, strict=True)]
    )
    matrix = dataclasses.replace(matrix, active=active)
    rows = [i for i, r in enumerate(matrix.residents) if r in theirs]
    if len(rows) < 2 or not active.any():
        return float("nan")
    xy = g.project(matrix, g.pca(matrix, impute=impute))[rows]
    labels = np.array([theirs[matrix.residents[i]] for i in rows])
    ids = sorted(set(labels.tolist()))
    centres = np.stack([xy[labels == k].mean(axis=0) for k in ids])
    nearest = np.argmin(np.linalg.norm(xy[:, None, :] - centres[None], axis=2), axis=1)
    return float(adjusted_rand_score(labels, nearest))


def later_math(
    data: RoundData, theirs: Mapping[str, int], meta: Collection[str], era_impute: str
) -> MapFit:
    """Which map Pol.is's groups were drawn on: the era's (``era_impute``) or today's."""
    fit_era = separation(data, theirs, meta, era_impute)
    fit_later = fit_era if era_impute == "mean" else separation(data, theirs, meta, "mean")
    return MapFit(era_impute, fit_era, fit_later)


def undated_math(data: RoundData, theirs: Mapping[str, int], meta: Collection[str]) -> PolisMath:
    """The math of a Pol.is export whose votes carry no dates, read from the export alone: the
    residents it grouped are those clustered; ``POLIS_2017`` when Pol.is grouped every voter,
    some with fewer votes than its rule of today lets in
    (:func:`civicbot_analysis.opinions.groups.export_clusters_every_voter`), unless its groups lie
    clearly better on today's map (:func:`later_math`, as for a dated export), else today's."""
    matrix = build_vote_matrix(data)
    grouped = np.array([r in theirs for r in matrix.residents], dtype=np.bool_)
    old = g.export_clusters_every_voter(matrix.vote_counts(), grouped, matrix.n_statements)
    math = POLIS_2017 if old else POLIS_CURRENT
    if old and later_math(data, theirs, meta, "zero").later:
        math = dataclasses.replace(POLIS_CURRENT, later_recompute=True)
    return dataclasses.replace(math, clustered=frozenset(theirs) or None)


MAX_UPDATES = 1024  # a cost cap (about 15 s on 400 residents); Pol.is ran 6 to 12,716 on dev data
# More votes per update than this says the math's updates began after the voting: a recompute.
MAX_VOTES_PER_UPDATE = 50


def math_updates(folder: str | Path, votes: int) -> int | None:
    """How many updates Pol.is's math ran over the conversation's ``votes`` votes, where the
    export records it (``math-tick`` in summary.csv: Pol.is's ``math_tick``, counted per math
    environment, which ``bench/polis_from_api.py`` writes from Pol.is's API), capped at
    ``MAX_UPDATES``; None where the export does not say (openData's CSV exports), or where
    the count is too small to have followed the voting (over ``MAX_VOTES_PER_UPDATE`` votes per
    update: the math was recomputed from scratch after the voting, which a fresh start is).

    Pol.is shows the groups of its last update, which started from the one before (both
    k-means warm-started, k smoothed over ``K_BUFFER`` updates), not those of a fresh start on
    the final votes: on the 22 development conversations of ``bench/polis_community_split.txt``
    a replay of their votes in 1,024 equal updates chose Pol.is's k on all 22 (a fresh start on
    15), and agreed with Pol.is's groups at median ARI 0.91 against 0.84
    (``bench/polis_history_probe.py``; ``bench/results/polis_dev36_*.txt``). Their ticks give
    0.5 to 5.4 votes per update, except one (1,301: ``math-tick`` 6 on 7,808 votes, a 2017
    conversation whose math was rebuilt later); any bound from 6 to 1,300 reads them alike."""
    try:
        tick = int(float(read_summary(Path(folder)).get("math-tick", "").strip() or 0))
    except ValueError:
        return None
    if tick <= 0 or votes > tick * MAX_VOTES_PER_UPDATE:
        return None
    return min(tick, MAX_UPDATES)
