"""Topic labels, descriptions and terms in the case their statements write them.

The themes pipeline works on folded words, so a topic about the EU and Brexit comes out
as "Eu, brexit". Here each word takes the form the statements use most often away from
the start of a sentence ("EU", "Brexit", "Seattle"), and a label starts with a capital.
Words are letters of any script with their combining marks ("Mimovládne", "ŵyl"), in
Unicode normal form C, so a form is never split at a letter outside a-z.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from civicbot_analysis.themes.words import MARKS, nfc
from civicbot_analysis.topics.model import Topic

__all__ = ["cased", "surface_forms"]

_WORD = re.compile(rf"(?:[^\W_]|[{MARKS}])+")
_QUOTED = re.compile(r"“([^”]*)”")


def surface_forms(texts: Iterable[str]) -> dict[str, str]:
    """Folded word to the form the texts write it in most often, for words whose most
    common form (not counting a sentence's first word) is not all lower case."""
    counts: dict[str, Counter[str]] = {}
    for text in texts:
        text = nfc(text)
        for m in _WORD.finditer(text):
            before = text[: m.start()].rstrip()
            if not before or before[-1] in '.!?:;"“(':
                continue  # a sentence's first word is capitalised whatever it is
            word = m.group()
            counts.setdefault(word.casefold(), Counter())[word] += 1
    out: dict[str, str] = {}
    for folded, forms in counts.items():
        form, n = forms.most_common(1)[0]
        if form != form.lower() and n * 2 > sum(forms.values()):
            out[folded] = form
    return out


def _words(text: str, forms: dict[str, str]) -> str:
    return _WORD.sub(lambda m: forms.get(m.group().casefold(), m.group()), nfc(text))


def _label(text: str, forms: dict[str, str]) -> str:
    out = _words(text.lower(), forms)
    return out[:1].upper() + out[1:]


def cased(topic: Topic, forms: dict[str, str]) -> Topic:
    """``topic`` (and its subtopics) with words in their statements' own case."""
    return Topic(
        id=topic.id,
        label=_label(topic.label, forms),
        description=_QUOTED.sub(lambda m: f"“{_words(m.group(1), forms)}”", topic.description),
        terms=tuple(_words(t, forms) for t in topic.terms),
        statements=topic.statements,
        subtopics=tuple(cased(s, forms) for s in topic.subtopics),
    )
