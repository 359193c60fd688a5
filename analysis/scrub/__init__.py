"""Masking personal data in residents' free text, offline and fast.

``scrub(text)`` replaces personal data with labelled placeholders ("[phone]",
"[email]", "[url]", "[card number]", "[postcode]", "[NHS number]", "[NI number]",
"[date of birth]", "[address]", "[handle]", "[name]"); ``find_pii(text)`` returns the
spans, for moderation. The rules read the text folded by :mod:`civicbot_analysis.scrub.normalise`
(NFKC, ASCII digits, no zero-width characters) and mask the resident's own characters.
Structured identifiers follow exact rules (:mod:`civicbot_analysis.scrub.identifiers`,
:mod:`civicbot_analysis.scrub.personal`), street addresses a house number and street word
(:mod:`civicbot_analysis.scrub.addresses`), names are best effort
(:mod:`civicbot_analysis.scrub.names`). Where spans overlap, the more specific kind wins (an email
before the URL inside it, an NHS number before a phone number), then the longer span.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from civicbot_analysis.scrub.addresses import find_addresses
from civicbot_analysis.scrub.identifiers import (
    TLDS,
    find_emails,
    find_nhs_numbers,
    find_ni_numbers,
    find_phones,
    find_postcodes,
    find_urls,
    nhs_check_ok,
)
from civicbot_analysis.scrub.names import find_names
from civicbot_analysis.scrub.normalise import normalise
from civicbot_analysis.scrub.personal import find_card_numbers, find_dates_of_birth, find_handles

__all__ = ["KINDS", "PLACEHOLDERS", "Span", "find_pii", "nhs_check_ok", "scrub"]

# Kinds in order of precedence when spans overlap.
KINDS: tuple[str, ...] = (
    "email",
    "url",
    "card_number",
    "nhs_number",
    "ni_number",
    "phone",
    "date_of_birth",
    "postcode",
    "address",
    "handle",
    "name",
)
PLACEHOLDERS: dict[str, str] = {
    "email": "[email]",
    "url": "[url]",
    "card_number": "[card number]",
    "nhs_number": "[NHS number]",
    "ni_number": "[NI number]",
    "phone": "[phone]",
    "date_of_birth": "[date of birth]",
    "postcode": "[postcode]",
    "address": "[address]",
    "handle": "[handle]",
    "name": "[name]",
}


@dataclass(frozen=True, slots=True)
class Span:
    """One piece of personal data: its kind, where it is (``text[start:end]``), and it."""

    kind: str
    start: int
    end: int
    text: str


Finder = Callable[[str], Iterator[tuple[str, int, int]]]
_HAS_DIGIT = re.compile(r"\d")
_HAS_AT = re.compile(r"@|\(at\)|\[at\]| at \S+ dot ", re.IGNORECASE)
_HAS_WEB = re.compile(rf"://|www\.|\w\.(?:{TLDS})\b", re.IGNORECASE)
_HAS_HANDLE = re.compile(r"(?<![\w@.+-])@\w")
_HAS_CAPITAL_OR_CUE = re.compile(r"[A-Z]|name|called|call me|signed", re.IGNORECASE)

# Cheap guards first: most answers have no digits, so most finders never run.
_FINDERS: tuple[tuple[re.Pattern[str], Finder], ...] = (
    (_HAS_AT, find_emails),
    (_HAS_WEB, find_urls),
    (_HAS_DIGIT, find_card_numbers),
    (_HAS_DIGIT, find_nhs_numbers),
    (_HAS_DIGIT, find_ni_numbers),
    (_HAS_DIGIT, find_phones),
    (_HAS_DIGIT, find_dates_of_birth),
    (_HAS_DIGIT, find_postcodes),
    (_HAS_DIGIT, find_addresses),
    (_HAS_HANDLE, find_handles),
    (_HAS_CAPITAL_OR_CUE, find_names),
)
_RANK = {kind: i for i, kind in enumerate(KINDS)}


def find_pii(text: str) -> list[Span]:
    """Non-overlapping spans of personal data in ``text``, in text order."""
    return list(_find_pii(text))


# The bot screens each answer and then scrubs it (two calls on the same text), and the
# report scrubs quotes it has screened already: the rules are pure, so remember them.
@functools.lru_cache(maxsize=4096)
def _find_pii(text: str) -> tuple[Span, ...]:
    folded = normalise(text)
    seen = text if folded is None else folded.text
    found: list[tuple[str, int, int]] = []
    for guard, finder in _FINDERS:
        if guard.search(seen):
            found.extend(f for f in finder(seen) if f[2] > f[1])
    if folded is not None:
        found = [(kind, *folded.span(start, end)) for kind, start, end in found]
    found = _join_overlaps(found)
    found.sort(key=lambda f: (_RANK[f[0]], -(f[2] - f[1]), f[1]))
    taken: list[tuple[str, int, int]] = []
    for kind, start, end in found:
        if all(end <= s or start >= e for _, s, e in taken):
            taken.append((kind, start, end))
    taken.sort(key=lambda f: f[1])
    return tuple(Span(kind, start, end, text[start:end]) for kind, start, end in taken)


def _join_overlaps(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Overlapping spans of the same kind become one span covering both, so a name found
    as "Sarah Anna" and as "Anna Smith" is masked whole, never leaving a word showing."""
    joined: list[tuple[str, int, int]] = []
    for kind, start, end in sorted(found, key=lambda f: (f[0], f[1], -f[2])):
        if joined and joined[-1][0] == kind and start < joined[-1][2]:
            last = joined[-1]
            joined[-1] = (kind, last[1], max(last[2], end))
        else:
            joined.append((kind, start, end))
    return joined


def scrub(text: str) -> str:
    """``text`` with personal data replaced by labelled placeholders."""
    spans = _find_pii(text)
    if not spans:
        return text
    parts: list[str] = []
    at = 0
    for span in spans:
        parts.append(text[at : span.start])
        parts.append(PLACEHOLDERS[span.kind])
        at = span.end
    parts.append(text[at:])
    return "".join(parts)
