"""Non-answers: free text that says nothing about the question ("dunno", "n/a", "sure").

They are set aside before themes are found and counted as "no substantive answer", so a
shrug never becomes a theme of its own. An answer is a non-answer when, after dropping
punctuation, every word in it belongs to the short vocabulary of shrugs, refusals and
pleasantries below and it is short (:data:`MAX_WORDS`). One content word ("nothing
helped", "not sure who to ring") makes it an answer: we would rather theme a terse answer
than hide a real one. Words are of any script; the shrug vocabulary is English only, so
a shrug in another language ("neviem") is themed as an answer, never the other way round.
"""

from __future__ import annotations

import re

MAX_WORDS = 8

_SHRUG_WORDS = """
    dunno idk dk no nope nah na n/a none nil nothing not sure unsure idea clue know knew
    don't dont do i i'm im i've ive can't cant cannot think of anything else more to add
    comment comments say said really much at all pass skip yes yeah yep yup ok okay k sure
    fine whatever same as before above again thanks thank you cheers ta sorry um umm er erm
    hmm mm meh that's thats it is all the a an for now this time right here just nothing's
    particular particularly in specific specifically can say off top my head mind comes
    springs other than so well guess suppose maybe perhaps any nowt owt aye
"""
SHRUG_WORDS: frozenset[str] = frozenset(_SHRUG_WORDS.split())
# Words of any script: an answer in Greek, Chinese or Cyrillic is never empty of words.
_WORD = re.compile(r"[^\W_][\w/']*|/")
_ONLY_MARKS = re.compile(r"^[\W_]*$")


def is_non_answer(text: str) -> bool:
    """True when ``text`` carries no substance: a shrug, a refusal, "n/a", "sure", "-"."""
    lowered = text.lower().replace("’", "'")
    if _ONLY_MARKS.match(lowered):
        return True
    words = [w.strip("'") for w in _WORD.findall(lowered)]
    words = [w for w in words if w]
    if not words or len(words) > MAX_WORDS:
        return not words
    return all(w in SHRUG_WORDS for w in words)
