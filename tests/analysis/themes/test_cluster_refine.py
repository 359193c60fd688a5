"""k-means refinement in the sparse TF-IDF space, and the optional sentence-embedding join."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from civicbot_analysis.themes import embeddings
from civicbot_analysis.themes.cluster import cluster, kmeans
from civicbot_analysis.themes.vectorise import TextEmbedder


def _blurred(seed: int = 0) -> tuple[np.ndarray, sp.csr_matrix, np.ndarray]:
    """Three groups: dense rows that barely tell them apart, sparse rows that do exactly."""
    rng = np.random.default_rng(seed)
    truth = np.repeat(np.arange(3), 60)
    centres = np.eye(3, 8)
    dense = centres[truth] * 0.35 + rng.normal(size=(len(truth), 8)) * 0.3
    dense /= np.linalg.norm(dense, axis=1, keepdims=True)
    # Each group has its own 20 terms; every row uses 6 of them.
    cols = np.concatenate([rng.choice(20, size=6, replace=False) + 20 * g for g in truth])
    rows = np.repeat(np.arange(len(truth)), 6)
    sparse = sp.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(truth), 60))
    return dense, sparse, truth


def _agreement(labels: np.ndarray, truth: np.ndarray) -> float:
    """Share of rows whose cluster's majority truth is their own truth."""
    hits = 0
    for c in np.unique(labels):
        members = truth[labels == c]
        hits += int(np.bincount(members).max())
    return hits / len(truth)


def test_sparse_steps_settle_rows_the_dense_space_blurs() -> None:
    dense, sparse, truth = _blurred()
    plain = kmeans(dense, 3, random_state=0)
    refined = kmeans(dense, 3, random_state=0, sparse=sparse)
    assert _agreement(plain.labels, truth) < 0.95  # the dense space alone gets rows wrong
    assert _agreement(refined.labels, truth) == 1.0
    # Centroids stay in the dense space, unit length, numbered by size.
    assert refined.centroids.shape == (3, dense.shape[1])
    assert np.allclose(np.linalg.norm(refined.centroids, axis=1), 1.0)
    sizes = np.bincount(refined.labels)
    assert list(sizes) == sorted(sizes, reverse=True)


def test_refinement_is_reproducible_and_optional() -> None:
    dense, sparse, _ = _blurred(seed=3)
    a = cluster(dense, k=3, random_state=5, sparse=sparse)
    b = cluster(dense, k=3, random_state=5, sparse=sparse)
    assert np.array_equal(a.labels, b.labels)
    off = kmeans(dense, 3, random_state=5, sparse=sparse, sparse_steps=0)
    assert np.array_equal(off.labels, kmeans(dense, 3, random_state=5).labels)


class HashEncoder:
    """A real, deterministic sentence encoder for tests: hashed word counts."""

    def __init__(self) -> None:
        self.calls = 0
        self._hash = HashingVectorizer(n_features=32, alternate_sign=False)

    def encode(self, sentences: list[str], **kwargs: Any) -> Any:
        self.calls += 1
        assert kwargs["normalize_embeddings"] is True
        return self._hash.transform(sentences).toarray()


def test_join_weights_the_sentence_block_and_keeps_unit_rows() -> None:
    lsa = np.array([[1.0, 0.0], [0.0, 2.0]])
    sentence = np.array([[0.0, 3.0, 4.0], [1.0, 0.0, 0.0]])
    joined = embeddings.join(lsa, sentence, weight=2.0)
    assert joined.shape == (2, 5)
    assert np.allclose(np.linalg.norm(joined, axis=1), 1.0)
    # Sentence block first, twice the weight of the LSA block.
    assert np.isclose(np.linalg.norm(joined[0, :3]), 2 * np.linalg.norm(joined[0, 3:]))
    with pytest.raises(ValueError, match="rows"):
        embeddings.join(lsa, sentence[:1])


def test_text_embedder_joins_sentence_vectors_when_asked() -> None:
    texts = [f"bus {w} late again" for w in ("route", "fare", "driver", "stop")] + [
        f"damp {w} in the flat" for w in ("mould", "boiler", "rent", "repairs")
    ]
    encoder = HashEncoder()
    plain = TextEmbedder(dims=3).fit_transform(texts)
    joined = TextEmbedder(dims=3, sentences=embeddings.SentenceEmbedder(encoder)).fit_transform(
        texts
    )
    assert encoder.calls == 1
    assert joined.dense.shape == (len(texts), plain.dense.shape[1] + 32)
    assert np.allclose(np.linalg.norm(joined.dense, axis=1), 1.0)
    assert (joined.sparse != plain.sparse).nnz == 0  # the TF-IDF rows are unchanged


@pytest.mark.skipif(embeddings.available(), reason="the embeddings extra is installed")
def test_missing_extra_is_a_clear_error_not_a_download() -> None:
    with pytest.raises(embeddings.EmbeddingsUnavailable, match=r"civicbot\[embeddings\]"):
        embeddings.SentenceEmbedder().encode(["hello"])


@pytest.mark.skipif(not embeddings.available(), reason="the embeddings extra is not installed")
def test_packaged_model_embeds_offline() -> None:
    vectors = embeddings.SentenceEmbedder().encode(["the bus was late", "the buses run late"])
    assert vectors.shape == (2, 384)
    assert float(vectors[0] @ vectors[1]) > 0.5
