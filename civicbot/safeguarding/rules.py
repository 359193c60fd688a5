"""The patterns behind :func:`civicbot.safeguarding.detect.detect`, as data.

Each :class:`Rule` names the kind of harm it points to and a regular expression over
normalised text (lower case, straight apostrophes, single spaces). Rules are written for
recall: a resident who tells the bot they are at risk must never be missed, so the
patterns are broad and the false alarms are trimmed by the checks in ``detect`` (idioms,
negation, news and talk about services in general, situations resolved long ago) rather
than by narrowing the patterns.

``scope`` says whose risk a rule is about: ``"self"`` rules are the resident's own (they
fire even beside talk about the news), ``"other"`` rules are about someone else (a child
next door, a friend) and are dropped in sentences that read as news or talk in general.
``negatable`` is False where the negation is part of the disclosure ("I don't want to live").
"""

# Patterns and sentences are data: one to a line reads best, however long.
# ruff: noqa: E501

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from civicbot.safeguarding.vocabulary import (
    CHILD,
    CHILD_OWNER,
    FAMILY,
    HOME_SUBJECT,
    HURT,
    IM,
    NOT_ACCIDENT,
    NOT_VIOLENCE,
    OTHER_SUBJECT,
    PARTNER,
    PASSIVE_HURT,
    PERSON_VERB_GAP,
    SELF_HARM,
    WE,
)

Kind = Literal[
    "suicide_self_harm", "abuse", "domestic_violence", "child_at_risk", "immediate_danger"
]
KINDS: tuple[Kind, ...] = (
    "suicide_self_harm",
    "abuse",
    "domestic_violence",
    "child_at_risk",
    "immediate_danger",
)
Scope = Literal["self", "other"]


@dataclass(frozen=True)
class Rule:
    kind: Kind
    pattern: re.Pattern[str]
    scope: Scope = "self"
    negatable: bool = True


def _r(kind: Kind, pattern: str, scope: Scope = "self", negatable: bool = True) -> Rule:
    return Rule(kind, re.compile(pattern), scope, negatable)


# --- the rules -------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    # Suicide and self-harm: the resident's own words about ending or hurting their life.
    _r("suicide_self_harm", r"\b(?:kill(?:ing)?|k\*ll) (?:my ?self|meself)\b"),
    _r("suicide_self_harm", r"\bkms\b"),
    _r("suicide_self_harm", rf"\b{SELF_HARM} (?:my ?self|meself)\b{NOT_ACCIDENT}"),
    _r(
        "suicide_self_harm",
        r"\bif i (?:killed|hurt|harmed|ended|took) (?:my ?self|my (?:own )?life|it all)\b",
        negatable=False,
    ),
    _r("suicide_self_harm", r"\b(?:end|ending|take|taking|took) (?:my (?:own )?life|it all)\b"),
    _r(
        "suicide_self_harm",
        r"\bend (?:it|things|everything)(?: all)? (?:tonight|today|now|soon|for good)\b",
    ),
    _r(
        "suicide_self_harm",
        r"\bi (?:want|wanna|need|am going|'m going|'m gonna|am gonna|plan|'m planning|am planning|might|will) (?:to )?end (?:it|things|everything)\b",
    ),
    _r("suicide_self_harm", rf"{IM} (?:\S+ ){{0,2}}suicidal\b|\bmy suicidal\b"),
    _r(
        "suicide_self_harm",
        rf"\b(?:want|wanna|going|gonna|urge|urges|tempted|feel like|thinking about|thought about|think about|need|keep wanting) (?:to )?{SELF_HARM} (?:my ?self|meself)\b",
    ),
    _r(
        "suicide_self_harm",
        r"\bi (?:\S+ ){0,4}(?:suicidal|thoughts of (?:suicide|dying|ending|killing))",
    ),
    _r(
        "suicide_self_harm",
        r"\b(?:thinking|thought|think) (?:about|of) (?:suicide|ending (?:it|my life)|dying|not being here|not waking up|killing myself|taking my (?:own )?life)\b",
        negatable=False,
    ),
    _r(
        "suicide_self_harm",
        r"\b(?:attempt(?:ed)?|tried|try|trying|commit|committing) (?:to commit )?suicide\b",
    ),
    _r("suicide_self_harm", r"\bsuicide (?:note|plan|attempt)\b"),
    _r(
        "suicide_self_harm",
        r"\b(?:want|wanted|wanna|wish|wishing|ready|going|prefer|deserve) (?:to|i could|i would|i'd)? ?(?:just )?die\b(?! of (?:boredom|embarrassment|shame)| laughing)",
    ),
    _r(
        "suicide_self_harm",
        r"\bwish (?:i was|i were|i'd been|i had been) dead\b|\bwish i (?:was|were|had|'d) never (?:been )?born\b|\bwish i (?:wasn'?t|weren'?t) (?:alive|here|around)\b|\bwish i could (?:just )?(?:disappear|not wake up|sleep forever|fall asleep and not wake)\b",
    ),
    _r(
        "suicide_self_harm",
        r"\b(?:better off|be better) (?:dead|without me|if i (?:was|were)n't here|if i was gone)\b",
    ),
    _r(
        "suicide_self_harm",
        r"\b(?:no|not any|any) (?:point|reason) (?:in |to )?(?:living|live|go(?:ing)? on|carry(?:ing)? on|being (?:alive|here))\b",
        negatable=False,
    ),
    _r(
        "suicide_self_harm",
        r"\b(?:don'?t|do not|dont|no longer) (?:want|wanna|wish) to (?:live|be alive|wake up|exist|be here any ?more|go on|carry on)\b",
        negatable=False,
    ),
    _r(
        "suicide_self_harm",
        r"\b(?:can'?t|cannot|cant) (?:go on|carry on|keep going) (?:like this|any ?more|living)\b",
        negatable=False,
    ),
    _r(
        "suicide_self_harm",
        r"\b(?:life|living) (?:is ?n[o']t|is not|isnt|ain'?t) worth (?:living|it)\b",
        negatable=False,
    ),
    _r("suicide_self_harm", r"\bnot worth living\b", negatable=False),
    _r(
        "suicide_self_harm",
        r"\b(?:i|i'm|im|i am|i've|ive|i have|been|started|start|keep|still|my)(?: \S+){0,2} self[- ]?harm",
    ),
    _r(
        "suicide_self_harm",
        rf"\b(?:cutting|cut|burning|burnt|burned|hurting|harming|starving) (?:my ?self|my (?:arms?|legs?|wrists?|skin))\b{NOT_ACCIDENT}",
    ),
    _r(
        "suicide_self_harm",
        r"\b(?:took|taken|take|taking|had|planning) (?:an |a )?overdose\b|\boverdos(?:e|ed|ing)\b",
    ),
    _r(
        "suicide_self_harm",
        r"\b(?:stockpil(?:e|ing|ed)|sav(?:e|ing|ed) up|collect(?:ing|ed)|hoard(?:ing|ed)) (?:my |all my |the )?(?:pills|tablets|meds|medication)\b",
    ),
    _r(
        "suicide_self_harm",
        r"\b(?:took|swallowed|taken) (?:a (?:load|lot|bunch|handful)|loads|all|too many) (?:of )?(?:my )?(?:pills|tablets|meds|paracetamol)\b",
    ),
    _r("suicide_self_harm", r"\bthrow(?:ing)? myself (?:off|from|in front of|under)\b"),
    _r(
        "suicide_self_harm",
        r"\b(?:want|wanna|going|gonna|thinking|thought|planning|plan|urge|tempted|about)(?: \S+){0,2} (?:to )?(?:jump(?:ing)?|step(?:ping)?|walk(?:ing)?) (?:off|from|in front of|under) (?:a|the|my)\b",
    ),
    _r(
        "suicide_self_harm",
        r"\bthis is my last (?:message|goodbye)\b|\bthese are my last words\b|\bgoodbye (?:cruel )?world\b|\bsaying (?:my )?goodbyes\b",
    ),
    _r("suicide_self_harm", r"\bi (?:have|'ve|ve|got|bought) (?:a |the )?(?:rope|noose)\b"),
    # Someone else at risk of suicide now (a friend, a son): not in news or talk in general.
    _r(
        "suicide_self_harm",
        r"\b(?:kill(?:ing)?|hurt(?:ing)?|harm(?:ing)?|cut(?:ting)?) (?:him|her|them)sel(?:f|ves)\b(?! laughing)",
        scope="other",
    ),
    _r(
        "suicide_self_harm",
        r"\b(?:is|are|'s|keeps?|been) (?:\S+ )?(?:suicidal|talking about suicide|talking about ending)",
        scope="other",
    ),
    # Domestic abuse and violence: by a partner, an ex or family, or at home.
    _r(
        "domestic_violence",
        rf"{HOME_SUBJECT}{PERSON_VERB_GAP} {HURT} (?:me|us|mum|my mum|my mother)\b{NOT_VIOLENCE}",
    ),
    _r(
        "domestic_violence",
        rf"{HOME_SUBJECT}{PERSON_VERB_GAP} (?:is|are|'s|has been|keeps?|was|gets?) (?:\S+ )?(?:violent|abusive|controlling|aggressive) (?:to|towards|with|at)? ?(?:me|us)?",
    ),
    _r(
        "domestic_violence",
        rf"\b(?:abusive|violent|controlling) (?:{PARTNER}|{FAMILY}|relationship|marriage|home|household)\b",
    ),
    _r(
        "domestic_violence",
        r"\b(?:in|living in|stuck in|trapped in|live in) an? (?:abusive|violent|controlling|unsafe) (?:relationship|marriage|home|house|household|flat)\b",
    ),
    _r(
        "domestic_violence",
        r"\b(?:experiencing|suffering|going through|living with|victim of|subjected to|facing) (?:domestic|coercive|financial|emotional|sexual) (?:abuse|violence|control)\b",
    ),
    _r(
        "domestic_violence",
        rf"{HOME_SUBJECT}{PERSON_VERB_GAP} {HURT} (?:her|him|them|my (?:mum|mother|dad|father|sister|brother|nan|gran))\b{NOT_VIOLENCE}",
        scope="other",
    ),
    _r("domestic_violence", r"\bcoercive control\b|\bfinancial(?:ly)? abus"),
    _r(
        "domestic_violence",
        r"\b(?:i'?m|i am|im|we're|we are) (?:not|never) allowed (?:out|to (?:leave|go out|see|have|work|talk|speak|use|contact|phone|call))\b",
        negatable=False,
    ),
    _r(
        "domestic_violence",
        rf"{HOME_SUBJECT}{PERSON_VERB_GAP} controls? (?:everything|all|every|my life|what i|where i|who i)\b",
    ),
    _r(
        "domestic_violence",
        r"\b(?:not|never|don'?t|do not|no longer) (?:feel )?safe (?:at home|in (?:my|our) (?:own )?(?:home|house|flat|bed))\b",
        negatable=False,
    ),
    _r(
        "domestic_violence",
        r"\b(?:scared|afraid|frightened|terrified|petrified) (?:to go|of going|to be) (?:back )?home\b",
    ),
    _r(
        "domestic_violence",
        rf"\b(?:scared|afraid|frightened|terrified|petrified|fear)(?: to death| stiff)? (?:of )?(?:my {PARTNER}|my {FAMILY}|him\b|her(?= *(?:$|[,!]| when| and| because| so| now| too| all)))",
    ),
    _r(
        "domestic_violence",
        rf"{HOME_SUBJECT}{PERSON_VERB_GAP} (?:won'?t|will not|doesn'?t|does not|never) let(?:s)? me (?:leave|go out|out|see|have|talk|speak|work|use|keep|contact|eat|sleep)\b",
        negatable=False,
    ),
    _r(
        "domestic_violence",
        rf"(?:{HOME_SUBJECT}|\bhe|\bshe){PERSON_VERB_GAP} (?:takes?|took|keeps?|controls?|checks?) (?:all )?(?:of )?my (?:money|bank card|cards|benefits|wages|phone|passport)\b",
    ),
    # Abuse by anyone else (a carer, a landlord, someone unnamed), or not said who.
    _r("abuse", rf"{OTHER_SUBJECT}{PERSON_VERB_GAP} {HURT} (?:me|us)\b{NOT_VIOLENCE}"),
    _r(
        "abuse",
        rf"{WE} (?:being |getting |been |now |constantly |still |regularly |always )?(?:\S+ )?{PASSIVE_HURT}\b{NOT_VIOLENCE}",
    ),
    _r(
        "abuse",
        r"\b(?:he|she|they|someone|somebody) (?:raped|molested|sexually assaulted|abused) me\b",
    ),
    _r(
        "abuse",
        rf"\b(?:keeps?|kept|been|always|constantly|started|keep on) {HURT} (?:me|us)\b{NOT_VIOLENCE}",
    ),
    _r(
        "abuse",
        rf"\b(?:threatening|attacking|hitting|beating|hurting|stalking|harass?ing|abusing|assaulting|strangling|choking|punching|kicking|raping|molesting|intimidating|terrori[sz]ing) (?:me|us)\b{NOT_VIOLENCE}",
    ),
    _r(
        "abuse",
        rf"{OTHER_SUBJECT}{PERSON_VERB_GAP} (?:takes?|took|taking|steals?|stole|stealing|keeps?|kept) (?:\S+ )?(?:money|cash|wages|pension|benefits|cards?) (?:from|off) (?:me|my|us)\b",
    ),
    _r(
        "abuse",
        rf"{OTHER_SUBJECT}{PERSON_VERB_GAP} (?:is |are |has been |have been |keeps? )?{HURT} (?:him|her|them|my (?:{FAMILY}|husband|wife|partner|gran|grandma|grandad|nan))\b{NOT_VIOLENCE}",
        scope="other",
    ),
    _r(
        "abuse",
        r"\b(?:i'?m|i am|i'?ve been|i have been|i was) (?:a )?victim of (?:abuse|assault|rape|a hate crime|trafficking|modern slavery|exploitation|stalking)\b",
    ),
    _r(
        "abuse",
        r"\b(?:forced|forcing|makes?|made) me (?:to )?(?:have sex|do things|sell|carry|work for nothing|work without pay)\b",
    ),
    _r(
        "abuse",
        r"\b(?:has|have|took|taken|keeps?) (?:my|our) (?:passport|documents|id)\b(?=.*\b(?:won'?t|will not|not) (?:give|let)\b)",
    ),
    # A child at risk: the resident's child, a child they know, or the resident as a child.
    _r(
        "child_at_risk",
        rf"\b{CHILD_OWNER} (?:\S+ ){{0,2}}{CHILD}\b(?: \S+){{0,3}} (?:is|are|was|were|'s|'re|has been|have been|keeps?|gets?|getting|being)(?: being| getting| been| left| always| often| still| constantly)? (?:{PASSIVE_HURT}|neglected|left (?:home )?alone|starving|going hungry|not (?:being )?fed|not safe|unsafe|in danger|scared to go home|covered in bruises|sexually)",
        scope="other",
        negatable=False,
    ),
    _r(
        "child_at_risk",
        rf"(?:{HOME_SUBJECT}|{OTHER_SUBJECT}|\bhe|\bshe|\bthey){PERSON_VERB_GAP} {HURT} (?:my|the|our|his|her|their) (?:\S+ )?{CHILD}\b",
        scope="other",
    ),
    _r(
        "child_at_risk",
        rf"\b(?:leaves?|left|leaving) (?:my|the|our|his|her|their) (?:\S+ )?{CHILD} (?:home |at home |in the (?:house|flat|car) )?(?:alone|on (?:their|his|her) own)\b",
        scope="other",
    ),
    _r(
        "child_at_risk",
        rf"\b(?:grooming|groomed|grooms)\b|\b(?:sending|sends|sent|asking|asked|asks|messaging|messages) (?:my|our|her|his) (?:\S+ )?{CHILD}(?: \S+){{0,3}} (?:for )?(?:nudes|naked|explicit|sexual|pictures|photos|images|pics)",
        scope="other",
    ),
    _r(
        "child_at_risk",
        rf"\b{CHILD_OWNER} (?:\S+ ){{0,2}}{CHILD} (?:has|had|with|is covered in|'s got|has got|came home with) (?:\S+ )?(?:bruises|burns|marks|injuries|black eyes?|a black eye)\b",
        scope="other",
    ),
    _r(
        "child_at_risk",
        rf"\b{CHILD}\b.*\b{HURT} (?:him|her|them)\b{NOT_VIOLENCE}|\b{HURT} (?:him|her|them)\b{NOT_VIOLENCE}.*\b{CHILD}\b",
        scope="other",
    ),
    _r(
        "child_at_risk",
        rf"\b{CHILD}s? (?:next door|upstairs|downstairs|across the (?:road|street|hall)|on my (?:street|road|landing)|in the (?:next|other) flat)\b(?: \S+){{0,5}} (?:screaming|crying|hit|beaten|hurt|left alone|alone|neglected|bruises|hungry|locked)",
        scope="other",
    ),
    _r(
        "child_at_risk",
        rf"\bbruises? (?:on|all over) (?:my|the|our|his|her|their) (?:\S+ )?{CHILD}\b",
        scope="other",
    ),
    _r(
        "child_at_risk",
        r"\b(?:i'?m|i am|im) (?:only )?(?:1[0-7]|[89]|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)\b(?: years old| yrs old| yo)?(?=.*\b(?:hit|beat|hurt|abus|touch|scared|kill|harm|cut|unsafe|not safe|kicked out|hungry|rap|groom|suicid))",
        negatable=False,
    ),
    _r(
        "child_at_risk",
        r"\b(?:i'?m|i am) (?:a child|a kid|still at school|in year (?:[5-9]|1[0-3]))\b(?=.*\b(?:hit|beat|hurt|abus|touch|scared|kill|harm|cut|unsafe|not safe|kicked out|hungry|rap|groom|suicid))",
        negatable=False,
    ),
    # Immediate danger: right now, to the resident (or someone with them).
    _r(
        "immediate_danger",
        r"\b(?:trying|going|about|threaten(?:ed|ing|s)?|gonna|will|'ll|tried|wants?|said he'?d|said she'?d|says he'?ll|says she'?ll) (?:to )?(?:kill|stab|shoot|murder|strangle|burn|hurt) (?:me|us|my (?:kids|children|family|baby|son|daughter))\b",
    ),
    _r(
        "immediate_danger",
        r"\b(?:break(?:ing)?|broke|broken|smashing|kicking|forcing) (?:in|into (?:my|our|the) (?:house|flat|home|room)|(?:down )?(?:my|our|the) (?:door|window))\b",
    ),
    _r(
        "immediate_danger",
        r"\b(?:has|have|got|with|holding|waving|carrying|pulled|grabbed|brandishing) (?:a |his |her |their )?(?:knife|knives|gun|weapon|machete|blade|hammer|bat)\b",
    ),
    _r(
        "immediate_danger",
        rf"{WE} (?:\S+ )?(?:in (?:real |immediate |serious )?danger|scared for (?:my|our) lives?|in fear (?:of|for) (?:my|our) lives?|being followed|being attacked|locked in)\b(?! of\b)",
    ),
    _r(
        "immediate_danger",
        rf"{WE} (?:\S+ )?not safe (?:right )?(?:now|here|tonight)\b",
        negatable=False,
    ),
    _r(
        "immediate_danger",
        r"\btrapped (?:in|inside) (?:the|my|a|this|our) (?:house|flat|room|car|bathroom|bedroom|building|lift)\b",
    ),
    _r(
        "immediate_danger",
        r"\b(?:is|are|'s|'re|keeps?|been|someone|somebody|man|he|she|they) (?:following|chasing|stalking) (?:me|us)\b",
    ),
    _r("immediate_danger", r"\b(?:fear|scared|afraid|worried|terrified) for my (?:life|safety)\b"),
    _r(
        "immediate_danger",
        r"\b(?:he|she|they|someone|somebody|a man|a guy|my ex)(?:'s| is| are|'re)? (?:\S+ )?(?:outside|at (?:my|the) (?:door|window)|in (?:my|the) (?:house|flat|garden)|coming (?:for|after|to get) me|on (?:his|her|their) way (?:here|over|round))\b(?=.*\b(?:scared|afraid|help|threat|kill|hurt|knife|weapon|police|999|danger|safe|terrified|shaking|hide|hiding)\b)",
    ),
    _r(
        "immediate_danger",
        r"(?:^|\bplease |\bsomeone |\bsomebody |\bcan (?:you|someone|somebody) |\bneed (?:to|you to|someone to) )(?:call|ring|phone|get) (?:the police|999|an ambulance|help)\b(?! (?:if|when|about|to report|for (?:a|the) (?:noise|parking)))",
    ),
    _r(
        "immediate_danger",
        r"(?:(?:^|\bplease |\bsomeone |\bsomebody )help me(?:$| please| now| quick| he| she| they| i)\b|\bhelp me (?:please|now|quick)\b)(?! (?:please )?(?:with|to|find|understand|fill|get|sort|apply|out|fix|know|work|choose|answer|read))",
        negatable=False,
    ),
    _r(
        "immediate_danger",
        r"\b(?:house|flat|home|kitchen|building|room) (?:is )?on fire\b|\bcan'?t breathe\b|\bbleeding (?:badly|heavily|a lot|everywhere)\b",
        scope="other",
    ),
    _r(
        "immediate_danger",
        r"\b(?:banging|hammering|kicking|pounding|smashing) (?:on |at )?(?:my|the|our) (?:door|window)s?\b(?=.*\b(?:scared|afraid|terrified|frightened|threat|help|kill|hurt|shaking|knife|weapon|police|999|danger)\b)",
    ),
    _r(
        "immediate_danger",
        r"\b(?:hiding|hidden) (?:from (?:him|her|them|my)|in the (?:bathroom|toilet|bedroom|cupboard|wardrobe))\b",
    ),
)
