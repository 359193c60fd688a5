"""Immediate danger: the resident (or someone with them) at risk right now: a weapon, a
break-in, someone outside, hiding, a fire. The response is the same fixed signposting,
which leads with 999. Not tied to one screening framework: it is the "is anyone in
immediate danger?" question every safeguarding procedure asks first (Care Act 2014
statutory guidance 14.85; Working Together to Safeguard Children 2023, chapter 1).
"""

# Patterns are data: one to a line reads best, however long.
# ruff: noqa: E501

from __future__ import annotations

from civicbot.safeguarding.rules.base import Kind, Rule, rule
from civicbot.safeguarding.vocabulary import WE

K: Kind = "immediate_danger"
DANGER: tuple[Rule, ...] = (
    rule(
        "immediate_danger",
        r"\b(?:trying|going|about|threaten(?:ed|ing|s)?|gonna|will|'ll|tried|wants?|said he'?d|said she'?d|says he'?ll|says she'?ll) (?:to )?(?:kill|stab|shoot|murder|strangle|burn|hurt) (?:me|us|my (?:kids|children|family|baby|son|daughter))\b",
    ),
    rule(
        "immediate_danger",
        r"\b(?:break(?:ing)?|broke|broken|smashing|kicking|forcing) (?:in|into (?:my|our|the) (?:house|flat|home|room)|(?:down )?(?:my|our|the) (?:door|window))\b",
    ),
    rule(
        "immediate_danger",
        r"\b(?:has|have|got|with|holding|waving|carrying|pulled|grabbed|brandishing) (?:a |his |her |their )?(?:knife|knives|gun|weapon|machete|blade|hammer|bat)\b",
    ),
    rule(
        "immediate_danger",
        rf"{WE} (?:\S+ )?(?:in (?:real |immediate |serious )?danger|scared for (?:my|our) lives?|in fear (?:of|for) (?:my|our) lives?|being followed|being attacked|locked in)\b(?! of\b)",
    ),
    rule(
        "immediate_danger",
        rf"{WE} (?:\S+ )?not safe (?:right )?(?:now|here|tonight)\b",
        negatable=False,
    ),
    rule(
        "immediate_danger",
        r"\btrapped (?:in|inside) (?:the|my|a|this|our) (?:house|flat|room|car|bathroom|bedroom|building|lift)\b(?=.*\b(?:locked|help|he|she|they|won't let|can't get out|scared|fire|smoke|police|999|knife)\b)",
    ),
    rule(
        "immediate_danger",
        r"\b(?:is|are|'s|'re|keeps?|been|someone|somebody|man|he|she|they) (?:following|chasing|stalking) (?:me|us)\b",
    ),
    rule(
        "immediate_danger", r"\b(?:fear|scared|afraid|worried|terrified) for my (?:life|safety)\b"
    ),
    rule(
        "immediate_danger",
        r"\b(?:he|she|they|someone|somebody|a man|a guy|my ex)(?:'s| is| are|'re)? (?:\S+ )?(?:outside|at (?:my|the) (?:door|window)|in (?:my|the) (?:house|flat|garden)|coming (?:for|after|to get) me|on (?:his|her|their) way (?:here|over|round))\b(?=.*\b(?:scared|afraid|help|threat|kill|hurt|knife|weapon|police|999|danger|safe|terrified|shaking|hide|hiding)\b)",
    ),
    rule(
        "immediate_danger",
        r"(?:^|\bplease |\bsomeone |\bsomebody |\bcan (?:you|someone|somebody) |\bneed (?:to|you to|someone to) )(?:call|ring|phone|get) (?:the police|999|an ambulance|help)\b(?! (?:if|when|about|to report|for (?:a|the) (?:noise|parking)))",
    ),
    rule(
        "immediate_danger",
        r"(?:(?:^|\bplease |\bsomeone |\bsomebody )help me(?:$| please| now| quick| he| she| they| i)\b|\bhelp me (?:please|now|quick)\b)(?! (?:please )?(?:with|to|find|understand|fill|get|sort|apply|out|fix|know|work|choose|answer|read))",
        negatable=False,
    ),
    rule(
        "immediate_danger",
        r"\b(?:house|flat|home|kitchen|building|room) (?:is )?on fire\b|\bcan'?t breathe\b|\bbleeding (?:badly|heavily|a lot|everywhere)\b",
        scope="other",
    ),
    rule(
        "immediate_danger",
        r"\b(?:banging|hammering|kicking|pounding|smashing) (?:on |at )?(?:my|the|our) (?:door|window)s?\b(?=.*\b(?:scared|afraid|terrified|frightened|threat|help|kill|hurt|shaking|knife|weapon|police|999|danger)\b)",
    ),
    rule(
        "immediate_danger",
        r"\b(?:hiding|hidden) (?:from (?:him|her|them|my)|in the (?:bathroom|toilet|bedroom|cupboard|wardrobe))\b",
    ),
    rule(
        K,
        r"\bhide (?:in the (?:bathroom|toilet|bedroom|cupboard|wardrobe|car)|from (?:him|her|them))\b",
    ),
    rule(
        K,
        r"\b(?:trying|tried|tries) to (?:get|break|climb|force his way|force her way|kick the door) (?:in|into)(?: (?:my|our|the) (?:window|door|house|flat|room)|$| now| again| through)\b",
    ),
    rule(
        K,
        r"\b(?:i think|i'm sure|scared|afraid|terrified) (?:he|she|they)(?:'s|'re| is| are)? (?:going to|gonna|will) (?:kill|hurt|stab) me\b",
    ),
    rule(
        K,
        r"\b(?:is|are|'s|'re) (?:attacking|beating|stabbing|hitting|hurting|strangling|choking|kicking|punching|battering)\b(?: \S+){0,3} (?:right now|now|as we speak|at the moment|as i type)\b",
        scope="other",
    ),
)
