"""Residents' spelling, made regular before the rules read it.

People write to a chat as they text: ``im``, ``dont``, ``wanna``, ``u``, ``bf``, ``sh``
for self-harm, ``unalive`` for kill, ``od`` for overdose, ``13yo`` for a child's age,
and common slips (``kil``, ``myslef``, ``dissapear``). :func:`respell` maps these to one
spelling word by word, so each rule is written once instead of once per spelling. It
runs on text already lower-cased by :func:`civicbot.safeguarding.detect.normalise`.
"""

from __future__ import annotations

import re

_WORDS: dict[str, str] = {
    # apostrophes dropped
    "im": "i'm", "ive": "i've", "id": "i'd", "dont": "don't", "doesnt": "doesn't",
    "didnt": "didn't", "cant": "can't", "couldnt": "couldn't", "wouldnt": "wouldn't",
    "shouldnt": "shouldn't", "isnt": "isn't", "wasnt": "wasn't", "arent": "aren't",
    "werent": "weren't", "havent": "haven't", "hasnt": "hasn't", "hadnt": "hadn't",
    "wont": "won't", "hes": "he's", "shes": "she's", "theyre": "they're", "theyve": "they've",
    # dropped g's and short forms
    "killin": "killing", "thinkin": "thinking", "cuttin": "cutting", "hurtin": "hurting",
    "feelin": "feeling", "goin": "going", "tryin": "trying", "doin": "doing",
    "nothin": "nothing", "livin": "living", "endin": "ending", "wantin": "wanting",
    "bout": "about", "cud": "could", "wud": "would", "shud": "should", "jus": "just",
    "n": "and", "sh'ing": "self-harming", "shing": "self-harming",
    "youre": "you're", "youll": "you'll", "youd": "you'd", "thats": "that's", "whats": "what's",
    "theres": "there's",
    "itll": "it'll", "hed": "he'd", "shed": "she'd", "ain't": "isn't", "aint": "isn't",
    "i'am": "i'm", "iam": "i'm", "i'v": "i've",
    # text-speak
    "u": "you", "ur": "your", "r": "are", "coz": "because", "cos": "because",
    "cuz": "because", "bc": "because", "wanna": "want to", "wana": "want to", "gonna": "going to",
    "gotta": "got to", "tryna": "trying to", "bf": "boyfriend", "gf": "girlfriend",
    "hubby": "husband", "mum's": "mum's", "til": "till", "untill": "until", "pls": "please",
    "plz": "please", "ppl": "people", "sum1": "someone", "some1": "someone",
    "no1": "nobody", "any1": "anyone", "every1": "everyone", "b4": "before", "2day": "today",
    "2nite": "tonight", "tonite": "tonight", "2morrow": "tomorrow", "nite": "night",
    "txt": "text", "txted": "texted", "msg": "message", "msgs": "messages", "yr": "year",
    "yrs": "years", "yo": "year old", "y/o": "year old", "anymore": "any more",
    "alot": "a lot", "myslef": "myself", "meself": "myself", "mysef": "myself",
    "kil": "kill", "kiling": "killing", "dissapear": "disappear", "dissappear": "disappear",
    "disapear": "disappear", "dissapearing": "disappearing", "disapearing": "disappearing",
    "sucide": "suicide", "suicidel": "suicidal", "sucidal": "suicidal", "wnt": "want",
    # what people call it
    "sh": "self-harm", "unalive": "kill", "unaliving": "killing", "unalived": "killed",
    "od": "overdose", "od'd": "overdosed", "oded": "overdosed", "kys": "kill yourself",
    "selfharm": "self-harm", "self-harming": "self-harming",
}  # fmt: skip
_WORD = re.compile(r"[a-z0-9/'\-]+")
# "13yo", "13yr old", "13 yrs old", "13-year-old", "13 years old" -> "13 year old"
# ("20 years ago" and "married 15 years" are not ages: "years" needs "old")
_AGE = re.compile(r"\b(\d{1,2}) ?-?(?:(?:yo|y/o)(?:[ -]old(s?))?|(?:yrs?|years?)[ -]old(s?))\b")
# "want 2 die", "going 2 kill": the digit as a word between two words
_TWO = re.compile(r"\b(want|going|need|wish|how|ready|trying|tried) 2 (?=[a-z])")
_MY_SELF = re.compile(r"\bmy self\b")
# "die my hair": the dye, not death
_DYE = re.compile(
    r"\bdie(?= (?:my|her|his|your|their|the) (?:hair|roots|clothes|jeans|shirt|top)\b)"
)
_BETTER_OF = re.compile(r"\bbetter of\b(?= without| if| dead)")
_ILL_BE = re.compile(r"(?:^|(?<=[,.!?] ))ill (?=be\b|never\b|just\b|do\b)")
# a single quoted word ('her "boyfriend"') is the word
_QUOTED_WORD = re.compile(r'"([a-z\']+)"')


def respell(text: str) -> str:
    """``text`` (lower case) with residents' spellings mapped to one spelling."""
    text = _AGE.sub(lambda m: f"{m.group(1)} year old{m.group(2) or m.group(3) or ''}", text)
    text = _TWO.sub(r"\1 to ", text)
    text = _MY_SELF.sub("myself", text)
    text = _DYE.sub("dye", text)
    text = _BETTER_OF.sub("better off", text)
    text = _ILL_BE.sub("i'll ", text)
    text = _QUOTED_WORD.sub(r"\1", text)
    return _WORD.sub(lambda m: _WORDS.get(m.group(0), m.group(0)), text)
