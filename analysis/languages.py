"""Answers in more than one language: who answered in which, and themes per language.

The default theme pipeline (word and character TF-IDF, LSA, k-means) needs no
dictionary, only a stop-word list per language (:mod:`civicbot_analysis.themes.stopwords`;
a language without one keeps every word), so it works on any language's words, and
:func:`in_language` hands each language's answers on as a round in that language. Words
of different languages do not meet in one vector space: clustered together, Welsh
answers would form a theme of their own because they are Welsh. So themes are found per
language: the report's main themes over answers in the round's first language, and each
other language's answers on their own, quoted as written, with the language named. The
embeddings extra (all-MiniLM-L6-v2) is English-only, so it is used for the round's first
language only when that is English; a multilingual sentence model would allow themes
across languages, and none ships with civicbot.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from civicbot_analysis.rounddata import RoundData
from civicbot_analysis.suppress import Cell, Suppressor

# Names of languages in their own script, and in English (codes as in BCP 47).
NAMES: dict[str, tuple[str, str]] = {
    "en": ("English", "English"),
    "cy": ("Cymraeg", "Welsh"),
    "pl": ("Polski", "Polish"),
    "ur": ("اردو", "Urdu"),
    "ro": ("Română", "Romanian"),
    "pa": ("ਪੰਜਾਬੀ", "Panjabi"),
    "pt": ("Português", "Portuguese"),
    "es": ("Español", "Spanish"),
    "ar": ("العربية", "Arabic"),
    "bn": ("বাংলা", "Bengali"),
    "gu": ("ગુજરાતી", "Gujarati"),
    "it": ("Italiano", "Italian"),
    "ga": ("Gaeilge", "Irish"),
    "gd": ("Gàidhlig", "Scottish Gaelic"),
}
RIGHT_TO_LEFT: frozenset[str] = frozenset({"ur", "ar", "fa", "he", "ps", "sd", "yi"})

METHOD = (
    "Residents could answer in more than one language. Themes were found separately for "
    "each language, with the same method, because words of different languages do not "
    "meet in one set of word counts; the main themes above are from answers in {main}. "
    "Quotes are shown as residents wrote them, with their language named. The optional "
    "sentence embeddings (all-MiniLM-L6-v2) are English-only and were not used for other "
    "languages."
)


def english_name(code: str) -> str:
    return NAMES.get(code, (code, code))[1]


def own_name(code: str) -> str:
    return NAMES.get(code, (code, code))[0]


@dataclass(frozen=True)
class LanguageRow:
    code: str
    name: str  # "Cymraeg (Welsh)"; "\u2068اردو\u2069 (Urdu)" (isolated, so it reads right)
    residents: Cell  # residents who answered mostly in this language
    answers: Cell  # their free-text answers in it
    rtl: bool
    n: int  # residents, unpublished: whether themes may be shown under the name
    own: str = ""  # the name in its own script
    english: str = ""


def language_of_answers(data: RoundData) -> dict[str, str]:
    """Each resident's language: the one most of their answers were given in."""
    counts: dict[str, Counter[str]] = {}
    for answer in data.answers:
        counts.setdefault(answer.resident, Counter())[answer.language or data.language] += 1
    return {who: c.most_common(1)[0][0] for who, c in counts.items()}


def languages_used(data: RoundData) -> list[str]:
    """Languages answers were given in: the round's own first, then by how many."""
    found = Counter(a.language or data.language for a in data.answers)
    return sorted(found, key=lambda code: (code != data.language, -found[code], code))


def in_language(data: RoundData, code: str) -> RoundData:
    """``data`` with free-text answers in ``code`` only (other answers kept as they are:
    a button's value means the same in every language), as a round in ``code``, so its
    themes use that language's stop words."""
    kinds = {q.id: q.kind for q in data.questions}
    kept = tuple(
        a
        for a in data.answers
        if kinds.get(a.question) != "free_text" or (a.language or data.language) == code
    )
    return replace(data, answers=kept, language=code)


def rows(data: RoundData, s: Suppressor) -> list[LanguageRow]:
    """How many residents answered in each language, and their free-text answers, with
    small-number suppression over the table (a hidden count never recoverable from the
    total) and the answers of a hidden group hidden too."""
    who = Counter(language_of_answers(data).values())
    kinds = {q.id: q.kind for q in data.questions}
    free = Counter(
        a.language or data.language for a in data.answers if kinds.get(a.question) == "free_text"
    )
    codes = languages_used(data)
    members: dict[str, set[str]] = {code: set() for code in codes}
    for resident, code in language_of_answers(data).items():
        members[code].add(resident)
    # By residents (their cell keys), so a count is protected as every other table is.
    residents = s.table_of({code: members[code] for code in codes}, label="language")
    out = []
    for code in codes:
        own, english = own_name(code), english_name(code)
        rtl = code in RIGHT_TO_LEFT
        shown = f"\u2068{own}\u2069" if rtl else own
        label = own if own == english else f"{shown} ({english})"
        people = residents[code]
        answers = (
            s.count(free[code], label=f"written answers in {code}")
            if people.shown
            else _hidden_like(s, people)
        )
        out.append(LanguageRow(code, label, people, answers, rtl, who[code], own, english))
    return out


def _hidden_like(s: Suppressor, cell: Cell) -> Cell:
    return replace(cell, kind="count")
