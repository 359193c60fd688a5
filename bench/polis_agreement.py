"""How closely our opinion groups agree with Pol.is's own, on Pol.is export folders.

    python bench/polis_agreement.py ../shared/data/polis/*/

For each conversation it prints, per method: the k chosen (and Pol.is's), the adjusted Rand
index between our groups and Pol.is's ``group-id`` over residents both assign, and the share
of Pol.is-style representative statements (computed on Pol.is's own groups, since the export
does not carry Pol.is's list) that we also find. Methods:

- ``auto``: the one default for Pol.is exports: ``polis``, or ``polis-2017`` when the export
  itself shows that Pol.is clustered every voter, including voters below its 7-vote threshold
  (:func:`analysis.opinions.groups.export_clusters_every_voter`);
- ``polis``: our Pol.is math today (``POLIS_CURRENT``: Pol.is's steps, k chosen as Pol.is does,
  then the chosen groups refined by the residents' silhouette);
- ``polis-2017``: unseen votes as passes and every voter clustered, as Pol.is's 2017 math;
- ``pol.is start``: ``polis`` without the refinement, i.e. Pol.is's own first update from a
  fresh start (what ``polis`` was before refinement);
- ``polis+restarts``: ``polis`` with 10 k-means++ restarts per k kept by least inertia;
- ``baseline``: plain PCA (mean imputation, no projection scaling) and scikit-learn k-means
  with k by silhouette, everyone with at least 7 votes.

Statements that describe the voter ("I am under 30", "My ethnicity is ...") are treated as
Pol.is "meta" statements, which take no part in Pol.is's math; the export does not mark them,
so they are found with ``--meta-pattern``.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, silhouette_score

from analysis.opinions import POLIS_2017, POLIS_CURRENT, PolisMath, opinion_groups
from analysis.opinions import groups as g
from analysis.opinions.matrix import build_vote_matrix
from analysis.opinions.repness import representative
from analysis.polis import META_PATTERN, meta_statements, read_polis, read_polis_groups
from analysis.rounddata import RoundData


def rep_set(data: RoundData, groups: dict[str, int], meta: set[str]) -> set[str]:
    """Statements Pol.is's repness selects for the given grouping."""
    matrix = build_vote_matrix(data)
    shown = [j for j, s in enumerate(matrix.statements) if matrix.active[j] and s not in meta]
    ids = sorted(set(groups.values()))
    rows = {r: i for i, r in enumerate(matrix.residents)}
    members = [[rows[r] for r, gi in groups.items() if gi == g and r in rows] for g in ids]
    reps = representative(matrix.raw[:, shown], [matrix.statements[j] for j in shown], members)
    return {r.statement for group in reps for r in group}


def baseline(data: RoundData, meta: set[str], seed: int) -> dict[str, int]:
    matrix = build_vote_matrix(data)
    keep_cols = [j for j, s in enumerate(matrix.statements) if matrix.active[j] and s not in meta]
    raw = matrix.raw[:, keep_cols]
    rows = np.flatnonzero(np.sum(~np.isnan(matrix.raw), axis=1) >= min(7, matrix.n_statements))
    col_mean = np.nan_to_num(np.nanmean(raw, axis=0))
    filled = np.where(np.isnan(raw), col_mean, raw)
    xy = PCA(n_components=2, random_state=seed).fit_transform(filled)[rows]
    best: tuple[float, np.ndarray] | None = None
    for k in range(2, 6):
        if k >= len(rows):
            break
        labels = KMeans(k, n_init=10, random_state=seed).fit_predict(xy)
        score = float(silhouette_score(xy, labels))
        if best is None or score > best[0]:
            best = (score, labels)
    if best is None:
        return {}
    return {matrix.residents[i]: int(lab) for i, lab in zip(rows, best[1], strict=True)}


def auto_math(data: RoundData, theirs: dict[str, int]) -> PolisMath:
    """The Pol.is behaviour an export came from, read from the export itself."""
    matrix = build_vote_matrix(data)
    grouped = np.array([r in theirs for r in matrix.residents], dtype=np.bool_)
    old = g.export_clusters_every_voter(matrix.vote_counts(), grouped, matrix.n_statements)
    return POLIS_2017 if old else POLIS_CURRENT


def polis_start(data: RoundData, meta: set[str]) -> tuple[dict[str, int], int]:
    """Our Pol.is steps 1-6 alone: no refinement of the chosen groups."""
    matrix = build_vote_matrix(data)
    active = np.array(
        [a and s not in meta for s, a in zip(matrix.statements, matrix.active, strict=True)]
    )
    matrix = dataclasses.replace(matrix, active=active)
    counted = g.in_conversation(matrix)
    clustering = g.cluster_positions(g.project(matrix, g.pca(matrix)), counted, refine=0)
    labels = g.labels_from(clustering, matrix.n_residents)
    groups = {r: int(x) for r, x in zip(matrix.residents, labels, strict=True) if x >= 0}
    return groups, len(set(groups.values()))


def agreement(ours: dict[str, int], theirs: dict[str, int]) -> float:
    both = sorted(set(ours) & set(theirs))
    if len(both) < 2:
        return float("nan")
    return float(adjusted_rand_score([theirs[r] for r in both], [ours[r] for r in both]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--meta-pattern", default=META_PATTERN)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    methods: dict[str, PolisMath] = {
        "polis": POLIS_CURRENT,
        "polis-2017": POLIS_2017,
        "polis+restarts": PolisMath(restarts=10),
    }
    print(
        f"{'conversation':<24} {'method':<15} {'k':>2} {'pol.is k':>8} {'ARI':>6} "
        f"{'n both':>6} {'reps found':>10}"
    )
    for folder in args.folders:
        data = read_polis(folder, keep_rejected=True)
        theirs = read_polis_groups(folder)
        meta = meta_statements(data, args.meta_pattern)
        reference = rep_set(data, theirs, meta)
        their_k = len(set(theirs.values()))
        results: dict[str, dict[str, int]] = {}
        ks: dict[str, int] = {}
        auto = auto_math(data, theirs)
        res = opinion_groups(data, seed=args.seed, meta=meta, math=auto)
        results["auto"], ks["auto"] = res.groups, res.k
        for name, math in methods.items():
            res = opinion_groups(data, seed=args.seed, meta=meta, math=math)
            results[name], ks[name] = res.groups, res.k
        results["pol.is start"], ks["pol.is start"] = polis_start(data, meta)
        results["baseline"] = baseline(data, meta, args.seed)
        ks["baseline"] = len(set(results["baseline"].values()))
        for name, ours in results.items():
            found = rep_set(data, ours, meta)
            share = len(found & reference) / len(reference) if reference else float("nan")
            both = len(set(ours) & set(theirs))
            print(
                f"{folder.name[:24]:<24} {name:<15} {ks[name]:>2} {their_k:>8} "
                f"{agreement(ours, theirs):>6.3f} {both:>6} {share:>10.0%}"
            )
        print(f"{'':<24} meta statements: {', '.join(sorted(meta, key=int)) or 'none'}")
        print(f"{'':<24} auto chose: {'polis-2017' if auto == POLIS_2017 else 'polis'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
