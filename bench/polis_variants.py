"""The variants ``bench/polis_agreement.py`` scores against Pol.is's own groups, and how each
export is loaded. Every variant takes a :class:`Conversation` and returns its groups.

Variants (``default`` first):

- ``default``: Pol.is's steps from a fresh start on the final votes, with Pol.is's math as its
  repository had it at the export's last vote (``civicbot_analysis.polis.export_math``: before late
  2017, unseen votes as passes and moderated-out columns counted as votes; today's math where
  the export's own groups lie on today's map, ``civicbot_analysis.polis_era``), clustering the
  residents Pol.is's ``in-conv`` would hold after its history (each update's rule, once in,
  always in, replayed from votes.csv at one update a minute); no refinement;
- ``fresh start``: ``default`` with a fresh start on the final votes also where the export
  records how many updates Pol.is's math ran (``math-tick``, API conversions), which ``default``
  replays (``civicbot_analysis.polis_era.math_updates``). Every variant below starts from
  ``fresh start`` (they differ from ``default`` only on exports with ``math-tick``);
- ``report path``: the groups ``civicbot report --from-polis`` shows
  (``civicbot_analysis.report.polis_groups``: ``default``'s input, the residents kept within the
  export read without rejected comments); until 5 Dec 2026 the report drew them from the export
  read without rejected comments and scored lower;
- ``era in-conv``: the previous default: as ``default`` but clustering the residents the era's
  rule picks on the final votes alone;
- ``old default``: what this bench's ``auto`` was (export-detected 2017 math clustering every
  voter, and the chosen groups refined by the residents' silhouette);
- ``today's math``: Pol.is's current math on every export, fresh start;
- ``+refine``, ``+restarts``: ``default`` with the silhouette refinement (20 starts), or with 10
  k-means++ restarts kept by inertia;
- ``+export in-conv``: ``default`` clustering exactly the residents the export grouped;
- ``no meta``: ``default`` without setting aside statements about the voter;
- ``wording meta``: ``fresh start`` finding meta statements by wording alone, also where
  comments.csv marks them (``is-meta``, from Pol.is's API): the default before 5 Dec 2026;
- ``+batch order``: ``default`` with the residents in the order one Pol.is update adds them
  (its poller reads a batch ordered by comment id, then participant id, so a resident's row
  comes with the lowest comment they voted on), as a recompute from scratch would;
- ``+scratch-aware``: ``default``, except where the export shows Pol.is recomputed the
  conversation from scratch (it grouped exactly the residents the era's rule picks on the final
  votes, not those its history would hold): there the era's rule and ``+batch order``;
- ``replay Ns``: Pol.is's history replayed from votes.csv timestamps, one update per N seconds
  of voting, warm-started k-means and the k smoother (``civicbot_analysis.opinions.replay``);
  ``replay 3600s today``: with today's math throughout; ``replay 3600s reboot``: a math-server
  restart (fresh groups, k smoother reset) after every 30-day pause;
- ``era math only``: ``default`` without reading where the export's own groups lie
  (:mod:`civicbot_analysis.polis_era`): the last vote's era's math even where Pol.is's groups
  show a later recompute;
- ``no poll order``: ``default`` with rows always in the order residents first voted, also where
  the export shows a later recompute (which reads every vote in one poll,
  ``civicbot_analysis.opinions.replay.poll_ordered``): what ``default`` was before;
- ``+reboot``: a math-server restart as ``conv_man.clj``'s ``load-or-init`` does it: the base
  clusters of ``default``'s run are kept and recentred on exactly the residents the export grouped,
  with each k's groups and the k smoother started afresh (Pol.is does not store them);
- ``+reboot if reset``: ``+reboot`` only where the replayed history holds residents the export
  did not group (Pol.is's ``in-conv`` was reset after that history), else ``default``;
- ``+full recompute``: one update over every vote, as a recompute from scratch: the export's
  grouped residents, rows in poll order;
- ``baseline``: plain PCA and scikit-learn k-means, k by silhouette.

:func:`one_time_copy` writes a copy of an export whose ``votes.csv`` is rebuilt from
``participants-votes.csv`` with every vote stamped at the export's last vote time (file order
kept), as exports without vote times come; ``polis_agreement.py --one-time DIR`` scores those.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score

from civicbot_analysis import polis_era as era
from civicbot_analysis.opinions import POLIS_CURRENT, PolisMath, opinion_groups
from civicbot_analysis.opinions import groups as g
from civicbot_analysis.opinions import replay as rp
from civicbot_analysis.opinions.matrix import build_vote_matrix
from civicbot_analysis.opinions.result import math_at
from civicbot_analysis.polis import (
    META_PATTERN,
    export_math,
    meta_statements,
    read_polis,
    read_polis_groups,
)
from civicbot_analysis.report.polis_groups import polis_opinion_input, shown_within
from civicbot_analysis.rounddata import RoundData

Groups = dict[str, int]
CADENCES = (10.0, 60.0, 600.0, 3600.0)
MONTH_S = 30 * 24 * 3600.0
# Part of every cache key: bump it when the replay code changes, so stale groups are not reused.
CACHE_VERSION = 3  # 3: the 2017 counting era starts on 2017-02-27


@dataclass
class Conversation:
    folder: Path
    data: RoundData
    theirs: Groups
    meta: set[str]
    math: PolisMath  # the default's math without its replay (updates=None): a fresh start
    meta_pattern: str | None = None
    updates: int | None = None  # the default's replay of Pol.is's updates (export_math)

    @property
    def default_math(self) -> PolisMath:
        return dataclasses.replace(self.math, updates=self.updates)

    @property
    def name(self) -> str:
        return self.folder.name


def load(folder: Path, meta_pattern: str) -> Conversation:
    data = read_polis(folder, keep_rejected=True)
    meta = meta_statements(data, meta_pattern)
    math = export_math(folder, data, meta)
    fresh = dataclasses.replace(math, updates=None)
    theirs = read_polis_groups(folder)
    return Conversation(folder, data, theirs, meta, fresh, meta_pattern, math.updates)


def ours(conv: Conversation, math: PolisMath, meta: set[str] | None = None) -> Groups:
    meta = conv.meta if meta is None else meta
    res = opinion_groups(conv.data, meta=meta, math=math, stability_orders=0)
    return res.groups


def _number_first(text: str) -> tuple[int, int | str]:
    return (0, int(text)) if text.isdigit() else (1, text)


def scratch_aware(conv: Conversation) -> Groups:
    """``default``, or a recompute from scratch where the export's grouped residents say so."""
    rule = set(ours(conv, dataclasses.replace(conv.math, clustered=None)))
    held = conv.math.clustered
    if held is not None and set(conv.theirs) == rule != held:
        return batch_order(conv, dataclasses.replace(conv.math, clustered=None))
    return ours(conv, conv.math)


def batch_order(conv: Conversation, math: PolisMath | None = None) -> Groups:
    """``default`` with rows in the order a single Pol.is update reads them (by comment id,
    then participant id): how a conversation recomputed from scratch lays out its rows."""
    first: dict[str, tuple[int, int | str]] = {}
    for v in conv.data.votes:
        key = _number_first(v.statement)
        first[v.resident] = min(first.get(v.resident, key), key)
    order = sorted(
        (r for r in conv.data.residents if r.id in first),
        key=lambda r: (first[r.id], _number_first(r.id)),
    )
    data = dataclasses.replace(conv.data, residents=tuple(order))
    math = conv.math if math is None else math
    return opinion_groups(data, meta=conv.meta, math=math, stability_orders=0).groups


def report_path(conv: Conversation) -> Groups:
    """The groups ``civicbot report --from-polis`` shows: its input
    (:func:`civicbot_analysis.report.polis_groups.polis_opinion_input`) and its steps
    (``report_opinions``: groups drawn from the export read with rejected comments, kept within
    the export read without them), the stability reruns left out (they do not move a group)."""
    given = polis_opinion_input(conv.folder)
    result = opinion_groups(given.data, meta=given.meta, math=given.math, stability_orders=0)
    return shown_within(result, read_polis(conv.folder)).groups


def wording_meta(conv: Conversation) -> Groups:
    meta = meta_statements(conv.data, conv.meta_pattern or META_PATTERN, marked=False)
    math = dataclasses.replace(export_math(conv.folder, conv.data, meta), updates=None)
    return ours(conv, math, meta=meta)


def old_default(conv: Conversation) -> Groups:
    matrix = build_vote_matrix(conv.data)
    grouped = np.array([r in conv.theirs for r in matrix.residents], dtype=np.bool_)
    every = g.export_clusters_every_voter(matrix.vote_counts(), grouped, matrix.n_statements)
    math = PolisMath(impute="zero", count_all=True) if every else POLIS_CURRENT
    return ours(conv, dataclasses.replace(math, refine=g.REFINE_STARTS))


def export_in_conv(conv: Conversation) -> Groups:
    """``default`` with the export's own grouped residents as the residents clustered."""
    return fresh_with(conv, set(conv.theirs))


def fresh_with(conv: Conversation, clustered: set[str]) -> Groups:
    matrix = build_vote_matrix(conv.data)
    active = np.array(
        [a and s not in conv.meta for s, a in zip(matrix.statements, matrix.active, strict=True)]
    )
    matrix = dataclasses.replace(matrix, active=active)
    counted = np.array([r in clustered for r in matrix.residents], dtype=np.bool_)
    positions = g.project(matrix, g.pca(matrix, impute=conv.math.impute))
    clustering = g.cluster_positions(positions, counted, base_iters=conv.math.base_iters)
    labels = g.labels_from(clustering, matrix.n_residents)
    return {r: int(x) for r, x in zip(matrix.residents, labels, strict=True) if x >= 0}


def baseline(conv: Conversation) -> Groups:
    matrix = build_vote_matrix(conv.data)
    keep = [j for j, s in enumerate(matrix.statements) if matrix.active[j] and s not in conv.meta]
    raw = matrix.raw[:, keep]
    rows = np.flatnonzero(np.sum(~np.isnan(matrix.raw), axis=1) >= min(7, matrix.n_statements))
    filled = np.where(np.isnan(raw), np.nan_to_num(np.nanmean(raw, axis=0)), raw)
    xy = PCA(n_components=2, random_state=0).fit_transform(filled)[rows]
    best: tuple[float, np.ndarray] | None = None
    for k in range(2, min(6, len(rows))):
        labels = KMeans(k, n_init=10, random_state=0).fit_predict(xy)
        score = float(silhouette_score(xy, labels))
        if best is None or score > best[0]:
            best = (score, labels)
    if best is None:
        return {}
    return {matrix.residents[i]: int(x) for i, x in zip(rows, best[1], strict=True)}


def replayed(conv: Conversation, options: rp.ReplayOptions) -> Groups:
    if not (conv.folder / "votes.csv").exists():
        return {}  # no vote times to replay
    votes = rp.read_vote_times(conv.folder)
    rejected = {s.id for s in conv.data.statements if s.moderated == -1}
    return rp.replay_groups(rp.replay(votes, rejected=rejected, meta=conv.meta, options=options))


def era_math(conv: Conversation) -> Groups:
    """``default`` with the math of the last vote's era even where the export's groups lie on
    a later map (what ``default`` was before ``civicbot_analysis.polis_era``)."""
    if not conv.math.later_recompute or conv.data.closed_at is None:
        return ours(conv, conv.math)
    era = math_at(conv.data.closed_at)
    return ours(conv, dataclasses.replace(
        era, clustered=conv.math.clustered, hidden_columns=conv.math.hidden_columns
    ))  # fmt: skip


def _positions(conv: Conversation) -> tuple[np.ndarray, list[str]]:
    order = conv.math.row_order
    matrix = build_vote_matrix(conv.data if order is None else rp.reordered(conv.data, order))
    active = np.array(
        [a and s not in conv.meta for s, a in zip(matrix.statements, matrix.active, strict=True)]
    )
    matrix = dataclasses.replace(matrix, active=active)
    p = g.pca(matrix, impute=conv.math.impute)
    return g.project(matrix, p, hidden=conv.math.hidden_columns), list(matrix.residents)


def reboot(conv: Conversation) -> Groups:
    """``default``'s base clusters reloaded after a restart over the export's grouped residents,
    groups and k afresh (``load-or-init`` keeps ``:base-clusters``, not ``:group-clusterings``
    or ``:group-k-smoother``)."""
    positions, rows = _positions(conv)
    held = conv.math.clustered or frozenset(conv.theirs)
    before = np.array([r in held for r in rows], dtype=np.bool_)
    grouped = np.array([r in conv.theirs for r in rows], dtype=np.bool_)
    it = conv.math.base_iters
    first = g.cluster_positions(positions, before, base_iters=it)
    kept = dataclasses.replace(first, by_k={}, k_state=g.KState())
    after = g.cluster_positions(positions, grouped, kept, base_iters=it)
    labels = g.labels_from(after, len(rows))
    return {r: int(x) for r, x in zip(rows, labels, strict=True) if x >= 0}


def reboot_if_reset(conv: Conversation) -> Groups:
    """``+reboot`` where the export shows Pol.is's ``in-conv`` was reset after its history (its
    history holds residents the export did not group), ``default`` elsewhere."""
    held = conv.math.clustered
    if held is not None and set(held) - set(conv.theirs):
        return reboot(conv)
    return ours(conv, conv.math)


def full_recompute(conv: Conversation) -> Groups:
    votes = rp.read_vote_times(conv.folder)
    order = rp.poll_order((v.resident, v.statement) for v in votes)
    return ours(
        conv, dataclasses.replace(conv.math, clustered=frozenset(conv.theirs), row_order=order)
    )


def one_time_copy(folder: Path, out: Path) -> Path:
    """A copy of the export ``folder`` under ``out`` without vote times: ``votes.csv`` rebuilt
    from ``participants-votes.csv`` (its rows and columns in file order), every vote stamped
    at the export's last vote time."""
    dest = out / folder.name
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("comments.csv", "participants-votes.csv", "summary.csv"):
        if (folder / name).exists():
            shutil.copy(folder / name, dest / name)
    last = max((v.at for v in rp.read_vote_times(folder)), default=0)
    fixed = {"participant", "xid", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"}
    with (
        (folder / "participants-votes.csv").open(newline="", encoding="utf-8") as f,
        (dest / "votes.csv").open("w", newline="", encoding="utf-8") as o,
    ):
        w = csv.writer(o)
        w.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        for row in csv.DictReader(f):
            for col, cell in row.items():
                if col is not None and col not in fixed and (cell or "").strip():
                    w.writerow([last, "", col, row["participant"], int(float(cell))])
    return dest


def variants(replays: bool) -> dict[str, Callable[[Conversation], Groups]]:
    out: dict[str, Callable[[Conversation], Groups]] = {
        "default": lambda c: ours(c, c.default_math),
        "fresh start": lambda c: ours(c, c.math),
        "report path": report_path,
        "era in-conv": lambda c: ours(c, dataclasses.replace(c.math, clustered=None)),
        "old default": old_default,
        "today's math": lambda c: ours(c, POLIS_CURRENT),
        "+refine": lambda c: ours(c, dataclasses.replace(c.math, refine=g.REFINE_STARTS)),
        "+restarts": lambda c: ours(c, dataclasses.replace(c.math, restarts=10)),
        "+export in-conv": export_in_conv,
        "no meta": lambda c: ours(c, c.math, meta=set()),
        "wording meta": wording_meta,
        "+batch order": batch_order,
        "+scratch-aware": scratch_aware,
        "era math only": era_math,
        "no poll order": lambda c: ours(c, dataclasses.replace(c.math, row_order=None)),
        "+reboot": reboot,
        "+reboot if reset": reboot_if_reset,
        "+full recompute": full_recompute,
        "baseline": baseline,
    }
    if replays:
        for cadence in CADENCES:
            opts = rp.ReplayOptions(cadence_s=cadence)
            out[f"replay {cadence:g}s"] = lambda c, o=opts: replayed(c, o)
        today = rp.ReplayOptions(cadence_s=3600.0, historical=False)
        out["replay 3600s today"] = lambda c: replayed(c, today)
        restart = rp.ReplayOptions(cadence_s=3600.0, reboot_gap_s=MONTH_S)
        out["replay 3600s reboot"] = lambda c: replayed(c, restart)
    return out


def cached(cache: Path | None, conv: Conversation, name: str, run: Callable[[], Groups]) -> Groups:
    if cache is None or not name.startswith("replay"):
        return run()
    stamp = "|".join(
        f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
        for p in sorted(conv.folder.glob("*.csv"))
    )
    text = f"{CACHE_VERSION}|{conv.name}|{name}|{stamp}|{sorted(conv.meta)}"
    key = hashlib.sha256(text.encode()).hexdigest()
    path = cache / f"{key[:32]}.json"
    if path.exists():
        return {str(r): int(x) for r, x in json.loads(path.read_text()).items()}
    groups = run()
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(groups))
    return groups


def separation(conv: Conversation, impute: str) -> float:
    """How well Pol.is's groups are told apart on the map drawn with ``impute``."""
    return era.separation(conv.data, conv.theirs, conv.meta, impute)
