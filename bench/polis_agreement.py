"""How closely our opinion groups agree with Pol.is's own, on Pol.is export folders.

    python bench/polis_agreement.py ../shared/data/polis/*/

Prints, from one command:

1. per conversation, for the default method (what ``civicbot report --from-polis`` does): our k
   and Pol.is's, the adjusted Rand index (ARI) between our groups and Pol.is's ``group-id`` over
   the residents both group, and how stable our groups are (share of grouped residents whose
   group holds across 10 reruns in shuffled orders, and also across the replays below);
2. the MEDIAN and MINIMUM ARI over all folders and how many have k equal to Pol.is's;
3. an ablation table: the same figures for every variant tried, never only the best;
4. who each export's Pol.is clustered, against the in-conv rule of the math at its last vote and
   the in-conv its replayed history would hold (where they differ, the groups came from a
   history a fresh start cannot see);
5. which math Pol.is's own groups fit: the ARI of Pol.is's groups against the same residents
   each put with the nearest centre of Pol.is's groups, on the map drawn with unseen votes as
   the column mean (Pol.is since late 2017) and as passes (before): a diagnosis only, it reads
   Pol.is's groups, and no variant uses it;
6. a leave-one-out figure: for each conversation, the variant that scores best (median, then
   minimum) on the other folders, scored on the one left out.

Variants (``default`` first):

- ``default``: Pol.is's steps from a fresh start on the final votes, with Pol.is's math as its
  repository had it at the export's last vote (``civicbot_analysis.polis.export_math``: before late
  2017, unseen votes as passes and moderated-out columns counted as votes), clustering the
  residents Pol.is's ``in-conv`` would hold after its history (each update's rule, once in,
  always in, replayed from votes.csv at one update a minute); no refinement;
- ``report path``: ``default`` on the export as ``civicbot report --from-polis`` reads it
  (rejected comments and their votes left out; ``export_math`` counts the rejected columns
  back into the projection, as Pol.is's matrix keeps them zeroed);
- ``era in-conv``: the previous default: as ``default`` but clustering the residents the era's
  rule picks on the final votes alone;
- ``old default``: what this bench's ``auto`` was (export-detected 2017 math clustering every
  voter, and the chosen groups refined by the residents' silhouette);
- ``today's math``: Pol.is's current math on every export, fresh start;
- ``+refine``, ``+restarts``: ``default`` with the silhouette refinement (20 starts), or with 10
  k-means++ restarts kept by inertia;
- ``+export in-conv``: ``default`` clustering exactly the residents the export grouped;
- ``no meta``: ``default`` without setting aside statements about the voter;
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
- ``baseline``: plain PCA and scikit-learn k-means, k by silhouette.

Replays take minutes on big conversations (the first run over the nine shared exports took
about 35 minutes on two shared cores); their groups are cached under ``--cache`` (keyed by the
export's file sizes and times and the meta statements), so later runs take about a minute.
``--no-replay`` skips them.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, silhouette_score

from civicbot_analysis.opinions import POLIS_CURRENT, PolisMath, opinion_groups
from civicbot_analysis.opinions import groups as g
from civicbot_analysis.opinions import replay as rp
from civicbot_analysis.opinions.matrix import build_vote_matrix
from civicbot_analysis.opinions.stability import compare
from civicbot_analysis.polis import (
    META_PATTERN,
    export_math,
    meta_statements,
    read_polis,
    read_polis_groups,
)
from civicbot_analysis.rounddata import RoundData

Groups = dict[str, int]
CADENCES = (10.0, 60.0, 600.0, 3600.0)
MONTH_S = 30 * 24 * 3600.0
# Part of every cache key: bump it when the replay code changes, so stale groups are not reused.
CACHE_VERSION = 2


@dataclass
class Conversation:
    folder: Path
    data: RoundData
    theirs: Groups
    meta: set[str]
    math: PolisMath
    meta_pattern: str | None = None

    @property
    def name(self) -> str:
        return self.folder.name


def load(folder: Path, meta_pattern: str) -> Conversation:
    data = read_polis(folder, keep_rejected=True)
    meta = meta_statements(data, meta_pattern)
    math = export_math(folder, data, meta)
    return Conversation(folder, data, read_polis_groups(folder), meta, math, meta_pattern)


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
    """``default`` on the export read as the report reads it (without rejected comments)."""
    data = read_polis(conv.folder)
    meta = meta_statements(data, META_PATTERN if conv.meta_pattern is None else conv.meta_pattern)
    math = export_math(conv.folder, data, meta)
    return opinion_groups(data, meta=meta, math=math, stability_orders=0).groups


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


def variants(replays: bool) -> dict[str, Callable[[Conversation], Groups]]:
    out: dict[str, Callable[[Conversation], Groups]] = {
        "default": lambda c: ours(c, c.math),
        "report path": report_path,
        "era in-conv": lambda c: ours(c, dataclasses.replace(c.math, clustered=None)),
        "old default": old_default,
        "today's math": lambda c: ours(c, POLIS_CURRENT),
        "+refine": lambda c: ours(c, dataclasses.replace(c.math, refine=g.REFINE_STARTS)),
        "+restarts": lambda c: ours(c, dataclasses.replace(c.math, restarts=10)),
        "+export in-conv": export_in_conv,
        "no meta": lambda c: ours(c, c.math, meta=set()),
        "+batch order": batch_order,
        "+scratch-aware": scratch_aware,
        "baseline": baseline,
    }
    if replays:
        for cadence in CADENCES:
            opts = rp.ReplayOptions(cadence_s=cadence)
            out[f"replay {cadence:g}s"] = lambda c, o=opts: replayed(c, o)
        today = rp.ReplayOptions(cadence_s=3600.0, historical=False)
        out["replay 3600s today"] = lambda c: replayed(c, today)
        reboot = rp.ReplayOptions(cadence_s=3600.0, reboot_gap_s=MONTH_S)
        out["replay 3600s reboot"] = lambda c: replayed(c, reboot)
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


def history_line(conv: Conversation) -> str:
    """Who Pol.is clustered against who the era's in-conv rule and its replayed history would:
    where they differ, the export's groups came from a history a fresh start cannot see."""
    if not (conv.folder / "votes.csv").exists():
        return f"{conv.name[:28]:<28} no votes.csv: no history to read"
    votes = rp.read_vote_times(conv.folder)
    rejected = {s.id for s in conv.data.statements if s.moderated == -1}
    held = rp.history_in_conv(votes, rejected=rejected, meta=conv.meta)
    matrix = build_vote_matrix(conv.data)
    out = rejected | conv.meta
    active = np.array([s not in out for s in matrix.statements], dtype=np.bool_)
    era = rp.era_at(votes[-1].at)
    rule = rp.in_conv(matrix.raw, active, era, np.zeros(0, dtype=np.int64))
    counts = dict(zip(matrix.residents, matrix.vote_counts(), strict=True))
    few = sum(1 for r in conv.theirs if counts.get(r, 0) < g.MIN_VOTES)
    when = conv.data.closed_at.strftime("%Y-%m-%d") if conv.data.closed_at else "?"
    return (
        f"{conv.name[:28]:<28} {when:>10} {era.impute:>6} {len(conv.theirs):>6} "
        f"{int(rule.sum()):>8} {len(held):>7} {few:>16}"
    )


def fit_of_math(conv: Conversation, impute: str) -> float:
    """How well Pol.is's groups are told apart by position on the map drawn with ``impute``:
    ARI of Pol.is's groups against each resident's nearest centre of Pol.is's groups."""
    matrix = build_vote_matrix(conv.data)
    active = np.array(
        [a and s not in conv.meta for s, a in zip(matrix.statements, matrix.active, strict=True)]
    )
    matrix = dataclasses.replace(matrix, active=active)
    xy = g.project(matrix, g.pca(matrix, impute=impute))
    rows = [i for i, r in enumerate(matrix.residents) if r in conv.theirs]
    if len(rows) < 2:
        return float("nan")
    labels = np.array([conv.theirs[matrix.residents[i]] for i in rows])
    ids = sorted(set(labels.tolist()))
    centres = np.stack([xy[rows][labels == k].mean(axis=0) for k in ids])
    nearest = np.argmin(np.linalg.norm(xy[rows][:, None, :] - centres[None], axis=2), axis=1)
    return float(adjusted_rand_score(labels, nearest))


def _share(x: float) -> str:
    return "not run" if np.isnan(x) else f"{x:.0%}"


def agreement(mine: Groups, theirs: Groups) -> float:
    both = sorted(set(mine) & set(theirs))
    if len(both) < 2:
        return float("nan")
    return float(adjusted_rand_score([theirs[r] for r in both], [mine[r] for r in both]))


def n_groups(groups: Groups) -> int:
    return len(set(groups.values()))


def summary(aris: list[float], k_ok: int, n: int) -> str:
    return f"median {np.median(aris):6.3f}  min {min(aris):6.3f}  k = Pol.is's on {k_ok}/{n}"


def leave_one_out(table: dict[str, list[float]], names: list[str]) -> list[tuple[str, str, float]]:
    """Per conversation: the variant best on the others (median, then minimum), and its ARI."""
    out = []
    for i, name in enumerate(names):

        def score(v: str, i: int = i) -> tuple[float, float]:
            rest = [a for j, a in enumerate(table[v]) if j != i]
            return float(np.median(rest)), float(min(rest))

        best = max(table, key=score)
        out.append((name, best, table[best][i]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--meta-pattern", default=META_PATTERN)
    parser.add_argument("--no-replay", action="store_true", help="skip the (slow) replays")
    parser.add_argument("--cache", type=Path, default=Path(".cache/polis_agreement"))
    args = parser.parse_args(argv)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

    convs = [load(f, args.meta_pattern) for f in args.folders]
    names = [c.name for c in convs]
    methods = variants(not args.no_replay)
    table: dict[str, list[float]] = {m: [] for m in methods}
    k_ok: dict[str, int] = dict.fromkeys(methods, 0)
    print(
        f"{'conversation':<28} {'k':>2} {'pol.is k':>8} {'ARI':>6} {'n both':>6} "
        f"{'stable (orders)':>15} {'stable (+replays)':>17}"
    )
    for conv in convs:
        got: dict[str, Groups] = {}
        for m, run in methods.items():
            got[m] = cached(args.cache, conv, m, lambda run=run, conv=conv: run(conv))
            table[m].append(agreement(got[m], conv.theirs))
            k_ok[m] += n_groups(got[m]) == n_groups(conv.theirs)
        res = opinion_groups(conv.data, meta=conv.meta, math=conv.math)
        st = res.stability
        rows = list(res.coords)  # the rows stability was measured on, in order
        ref = np.array([res.groups.get(r, -1) for r in rows], dtype=np.int64)
        others = [
            np.array([got[m].get(r, -1) for r in rows], dtype=np.int64)
            for m in methods
            if m.startswith("replay") and "today" not in m
        ]
        with_replays = float("nan")
        if others and st is not None:
            also = np.array(compare(ref, others).rows_stable) & np.array(st.rows_stable)
            with_replays = float(also.sum()) / max(1, int((ref >= 0).sum()))
        both = len(set(got["default"]) & set(conv.theirs))
        print(
            f"{conv.name[:28]:<28} {n_groups(got['default']):>2} {n_groups(conv.theirs):>8} "
            f"{table['default'][-1]:>6.3f} {both:>6} "
            f"{(st.share_stable if st else float('nan')):>15.0%} {_share(with_replays):>17}"
        )
    n = len(convs)
    print(f"\nDEFAULT over all {n}: {summary(table['default'], k_ok['default'], n)}")
    print("\nAblation (ARI per conversation in the order above):")
    for m in methods:
        cells = " ".join(f"{a:6.3f}" for a in table[m])
        print(f"  {m:<20} {summary(table[m], k_ok[m], len(convs))}   [{cells}]")
    print("\nWhat each export says about Pol.is's history (residents clustered):")
    print(
        f"  {'conversation':<28} {'last vote':>10} {'impute':>6} {'Pol.is':>6} "
        f"{'era rule':>8} {'history':>7} {'Pol.is < 7 votes':>16}"
    )
    for conv in convs:
        print("  " + history_line(conv))
    print("\nWhich math Pol.is's own groups fit (diagnosis only, reads Pol.is's groups):")
    print(f"  {'conversation':<28} {'era':>5} {'mean':>6} {'passes':>6}")
    for conv in convs:
        mean, zero = fit_of_math(conv, "mean"), fit_of_math(conv, "zero")
        print(f"  {conv.name[:28]:<28} {conv.math.impute:>5} {mean:>6.2f} {zero:>6.2f}")
    loo = leave_one_out(table, names)
    aris = [a for _, _, a in loo]
    print("\nLeave-one-out (variant chosen on the other conversations, scored on this one):")
    for name, best, a in loo:
        print(f"  {name[:28]:<28} chose {best:<20} ARI {a:6.3f}")
    print(f"  LEAVE-ONE-OUT: median {np.median(aris):6.3f}  min {min(aris):6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
