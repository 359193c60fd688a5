"""Offline detection of messages that disclose a risk of harm: rules, then a small model.

:func:`detect` reads one message and says which kinds of risk it discloses: suicide or
self-harm, abuse, domestic violence, a child at risk, immediate danger. No network: the
rules in :mod:`civicbot.safeguarding.rules` are matched sentence by sentence over normalised
text (lower case, straight quotes, residents' spellings made regular by
:func:`civicbot.safeguarding.spelling.respell`), then matches are dropped where the words
are not a disclosure:

- idioms and hyperbole ("this queue is killing me", "my mum will kill me when...");
- negation right before the words ("I would never hurt myself"), unless the negation is
  the disclosure itself ("I don't want to live");
- the words name a service, not a harm ("self-harm team", "suicide prevention");
- a situation resolved long ago ("I used to self-harm, years ago"), unless the sentence
  also says it is happening now;
- someone else's risk spoken of as news or in general ("on the news, children are being
  abused"), and quotations from films, songs or headlines.

:func:`screen` gives both tiers: tier 1 is :func:`detect`'s answer (the emergency reply
and an alert); tier 2 (:mod:`civicbot.safeguarding.rules.concern`, through the same
checks) is a message that *may* disclose a risk (a gentle check-in and the review queue).
Each rule is tried only when the sentence holds a string every match of it must contain
(:mod:`civicbot.safeguarding.gate`), which keeps a message well under a millisecond.

The rules are grounded, module by module, in the screening frameworks
(:mod:`civicbot.safeguarding.rules`): the Columbia Suicide Severity Rating Scale (C-SSRS),
the SafeLives DASH risk checklist, the Care Act 2014 categories of adult abuse and neglect,
and Working Together to Safeguard Children / the NSPCC's signs of abuse and exploitation.

The rules were written by one author and miss other people's wording, so :func:`screen`
also asks the shipped learned model (:mod:`civicbot.safeguarding.model`) and raises the
tier when its score reaches a threshold chosen by leave-one-author-out validation over
every labelled author (:func:`combine`; it also demotes a rule's hit said at a remove,
past or news, that the model scores very low); :func:`rules_only` is the rules' answer.

It errs on the side of recall (a missed disclosure costs far more than a kind message);
it never stores or logs the text it reads.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from civicbot.safeguarding.gate import GateSet, gate_for
from civicbot.safeguarding.model import Model, Scores, rule_tags, shipped
from civicbot.safeguarding.rules import KINDS, RULES, Kind, Rule
from civicbot.safeguarding.rules.concern import CONCERNS
from civicbot.safeguarding.spelling import respell
from civicbot.safeguarding.vocabulary import DISTANCED

__all__ = [
    "KINDS",
    "Detection",
    "Kind",
    "Screening",
    "combine",
    "detect",
    "may_disclose",
    "model_scores",
    "normalise",
    "rules_only",
    "screen",
]


@dataclass(frozen=True)
class Detection:
    """The kinds of risk a message discloses, in :data:`KINDS` order (empty: none)."""

    kinds: tuple[Kind, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.kinds)


@dataclass(frozen=True)
class Screening:
    """Both tiers' answer for one message: ``detection`` (tier 1: the emergency reply and
    an alert) or else ``check_in`` (tier 2: a gentle check-in and the review queue)."""

    detection: Detection = Detection()
    check_in: bool = False
    distanced: bool = field(default=False, compare=False)  # a hit said at a remove (past, news)

    @property
    def tier(self) -> int:
        """1 (discloses a risk), 2 (may disclose one) or 0 (neither)."""
        return 1 if self.detection else 2 if self.check_in else 0


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "«": '"', "»": '"'})
_SENTENCES = re.compile(r"[.!?;\n]+|\s+-\s+|\s+–\s+")
_WORD = re.compile(r"[a-z0-9'*-]+")

_IDIOMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"\b(?:could|could've|could have|would|'d) (?:have )?"
        r"(?:kill(?:ed)?|kick(?:ed)?|murder(?:ed)?) (?:my ?self|meself)"
        r"(?: for| laughing| when| if)\b",
        r"\bkill(?:ing|ed)? (?:my ?self|meself|him ?self|her ?self|them ?selves|our ?selves)"
        r" (?:laughing|with laughter)\b",
        r"\b(?:(?:my )?(?:mum|mom|mam|mother|dad|father|boss|manager|teacher|gran|nan|nana|kids"
        r"|children|son|daughter|family|colleagues|team"
        r"|grandma|sister|brother|mate|mates|friends?)) (?:is|'s|will|'ll|is going to|'s going to"
        r"|gonna|is gonna|would|'d) (?:\S+ )?(?:kill|murder) me (?:when|if|for)\b"
        r"(?! (?:i tell|i told|i talk|i speak|he finds|she finds|they find|i say|i go to))",
        r"\b(?:die|died|dying|dead) (?:of|from) (?:boredom|embarrassment|laughter|shame|hunger)\b",
        r"\bkill(?:s|ed|ing)? (?:time|the (?:mood|vibe|engine|lights))\b",
        r"\bcut the (?:tension|atmosphere|air) with a knife\b",
        r"\b(?:left|kept|keep|keeps|keeping) (?:\S+ )?in the dark"
        r" (?:about|over|on|regarding|as to)\b",
        r"\bkill(?:ing)? myself (?:working|trying to|running around|to (?:get|pay|make|keep)"
        r"|with (?:work|overtime))\b",
        r"\b(?:i'd|i would) rather die than\b|\bdye (?:my|her|his) hair\b",
        r"\b(?:i'll|i will|we'll|we will) (?:be|all be)"
        r" (?:dead|long dead|in my grave|in our graves)"
        r" (?:before|by the time) (?:they|the council|it|anyone|that|this)\b",
        r"\bthe (?:council|government|forms?|paperwork|bills?|rent|prices?|traffic|job|work|heat"
        r"|cold|system|queue|noise|commute|buses|trains)"
        r" (?:is going to|will|'ll|is gonna|are going to)"
        r" (?:be the death of|kill|murder) me\b",
        # hyperbole: a thing "makes me want to die", said laughing
        r"\b(?:the|this|that|these|those) (?:\S+ ){0,2}(?:makes?|made|is making) me want to die\b"
        r"(?=.*\b(?:lol|lmao|haha|hahaha|rofl)\b)",
        r"\b(?:in danger|at risk) of (?:closing|closure|losing|being (?:cut|closed|scrapped))\b",
    )
)

_NEGATORS = frozenset(
    {
        "not", "never", "no", "nobody", "noone", "don't", "dont", "doesn't", "didn't",
        "won't", "wouldn't", "isn't", "aren't", "wasn't", "haven't", "hasn't", "shouldn't",
        "nor", "nothing", "hardly", "no-one", "nobody's", "nobodys", "noone's", "no-one's",
    }
)  # fmt: skip
_NEGATION_WINDOW = 5  # 3 let "no one at home is hurting me" fire (LOAO: 5 holds recall)
_CANT_STOP = re.compile(r"\b(?:can't|cannot|couldn't|won't|don't) stop\s*$")
_NO_THOUGHTS = re.compile(
    r"\b(?:don't|do not|never|no longer|haven't|have not) (?:have|get|had|got) (?:any )?"
    r"(?:thoughts|plans?|intentions?|urges?|desire|wish)(?: (?:of|about|to))?\s*$"
)
# A negation that is the disclosure's own words ("i'd welcome not waking up", "hoping i
# never wake up"): not a negation of the match.
_OWN_NEGATION = re.compile(
    r"\b(?:not|never)(?: be| being)? (?:wake|waking|woke|exist|existing|alive|here|around|born"
    r"|come back|coming back)\b|\b(?:wouldn't|would not|don't) mind\b"
)

# Words that, right after the matched words, show a service or a topic is meant.
_SERVICE_AFTER = re.compile(
    r"^\s*(?:services?|teams?|clinics?|support(?! me)|units?|nurses?|workers?|charit(?:y|ies)"
    r"|groups?|awareness|prevention|training|polic(?:y|ies)|helplines?|lines?|figures|rates?"
    r"|statistics|stats|campaigns?|courses?|leaflets?|officers?|specialists?|advocates?"
    r"|refuges?|funding|strateg(?:y|ies)|protocols?|referrals?|screening|questions?|forms?)\b"
)

_RESOLVED = re.compile(
    r"\b(?:(?<!being )(?<!been )(?<!is )(?<!are )(?<!gets )(?<!get )(?<!getting )used to"
    r"|years ago|long ago|a long time ago|decades? ago|when i was (?:younger|young"
    r"|little|small|a (?:kid|child|teenager|teen|student|girl|boy))|as a (?:kid|child|teenager"
    r"|teen)|in my (?:teens|twenties|childhood|youth|past)|in the past|growing up|back in (?:the"
    r" day|\d{4}|school)|no longer|not any ?more|don'?t any ?more|(?:have|'ve) (?:recovered"
    r"|moved on|been fine|been well|been clean)|got out|left (?:him|her|them) (?:years|long)"
    r"|escaped (?:him|her|them|years)|all behind me"
    r"|(?:all |was |been |is |it's )sorted|sorted (?:it|now|out)"
    r"|helped me|saved my life|got me through|turned my life around|in my [2-9]0s"
    r"|(?:therapy|counselling|treatment|support|medication|meds|the team|they|it)"
    r" (?:really )?helped"
    r"|(?:i'm|i am) (?:fine|well|ok|okay|better|safe|in a good place|doing (?:much )?better) now"
    r"|now (?:i'm|i am) (?:fine|well|ok|okay|better|safe|happy|in a good place"
    r"|doing (?:much )?better)"
    r"|when i was (?:\d{1,2}|at (?:school|uni|university|college)|in (?:school|year \d+|my teens))"
    r"|(?:at|aged) 1\d\b|in (?:19\d\d|20[01]\d)|that was (?:before|years|a long time|ages|decades"
    r"|long ago|\d+ years|when i was)|(?:been|have been|'ve been|'s been) (?:\S+ ){0,3}for (?:years"
    r"|a long time|decades)|(?:team|service|nurse|doctor|gp|counsellor|therapist|charity|refuge"
    r"|school|hospital) (?:really )?helped"
    r"|(?:i'm|i am) (?:\d{2}|older) now(?: and (?:fine|ok|okay|well|happy|safe|doing well))?)\b"
)
_USED_TO = re.compile(r"\bused to\b")
# Someone else is the subject of the words that follow ("people who want to die").
_OTHERS_BEFORE = re.compile(
    r"(?:\b(?:people|those|men|women|kids|children|others|teenagers|patients|residents|folk"
    r"|families) (?:(?:who|that)(?: \S+)? )?"
    r"|\b(?:anyone|anybody|someone|somebody|everyone|friends) (?:who|that)(?: \S+)? )$"
)
_NO_LONGER = re.compile(r"\b(?:no longer|not any ?more|don'?t any ?more)\b")
# Words that say it is happening now: anywhere in the sentence, or (the weaker ones) in
# the clause that holds the disclosure ("years ago ..., I'm happy now" stays resolved).
_PRESENT = re.compile(
    r"\b(?:again|currently|at the moment|tonight|right now|lately|recently|these days"
    r"|this (?:week|month|morning|evening)|every (?:day|night)|started|starting"
    r"|still (?:happens|happening|going on|at it)"
    r"|(?:he|she|they) still (?:does|do|is|are|hits|hurts|touches|abuses|beats|comes|makes|takes"
    r"|threatens))\b"
)
_PRESENT_HERE = re.compile(r"\b(?:now|still|today|keeps?|since)\b")
_CLAUSE = re.compile(r",|\bbut\b|\band\b|\bso\b|\bbecause\b")
# Someone else's risk spoken of as news, research or in general, not as what is happening.
_GENERAL = re.compile(
    r"\b(?:news|article|headlines?|newspapers?|papers? (?:said|say|says|reported)|documentary"
    r"|podcast|reports?|reported"
    r"|statistics|stats|figures|rates?|research|study|studies|survey|campaign|according to"
    r"|i read|read about|on tv|on telly|on the radio|film|movie|song|lyrics?|book|novel|episode"
    r"|series|soap|character|government|nationally|in general|generally|across the country"
    r"|people who|those who|anyone who|someone who|children who|kids who|families who"
    r"|(?:a lot of|lots of|many|some|most|too many) (?:people|children|kids|families|women|men)"
    r"|(?:for|help|helping|support|supporting|services for) (?:people|those|anyone|men|women"
    r"|young people|kids|children|families|others|residents|victims|survivors)"
    r" (?:feeling|who|that|with|at risk"
    r"|in crisis|struggling|experiencing|fleeing|being|going through)"
    r"|reading about|heard about|hearing about|watching about|in the papers?|on facebook"
    r"|(?:teach|teaching|taught|educate|educating|warn|warning|train|training) (?:\S+ )?(?:kids"
    r"|children|people|parents|staff|pupils|young people|teenagers) (?:about|to spot|how to)"
    r"|spot(?:ting)? the signs"
    r"|on the radio|radio said|training|awareness|policy|policies|funding|charity|charities"
    r"|helpline|hotline|leaflets?|posters?|is a crime|signs? of"
    r"|safeguarding|social workers? (?:should|need|must)|services? (?:should|need|must))\b"
)
_MEDIA = re.compile(
    r"\b(?:film|movie|song|lyrics?|book|novel|play|poem|episode|tv|show|series|character"
    r"|headlines?|article|newspapers?|documentary|quote|quoting|saying|meme|joke)\b"
)
# Double quotes, or single quotes that open and close outside words ('i wanna die').
_QUOTED = re.compile(r'"[^"]*"|(?<!\w)\'(?:[^\']|(?<=\w)\'(?=\w))+\'(?!\w)')
# A media word, then the words that introduce what it says: what follows is its words,
# not the resident's ("the song has the line i want to die young", "the meme says ...").
_REPORTED = re.compile(
    r"\b(?:film|movie|song|lyrics?|book|novel|play|poem|episode|show|series|character|headlines?"
    r"|article|meme|trend|tiktok|video|poster|leaflet|advert|caption|quote|slogan|joke|sign|billboard"
    r"|banner|notice|form|question|ad)s?\b"
    r"[^~]*?\b(?:the line|a line|lines?|lyrics?|goes|sings?|sang|says?|said|called|titled|reads?"
    r"|like|with the words|about|where|in which|whose)\b"
)


def normalise(text: str) -> str:
    """Lower case, straight quotes, single spaces."""
    return " ".join(text.translate(_QUOTES).lower().split())


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.split(text) if s.strip()]


# Each idiom with its gate: a sentence without any of its strings cannot hold it, so the
# substitution (a no-op there) is skipped.
_IDIOM_GATES = tuple((idiom, gate_for(idiom)) for idiom in _IDIOMS)


def _strip_idioms(sentence: str) -> str:
    for idiom, gate in _IDIOM_GATES:
        if gate is None or gate.passes(sentence):
            sentence = idiom.sub(" ~ ", sentence)
    return sentence


def _is_negator(word: str) -> bool:
    return word in _NEGATORS or word.endswith("n't")


def _negated(sentence: str, match: re.Match[str]) -> bool:
    """A negator among the few words before the match (within its clause) or in it."""
    before = _CLAUSE.split(sentence[: match.start()])[-1]
    if _CANT_STOP.search(before):  # "I can't stop thinking about suicide"
        return False
    if _NO_THOUGHTS.search(before):  # "I don't have thoughts of ending my life"
        return True
    own = _OWN_NEGATION.sub(" ", match.group(0))
    words = _WORD.findall(before)[-_NEGATION_WINDOW:] + _WORD.findall(own)
    return any(_is_negator(word) for word in words)


def _clause_of(sentence: str, match: re.Match[str]) -> str:
    start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, match.start())), default=0)
    after = _CLAUSE.search(sentence, match.end())
    return sentence[start : after.start() if after else len(sentence)]


def _resolved(rule: Rule, sentence: str, match: re.Match[str]) -> bool:
    """Long over, and nothing says it is happening now (immediate danger never is)."""
    if rule.kind == "immediate_danger":
        return False
    # "used to ... every day" is a habit in the past, not a sign it is happening now.
    habit = _USED_TO.search(_clause_of(sentence, match)) is not None
    if any(not (habit and m.group(0).startswith("every")) for m in _PRESENT.finditer(sentence)):
        return False
    if _PRESENT_HERE.search(_clause_of(sentence, match)):
        return False
    # The disclosure's own words never say it is over ("I no longer want to live").
    own = _NO_LONGER.sub(" ~ ", match.group(0))
    rest = f"{sentence[: match.start()]}{own}{sentence[match.end() :]}"
    return _RESOLVED.search(rest) is not None


def _kept(rule: Rule, sentence: str, match: re.Match[str], general: bool) -> bool:
    if rule.scope == "other" and general:
        return False
    if _OTHERS_BEFORE.search(sentence[: match.start()]):  # "help people who want to die"
        return False
    if _SERVICE_AFTER.match(sentence[match.end() :]):
        return False
    if _resolved(rule, sentence, match):
        return False
    return not (rule.negatable and _negated(sentence, match))


def _prepared(sentence: str) -> tuple[str, bool]:
    """The sentence with quotations (beside a media word) and idioms taken out, and
    whether it reads as news or talk in general."""
    if _MEDIA.search(sentence):
        sentence = _QUOTED.sub(" ~ ", sentence)
    reported = _REPORTED.search(sentence)
    if reported:
        sentence = f"{sentence[: reported.end()]} ~"
    sentence = _strip_idioms(sentence)
    return sentence, _GENERAL.search(sentence) is not None


# Each tier's rules and their gates: the words each cannot match without, checked for
# every rule in one scan of the sentence (see :mod:`civicbot.safeguarding.gate`).
Gated = tuple[tuple[Rule, ...], GateSet]
_TIER_1: Gated = (RULES, GateSet([gate_for(rule.pattern) for rule in RULES]))
_TIER_2: Gated = (CONCERNS, GateSet([gate_for(rule.pattern) for rule in CONCERNS]))


def _sentence_kinds(sentence: str, general: bool, rules: Gated = _TIER_1) -> set[Kind]:
    found: set[Kind] = set()
    every, gates = rules
    for i in gates.open(sentence):
        rule = every[i]
        if rule.kind in found:
            continue
        for match in rule.pattern.finditer(sentence):
            if _kept(rule, sentence, match, general):
                found.add(rule.kind)
                break
    return found


def detect(text: str) -> Detection:
    """The kinds of risk of harm ``text`` discloses (tier 1); falsy when none."""
    return screen(text).detection


def rules_only(text: str) -> Screening:
    """Both tiers for ``text`` from the hand-written rules alone (no learned model)."""
    if not text or not text.strip():
        return Screening()
    sentences = [_prepared(s) for s in _sentences(respell(normalise(text)))]
    found: set[Kind] = set()
    for sentence, general in sentences:
        found |= _sentence_kinds(sentence, general)
    if found:
        remote = bool(re.search(DISTANCED, normalise(text)))
        return Screening(Detection(tuple(k for k in KINDS if k in found)), distanced=remote)
    concern = any(_sentence_kinds(s, general, _TIER_2) for s, general in sentences)
    return Screening(check_in=concern)


def model_scores(text: str, model: Model, rules: Screening | None = None) -> Scores:
    """``model``'s scores for ``text``, normalised and respelled as the rules read it (and,
    for a stacked model, with the rules' answer: ``rules`` or :func:`rules_only`)."""
    tags: tuple[str, ...] = ()
    if model.stacked:
        said = rules_only(text) if rules is None else rules
        tags = rule_tags(said.detection.kinds, said.check_in)
    return model.scores(respell(normalise(text)), tags)


def combine(rules: Screening, scores: Scores, model: Model) -> Screening:
    """The rules' answer, raised by the model: tier 1 when the rules say so (their kinds,
    unless the model scored it below its ``veto``, or below ``demote`` for a hit said at a
    remove: then a tier-2 check-in) or the disclosure score reaches its kind's tier 1
    (:meth:`Model.tier1_for`); tier 2 when a concern rule fires or any-risk reaches tier 2."""
    low = rules.distanced and scores.scored and scores.disclosure < model.demote
    if rules.detection and (not scores.scored or scores.disclosure >= model.veto) and not low:
        return rules
    if scores.disclosure >= model.tier1_for(scores.kind):
        return Screening(Detection((scores.kind,)))
    risky = bool(rules.detection) or rules.check_in  # a demoted hit gets a check-in
    return Screening(check_in=risky or scores.any_risk >= model.tier2)


@functools.lru_cache(maxsize=2048)
def screen(text: str) -> Screening:
    """Both tiers for ``text``: the rules and the shipped model (:func:`combine`). (Pure,
    so remembered: the bot asks about each message more than once.)"""
    if not text or not text.strip():
        return Screening()
    model = shipped()
    rules = rules_only(text)
    return combine(rules, model_scores(text, model, rules), model)


def may_disclose(text: str) -> bool:
    """True when ``text`` may disclose a risk (tier 2) and does not clearly (tier 1)."""
    return screen(text).tier == 2
