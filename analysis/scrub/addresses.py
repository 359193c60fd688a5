"""Street addresses: a house number (or flat) and a street name ending in a street word.

"12 Acacia Avenue", "Flat 3, 12 Rose Court", "flat 4b 27 st mary's road", "3-5 High St".
A street name is one to three words; capitalised words are taken as they come, lower-case
ones only if they are not common words ("the 38 bus up Holloway Road" stops at "bus").
A flat or house name without a number ("Flat 3, Rose Court") is caught through "Flat N".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Found = tuple[str, int, int]

STREET_WORDS = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Way|Court|Ct|Crescent|Cres|"
    "Place|Pl|Gardens|Gdns|Terrace|Tce|Grove|Gr|Hill|Square|Sq|Row|Walk|Mews|Parade|Park|"
    "Rise|View|Green|Vale|Wharf|Yard|Boulevard|Broadway|Circus|Embankment|Esplanade|"
    "Gate|Heights|Approach|Chase|Croft|Fold|Wynd|Brae|Quay|Villas|Cottages|Buildings|House|"
    "Mansions|Estate|Meadow|Meadows|Fields|Orchard|Lea|Ridge|End|Bank|Side|Hollow|Passage"
)

# Street words that are rarely anything else, so may be typed in lower case
# ("12 acacia avenue"); others ("drive", "close", "way") need a capital.
LOWER_CASE_STREETS = frozenset(
    ("road", "rd", "street", "avenue", "ave", "lane", "crescent", "terrace", "gardens", "mews")
)

# Lower-case words that never start or continue a street name.
_COMMON = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "on",
    "in",
    "at",
    "up",
    "down",
    "by",
    "for",
    "from",
    "with",
    "my",
    "our",
    "their",
    "his",
    "her",
    "your",
    "this",
    "that",
    "these",
    "bus",
    "buses",
    "route",
    "number",
    "times",
    "time",
    "minutes",
    "mins",
    "hours",
    "hour",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "years",
    "year",
    "people",
    "kids",
    "children",
    "pounds",
    "quid",
    "miles",
    "mile",
    "stops",
    "floors",
    "flights",
    "steps",
    "doors",
    "calls",
    "letters",
    "forms",
    "visits",
    "appointments",
    "nights",
    "mornings",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "way",
    "was",
    "is",
    "are",
    "were",
    "been",
    "be",
    "it",
    "i",
    "we",
    "they",
    "he",
    "she",
    "just",
    "only",
    "other",
    "different",
    "separate",
    "same",
    "long",
    "short",
    "big",
    "small",
    "new",
    "old",
    "main",
    "side",
    "back",
    "front",
    "more",
    "less",
    "all",
    "some",
    "many",
    "few",
}
_STREET = re.compile(rf"(?:{STREET_WORDS})\.?", re.IGNORECASE)
_WORD = r"[A-Za-z][A-Za-z'’-]*"
_NUMBER = r"\d{1,4}[A-Za-z]?(?:\s?[-–/]\s?\d{1,4}[A-Za-z]?)?"
_FLAT = r"(?:flat|apartment|apt|unit|room|maisonette)\.?\s+\d{1,4}[A-Za-z]?,?\s+"
_ADDRESS = re.compile(
    rf"(?<![\w£$.,/:-])(?:{_FLAT})?(?:{_NUMBER}),?\s+((?:{_WORD}\s+){{1,3}})({_STREET.pattern})(?![\w])"
    rf"|(?<!\w)(?:{_FLAT})((?:{_WORD}\s+){{1,3}})({_STREET.pattern})(?![\w])",
    re.IGNORECASE,
)


def _name_ok(words: str) -> bool:
    parts = words.split()
    if not parts:
        return False
    for w in parts:
        if w[0].isupper():
            continue
        if w.lower().strip("'’") in _COMMON:
            return False
    # An all lower-case name is accepted only when short: "12 acacia avenue".
    return any(w[0].isupper() for w in parts) or len(parts) <= 2


_TOKEN = re.compile(r"\S+")
_STREET_ONLY = re.compile(rf"(?:{STREET_WORDS})\.?,?", re.IGNORECASE)


def find_addresses(text: str) -> Iterator[Found]:
    for m in _ADDRESS.finditer(text):
        g = 1 if m.group(1) is not None else 3
        # Tokens of the street name and street word; the longest acceptable cut wins, so
        # "12 Green Park Road" keeps "Road" and "4 Acacia Avenue and Park" stops at Avenue.
        tokens = list(_TOKEN.finditer(text, m.start(g), m.end(g + 1)))
        for cut in range(len(tokens) - 1, 0, -1):
            street = tokens[cut].group()
            if not _STREET_ONLY.fullmatch(street):
                continue
            name = " ".join(t.group() for t in tokens[:cut])
            if street[0].islower() and (
                street.rstrip(".,") not in LOWER_CASE_STREETS or not _name_ok(name)
            ):
                continue  # "a 20 minute drive", "5 really close": ordinary words
            if _name_ok(name):
                # The street word without a full stop or comma after it.
                yield ("address", m.start(), tokens[cut].start() + len(street.rstrip(".,")))
                break
