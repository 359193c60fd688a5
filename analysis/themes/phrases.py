"""Phrase labels: a theme named by a short phrase its own answers use ("having to repeat my
story"), not by a list of words.

Candidates are the 2-5 word runs inside one clause of an answer (never across a full stop
or comma) that neither start nor end with a stop word and hold no masked detail. Each is
scored, like class-based TF-IDF, by how many of the theme's answers use it (coverage)
times how much more often it appears there than in the other themes of the same question
(distinctiveness), doubled when it uses one of the theme's three most distinctive words
(class-based TF-IDF) and doubled again when one is the most distinctive, with a small
bonus per extra word so that a phrase that reads like speech beats its own two-word core
when nearly as many people used it. A phrase nearly always cut short on one side ("make
the biggest" + "difference") scores less, and none ends on a verb that leaves it hanging
("areas that need"). A theme with no phrase used by at least two answers falls back to
its most distinctive words.

The label keeps the spelling most answers gave it ("GP", "A&E"), first letter capitalised.
The description is one sentence from the phrases of the theme's most central answers.

Words are those of :mod:`civicbot_analysis.themes.words`: any script, every letter kept
("Mimovládne organizácie", "Cymraeg ar ŵyl"). In a language other than English the stop
words are that language's, any of them may border a phrase without leaving it cut short,
and the English lists of hanging verbs and particles do not apply. In Chinese and Japanese
a phrase is a run of 2-5 characters that several answers share, written without spaces.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from civicbot_analysis.themes import words as wd
from civicbot_analysis.themes.label import LABEL_STOP_WORDS, label_from_terms, stem

MIN_WORDS = 2
MAX_WORDS = 5
MIN_USES = 2  # a phrase used by one answer only is a quote, not a label
LENGTH_BONUS = 0.15  # per word beyond two
TERMS_WANTED = 3  # a phrase using one of the theme's three most distinctive words ...
TERM_BONUS = 2.0  # ... scores this many times as much
FIRST_TERM_BONUS = 2.0  # and using the most distinctive of all, as much again
SAMPLE = 2000  # answers per theme looked at (evenly spread), enough to rank phrases

OPEN_SIDE = 0.7  # one word next to a phrase in this share of its uses: the phrase is cut short
OPEN_PENALTY = 0.35  # score factor per side on which a phrase is cut short

# A phrase may start with a negation ("Nobody owns the problem": without it the label says
# the opposite) and end with a particle ("No hoops to jump through"), though both are stop
# words.
_NEGATIONS = """
    no not nobody never nothing none noone neither nor can't don't didn't won't isn't
    wasn't doesn't couldn't wouldn't shouldn't aren't haven't hasn't
"""
_PARTICLES = "through out up down off around round over again back away together"
# Words that may come before a phrase without leaving it cut short ("the", "my").
_GLUE = """
    a an the my your our their his her its to of in on at by and or but is was it that
    for with from as i we they you he she be been are were this these those so
"""
# Words that may follow a phrase without leaving it cut short: they start a new part of
# the sentence ("repeat my story" + "to every new worker").
_BREAKS = """
    to for with and in on at from when because but so or about by as after before until
    since if while which who where than
"""
# Verbs that leave a phrase hanging when it ends on them ("areas that need", "when they
# want"): a label may not end with one.
_HANGING = """
    want wants wanted need needs make makes made get gets got take takes took give gives
    gave go goes going keep kept let lets tell told say says said try tried seem seems
    cost costs have has had having be being feel felt put puts getting doing trying
    keeping
"""
NEGATIONS = frozenset(_NEGATIONS.split()) | {"one", "same"}
HANGING = frozenset(_HANGING.split())
# Common verbs that carry no topic of their own: a phrase needs a word besides them
# ("came out" says nothing; "came out in tears" does).
WEAK = HANGING | frozenset(["came", "come", "comes", "went", "did", "done", "do", "does", "says"])
BREAKS = frozenset(_BREAKS.split())
GLUE = frozenset(_GLUE.split())
PARTICLES = frozenset(_PARTICLES.split())
_STOP = frozenset(LABEL_STOP_WORDS)
# Clause breaks, with the Greek question mark and semicolon (";", "·"), the Urdu and Arabic
# full stop, question mark and commas, and the Chinese and Japanese full stop, commas and
# brackets.
_CLAUSE = re.compile(r"[.,;:!?()\[\]\n\"“”«»„…–—·۔؟،؛。、，！？；：「」『』（）《》]+|\s-\s")
_PLACEHOLDER = re.compile(r"\[[^\]]*\]")


@dataclass(frozen=True)
class Rules:
    """The word lists a language's phrases are judged by (see the module docstring)."""

    stop: frozenset[str]
    negations: frozenset[str]
    glue: frozenset[str]
    breaks: frozenset[str]
    hanging: frozenset[str]
    particles: frozenset[str]
    weak: frozenset[str]
    language: str = "en"


ENGLISH = Rules(_STOP, NEGATIONS, GLUE, BREAKS, HANGING, PARTICLES, WEAK)


def rules_for(language: str) -> Rules:
    """English's lists, or another language's stop words and negations."""
    if language == "en":
        return ENGLISH
    lex = wd.lexicon(language)
    none: frozenset[str] = frozenset()
    return Rules(lex.stop, lex.negations, lex.stop, lex.stop, none, none, none, language)


@dataclass(frozen=True)
class Phrase:
    text: str  # as most answers spell it
    key: tuple[str, ...]  # lower-case words
    uses: int  # answers of the theme using it
    score: float


def _clauses(text: str) -> list[list[str]]:
    text = _PLACEHOLDER.sub(" , ", wd.nfc(text).replace("’", "'"))
    return [wd.WORD.findall(c) for c in _CLAUSE.split(text)]


def _long(word: str) -> bool:
    return len(word) > 1 or wd.is_cjk(word)


def _can_start(word: str, r: Rules) -> bool:
    return word in r.negations or (word not in r.stop and _long(word))


def _can_end(word: str, r: Rules) -> bool:
    if word in r.particles:
        return True
    return word not in r.stop and word not in r.negations and word not in r.hanging and _long(word)


def _strong(word: str, r: Rules) -> bool:
    return word not in r.stop and word not in r.particles and word not in r.weak and _long(word)


def _spans(text: str, r: Rules = ENGLISH) -> list[tuple[tuple[str, ...], str, str, str]]:
    """Every candidate phrase of one answer: its key, spelling, and the words either side
    ("" at a clause's edge)."""
    out: list[tuple[tuple[str, ...], str, str, str]] = []
    for words in _clauses(text):
        lower = [x.lower() for x in words]
        for i, first in enumerate(lower):
            if not _can_start(first, r):
                continue
            for n in range(MIN_WORDS, MAX_WORDS + 1):
                if i + n > len(lower):
                    break
                if not _can_end(lower[i + n - 1], r):
                    continue
                if not any(_strong(x, r) for x in lower[i : i + n]):
                    continue
                before = lower[i - 1] if i else ""
                after = lower[i + n] if i + n < len(lower) else ""
                out.append((tuple(lower[i : i + n]), wd.join(words[i : i + n]), before, after))
    return out


def _grams(text: str, r: Rules = ENGLISH) -> dict[tuple[str, ...], str]:
    """Every candidate phrase of one answer, lower-case key to its spelling there."""
    out: dict[tuple[str, ...], str] = {}
    for key, spelling, _, _ in _spans(text, r):
        out.setdefault(key, spelling)
    return out


def _spread(texts: Sequence[str], size: int = SAMPLE) -> Sequence[str]:
    return texts if len(texts) <= size else texts[:: len(texts) // size + 1]


class PhraseCounts:
    """Candidate phrases per theme of one question (or scope), counted once per answer."""

    def __init__(self, groups: Sequence[Sequence[str]], rules: Rules = ENGLISH) -> None:
        self.rules = rules
        self.sizes: list[int] = []
        self.uses: list[Counter[tuple[str, ...]]] = []
        self.spellings: list[dict[tuple[str, ...], Counter[str]]] = []
        self.sides: list[dict[tuple[str, ...], tuple[Counter[str], Counter[str]]]] = []
        for texts in groups:
            sample = _spread(texts)
            uses: Counter[tuple[str, ...]] = Counter()
            spelled: dict[tuple[str, ...], Counter[str]] = {}
            sides: dict[tuple[str, ...], tuple[Counter[str], Counter[str]]] = {}
            for text in sample:
                spans = _spans(text, rules)
                for key in {key for key, _, _, _ in spans}:
                    uses[key] += 1
                for key, spelling, before, after in spans:
                    spelled.setdefault(key, Counter())[spelling] += 1
                    left, right = sides.setdefault(key, (Counter(), Counter()))
                    left[before] += 1
                    right[after] += 1
            self.sizes.append(len(sample))
            self.uses.append(uses)
            self.spellings.append(spelled)
            self.sides.append(sides)

    def _open_sides(self, group: int, key: tuple[str, ...]) -> int:
        """On how many sides the phrase is nearly always continued by the same word: the
        right by any word ("make the biggest" + "difference"), the left by a content word
        or a negation ("owns the problem" after "nobody")."""
        left, right = self.sides[group][key]
        n = sum(right.values())
        word, count = right.most_common(1)[0]
        open_right = word != "" and count >= OPEN_SIDE * n and word not in self.rules.breaks
        word, count = left.most_common(1)[0]
        open_left = word != "" and count >= OPEN_SIDE * n and word not in self.rules.glue
        return int(open_right) + int(open_left)

    def ranked(self, group: int, limit: int = 10, terms: Sequence[str] = ()) -> list[Phrase]:
        """The best phrases of ``group``, best first, none inside a better one; a phrase
        using one of the theme's most distinctive ``terms`` counts double."""
        language = self.rules.language
        wanted = {stem(x, language) for t in terms[:TERMS_WANTED] for x in t.split()}
        first = {stem(x, language) for x in terms[0].split()} if terms else set()
        n_in = max(self.sizes[group], 1)
        n_out = sum(self.sizes) - self.sizes[group]
        scored: list[Phrase] = []
        for key, used in self.uses[group].items():
            if used < MIN_USES:
                continue
            p_in = used / n_in
            out = sum(u.get(key, 0) for j, u in enumerate(self.uses) if j != group)
            p_out = out / n_out if n_out else 0.0
            distinct = p_in / (p_in + p_out)
            score = p_in * distinct**2 * (1 + LENGTH_BONUS * (len(key) - MIN_WORDS))
            score *= OPEN_PENALTY ** self._open_sides(group, key)
            stems = {stem(x, language) for x in key}
            if language in ("zh", "ja"):  # the terms are character pairs
                stems |= {"".join(key[j : j + 2]) for j in range(len(key) - 1)}
            if stems & wanted:
                score *= TERM_BONUS
            if stems & first:
                score *= FIRST_TERM_BONUS
            spelling = self.spellings[group][key].most_common(1)[0][0]
            scored.append(Phrase(spelling, key, used, score))
        scored.sort(key=lambda p: (-p.score, p.key))
        picked: list[Phrase] = []
        for p in scored:
            if any(_overlaps(p.key, q.key) for q in picked):
                continue
            picked.append(p)
            if len(picked) == limit:
                break
        return picked


def _overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One phrase's words all inside the other ("waiting list", "long waiting list")."""
    return set(a) <= set(b) or set(b) <= set(a)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def label_themes(
    groups: Sequence[Sequence[str]],
    terms: Sequence[Sequence[str]],
    central: Sequence[Sequence[str]],
    language: str = "en",
) -> list[tuple[str, str]]:
    """A phrase label and a one-sentence description per group (the answers of one theme).

    ``central`` holds each theme's most central answers (nearest its centre), from which
    the description is built. Labels are unique within the scope: a theme whose best
    phrase a higher-scoring theme took gets its next best. ``language`` picks the word
    lists (:func:`rules_for`).
    """
    rules = rules_for(language)
    counts = PhraseCounts(groups, rules)
    ranked = [counts.ranked(g, limit=30, terms=terms[g]) for g in range(len(groups))]
    order = sorted(range(len(groups)), key=lambda g: -(ranked[g][0].score if ranked[g] else 0.0))
    taken: set[tuple[str, ...]] = set()
    chosen: dict[int, Phrase | None] = {}
    for g in order:
        free = [p for p in ranked[g] if p.key not in taken]
        chosen[g] = free[0] if free else None
        if free:
            taken.add(free[0].key)
    out: list[tuple[str, str]] = []
    for g in range(len(groups)):
        best = chosen[g]
        label = capitalised(best.text) if best else label_from_terms(terms[g], n=2)
        inside: set[tuple[str, ...]] = set()
        for text in central[g]:
            inside |= set(_grams(text, rules))
        near = [
            p for p in ranked[g] if p.key in inside and not (best and _overlaps(p.key, best.key))
        ]
        out.append((label, describe(label, near, terms[g])))
    return out


def describe(label: str, central: Sequence[Phrase], terms: Sequence[str]) -> str:
    """One sentence: what the theme's most central answers talk about besides its label."""
    lead = label if label[:2].isupper() else label[:1].lower() + label[1:]
    others: list[str] = []
    for p in central:
        if not any(_overlaps(p.key, tuple(x.lower() for x in wd.words(o))) for o in others):
            others.append(p.text if p.text[:2].isupper() else p.text[:1].lower() + p.text[1:])
        if len(others) == 2:
            break
    if not others:
        others = [t for t in terms if t.lower() not in label.lower()][:2]
    if not others:
        return f"Answers about “{lead}”."
    return (
        f"Answers about “{lead}”, often mentioning " + " and ".join(f"“{o}”" for o in others) + "."
    )
