"""Turns short free-text answers into vectors that cluster well.

Representation matters more than the clustering algorithm on short texts (see NOTES.md,
"Theme clustering"): word 1-2 grams catch the topic words, character n-grams inside word
boundaries catch spelling variants, plurals and typos. Both TF-IDF blocks are joined and
reduced with TruncatedSVD (latent semantic analysis) to a dense space where k-means works.

The vectorisers and the SVD are fitted on at most ``sample`` texts, then applied to all of
them, so a million answers cost one pass of ``transform`` rather than a giant fit.

Optionally (``sentences=SentenceEmbedder()``, the ``civicbot[embeddings]`` extra) the dense
rows are sentence embeddings joined with the LSA rows, which clusters best of all but costs
minutes per 100k answers; see :mod:`civicbot_analysis.themes.embeddings`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from civicbot_analysis.themes.embeddings import SentenceEmbedder, join
from civicbot_analysis.themes.words import lexicon, term_tokens


@dataclass(frozen=True, slots=True)
class Embedded:
    """Answers in two forms: the sparse TF-IDF rows and their dense, unit-length rows (LSA,
    or LSA joined with sentence embeddings)."""

    sparse: sp.csr_matrix
    dense: np.ndarray


class TextEmbedder:
    """Word + character TF-IDF, TruncatedSVD, L2 normalisation, fitted on a sample.

    Follows scikit-learn's ``fit``/``transform`` shape; ``random_state`` fixes the sample
    and the SVD so the same texts always give the same vectors. ``language`` picks the word
    block's stop words (none for a language without a list); Chinese and Japanese words
    are character pairs there (:func:`civicbot_analysis.themes.words.term_tokens`).
    """

    def __init__(
        self,
        *,
        dims: int = 50,
        sample: int = 20_000,
        random_state: int = 0,
        sentences: SentenceEmbedder | None = None,
        language: str = "en",
    ) -> None:
        self.language = language
        self.dims = dims
        self.sample = sample
        self.random_state = random_state
        self.sentences = sentences
        self._vectorisers: list[TfidfVectorizer] = []
        self._svd: TruncatedSVD | None = None

    def fit(self, texts: Sequence[str]) -> TextEmbedder:
        fit_texts = _sample(texts, self.sample, self.random_state)
        # On big inputs a term must occur twice to count: it halves the vocabulary and
        # drops one-off typos that cannot help group answers anyway.
        min_df = 2 if len(fit_texts) >= 1000 else 1
        word = TfidfVectorizer(
            ngram_range=(1, 2),
            sublinear_tf=True,
            stop_words="english" if self.language == "en" else _stop_words(self.language),
            min_df=min_df,
            dtype=np.float32,
        )
        if self.language in ("zh", "ja"):
            word.set_params(tokenizer=term_tokens, token_pattern=None, ngram_range=(1, 1))
        char = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            sublinear_tf=True,
            min_df=min_df,
            max_features=200_000,
            dtype=np.float32,
        )
        blocks = []
        self._vectorisers = []
        for vectoriser in (word, char):
            try:
                blocks.append(vectoriser.fit_transform(fit_texts))
            except ValueError:
                # Only stop words (or nothing) in the sample: this block has no vocabulary.
                continue
            self._vectorisers.append(vectoriser)
        if not blocks:
            raise ValueError("no usable words in the texts")
        sparse = _join(blocks)
        n_components = min(self.dims, sparse.shape[1] - 1, len(fit_texts) - 1)
        if n_components >= 2:
            self._svd = TruncatedSVD(
                n_components=n_components, algorithm="randomized", random_state=self.random_state
            )
            self._svd.fit(sparse)
        else:
            self._svd = None
        return self

    def transform(self, texts: Sequence[str]) -> Embedded:
        if not self._vectorisers:
            raise RuntimeError("TextEmbedder is not fitted")
        sparse = _join([v.transform(texts) for v in self._vectorisers])
        dense = self._svd.transform(sparse) if self._svd is not None else sparse.toarray()
        lsa = normalize(np.asarray(dense, dtype=np.float64))
        if self.sentences is not None and len(texts):
            lsa = join(lsa, self.sentences.encode(texts))
        return Embedded(sparse=sparse, dense=lsa)

    def fit_transform(self, texts: Sequence[str]) -> Embedded:
        return self.fit(texts).transform(texts)

    @property
    def word_vectoriser(self) -> TfidfVectorizer | None:
        """The fitted word TF-IDF vectoriser (None when the texts held no usable words)."""
        for v in self._vectorisers:
            if v.analyzer == "word":
                return v
        return None


def _stop_words(language: str) -> list[str] | None:
    # Only whole words the default token pattern can produce ("mae'n" never is one).
    stop = sorted(w for w in lexicon(language).stop if re.fullmatch(r"\w\w+", w))
    return stop or None


def _join(blocks: list[sp.spmatrix]) -> sp.csr_matrix:
    # Each block is already L2-normalised per row, so both weigh the same in the join.
    return sp.csr_matrix(sp.hstack(blocks, format="csr"))


def _sample(texts: Sequence[str], size: int, seed: int) -> list[str]:
    if len(texts) <= size:
        return list(texts)
    rng = np.random.default_rng(seed)
    picked = np.sort(rng.choice(len(texts), size=size, replace=False))
    return [texts[i] for i in picked]
