"""Personal names, best effort and offline: patterns that announce a name, and a list.

Rules, in order of confidence:

- a title: "Mr Patel", "Dr. Anne Jones", "Nurse Kemi" (the title stays, the name goes);
- an introduction: "my name is Sarah", "call me Dave", "signed, Tom";
- a relation or role: "my son Jack", "my social worker, Priya", "a lady called Jean";
- someone from a service: "Sarah from the council", "Dave at the jobcentre";
- a common UK first name (``first_names.py``), with the surname that follows it.

Place and service words ("Victoria Station", "St Thomas' Hospital", "Elizabeth line") are
left alone. Names are the one kind with no exact rule; precision matters as much as recall
because a wrongly masked "Grace" or "Hope" spoils a quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from civicbot_analysis.scrub.common_words import COMMON_WORDS
from civicbot_analysis.scrub.first_names import AMBIGUOUS, FIRST_NAMES

Found = tuple[str, int, int]


def _words(text: str) -> list[str]:
    return text.split()


# Capitalised words that are not names, even where a name would fit.
NOT_NAMES = frozenset(
    _words(
        """
I I'm I've I'd Me My We Our You Your They Them Their He She His Her It Its This That
These Those There Here Someone Somebody Anyone Anybody Everyone Everybody Nobody No-one
Noone None People Staff Nobody Somebody All Both Each Every Some Many Most Few One Two
The A An And But Or So Then When Where What Why How Who Which If Because After Before
Yes No Not Thanks Thank Please Sorry Also Just Only Still Even Really Very Well Now
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
May June July August September October November December Christmas Easter Ramadan Eid
Diwali Covid COVID NHS GP GPs A&E Council Councils Housing Social Services Service
Jobcentre DWP Universal Credit PIP ESA Police Ambulance Hospital School College Church
Mosque Temple Gurdwara Synagogue Library Surgery Practice Clinic Pharmacy Trust Team
Office Centre Center Hub Association Foundation Charity Street Road Lane Avenue Station
Line Park Ward Unit Medical Health House Hall Court Gardens Square Building English
British Welsh Scottish Irish Polish Muslim Christian Jewish Sikh Hindu London Manchester
Birmingham Leeds Liverpool Bristol Sheffield Newcastle Cardiff Swansea England Wales UK
Britain Europe Mind Age Shelter Samaritans Citizens Advice Bureau Food Bank Foodbank
Government Minister Parliament Tory Labour Conservative Liberal Green Reform Brexit
Doctor Doctors Nurse Nurses Mum Dad Mam Nan Gran Grandma Grandad Sir Madam Mr Mrs Ms
Practitioner Manager Worker Workers Officer Visitor Coordinator Support Care Carer
Carers Adult Adults Children Child Kids Family Families God Lord Jesus Allah Facebook
Google WhatsApp Telegram Instagram Twitter TikTok Tesco Asda Aldi Lidl Sainsbury's Boots
Bus Train Tube Metro Uber Covid-19 Lockdown Autism ADHD Dementia Cancer Diabetes Mental
Over Under About Around Since Until During Without Within Across Through Into Onto Upon
Had Have Has Was Were Is Are Be Been Being Did Do Does Got Get Gets Said Says Told
"""
    )
)
# A name right before these is a place or a service ("Victoria Station", "Elizabeth line").
PLACE_AFTER = frozenset(
    _words(
        """
Hospital Street St Road Rd Line line Station Centre Center House Ward Court Park Surgery
Practice School Academy College University Trust Foundation Church Library Hall Unit
Medical Health Building Gardens Square Avenue Lane Close Drive Way Estate Bridge Hospice
Infirmary Clinic Ground Stadium Primary Secondary Nursery Community Leisure Market
"""
    )
)
# ...and after these ("St Thomas", "Queen Elizabeth", "King George").
PLACE_BEFORE = frozenset(
    _words(
        """
St St. Saint King Queen Prince Princess Port Fort Mount Lake
"""
    )
)

_CAP = r"[A-Z][a-z]*(?:['’-][A-Z]?[a-z]+)*(?:[A-Z][a-z]+)?"  # Sarah, O'Brien, McDonald
_NAME = rf"{_CAP}(?:\s+{_CAP})?"
_TITLES = (
    r"Mr|Mrs|Ms|Miss|Mx|Dr|Doctor|Nurse|Sister|Matron|Father|Fr|Rev|Reverend|Prof|Professor|"
    r"Cllr|Councillor|Sir|Dame|Auntie|Aunty|Uncle|Imam|Rabbi|Pastor|Officer|PC|Sergeant"
)
TITLES = frozenset(_TITLES.split("|"))
_TITLE = re.compile(rf"\b(?:{_TITLES})\.?\s+({_NAME})")
# After "my name is" people write names as they come: "sarah briggs", "GARY WHITE",
# "Jane Smith-Jones". Up to three such words are taken; the first word that is a common
# English word ends the name ("my name is rose and I'm 80"), and if the first is one, it
# was no name ("my name is on the tenancy").
_ANY_WORD = r"[A-Za-z]+(?:['’-][A-Za-z]+)*"
_INTRO = re.compile(
    r"(?i:\bmy name is|\bmy name's|\bi'm called|\bi am called)"
    rf"\s+({_ANY_WORD}(?:[ \t]+{_ANY_WORD}){{0,2}})"
    rf"|(?i:\bcall me|\bsigned,?|\bregards,?|\bthanks,|\bcheers,)\s+({_NAME})"
)
_KIN = (
    r"son|daughter|husband|wife|partner|mum|mam|mom|dad|mother|father|brother|sister|nan|"
    r"nana|gran|grandma|granny|grandad|grandpa|grandson|granddaughter|aunt|auntie|uncle|"
    r"cousin|nephew|niece|boyfriend|girlfriend|fianc[eé]e?|friend|neighbour|neighbor|carer|"
    r"social worker|support worker|key ?worker|care coordinator|health visitor|midwife|gp|"
    r"doctor|nurse|landlord|case ?worker|worker|child|kid|baby|stepson|stepdaughter|"
    r"boss|manager|teacher|councillor|mp|advisor|adviser|work coach|therapist|counsellor"
)
_RELATION = re.compile(
    rf"\b(?i:my|our|her|his|their)\s+(?i:{_KIN})\s*,?\s+(?:(?i:called|named|is)\s+)?({_NAME})"
    rf"|\b(?i:a|an|the|this|one)\s+(?i:{_KIN}|lady|man|woman|guy|girl|boy|bloke|fella|chap|"
    rf"person|gentleman|lad|lass)\s+(?i:called|named)\s+({_NAME})"
)
_SERVICE = (
    r"council|housing|social services|social care|jobcentre|job centre|dwp|surgery|hospital|"
    r"school|citizens advice|food ?bank|church|mosque|charity|library|gp|practice|pharmacy|"
    r"clinic|hub|centre|center|team|office|association|trust|nhs|nursery|ward|benefits|"
    r"housing association|police|a&e|reception|front desk"
)
_FROM = re.compile(
    rf"\b({_NAME})\s+(?i:from|at|in|on)\s+(?i:the\s+|my\s+|our\s+)?(?i:{_SERVICE})\b"
)
_FIRST = re.compile(rf"\b({_CAP})(?:\s+({_CAP}))?\b")


def _words_ok(name: str) -> bool:
    return not any(w in NOT_NAMES or w.lower() in ("the", "a", "not") for w in name.split())


def _possessive(word: str) -> int:
    """Characters of a trailing "'s" to leave out: "Dr Patel's" masks "Patel"."""
    return 2 if word.endswith(("'s", "’s")) else 0


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop a trailing non-name word ("Dr Patel Said" -> "Dr Patel"); None if none left."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and (words[-1].group() in NOT_NAMES or words[-1].group() in PLACE_AFTER):
        words.pop()
    while words and words[0].group().rstrip(".") in TITLES:
        words.pop(0)  # "my GP Dr Hamilton": the title stays
    if not words:
        return None
    if not _words_ok(" ".join(w.group() for w in words)):
        return None
    return start + words[0].start(), start + words[-1].end() - _possessive(words[-1].group())


def _introduced(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name after "my name is": its words up to the first common word."""
    kept: list[re.Match[str]] = []
    for word in re.finditer(r"\S+", text[start:end]):
        w = word.group()
        bare = w.lower().removesuffix("'s").removesuffix("’s")
        if w.lower() in COMMON_WORDS or bare in COMMON_WORDS:
            break
        # A first word such as "Council" is no name; later words such as Green or Hall are
        # surnames, unless they name a place ("... Hospital").
        if not kept and (w in NOT_NAMES or w.capitalize() in NOT_NAMES) and w.lower() != "may":
            break
        if kept and w.capitalize() in PLACE_AFTER:
            break
        kept.append(word)
    if not kept:
        return None
    return start + kept[0].start(), start + kept[-1].end() - _possessive(kept[-1].group())


_WORD_ENDINGS = re.compile(r"(?:ing|ed|ly|tion|sion|ness|ment|s)$")


def _could_be_name(text: str, start: int, name: str) -> bool:
    """For "X from the council": "Parking at the hospital" is not a person."""
    first = name.split()[0]
    return first in FIRST_NAMES or not _WORD_ENDINGS.search(first.lower())


def _place_context(text: str, start: int, end: int) -> bool:
    after = text[end:].lstrip().split(" ", 1)[0].strip(".,;:!?'’")
    before = text[:start].rstrip().rsplit(" ", 1)[-1] if text[:start].strip() else ""
    return after in PLACE_AFTER or before in PLACE_BEFORE


# Cheap substring tests that rule a cue pattern out before its regex runs.
_CUES: dict[re.Pattern[str], tuple[str, ...]] = {
    _INTRO: ("name", "call", "signed", "regards", "thanks", "cheers"),
    _RELATION: ("my ", "our ", "her ", "his ", "their ", "called", "named"),
    _FROM: (" from ", " at ", " in ", " on "),
}


def find_names(text: str) -> Iterator[Found]:
    low = text.lower()
    for pattern in (_TITLE, _INTRO, _RELATION, _FROM):  # strongest first
        cues = _CUES.get(pattern)
        if cues and not any(c in low for c in cues):
            continue
        for m in pattern.finditer(text):
            g = next(i for i in range(1, (m.lastindex or 1) + 1) if m.group(i))
            if pattern is _FROM and not _could_be_name(text, m.start(g), m.group(g)):
                continue
            if pattern is _INTRO and g == 1:
                span = _introduced(text, m.start(g), m.end(g))
            else:
                span = _trim(text, m.start(g), m.end(g))
            if span and not _place_context(text, *span):
                yield ("name", *span)
    for m in _FIRST.finditer(text):
        first, second = m.group(1), m.group(2)
        if first not in FIRST_NAMES and first[: len(first) - _possessive(first)] not in FIRST_NAMES:
            continue
        end = m.end(1)
        if second and second not in NOT_NAMES and second not in PLACE_AFTER:
            end = m.end(2)
        elif first in AMBIGUOUS:
            continue
        if _place_context(text, m.start(1), end):
            continue
        yield ("name", m.start(1), end - _possessive(text[m.start(1) : end]))
