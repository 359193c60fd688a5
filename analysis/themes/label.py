"""Theme labels from class-based TF-IDF (c-TF-IDF, as in BERTopic).

All answers of one theme are treated as one document. A term's weight in a theme is its
frequency there (normalised by the theme's length) times ``log(1 + A / f)``, where ``A`` is
the average number of words per theme and ``f`` the term's frequency across all themes:
words common everywhere sink, words that mark one theme rise.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from civicbot_analysis.themes.words import ENGLISH, FILLERS, is_cjk, lexicon, term_tokens

# Words that carry no topic in chat answers ("it's really just a bit different"): fine in a
# quote, useless in a theme's name. Only labels leave them out; clustering sees every word.
LABEL_STOP_WORDS: list[str] = sorted(ENGLISH)


class ClassTfidf:
    """Counts words once, then scores them per cluster. ``fit`` takes all answers.

    ``language`` picks the stop words (:func:`civicbot_analysis.themes.words.lexicon`);
    other than in English, words are found in any script (``words.term_tokens``)."""

    def __init__(
        self, *, sample: int = 50_000, random_state: int = 0, language: str = "en"
    ) -> None:
        self.sample = sample
        self.random_state = random_state
        self.language = language
        self._counter: CountVectorizer | None = None
        self._counts: sp.csr_matrix | None = None

    def fit(self, texts: Sequence[str]) -> ClassTfidf:
        fit_texts: Sequence[str] = texts
        if len(texts) > self.sample:
            rng = np.random.default_rng(self.random_state)
            picked = np.sort(rng.choice(len(texts), size=self.sample, replace=False))
            fit_texts = [texts[i] for i in picked]
        words = lexicon(self.language)
        min_df = 2 if len(fit_texts) >= 1000 else 1
        if words.english:
            self._counter = CountVectorizer(
                ngram_range=(1, 2),
                stop_words=LABEL_STOP_WORDS,
                min_df=min_df,
                # Words of two letters or more, so "GP" and "A&E"-style stubs are not lost.
                token_pattern=r"(?u)\b\w[\w']+\b",
                dtype=np.int32,
            )
        else:
            stop = words.stop | FILLERS
            self._counter = CountVectorizer(
                # Chinese/Japanese terms are already character pairs.
                ngram_range=(1, 1) if self.language in ("zh", "ja") else (1, 2),
                tokenizer=lambda text: [t for t in term_tokens(text) if not _stopped(t, stop)],
                token_pattern=None,
                lowercase=False,  # term_tokens lowers, after normal form C
                min_df=min_df,
                dtype=np.int32,
            )
        try:
            self._counter.fit(fit_texts)
        except ValueError:  # nothing but stop words
            self._counter = None
            return self
        self._counts = sp.csr_matrix(self._counter.transform(texts))
        return self

    def top_terms(
        self, labels: np.ndarray, rows: np.ndarray | None = None, n_terms: int = 8
    ) -> dict[int, list[str]]:
        """The most distinctive terms of each cluster label among ``rows`` (default: all)."""
        if self._counter is None or self._counts is None:
            return {int(c): [] for c in np.unique(labels)}
        counts = self._counts if rows is None else self._counts[rows]
        classes = np.unique(labels)
        index = {int(c): i for i, c in enumerate(classes)}
        member = sp.csr_matrix(
            (
                np.ones(len(labels), dtype=np.float64),
                ([index[int(c)] for c in labels], np.arange(len(labels))),
            ),
            shape=(len(classes), len(labels)),
        )
        per_class = np.asarray((member @ counts).todense(), dtype=np.float64)
        scores = c_tfidf(per_class)
        vocab = self._counter.get_feature_names_out()
        out: dict[int, list[str]] = {}
        for c, i in index.items():
            order = np.argsort(-scores[i], kind="stable")
            picked: list[str] = []
            for j in order:
                if scores[i, j] <= 0 or len(picked) >= n_terms:
                    break
                term = str(vocab[j])
                if _redundant(term, picked, self.language):
                    continue
                picked.append(term)
            out[c] = picked
        return out


def _stopped(token: str, stop: frozenset[str]) -> bool:
    """A stop word, or a pair of Chinese/Japanese characters either of which is one."""
    if token in stop:
        return True
    return len(token) == 2 and is_cjk(token[0]) and (token[0] in stop or token[1] in stop)


def c_tfidf(per_class: np.ndarray) -> np.ndarray:
    """c-TF-IDF scores for a (classes x terms) matrix of raw term counts."""
    words_per_class = per_class.sum(axis=1, keepdims=True)
    tf = per_class / np.maximum(words_per_class, 1.0)
    term_total = per_class.sum(axis=0)
    average_words = float(words_per_class.mean()) if len(per_class) else 0.0
    idf = np.log(1.0 + average_words / np.maximum(term_total, 1.0))
    return np.asarray(tf * idf)


_SUFFIXES = ("ingly", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly", "er", "ers")


def stem(word: str, language: str = "en") -> str:
    """A rough stem, enough to see that "starting", "started" and "start" are one word;
    other languages' words are only lower-cased (English endings would cut them wrongly)."""
    word = word.lower().strip("'")
    if language != "en":
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2]:  # "stopp(ed)" -> "stop"
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):  # "service" and "servic(es)" meet
        word = word[:-1]
    return word


def _redundant(term: str, picked: list[str], language: str = "en") -> bool:
    # "waiting list" already says "waiting"; a bigram adds nothing over its own words; and
    # "started" adds nothing to "starting".
    words = {stem(w, language) for w in term.split()}
    for other in picked:
        other_words = {stem(w, language) for w in other.split()}
        if words <= other_words or other_words <= words:
            return True
        one = len(words) == len(other_words) == 1
        if language != "en" and one and _inflected(min(words), min(other_words)):
            return True
    return False


def _inflected(a: str, b: str) -> bool:
    """Two forms of one word in a language without a stemmer here ("demokracia",
    "demokraciu"; "ruskí", "ruských"): they share their first four letters or more and
    three quarters of the shorter."""
    shared = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return shared >= 4 and shared >= 0.75 * min(len(a), len(b))


def label_from_terms(terms: Sequence[str], n: int = 3) -> str:
    """A short readable label: the first few distinctive terms."""
    if not terms:
        return "Other answers"
    text = ", ".join(terms[:n])
    return text[:1].upper() + text[1:]
