"""Representative quotes for a theme: close to its centre, unlike each other, scrubbed,
trimmed to the part that carries the theme.

Candidates are the answers nearest the theme's centroid (cosine). Each is scrubbed of
personal data *before* anything else looks at it (so trimming never cuts a placeholder in
half and duplicates are judged on what would be published), cut down to its sentences
that use the theme's distinctive words (and to :data:`MAX_CHARS`), and dropped if too
short to say anything. Quotes are then chosen by maximal marginal relevance, and one that
nearly repeats a quote already chosen (word-set Jaccard similarity) is never taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from civicbot_analysis.themes.label import LABEL_STOP_WORDS, stem
from civicbot_analysis.themes.words import HAN, HIRAGANA, MARKS, is_cjk, term_tokens

MAX_CHARS = 240
MIN_WORDS = 3
NEAR_DUPLICATE = 0.5  # Jaccard similarity of word sets at or above which quotes repeat
LAMBDA = 0.6  # weight of closeness to the centre against unlikeness to chosen quotes
_CANDIDATES = 40
# Urdu and Arabic end sentences with ۔ ؟; Chinese and Japanese with 。！？ and no space.
_SENTENCE_END = re.compile(r"(?<=[.!?۔؟])\s+|(?<=[。！？])\s*")
# Words in any script, not only a-z, with their combining marks; a Han character or
# hiragana is one word (no spaces between them), as in the labels.
_LETTERS = rf"(?:[^\W_{HAN}{HIRAGANA}]|[{MARKS}])+"
_WORD = re.compile(rf"[{HAN}{HIRAGANA}]|{_LETTERS}(?:'{_LETTERS})*")
_STOP = frozenset(LABEL_STOP_WORDS)
_MASKED = re.compile(r"\[[^\]]*\]")


def trim(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters, at a sentence end where possible."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        candidate = f"{kept} {sentence}".strip()
        if len(candidate) > limit:
            break
        kept = candidate
    if len(kept) >= limit // 3:
        return kept
    # No sentence end early enough: cut at a word boundary and mark the cut.
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-")
    return cut + "…"


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def _jaccard(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else float(wa == wb)


def near_duplicate(a: str, b: str, threshold: float = NEAR_DUPLICATE) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return wa == wb
    return len(wa & wb) / len(wa | wb) >= threshold


def _stems(text: str) -> set[str]:
    out = {stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP}
    return out | {t for t in term_tokens(text) if is_cjk(t[0])}  # Chinese/Japanese pairs


def carrying_part(text: str, terms: Sequence[str], limit: int = MAX_CHARS) -> str:
    """The sentences of ``text`` that carry the theme, with "…" where others were cut.

    A sentence carries the theme when it uses one of the theme's distinctive words. The
    best such sentence is kept with its carrying neighbours while they fit; sentences
    that carry nothing ("My name is [name] and I live at [address].") are dropped from
    either end. With no carrying sentence the whole answer is trimmed as before.
    """
    text = " ".join(text.split())
    sentences = [s for s in _SENTENCE_END.split(text) if s]
    wanted = {stem(w) for t in terms for w in t.lower().split()}
    # A sentence with a masked detail carries nothing: "[phone]" is no part of a theme.
    scores = [0 if _MASKED.search(s) else len(_stems(s) & wanted) for s in sentences]
    if len(sentences) <= 1 or not any(scores):
        return trim(text, limit)
    best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
    lo = hi = best
    while True:
        grew = False
        for j in (lo - 1, hi + 1):
            if 0 <= j < len(sentences) and scores[j] > 0:
                span = " ".join(sentences[min(lo, j) : max(hi, j) + 1])
                if len(span) <= limit:
                    lo, hi, grew = min(lo, j), max(hi, j), True
        if not grew:
            break
    kept = trim(" ".join(sentences[lo : hi + 1]), limit)
    if lo > 0:
        kept = "… " + kept
    if hi < len(sentences) - 1 and not kept.endswith("…"):
        kept += " …"
    return kept


def pick_quotes(
    texts: Sequence[str],
    vectors: np.ndarray,
    centroid: np.ndarray,
    scrub: Callable[[str], str],
    *,
    terms: Sequence[str] = (),
    n: int = 3,
) -> list[str]:
    """Up to ``n`` quotes, as :func:`pick_quote_rows` picks them, without their indices."""
    return [q for _, q in pick_quote_rows(texts, vectors, centroid, scrub, terms=terms, n=n)]


def pick_quote_rows(
    texts: Sequence[str],
    vectors: np.ndarray,
    centroid: np.ndarray,
    scrub: Callable[[str], str],
    *,
    terms: Sequence[str] = (),
    n: int = 3,
) -> list[tuple[int, str]]:
    """Up to ``n`` scrubbed, trimmed quotes from ``texts``, central yet unlike each other.

    Maximal marginal relevance: each next quote maximises ``LAMBDA`` x its similarity to
    the centre minus (1 - ``LAMBDA``) x its greatest similarity to a quote already chosen
    (cosine of the answer vectors). Near-duplicates (word sets, after trimming) are never
    chosen, however central.
    """
    if len(texts) == 0:
        return []
    similarity = vectors @ centroid
    order = [int(i) for i in np.argsort(-similarity, kind="stable")[:_CANDIDATES]]
    candidates: list[tuple[int, str]] = []
    for i in order:
        quote = carrying_part(scrub(texts[i]), terms)
        if len(_words(quote)) >= MIN_WORDS:
            candidates.append((i, quote))
    chosen: list[tuple[int, str]] = []
    while candidates and len(chosen) < n:
        best, best_score = -1, -np.inf
        for c, (i, quote) in enumerate(candidates):
            if any(near_duplicate(quote, q) for _, q in chosen):
                continue
            redundancy = max(
                (max(float(vectors[i] @ vectors[j]), _jaccard(quote, q)) for j, q in chosen),
                default=0.0,
            )
            score = LAMBDA * float(similarity[i]) - (1 - LAMBDA) * redundancy
            if score > best_score:
                best, best_score = c, score
        if best < 0:
            break
        chosen.append(candidates.pop(best))
    return chosen
