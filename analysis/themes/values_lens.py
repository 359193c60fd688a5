"""Reads answers against the five values and six service principles.

Two sources: the tags of the question an answer was given to (what the script meant to
ask about), and a small hand-written lexicon of words residents use when they speak to a
value or principle (what they actually talked about). Lexicon entries are word stems
matched at the start of a word, so "listen" finds "listened" and "listening". The lexicon
is deliberately small and readable; it is a lens, not a classifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from civicbot_analysis.rounddata import PRINCIPLES, VALUES

LEXICON: dict[str, tuple[str, ...]] = {
    # values
    "care": ("care", "caring", "look after", "looked after", "kind", "compassion", "support",
             "help", "nurtur", "comfort", "gentle", "wellbeing"),
    "connection": ("connect", "together", "neighbour", "friend", "lonel", "isolat", "talk to",
                   "communit", "contact", "relationship", "network", "social"),
    "love": ("love", "loving", "warmth", "warm", "affection", "family", "heart", "cherish",
             "tender", "hug"),
    "belonging": ("belong", "welcome", "included", "inclusion", "home", "part of", "accepted",
                  "fit in", "outsider", "excluded", "local", "identity"),
    "respect": ("respect", "dignity", "listen", "heard", "valued", "believed", "taken seriously",
                "judg", "patronis", "rude", "polite", "treated like", "as a person", "human"),
    # principles
    "relational": ("same person", "same worker", "knew me", "know me", "got to know", "trust",
                   "relationship", "continuity", "name", "personal", "as a person"),
    "strengths-based": ("strength", "good at", "skill", "abilit", "capab", "what i can",
                        "confiden", "independen", "potential", "asset"),
    "preventative": ("early", "sooner", "before it", "prevent", "crisis", "waited until",
                     "too late", "in time", "earlier", "warning"),
    "joined-up": ("repeat", "again and again", "my story", "passed", "pass me",
                  "another department", "talk to each other", "joined", "share information",
                  "referr", "forms", "different people", "between services"),
    "adaptive": ("flexib", "adapt", "my needs", "fit around", "tailor", "one size", "rigid",
                 "rules", "choice", "change", "listen"),
    "equitable": ("fair", "unfair", "equal", "afford", "cost", "poor", "money", "disab",
                  "language", "access", "discriminat", "postcode lottery", "rural", "can't get"),
}  # fmt: skip

_PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)
    for name, words in LEXICON.items()
}


@dataclass(frozen=True, slots=True)
class LensHit:
    """How strongly a set of answers speaks to one value or principle."""

    name: str
    kind: str  # "value" or "principle"
    answers: int  # answers whose words match the lexicon
    share: float  # of the answers read
    tagged: bool  # a question the answers came from is tagged with it


def kind_of(name: str) -> str:
    return "value" if name in VALUES else "principle"


def matches(text: str) -> list[str]:
    """The values and principles whose lexicon words appear in ``text``."""
    return [name for name, pattern in _PATTERNS.items() if pattern.search(text)]


def read(
    texts: Sequence[str], tags: Iterable[str] = (), *, min_share: float = 0.05
) -> list[LensHit]:
    """The lens over ``texts``: each value/principle tagged, or matched by enough answers.

    Ordered values first, then principles, each by share of answers, largest first.
    """
    tag_set = set(tags)
    counts = dict.fromkeys(LEXICON, 0)
    for text in texts:
        for name in matches(text):
            counts[name] += 1
    total = len(texts)
    hits: list[LensHit] = []
    for name in VALUES + PRINCIPLES:
        share = counts[name] / total if total else 0.0
        if name in tag_set or (total and share >= min_share):
            hits.append(LensHit(name, kind_of(name), counts[name], share, name in tag_set))
    hits.sort(key=lambda h: (h.kind != "value", -h.share, h.name))
    return hits
