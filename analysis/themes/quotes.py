"""Representative quotes for a theme: close to its centre, scrubbed, distinct, short.

Candidates are taken in order of cosine similarity to the theme's centroid. Each is
scrubbed of personal data *before* anything else looks at it (so trimming never cuts a
placeholder in half and duplicates are judged on what would be published), trimmed at a
sentence boundary near :data:`MAX_CHARS`, and dropped if it is too short to say anything
or nearly repeats a quote already chosen (word-set Jaccard similarity).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

MAX_CHARS = 240
MIN_WORDS = 3
NEAR_DUPLICATE = 0.6  # Jaccard similarity of word sets at or above which quotes repeat
_CANDIDATES = 40
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-z0-9']+")


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


def near_duplicate(a: str, b: str, threshold: float = NEAR_DUPLICATE) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return wa == wb
    return len(wa & wb) / len(wa | wb) >= threshold


def pick_quotes(
    texts: Sequence[str],
    vectors: np.ndarray,
    centroid: np.ndarray,
    scrub: Callable[[str], str],
    *,
    n: int = 3,
) -> list[str]:
    """Up to ``n`` scrubbed, distinct quotes from ``texts`` nearest to ``centroid``."""
    if len(texts) == 0:
        return []
    similarity = vectors @ centroid
    order = np.argsort(-similarity, kind="stable")[:_CANDIDATES]
    chosen: list[str] = []
    for i in order:
        quote = trim(scrub(texts[int(i)]))
        if len(_words(quote)) < MIN_WORDS:
            continue
        if any(near_duplicate(quote, c) for c in chosen):
            continue
        chosen.append(quote)
        if len(chosen) == n:
            break
    return chosen
