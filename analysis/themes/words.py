"""Words in any script, for theme and topic labels: what a word is, which words are stop
words, and which language a set of texts is in when the round does not say.

A word starts with a letter or digit of any script and runs on through letters, digits,
combining marks (so "हिंदी" and a decomposed "é" stay whole), apostrophes and "&"; texts are
put in Unicode normal form C first. Chinese and Japanese do not put spaces between words
and no word splitter ships with civicbot, so there each Han character or hiragana is one
"word" (a label is then a run of characters several texts share, written without spaces)
and a katakana run is one word; the distinctive terms are character pairs.

The language of the stop words is the round's own when it is one with a list
(:mod:`civicbot_analysis.themes.stopwords`); a round said to be English (the default of
exports that do not say) whose texts are clearly in Chinese, Japanese, Greek, Welsh,
Slovak, German or Finnish uses that language's list instead; anything else keeps English.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from civicbot_analysis.themes.stopwords import LATIN_GUESSABLE, NEGATIONS, STOP_WORDS


def _ranges(test: str) -> str:
    """A regex character class body of the Basic Multilingual Plane's combining marks."""
    out: list[str] = []
    start = -1
    for c in range(0x10000 + 1):
        inside = c < 0x10000 and unicodedata.category(chr(c)).startswith(test)
        if inside and start < 0:
            start = c
        elif not inside and start >= 0:
            out.append(f"\\u{start:04x}-\\u{c - 1:04x}")
            start = -1
    return "".join(out)


MARKS = _ranges("M")
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3007"
HIRAGANA = "\u3041-\u309f"
KATAKANA = "\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_CJK = HAN + HIRAGANA + KATAKANA
WORD = re.compile(rf"[{HAN}{HIRAGANA}]|[{KATAKANA}]+|[^\W_{_CJK}](?:[^\W_{_CJK}]|[{MARKS}'’&])*")
_CJK_CHAR = re.compile(rf"[{HAN}{HIRAGANA}]")
_KANA = re.compile(rf"[{HIRAGANA}{KATAKANA}]")
_UNSPACED = re.compile(rf"[{_CJK}]+")
_HIRAGANA_PAIR = re.compile(rf"[{HIRAGANA}]{{2}}")
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_LETTER = re.compile(r"[^\W\d_]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def is_cjk(word: str) -> bool:
    """One Han character or hiragana: a "word" that is written without spaces."""
    return len(word) == 1 and _CJK_CHAR.match(word) is not None


def words(text: str) -> list[str]:
    """The words of ``text`` as written (see the module docstring)."""
    return WORD.findall(nfc(text))


def _unspaced(word: str) -> bool:
    return _UNSPACED.fullmatch(word) is not None


def join(parts: Sequence[str]) -> str:
    """Words back into text: a space between words, none between Chinese/Japanese ones."""
    out = ""
    for i, part in enumerate(parts):
        if i and not (_unspaced(part) and _unspaced(parts[i - 1])):
            out += " "
        out += part
    return out


def term_tokens(text: str) -> list[str]:
    """Tokens for distinctive terms: words of two letters or more, and pairs of adjacent
    Chinese/Japanese characters (single ones say too little; two hiragana are nearly
    always an ending or a particle, "です", and are left out)."""
    found = words(text.lower())
    out = [w for w in found if len(w) > 1]
    pairs = (a + b for a, b in itertools.pairwise(found) if is_cjk(a) and is_cjk(b))
    out += [p for p in pairs if not _HIRAGANA_PAIR.fullmatch(p)]
    return out


_FILLER_WORDS = """
    really actually just quite bit lot lots thing things stuff maybe probably pretty
    basically literally honestly kind sort like got gets getting ok okay yeah yes
    different think thought know feel felt guess mean means
    it's that's there's don't didn't can't won't isn't wasn't doesn't i'm i've i'd
    they're we're you're couldn't wouldn't shouldn't haven't hasn't aren't
"""  # the contractions because the tokeniser keeps apostrophes and the stop list has none
FILLERS: frozenset[str] = frozenset(_FILLER_WORDS.split())
ENGLISH: frozenset[str] = frozenset(ENGLISH_STOP_WORDS) | FILLERS


@dataclass(frozen=True)
class Lexicon:
    """What a language's labels leave out: stop words, and negations that may still
    start a label. ``code`` is "" for a language without a list (no stop words)."""

    code: str
    stop: frozenset[str]
    negations: frozenset[str]

    @property
    def english(self) -> bool:
        return self.code == "en"


def lexicon(code: str) -> Lexicon:
    """The lexicon of language ``code`` ("en" and those in ``STOP_WORDS``); any other
    language gets none rather than English's."""
    if code == "en":
        return Lexicon("en", ENGLISH, frozenset())
    if code in STOP_WORDS:
        return Lexicon(code, STOP_WORDS[code], NEGATIONS.get(code, frozenset()))
    return Lexicon("", frozenset(), frozenset())


GUESS_SAMPLE = 500  # texts looked at to guess a language
GUESS_MIN = 0.12  # share of a text's words that must be the other language's stop words
GUESS_LEAD = 2.0  # ... and this many times English's share


def language_of(texts: Iterable[str], declared: str) -> str:
    """The language whose stop words label ``texts``: ``declared`` unless that is English
    (the default of exports that do not say) and the texts are clearly in another
    language with a list."""
    if declared != "en":
        return declared
    letters: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    n_words = 0
    for i, text in enumerate(texts):
        if i >= GUESS_SAMPLE:
            break
        text = nfc(text)
        letters["all"] += len(_LETTER.findall(text))
        letters["han"] += len(_CJK_CHAR.findall(text))
        letters["kana"] += len(_KANA.findall(text))
        letters["greek"] += len(_GREEK.findall(text))
        for w in WORD.findall(text.lower().replace("’", "'")):
            n_words += 1
            hits["en"] += w in ENGLISH_STOP_WORDS
            for code in LATIN_GUESSABLE:
                hits[code] += w in STOP_WORDS[code]
    total = max(letters["all"], 1)
    if (letters["han"] + letters["kana"]) / total > 0.3:
        return "ja" if letters["kana"] > 0.1 * (letters["han"] + letters["kana"]) else "zh"
    if letters["greek"] / total > 0.5:
        return "el"
    if n_words:
        best = max(LATIN_GUESSABLE, key=lambda c: (hits[c], c))
        share, english = hits[best] / n_words, hits["en"] / n_words
        if share >= GUESS_MIN and share >= GUESS_LEAD * english:
            return best
    return declared
