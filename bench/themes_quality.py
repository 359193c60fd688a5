"""How well the default theme pipeline recovers known topics, against a plain baseline.

Reads short-text clustering sets (one ``label<TAB>text`` line per text, e.g. the
SearchSnippets, StackOverflow and Biomedical sets) from the paths given; they are never
copied into the project. For each set, with k = the number of gold labels and several
seeds, it scores:

- baseline: TF-IDF (English stop words) + k-means (n_init=10);
- default: ``analysis.themes`` (word + character TF-IDF, LSA, k-means, spherical steps);

by accuracy under the best one-to-one matching of clusters to labels (Hungarian method)
and by normalised mutual information, and prints both with the difference.

    python bench/themes_quality.py /work/shared/data/stc/*/*_text --seeds 3
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score

from analysis.themes.cluster import kmeans
from analysis.themes.vectorise import TextEmbedder


def load(path: Path) -> tuple[np.ndarray, list[str]]:
    gold: list[str] = []
    texts: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            label, _, text = line.rstrip("\n").partition("\t")
            if text.strip():
                gold.append(label)
                texts.append(text)
    return np.unique(gold, return_inverse=True)[1], texts


def accuracy(gold: np.ndarray, found: np.ndarray) -> float:
    size = int(max(gold.max(), found.max())) + 1
    table = np.zeros((size, size))
    np.add.at(table, (gold, found), 1)
    rows, cols = linear_sum_assignment(-table)
    return float(table[rows, cols].sum() / len(gold))


def baseline(texts: list[str], k: int, seed: int) -> np.ndarray:
    x = TfidfVectorizer(stop_words="english").fit_transform(texts)
    return np.asarray(KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x))


def default(texts: list[str], k: int, seed: int) -> np.ndarray:
    embedded = TextEmbedder(random_state=seed).fit_transform(texts)
    return kmeans(embedded.dense, k, random_state=seed).labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args(argv)
    header = (
        f"{'set':<28} {'n':>6} {'k':>3}  {'baseline ACC/NMI':>17}  {'default ACC/NMI':>16}"
        f"  {'diff ACC/NMI':>13}  {'time b/d (s)':>12}"
    )
    print(header)
    print("-" * len(header))
    for path in args.files:
        gold, texts = load(path)
        k = int(gold.max()) + 1
        scores: dict[str, list[tuple[float, float, float]]] = {"baseline": [], "default": []}
        for seed in range(args.seeds):
            for name, method in (("baseline", baseline), ("default", default)):
                start = time.perf_counter()
                found = method(texts, k, seed)
                took = time.perf_counter() - start
                nmi = float(normalized_mutual_info_score(gold, found))
                scores[name].append((accuracy(gold, found), nmi, took))
        b = np.mean(np.array(scores["baseline"]), axis=0)
        d = np.mean(np.array(scores["default"]), axis=0)
        print(
            f"{path.parent.name + '/' + path.name:<28.28} {len(texts):>6} {k:>3}"
            f"  {100 * b[0]:>8.1f} / {100 * b[1]:<5.1f}  {100 * d[0]:>7.1f} / {100 * d[1]:<5.1f}"
            f"  {100 * (d[0] - b[0]):>+5.1f} / {100 * (d[1] - b[1]):<+5.1f}"
            f"  {b[2]:>5.1f}/{d[2]:<5.1f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
