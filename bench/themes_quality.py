"""How well the default theme pipeline recovers known topics, against a plain baseline.

Reads short-text clustering sets (one ``label<TAB>text`` line per text, e.g. the
SearchSnippets, StackOverflow and Biomedical sets) from the paths given; they are never
copied into the project. For each set, with k = the number of gold labels and several
seeds, it scores:

- baseline: TF-IDF (English stop words) + k-means (n_init=10);
- default: ``civicbot_analysis.themes`` (word + character TF-IDF, LSA, k-means, spherical steps
  in the LSA space, then in the full TF-IDF space);
- with ``--embeddings`` also: the same pipeline with sentence embeddings (the optional
  ``civicbot[embeddings]`` extra) joined with the LSA vectors; each set is embedded once
  and the vectors reused across seeds, since the model itself has no random state
  (``--embeddings-cache DIR`` also keeps them on disk between runs: embedding the three
  sets takes 5-30 minutes on two busy cores);

by accuracy under the best one-to-one matching of clusters to labels (Hungarian method)
and by normalised mutual information, and prints both with the difference.

    python bench/themes_quality.py /work/shared/data/stc/*/*_text --seeds 3 [--embeddings]
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score

from civicbot_analysis.themes import embeddings
from civicbot_analysis.themes.cluster import kmeans
from civicbot_analysis.themes.vectorise import TextEmbedder

Method = Callable[[list[str], int, int], np.ndarray]


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
    return kmeans(embedded.dense, k, random_state=seed, sparse=embedded.sparse).labels


class _Remembering:
    """The packaged model, remembering the last texts it embedded (one set, several seeds)."""

    def __init__(self, cache: Path | None = None) -> None:
        self._model = embeddings.load_model()
        self._cache = cache
        self._last: tuple[list[str], Any] | None = None

    def encode(self, sentences: list[str], **kwargs: Any) -> Any:
        if self._last is None or self._last[0] != sentences:
            self._last = (sentences, self._load_or_encode(sentences, kwargs))
        return self._last[1]

    def _load_or_encode(self, sentences: list[str], kwargs: dict[str, Any]) -> Any:
        if self._cache is None:
            return self._model.encode(sentences, **kwargs)
        digest = hashlib.sha256("\n".join([embeddings.MODEL_PACKAGE, *sentences]).encode())
        path = self._cache / f"{digest.hexdigest()[:24]}.npy"
        if path.exists():
            return np.load(path)
        vectors = np.asarray(self._model.encode(sentences, **kwargs))
        self._cache.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
        return vectors


def with_embeddings(model: _Remembering) -> Method:
    sentences = embeddings.SentenceEmbedder(model)

    def run(texts: list[str], k: int, seed: int) -> np.ndarray:
        embedded = TextEmbedder(random_state=seed, sentences=sentences).fit_transform(texts)
        return kmeans(embedded.dense, k, random_state=seed).labels

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument(
        "--embeddings", action="store_true", help="also score the civicbot[embeddings] pipeline"
    )
    parser.add_argument(
        "--embeddings-cache", type=Path, help="keep sentence vectors here between runs"
    )
    args = parser.parse_args(argv)
    methods: dict[str, Method] = {"baseline": baseline, "default": default}
    if args.embeddings:
        methods["embeddings"] = with_embeddings(_Remembering(args.embeddings_cache))
    header = (
        f"{'set':<28} {'n':>6} {'k':>3}  {'baseline ACC/NMI':>17}  {'default ACC/NMI':>16}"
        f"  {'diff ACC/NMI':>13}  {'time b/d (s)':>12}"
    )
    if args.embeddings:
        header += f"  {'embeddings ACC/NMI':>18}  {'diff ACC/NMI':>13}  {'time (s)':>8}"
    print(header)
    print("-" * len(header))
    for path in args.files:
        gold, texts = load(path)
        k = int(gold.max()) + 1
        scores: dict[str, list[tuple[float, float, float]]] = {name: [] for name in methods}
        for seed in range(args.seeds):
            for name, method in methods.items():
                start = time.perf_counter()
                found = method(texts, k, seed)
                took = time.perf_counter() - start
                nmi = float(normalized_mutual_info_score(gold, found))
                scores[name].append((accuracy(gold, found), nmi, took))
        b = np.mean(np.array(scores["baseline"]), axis=0)
        d = np.mean(np.array(scores["default"]), axis=0)
        line = (
            f"{path.parent.name + '/' + path.name:<28.28} {len(texts):>6} {k:>3}"
            f"  {100 * b[0]:>8.1f} / {100 * b[1]:<5.1f}  {100 * d[0]:>7.1f} / {100 * d[1]:<5.1f}"
            f"  {100 * (d[0] - b[0]):>+5.1f} / {100 * (d[1] - b[1]):<+5.1f}"
            f"  {b[2]:>5.1f}/{d[2]:<5.1f}"
        )
        if args.embeddings:
            # Time is the mean per seed; the first seed pays for embedding the set.
            e = np.mean(np.array(scores["embeddings"]), axis=0)
            line += (
                f"  {100 * e[0]:>9.1f} / {100 * e[1]:<5.1f}"
                f"  {100 * (e[0] - b[0]):>+5.1f} / {100 * (e[1] - b[1]):<+5.1f}  {e[2]:>8.1f}"
            )
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
