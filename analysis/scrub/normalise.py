"""Text as the rules should see it, with a way back to the resident's own characters.

Personal data can hide behind look-alike characters: full-width digits ("０７７００"),
Arabic-Indic digits ("٠٧٧٠٠"), no-break and thin spaces, and zero-width characters typed
or pasted inside a number ("0770\u200b0 900\u200b123"). :func:`normalise` folds each
character with Unicode NFKC, turns every decimal digit into its ASCII digit, and drops
format characters (category Cf: zero-width spaces and joiners, word joiners, byte-order
marks, direction marks). It also returns, for each character of the folded text, the
index of the character it came from, so a span found in the folded text masks exactly
the original characters, hidden ones included.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Folded:
    """``text`` as the rules see it; ``origin[i]`` is where ``text[i]`` came from in the
    original (``origin`` has one extra entry: the original's length)."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind ``text[start:end]`` (``end > start``)."""
        return self.origin[start], self.origin[end - 1] + 1


def _fold_char(c: str) -> str:
    category = unicodedata.category(c)
    if category == "Cf":
        return ""
    if category == "Nd":
        return str(unicodedata.decimal(c))
    folded = unicodedata.normalize("NFKC", c)
    if folded.isascii():
        return folded
    # NFKC can give other digits or format characters (rare); fold those too.
    return "".join(
        str(unicodedata.decimal(f))
        if unicodedata.category(f) == "Nd"
        else ("" if unicodedata.category(f) == "Cf" else f)
        for f in folded
    )


def normalise(text: str) -> Folded | None:
    """The folded text and its map back, or None when folding changes nothing (plain
    ASCII, the common case, costs one check)."""
    if text.isascii():
        return None
    out: list[str] = []
    origin: list[int] = []
    changed = False
    for i, c in enumerate(text):
        folded = c if c.isascii() else _fold_char(c)
        if folded != c:
            changed = True
        out.append(folded)
        origin.extend([i] * len(folded))
    if not changed:
        return None
    origin.append(len(text))
    return Folded("".join(out), tuple(origin))
