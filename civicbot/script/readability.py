"""Reading age of a script's texts: Flesch-Kincaid grade + 5, per text, per language.

The Flesch-Kincaid grade level (Kincaid et al., 1975) is
``0.39 * words/sentences + 11.8 * syllables/words - 15.59``; a UK reading age is the US
grade plus 5. It is defined for English only. No published adaptation of it to Welsh is
in common use, so Welsh (and every other language) is reported as having no measure
rather than given a figure that would mislead.

Syllables are counted by a rule-based counter (vowel groups with the usual English
corrections, as in Lingua::EN::Syllable), so no dictionary is downloaded. Template parts
(``{{ ... }}``) are removed first, and "/commands" count as one short word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from civicbot.script.model import Script, Text, text_in

MEASURED_LANGUAGES: frozenset[str] = frozenset({"en"})
TARGET_AGE = 9.0  # GOV.UK aims at a reading age of 9
CEILING_AGE = 12.0

_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|[0-9]+")
_SENTENCE_END = re.compile(r"[.!?:;]+|\n+|•")

# Corrections to a vowel-group count, from Lingua::EN::Syllable.
_SUBTRACT = [
    re.compile(p)
    for p in ("cial", "tia", "cius", "cious", "giu", "ion", "iou", "sia$", "ely$", "[^td]ed$")
]
_ADD = [
    re.compile(p)
    for p in (
        "ia",
        "riet",
        "dien",
        "iu",
        "io",
        "ii",
        "[aeiouym]bl$",
        "[aeiou]{3}",
        "^mc",
        "ism$",
        r"([^aeiouy])\1l$",
        "[^l]lien",
        "^coa[dglx].",
        "[^gq]ua[^auieo]",
        "dnt$",
        "[^aeiou]ea$",
        "eo",
    )
]
_EXCEPTIONS = {
    "every": 2,
    "everyone": 3,
    "everything": 3,
    "different": 3,
    "people": 2,
    "area": 3,
    "areas": 3,
    "idea": 3,
    "being": 2,
    "doing": 2,
    "going": 2,
    "seeing": 2,
    "business": 2,
    "science": 2,
    "quiet": 2,
    "create": 2,
    "our": 1,
    "you're": 1,
    "we're": 1,
    "they're": 1,
    "i'm": 1,
    "we'll": 1,
    "you'll": 1,
    "there's": 1,
    "here's": 1,
    "what's": 1,
    "don't": 1,
    "can't": 1,
    "didn't": 2,
    "wasn't": 2,
    "isn't": 2,
}


def syllables(word: str) -> int:
    """Syllables in one English word (at least 1)."""
    w = word.casefold().replace("’", "'")
    if w in _EXCEPTIONS:
        return _EXCEPTIONS[w]
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return 1
    if w.isdigit() or len(w) <= 3:
        return 1
    if w.endswith("e") and not re.search(r"[^aeiou]le$", w):
        w = w[:-1]
    count = len(re.findall(r"[aeiouy]+", w))
    count -= sum(1 for p in _SUBTRACT if p.search(w))
    count += sum(1 for p in _ADD if p.search(w))
    return max(1, count)


@dataclass(frozen=True)
class Measure:
    """One text's figures: where it is, words, sentences, syllables, reading age."""

    where: str
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def reading_age(self) -> float:
        return round(self.grade + 5, 1)


def measure(text: str, where: str = "") -> Measure | None:
    """Flesch-Kincaid figures for an English text, or None if it has no words."""
    plain = _TEMPLATE.sub(" ", text)
    plain = re.sub(r"/[a-z]+", "it", plain)  # a /command reads as one short word
    sentences = [s for s in _SENTENCE_END.split(plain) if _WORD.search(s)]
    words = [w for s in sentences for w in _WORD.findall(s)]
    if not words:
        return None
    total = sum(syllables(w) for w in words)
    return Measure(where, len(words), max(1, len(sentences)), total)


@dataclass(frozen=True)
class ReadingReport:
    """Reading ages of one language's texts."""

    language: str
    measures: tuple[Measure, ...]

    @property
    def measured(self) -> bool:
        return self.language in MEASURED_LANGUAGES

    def share_at_most(self, age: float = TARGET_AGE) -> float:
        if not self.measures:
            return 1.0
        return sum(1 for m in self.measures if m.reading_age <= age) / len(self.measures)

    @property
    def highest(self) -> Measure | None:
        return max(self.measures, key=lambda m: m.reading_age, default=None)

    def above(self, age: float = TARGET_AGE) -> list[Measure]:
        return sorted(
            (m for m in self.measures if m.reading_age > age), key=lambda m: -m.reading_age
        )


def script_texts(script: Script, language: str) -> list[tuple[str, str]]:
    """(where, text) for every text a resident reads as prose: the consent layers, the
    steps and the finish. Button labels are words, not sentences, so they are left out."""
    out: list[tuple[str, str]] = []

    def add(where: str, text: Text | None) -> None:
        if text is None:
            return
        if isinstance(text, dict) and language not in text and language != script.languages[0]:
            return
        out.append((where, text_in(text, language, script.default_language)))

    add("consent intro", script.consent.intro)
    add("consent", script.consent.text)
    for step in script.steps():
        add(f"step {step.id}", step.text)
    add("finish", script.finish)
    return out


def reading_report(script: Script, language: str) -> ReadingReport:
    measures: list[Measure] = []
    if language in MEASURED_LANGUAGES:
        for where, text in script_texts(script, language):
            found = measure(text, where)
            if found is not None:
                measures.append(found)
    return ReadingReport(language, tuple(measures))


def describe(report: ReadingReport) -> list[str]:
    """Lines for ``civicbot script check``: warnings above reading age 9, then figures."""
    if not report.measured:
        return [f"reading age [{report.language}]: no measure for this language"]
    lines = [
        f"warning: {m.where}: reading age {m.reading_age:.1f} (above {TARGET_AGE:.0f})"
        for m in report.above()
    ]
    top = report.highest
    n = len(report.measures)
    at_most = sum(1 for m in report.measures if m.reading_age <= TARGET_AGE)
    if top is None:
        lines.append(f"reading age [{report.language}]: no texts")
        return lines
    lines.append(
        f"reading age [{report.language}]: {at_most} of {n} texts "
        f"({100 * at_most / n:.0f}%) at {TARGET_AGE:.0f} or below; "
        f"highest {top.reading_age:.1f} ({top.where})"
    )
    return lines
