"""How well statement topics recover known topics, and how stable they are across seeds.

(a) Accuracy. Pol.is exports carry no topic labels, so short-text sets that do (one
``label<TAB>text`` line per text: SearchSnippets, StackOverflow, Biomedical) stand in for
statements. Each set is read as Pol.is-sized conversations: ``--samples`` random draws of
``--size`` texts each (default 150, about the median conversation once moderated-out
statements are gone), run through :func:`civicbot_analysis.topics.find_topics` as statements
(scrubbed, the themes pipeline) with k = the number of labels in the draw, scored by accuracy
under the best one-to-one matching of topics to labels (Hungarian method, as
``bench/themes_quality.py``) and by normalised mutual information; then with k chosen by the
pipeline itself (NMI only, since accuracy needs as many topics as labels).

(b) Stability. On each Pol.is export folder given with ``--polis``, topics are found with
``--seeds`` seeds and every pair of seeds compared by the adjusted Rand index of the
statements' topics. Per conversation the median over pairs; then the median and the
minimum over all conversations (and the minimum over every pair), never a best case.

``--per-dim`` sets the statements per LSA dimension (0: the themes' fixed 50) and ``--runs``
the runs of the consensus choice (1: a single run), to compare the rules.
the rule. The data are read from the paths given and never copied into the project.

    nice -n 10 env OPENBLAS_NUM_THREADS=1 python bench/topics_quality.py \\
        /work/shared/data/stc/*/*_text --polis /work/shared/data/polis/*/
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parent))

from themes_quality import accuracy, load

from civicbot_analysis.polis import meta_statements, read_polis
from civicbot_analysis.rounddata import RoundData, Statement
from civicbot_analysis.scrub import scrub
from civicbot_analysis.topics import find_topics
from civicbot_analysis.topics.find import RUNS, STATEMENTS_PER_DIM


def as_statements(texts: list[str]) -> RoundData:
    statements = tuple(Statement(str(i), t, moderated=1) for i, t in enumerate(texts))
    return RoundData("bench", "bench", (), (), (), statements=statements)


def labels_of(data: RoundData, k: int | None, seed: int, args: argparse.Namespace) -> np.ndarray:
    """Each statement's topic number (-1: took no part, e.g. said nothing)."""
    found = find_topics(
        data, scrub=scrub, seed=seed, k=k, subtopics=False, per_dim=args.per_dim, runs=args.runs
    )
    out = np.full(len(data.statements), -1)
    index = {s.id: i for i, s in enumerate(data.statements)}
    for n, topic in enumerate(found.topics):
        for sid in topic.statements:
            out[index[sid]] = n
    return out


def accuracy_part(args: argparse.Namespace) -> None:
    print(f"(a) statements from labelled short texts: {args.samples} draws of {args.size}")
    print(f"{'set':<32} {'ACC k=labels':>22} {'NMI k=labels':>14} {'NMI k chosen':>14}")
    every_acc: list[float] = []
    for path in args.files:
        gold_all, texts_all = load(path)
        rng = np.random.default_rng(0)
        acc: list[float] = []
        nmi: list[float] = []
        nmi_auto: list[float] = []
        for draw in range(args.samples):
            picked = np.sort(rng.choice(len(texts_all), size=args.size, replace=False))
            gold = gold_all[picked]
            data = as_statements([texts_all[i] for i in picked])
            k = len(np.unique(gold))
            found = labels_of(data, k, draw, args)
            kept = found >= 0
            acc.append(accuracy(np.unique(gold, return_inverse=True)[1], np.where(kept, found, 0)))
            nmi.append(float(normalized_mutual_info_score(gold[kept], found[kept])))
            auto = labels_of(data, None, draw, args)
            kept = auto >= 0
            nmi_auto.append(float(normalized_mutual_info_score(gold[kept], auto[kept])))
        every_acc += acc
        name = f"{path.parent.name}/{path.name}"
        print(
            f"{name:<32.32} median {100 * statistics.median(acc):5.1f} min {100 * min(acc):5.1f}"
            f" {100 * statistics.median(nmi):14.1f} {100 * statistics.median(nmi_auto):14.1f}",
            flush=True,
        )
    if every_acc:
        print(
            f"all draws of all sets: accuracy median {100 * statistics.median(every_acc):.1f}, "
            f"minimum {100 * min(every_acc):.1f}"
        )


def stability_part(args: argparse.Namespace) -> None:
    print(f"(b) topic stability across {args.seeds} seeds (adjusted Rand index, pairs of seeds)")
    medians: list[float] = []
    every: list[float] = []
    for folder in args.polis:
        start = time.perf_counter()
        data = read_polis(folder)
        meta = meta_statements(data)
        kept = [s for s in data.statements if s.id not in meta]
        data = RoundData(data.round_id, data.title, (), (), (), statements=tuple(kept))
        runs = [labels_of(data, None, seed, args) for seed in range(args.seeds)]
        topics = [int(r.max()) + 1 for r in runs]
        pairs = []
        for a, b in itertools.combinations(runs, 2):
            both = (a >= 0) & (b >= 0)
            pairs.append(float(adjusted_rand_score(a[both], b[both])))
        medians.append(statistics.median(pairs))
        every += pairs
        print(
            f"{Path(folder).name:<48.48} statements {int((runs[0] >= 0).sum()):>4}"
            f"  topics {min(topics)}-{max(topics)}  ARI median {statistics.median(pairs):.3f}"
            f" min {min(pairs):.3f}  ({time.perf_counter() - start:.1f} s)",
            flush=True,
        )
    if medians:
        print(
            f"over {len(medians)} conversations: median of per-conversation medians "
            f"{statistics.median(medians):.3f}, minimum {min(medians):.3f}; "
            f"minimum over every pair {min(every):.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="label<TAB>text files")
    parser.add_argument("--polis", nargs="*", type=Path, default=[], help="Pol.is export folders")
    parser.add_argument("--size", type=int, default=150)
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--per-dim", type=int, default=STATEMENTS_PER_DIM)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    print(f"statements per LSA dimension: {args.per_dim or 'fixed 50'}; runs: {args.runs}")
    if args.files:
        accuracy_part(args)
    if args.polis:
        stability_part(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
