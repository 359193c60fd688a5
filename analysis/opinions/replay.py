"""Replaying a Pol.is conversation's history: the updates Pol.is ran as votes arrived.

Pol.is does not cluster a conversation once. Its math (polismath ``conv_man.clj``,
``conversation.clj``) polls new votes and runs one update per batch, and every update starts
from the last: residents once counted (``in-conv``) stay counted, the base clusters and each k's
groups are k-means warm-started from the previous update's clusters (matched by members, not by
position, so the sign of a principal component does not matter), and the k shown changes only
after a new best k has won ``group-k-buffer`` = 4 updates running (``group-k-smoother``). A final
export is the end of that history; this module replays it from the votes' timestamps.

What the export cannot tell us, and the choices made here:

- **Cadence.** Pol.is polls about once a second and a big conversation's update takes seconds,
  so votes arrive in batches. An update here closes every ``cadence_s`` seconds of voting time
  (one update per batch of votes whose first vote is less than ``cadence_s`` old). The outcome
  depends on the cadence; :mod:`civicbot_analysis.opinions.stability` measures how much.
- **Math era.** Pol.is's math changed while the shared conversations ran. Before its fix
  committed on 31 October 2017 ("fix bad counting bug for :user-vote-counts") a resident's vote
  count for ``in-conv`` included every moderated-out or meta column, which Pol.is sets to 0 for
  everyone, so with seven such columns everyone who voted once was clustered; before 21 October
  2017 unseen votes were imputed as passes (0), after it by the column mean; before 8 December
  2017 the base k-means ran at most 20 steps (its ``:cluster-iters`` option was ignored).
  :func:`era_at` picks the era in force at an update's time from those commit dates, except
  the counting fix, whose deployment an export dates: football-concussions groups every voter
  with fewer than 7 votes who arrived up to 20 December 2017 (the last at 21:16 UTC) and none
  from 6 January 2018 (the first at 12:57 UTC), so the old counting ran until the fix went live
  between the two (``COUNT_FIX_FROM``, 1 January 2018; any date in that gap gives the same
  groups on the nine shared exports). The miscount began on 27 February 2017 (``COUNT_BUG_FROM``,
  "reversibly ignore is_meta and moderated out comments on pca etc", which zeroed those columns in
  the matrix the counts read); before it only votes cast counted, as today.
- **Restarts.** When Pol.is's math server restarted it reloaded a conversation's ``in-conv`` and
  base clusters but not the per-k groups or the k smoother (``load-or-init``), so the next
  update started its groups fresh and showed the best k at once. ``reboot_gap_s`` models a
  restart after a pause in voting longer than that; ``None`` assumes none.
- **Moderation and meta statements** are applied as they stand at export (the export has no
  moderation times). Rejected comments' votes are kept, as Pol.is keeps them.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from civicbot_analysis.opinions import groups as g
from civicbot_analysis.opinions.matrix import VoteMatrix
from civicbot_analysis.rounddata import RoundData

IntArray = npt.NDArray[np.int64]

# Pol.is commits that changed the math, as Unix milliseconds (UTC midnight of the commit day).
MEAN_IMPUTE_FROM = 1508544000000  # 2017-10-21 "Use column/comment averages instead of 0s"
# "fix bad counting bug for :user-vote-counts" was committed on 2017-10-31 but went live between
# 2017-12-20 and 2018-01-06 (football-concussions' export; see the module docstring).
COUNT_FIX_FROM = 1514764800000  # 2018-01-01
COUNT_BUG_FROM = 1488153600000  # 2017-02-27 "reversibly ignore is_meta and moderated out comments"
BASE_ITERS_FIX_FROM = 1512691200000  # 2017-12-08 "fix max-iters specification in base-clusters"


@dataclass(frozen=True, slots=True)
class TimedVote:
    resident: str
    statement: str
    vote: int
    at: int  # Unix milliseconds


@dataclass(frozen=True, slots=True)
class Era:
    """The Pol.is behaviour in force at one update."""

    impute: str = "mean"  # unseen votes: column "mean" (today) or "zero" (a pass, before 2017-10)
    count_modded: bool = False  # in-conv counts moderated-out/meta columns as votes (2017 bug)
    base_iters: int = g.BASE_ITERS


TODAY = Era()


def era_at(at_ms: int) -> Era:
    """Pol.is's math as its repository had it at ``at_ms`` (see the module docstring)."""
    return Era(
        impute="mean" if at_ms >= MEAN_IMPUTE_FROM else "zero",
        count_modded=COUNT_BUG_FROM <= at_ms < COUNT_FIX_FROM,
        base_iters=g.BASE_ITERS if at_ms >= BASE_ITERS_FIX_FROM else 20,
    )


@dataclass(frozen=True, slots=True)
class ReplayOptions:
    cadence_s: float = 60.0
    historical: bool = True  # follow Pol.is's math as it was at each update (era_at), else TODAY
    reboot_gap_s: float | None = None
    buffer: int = g.K_BUFFER


@dataclass(frozen=True)
class ReplayResult:
    residents: tuple[str, ...]  # rows, in order of first vote
    labels: IntArray  # group per row at the last update, -1 when not clustered
    k: int
    k_history: tuple[int, ...]  # k shown after each update
    n_updates: int


def read_vote_times(folder: str | Path) -> list[TimedVote]:
    """Every vote in a Pol.is export's ``votes.csv`` (re-votes included), oldest first; ties
    keep file order. 1 agree, -1 disagree, 0 pass, as the export writes them."""
    out: list[tuple[int, int, TimedVote]] = []
    with (Path(folder) / "votes.csv").open(newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            at = int(row["timestamp"])
            vote = int(row["vote"])
            if vote not in (-1, 0, 1):
                raise ValueError(f"votes.csv row {i + 2}: vote {row['vote']!r} is not 1, -1 or 0")
            tv = TimedVote(row["voter-id"].strip(), row["comment-id"].strip(), vote, at)
            out.append((at, i, tv))
    out.sort(key=lambda t: (t[0], t[1]))
    return [t[2] for t in out]


def batches(votes: Sequence[TimedVote], cadence_s: float) -> list[int]:
    """End index (exclusive) of each update's batch: a batch takes the votes that arrive within
    ``cadence_s`` seconds of its first vote."""
    ends: list[int] = []
    start_at: int | None = None
    width = cadence_s * 1000.0
    for i, v in enumerate(votes):
        if start_at is None:
            start_at = v.at
        elif v.at - start_at >= width:
            ends.append(i)
            start_at = v.at
    if votes:
        ends.append(len(votes))
    return ends


def in_conv(
    raw: npt.NDArray[np.float64], active: npt.NDArray[np.bool_], era: Era, already: IntArray
) -> npt.NDArray[np.bool_]:
    """Pol.is's ``in-conv`` at one update (see
    :func:`civicbot_analysis.opinions.groups.in_conversation`), with the 2017 counting when
    ``era.count_modded``."""
    seen = ~np.isnan(raw)
    counts = seen.sum(axis=1)
    if era.count_modded:
        counts = seen[:, active].sum(axis=1) + int((~active).sum())
    counts = counts.astype(np.int64)
    keep = counts >= min(g.MIN_VOTES, raw.shape[1])
    keep[already] = True
    n_in = int(keep.sum())
    if n_in < g.GREEDY_N:
        order = np.argsort(-counts, kind="stable")
        extra = [i for i in order if not keep[i]][: g.GREEDY_N - n_in]
        keep[extra] = True
    return keep


def replay(
    votes: Sequence[TimedVote],
    *,
    rejected: Collection[str] = (),
    meta: Collection[str] = (),
    options: ReplayOptions = ReplayOptions(),
) -> ReplayResult:
    """Run Pol.is's updates over ``votes`` (oldest first) and return the last one's groups."""
    rows: dict[str, int] = {}
    cols: dict[str, int] = {}
    for v in votes:
        rows.setdefault(v.resident, len(rows))
        cols.setdefault(v.statement, len(cols))
    out_cols = set(rejected) | set(meta)
    active_all = np.array([c not in out_cols for c in cols], dtype=np.bool_)
    raw_all = np.full((len(rows), len(cols)), np.nan)
    residents = tuple(rows)
    statements = tuple(cols)

    previous: g.Clustering | None = None
    counted = np.zeros(0, dtype=np.int64)
    k_history: list[int] = []
    n_rows = n_cols = 0
    last_at: int | None = None
    start = 0
    for end in batches(votes, options.cadence_s):
        for v in votes[start:end]:
            r, c = rows[v.resident], cols[v.statement]
            raw_all[r, c] = float(v.vote)
            n_rows, n_cols = max(n_rows, r + 1), max(n_cols, c + 1)
        first_at, at = votes[start].at, votes[end - 1].at
        start = end
        era = era_at(at) if options.historical else TODAY
        if (
            previous is not None
            and options.reboot_gap_s is not None
            and last_at is not None
            and first_at - last_at > options.reboot_gap_s * 1000.0
        ):
            previous = replace(previous, by_k={}, k_state=g.KState())
        last_at = at
        matrix = VoteMatrix(
            residents=residents[:n_rows],
            statements=statements[:n_cols],
            raw=raw_all[:n_rows, :n_cols],
            active=active_all[:n_cols],
        )
        if n_rows < 2 or not matrix.active.any():
            continue
        keep = in_conv(matrix.raw, matrix.active, era, counted)
        counted = np.flatnonzero(keep)
        positions = g.project(matrix, g.pca(matrix, impute=era.impute))
        previous = g.cluster_positions(
            positions,
            keep,
            previous,
            refine=0,
            base_iters=era.base_iters,
            buffer=options.buffer,
        )
        k_history.append(previous.k)
    labels = np.full(len(residents), -1, dtype=np.int64)
    k = 0
    if previous is not None:
        labels[:n_rows] = g.labels_from(previous, n_rows)
        k = int(labels.max()) + 1 if (labels >= 0).any() else 0
    return ReplayResult(
        residents=residents,
        labels=labels,
        k=k,
        k_history=tuple(k_history),
        n_updates=len(k_history),
    )


def history_in_conv(
    votes: Sequence[TimedVote],
    *,
    rejected: Collection[str] = (),
    meta: Collection[str] = (),
    cadence_s: float = 60.0,
) -> set[str]:
    """Who Pol.is's ``in-conv`` holds after replaying its updates (the rule of each update's
    era, as :func:`in_conv`; once in, always in), without the clustering: cheap, for a fresh
    start that clusters the residents Pol.is's history would have. Counts are kept as votes
    arrive, so an update looks only at the residents who voted in it, except when the rule
    itself moves (fewer than seven statements, a new moderated-out column under the 2017
    counting, a change of era) or fewer than ``GREEDY_N`` are in."""
    out_cols = set(rejected) | set(meta)
    rows: dict[str, int] = {}
    cols: set[str] = set()
    voted: set[tuple[int, str]] = set()
    n_all: list[int] = []  # distinct statements voted on, per row
    n_active: list[int] = []  # ... of them not moderated out
    held: list[bool] = []
    n_in = n_inactive = 0
    last_rule: tuple[int, bool, int] | None = None
    start = 0
    for end in batches(votes, cadence_s):
        touched: set[int] = set()
        for v in votes[start:end]:
            r = rows.setdefault(v.resident, len(rows))
            if r == len(n_all):
                n_all.append(0)
                n_active.append(0)
                held.append(False)
            if v.statement not in cols:
                cols.add(v.statement)
                n_inactive += v.statement in out_cols
            if (r, v.statement) not in voted:
                voted.add((r, v.statement))
                n_all[r] += 1
                n_active[r] += v.statement not in out_cols
                touched.add(r)
        era = era_at(votes[end - 1].at)
        start = end
        need = min(g.MIN_VOTES, len(cols))
        extra = n_inactive if era.count_modded else 0
        rule = (need, era.count_modded, extra)
        counts = n_active if era.count_modded else n_all
        check = range(len(held)) if rule != last_rule else touched
        last_rule = rule
        for r in check:
            if not held[r] and counts[r] + extra >= need:
                held[r] = True
                n_in += 1
        if n_in < g.GREEDY_N:
            # Stable on -count, so row order breaks ties, as in :func:`in_conv`.
            order = sorted(range(len(held)), key=lambda i: -(counts[i] + extra))
            for r in [i for i in order if not held[i]][: g.GREEDY_N - n_in]:
                held[r] = True
                n_in += 1
    return {name for name, r in rows.items() if held[r]}


def held_in_conv(
    votes: Sequence[TimedVote],
    grouped: Collection[str],
    *,
    rejected: Collection[str] = (),
    meta: Collection[str] = (),
) -> set[str]:
    """Who Pol.is's ``in-conv`` held at an export: :func:`history_in_conv` when the votes carry
    times; when every vote bears one time (an export whose ``votes.csv`` was rebuilt from
    ``participants-votes.csv``) there is no history to replay, and the export's own record of
    whom Pol.is clustered, ``grouped`` (its non-blank ``group-id`` cells), is the only account
    of it left, so that is used (the era's rule on the final votes when it records none)."""
    if grouped and len({v.at for v in votes}) <= 1:
        return set(grouped)
    return history_in_conv(votes, rejected=rejected, meta=meta)


def _id_key(text: str) -> tuple[int, int | str]:
    return (0, int(text)) if text.isascii() and text.isdigit() else (1, text)


def poll_order(votes: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """Residents in the order one Pol.is update that reads every vote at once adds their rows,
    from (resident, statement) pairs, votes on rejected statements included: a math server that
    starts on a conversation (``load-or-init`` in ``conv_man.clj``, on a reboot or a full
    recompute) polls all its votes ordered by comment id, then participant id (``conv-poll`` in
    ``postgres.clj``), and a row is added at a participant's first vote in that stream, so by
    the lowest comment id they voted on, then by participant id."""
    first: dict[str, tuple[int, int | str]] = {}
    for resident, statement in votes:
        key = _id_key(statement)
        first[resident] = min(first.get(resident, key), key)
    return tuple(sorted(first, key=lambda r: (first[r], _id_key(r))))


def reordered(data: RoundData, order: Sequence[str]) -> RoundData:
    """``data`` with its residents in ``order``; residents it does not name keep their place
    after those it does."""
    at = {r: i for i, r in enumerate(order)}
    residents = sorted(data.residents, key=lambda r: at.get(r.id, len(at)))
    return replace(data, residents=tuple(residents))


def replay_groups(result: ReplayResult) -> dict[str, int]:
    return {r: int(x) for r, x in zip(result.residents, result.labels, strict=True) if x >= 0}
