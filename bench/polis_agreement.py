"""How closely our opinion groups agree with Pol.is's own, on Pol.is export folders.

    OPENBLAS_NUM_THREADS=1 nice -n 15 python bench/polis_agreement.py --no-replay \
        ../shared/data/polis/*/ /path/to/openData/{austria-climate.5twd2jsnkf.2022-08-08,\
bg2050-volunteers,scoop-hivemind.biodiversity,scoop-hivemind.taxes,vtaiwan.uberx}/

The development set of 5 Dec 2026 is 36 conversations (``bench/results/polis_dev36_*.txt``
give the command): the 14 below and the 22 marked ``dev`` in ``bench/polis_community_split.txt``
(converted from Pol.is's API by ``bench/polis_from_api.py``; the split's held-out half is scored
only by the lead, once per frozen method).

The folders are given as arguments; the project never copies Pol.is data in. The first 14 are
real exports from Pol.is's open data (github.com/compdemocracy/openData, CC BY 4.0): the
nine in ``../shared/data/polis`` and five more taken from openData at commit ``0bc2ce0`` (the
folders ``austria-climate.5twd2jsnkf.2022-08-08``, ``bg2050-volunteers``,
``scoop-hivemind.biodiversity``, ``scoop-hivemind.taxes`` and ``vtaiwan.uberx``, each as it is
there: comments.csv, votes.csv, participants-votes.csv, summary.csv). Every choice of the default
was made on all 14 (and since 5 Dec 2026 on all 36), so no figure here is a held-out result
except the leave-one-out one.
``--one-time DIR`` scores copies written under DIR whose votes.csv is rebuilt from
participants-votes.csv with every vote at one time (exports without vote times come so).

Prints, from one command:

1. per conversation, for the default method (what ``civicbot report --from-polis`` does): our k
   and Pol.is's, the adjusted Rand index (ARI) between our groups and Pol.is's ``group-id`` over
   the residents both group, and how stable our groups are, as the report states it
   (:mod:`civicbot_analysis.opinions.stability`): the share of grouped residents whose group
   holds across 10 restarts from seeded random starts, across replays of the votes' history at
   4, 8 and 16 updates, and across both; then also across this bench's replays of Pol.is's
   history from the votes' timestamps (below);
2. the MEDIAN and MINIMUM ARI over all folders, how many have k equal to Pol.is's, and the
   median and minimum stability share;
3. an ablation table: the same figures for every variant tried (``bench/polis_variants.py``
   lists and explains them), never only the best;
4. who each export's Pol.is clustered, against the in-conv rule of the math at its last vote and
   the in-conv its replayed history would hold;
5. which map Pol.is's own groups lie on (:mod:`civicbot_analysis.polis_era`): the ARI of Pol.is's
   groups against the same residents each put with the nearest centre of Pol.is's groups, on
   the map drawn with unseen votes as the column mean (Pol.is since late 2017) and as passes
   (before), and whether the export is read as recomputed by a later math;
6. a leave-one-out figure: for each conversation, the variant that scores best (median, then
   minimum) on the other folders, scored on the one left out.

Replays take minutes on big conversations (the first run over the nine shared exports took
about 35 minutes on two shared cores); their groups are cached under ``--cache`` (keyed by the
export's file sizes and times and the meta statements), so later runs take a few minutes.
``--no-replay`` skips them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(Path(__file__).resolve().parent))

import polis_variants as pv

from civicbot_analysis.opinions import groups as g
from civicbot_analysis.opinions import opinion_groups
from civicbot_analysis.opinions import replay as rp
from civicbot_analysis.opinions.matrix import build_vote_matrix
from civicbot_analysis.opinions.result import math_at
from civicbot_analysis.opinions.stability import compare
from civicbot_analysis.polis import META_PATTERN
from civicbot_analysis.polis_era import later_math

Groups = pv.Groups
Conversation = pv.Conversation


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
    """Per conversation: the variant best on the others (median, then minimum), and its ARI.
    Ties go to the variant listed first (``default``)."""
    out = []
    for i, name in enumerate(names):

        def score(v: str, i: int = i) -> tuple[float, float]:
            rest = [a for j, a in enumerate(table[v]) if j != i]
            return float(np.median(rest)), float(min(rest))

        best = max(table, key=score)
        out.append((name, best, table[best][i]))
    return out


def _pct(x: float | None) -> str:
    return "-" if x is None or np.isnan(x) else f"{x:.0%}"


def stability_cells(conv: Conversation, got: dict[str, Groups]) -> tuple[str, float]:
    """The report's stability figures for ``conv`` (restarts, cadences, both) and the share
    also stable across this bench's timed replays; returns the line's cells and the share."""
    res = opinion_groups(conv.data, meta=conv.meta, math=conv.default_math)
    st = res.stability
    if st is None:
        return f"{'-':>8} {'-':>8} {'-':>6} {'-':>9}", float("nan")
    rows = list(res.coords)  # the rows stability was measured on, in order
    ref = np.array([res.groups.get(r, -1) for r in rows], dtype=np.int64)
    timed = [
        np.array([got[m].get(r, -1) for r in rows], dtype=np.int64)
        for m in got
        if m.startswith("replay") and "today" not in m
    ]
    also = float("nan")
    if timed:
        stable = np.array(compare(ref, timed).rows_stable) & np.array(st.rows_stable)
        also = float(stable.sum()) / max(1, int((ref >= 0).sum()))
    cells = (
        f"{_pct(st.share_restarts):>8} {_pct(st.share_cadences):>8} "
        f"{_pct(st.share_stable):>6} {_pct(also):>9}"
    )
    return cells, st.share_stable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--meta-pattern", default=META_PATTERN)
    parser.add_argument("--no-replay", action="store_true", help="skip the (slow) replays")
    parser.add_argument("--cache", type=Path, default=Path(".cache/polis_agreement"))
    parser.add_argument(
        "--one-time",
        type=Path,
        metavar="DIR",
        help="score copies (written under DIR) with every vote at one time",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if args.one_time:
        args.folders = [pv.one_time_copy(f, args.one_time) for f in args.folders]

    convs = [pv.load(f, args.meta_pattern) for f in args.folders]
    names = [c.name for c in convs]
    methods = pv.variants(not args.no_replay)
    table: dict[str, list[float]] = {m: [] for m in methods}
    k_ok: dict[str, int] = dict.fromkeys(methods, 0)
    shares: list[float] = []
    print(
        f"{'conversation':<28} {'k':>2} {'pol.is k':>8} {'ARI':>6} {'n both':>6}   stable: "
        f"{'restarts':>8} {'cadences':>8} {'both':>6} {'+replays':>9}"
    )
    for conv in convs:
        got: dict[str, Groups] = {}
        for m, run in methods.items():
            got[m] = pv.cached(args.cache, conv, m, lambda run=run, conv=conv: run(conv))
            table[m].append(agreement(got[m], conv.theirs))
            k_ok[m] += n_groups(got[m]) == n_groups(conv.theirs)
        cells, share = stability_cells(conv, got)
        shares.append(share)
        both = len(set(got["default"]) & set(conv.theirs))
        print(
            f"{conv.name[:28]:<28} {n_groups(got['default']):>2} {n_groups(conv.theirs):>8} "
            f"{table['default'][-1]:>6.3f} {both:>6}           {cells}"
        )
    n = len(convs)
    print(f"\nDEFAULT over all {n}: {summary(table['default'], k_ok['default'], n)}")
    print(
        f"STABLE across restarts and cadences (share of grouped residents): "
        f"median {_pct(float(np.nanmedian(shares)))}  min {_pct(float(np.nanmin(shares)))}"
    )
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
    print("\nWhich map Pol.is's own groups lie on (reads Pol.is's groups; polis_era):")
    print(f"  {'conversation':<28} {'era':>5} {'mean':>6} {'passes':>6}  later math?")
    for conv in convs:
        closed = conv.data.closed_at
        era = math_at(closed).impute if closed else conv.math.impute
        fit = later_math(conv.data, conv.theirs, conv.meta, era)
        mean = fit.fit_later
        zero = fit.fit_era if fit.era == "zero" else pv.separation(conv, "zero")
        print(
            f"  {conv.name[:28]:<28} {era:>5} {mean:>6.2f} {zero:>6.2f}  "
            f"{'yes: Pol.is recomputed it later' if fit.later else 'no'}"
        )
    loo = leave_one_out(table, names)
    aris = [a for _, _, a in loo]
    print("\nLeave-one-out (variant chosen on the other conversations, scored on this one):")
    for name, best, a in loo:
        print(f"  {name[:28]:<28} chose {best:<20} ARI {a:6.3f}")
    print(f"  LEAVE-ONE-OUT: median {np.median(aris):6.3f}  min {min(aris):6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
