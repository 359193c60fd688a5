"""The second, more sensitive tier: words that *may* disclose a risk, not clearly enough
for the emergency reply. They get a gentle check-in and a facilitator's look.

Grounded in what the C-SSRS screener is for: its first question ("Have you wished you
were dead…?") is asked when someone sounds hopeless, so the signs that should lead a
person to ask it are what this tier looks for:

- **hopelessness** (Beck's hopelessness, the strongest single psychological predictor
  of suicide in Beck et al. 1985/1990): no future, nothing will get better, given up,
  a burden, nobody would miss me;
- **not coping**: "can't cope", breaking point, falling apart, can't take any more;
- **indirect wording** that can be a veiled goodbye or passive wish ("I won't be a problem
  much longer", "I want the pain to stop", "I just want to disappear", dark thoughts).

NICE guideline NG225 (Self-harm, 2022) warns against risk tools that sort people into
"low risk" and leave them: this tier exists so that a sentence that is not clearly a
disclosure is still noticed by a person.
"""

# Patterns are data: one to a line reads best, however long.
# ruff: noqa: E501

from __future__ import annotations

from civicbot.safeguarding.rules.base import Kind, Rule, rule

K: Kind = "suicide_self_harm"
# Said about oneself: a tier-2 phrase about a service ("the service is hopeless") is anger.
ME = r"(?:i|i'm|i am|i've|i feel|i'm feeling|feeling|i just|i really|i've just|i'm just|me)"

HOPELESSNESS: tuple[Rule, ...] = (
    rule(
        K,
        r"^(?:what's|what is) the point(?: any more| of anything| of it all| of any of it)?$|\bwhat's the point (?:any more|of anything|of it all|of trying|of me)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:there's |there is )?no hope (?:for me|left|any more)\b|\b(?:i feel|i'm|i am|feeling) (?:so |completely |totally |utterly )?hopeless\b(?! about)",
        negatable=False,
    ),
    rule(
        K,
        r"\bnothing (?:is )?(?:ever )?(?:going to|will|gonna) (?:get|be) better\b|\bnever going to get better\b|\bit's never going to\b",
        negatable=False,
    ),
    rule(
        K,
        rf"\b{ME} (?:have |'ve )?given up on (?:everything|life|myself|it all)\b|^i give up\b|\bi give up\b$",
    ),
    rule(
        K,
        r"\b(?:don't|do not|can't) see (?:a|any) (?:future|way out|way forward|light)\b|\bno future for me\b",
        negatable=False,
    ),
    rule(K, r"\bnothing left (?:for me|to live for)\b|\bnothing to live for\b", negatable=False),
    rule(
        K,
        r"\b(?:a|just a|such a|nothing but a) (?:burden|waste of space)\b(?! (?:on|to|for) (?:the )?(?:nhs|council|taxpayers?|system|state|services|economy|country))",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:no one|nobody|noone) would (?:miss|notice) me\b|\b(?:no one|nobody|noone) (?:cares|would care) (?:if|whether) i\b",
        negatable=False,
    ),
    rule(K, r"\b(?:i feel|i'm|feeling|so) (?:\S+ )?(?:empty|numb|worthless)\b(?! about)"),
    rule(
        K,
        rf"\b{ME} (?:'m )?(?:done with everything|past caring|don't care what happens to me|don't care any more)\b|\bi'm done with everything\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:i feel|i'm|feeling) (?:so )?trapped\b(?=.*\b(?:no way out|can't|nowhere)\b)|\bno way out\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:life|my life|everything) is pointless\b|\bi hate my life\b|\bwhat's the point of anything\b",
    ),
    rule(
        K,
        r"\b(?:i'm|i am) (?:so )?(?:alone|lonely)\b(?=.*\b(?:point|no one|nobody|weeks)\b)",
        negatable=False,
    ),
)
NOT_COPING: tuple[Rule, ...] = (
    rule(
        K,
        r"\b(?:can't|cannot|can not|not) cop(?:e|ing)\b(?! with (?:the|this|these) (?:form|app|website|noise|bins|traffic|roadworks|repairs?|wait))",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:i'm|i am) at (?:breaking point|the end of my (?:rope|tether))\b(?! with (?:the|this|these|my) (?:repair|council|form|noise|bins|landlord|neighbour))|\bend of my (?:rope|tether)\b(?= with everything)",
    ),
    rule(
        K,
        r"\b(?:can't|cannot) take (?:much |any )?more(?: of this)?\b(?!.*\b(?:roadworks|noise|potholes|bins|traffic|queues?|parking)\b)",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:can't|cannot) (?:do|handle|manage|face) (?:this|it|life|anything) (?:any ?more|no more)\b|\bcan't carry on\b|\bcan't keep going\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:i'm|i am) (?:falling apart|barely holding on|not ok|not okay|really not ok|drowning\b(?! in (?:paperwork|forms|debt|bills|work)))",
        negatable=False,
    ),
    rule(
        K,
        r"\bhow much longer i can\b|\bhave a breakdown\b|\bhaving a breakdown\b|\b(?:so )?tired of (?:fighting|everything|it all|being here)\b",
        negatable=False,
    ),
    rule(K, r"\b(?:had|have had|i've had) enough of (?:everything|life|it all)\b"),
    rule(
        K,
        r"\b(?:i'm|i am) (?:really )?struggling (?:mentally|to cope|to keep going|with my mental health)\b|\bso overwhelmed i can't\b",
        negatable=False,
    ),
)
INDIRECT: tuple[Rule, ...] = (
    rule(K, r"^i (?:just )?want out$"),
    rule(
        K,
        r"\b(?:won't|will not) be (?:a problem|a burden|around|here|bothering (?:you|anyone)) (?:for )?(?:you )?(?:much longer|for long|soon|next)\b|\bwon't need (?:the|it|any) \w+ (?:soon|much longer)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:soon|it'll|it will) (?:it )?(?:won't|will not) matter\b|\b(?:it'll|it will) (?:all )?be over soon\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:want|wish|need) (?:it all|everything|the pain|this) to (?:end|stop)\b|\bwant (?:it|everything) to be over\b",
    ),
    rule(
        K,
        r"\bsleep and never\b|\bnever (?:have to )?wake\b|\bsleep and never have to\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:don't|do not) think i'll be (?:here|around)\b|\bwon't hear from me again\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:want|wanted|wish|wishing) to (?:just )?(?:disappear|vanish|stop existing|not exist)\b|\bdon't want to exist\b|\bstop existing\b",
        negatable=False,
    ),
    rule(
        K,
        r"\bif i (?:wasn't|weren't|was not) (?:around|here)\b|\b(?:be )?fine without me\b|\bbetter without me\b",
        negatable=False,
    ),
    rule(
        K,
        r"\btired of being (?:here|alive|me)\b|\bnot meant to be here\b|\bdon't want to be here\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:sort|deal with) it my own way\b|\b(?:time|best) (?:i|if i) (?:just )?(?:went|go|left) (?:away|for good)\b|\bwalk(?:ing)? away from (?:everything|it all) for good\b",
    ),
    rule(
        K,
        r"\bkeep myself safe\b|\bsafe with my own thoughts\b|\bdo something stupid\b|\bdark (?:thoughts|place|in my head)\b|\bgetting dark in my head\b",
        negatable=False,
    ),
    rule(K, r"\bwho gets my (?:things|stuff)\b|\bsorted (?:out )?who gets\b"),
)

# Hopelessness and veiled goodbyes in the shortest words people use for them.
PLAIN_WORDS: tuple[Rule, ...] = (
    rule(
        K,
        r"\bnothing (?:left )?to look forward to\b|\bnothing (?:matters|means anything)(?: to me)?(?: any ?more)?$|\bnothing matters any ?more\b",
        negatable=False,
    ),
    rule(
        K,
        r"^(?:i'?ve |i have |i )?(?:just |totally |completely )?given up$|^i(?:'ve| have) (?:just )?given up(?:,| and| on (?:everything|life|myself|trying|it all))",
    ),
    rule(
        K,
        r"\b(?:everything|it all|life) (?:is|'s|feels|is getting|has got|has become) (?:just |all |way )?too much\b|^(?:it'?s |it is )?all too much$",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:won't|will not) (?:be (?:a problem|a burden|a bother|in (?:the|your) way)|bother) (?:for |to )?(?:anyone|anybody|you|them|everyone)\b|\b(?:won't|will not) be (?:around|here|alive) to see\b|\b(?:won't|will not) have to (?:deal with|worry about|put up with|see|hear from|look after) me\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:i'm|i am) (?:going to|gonna) do it (?:tonight|this weekend|tomorrow|soon|today|this time)\b",
    ),
    rule(
        K,
        r"\b(?:don't|do not|can't|cannot) see (?:the|any) point (?:in|of) (?:anything|it all|trying|any of it|bothering)\b|\b(?:my )?life (?:is|'s) going nowhere\b|\bnothing (?:will|is going to|'s going to) ever (?:change|get better|improve)\b|\b(?:it's|its|it is|it'll|it will) (?:all )?(?:going to be|gonna be) over soon\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:stood|standing|was|sat|sitting) (?:on|at|by) (?:the|a) (?:\S+ )?(?:bridge|edge|cliff|roof|ledge|platform edge|cliff edge)\b(?! (?:club|street|road|inn|pub|cafe))|\bhoping (?:that's|this is|it's) (?:it|the end)\b|\b(?:already )?tried (?:once|twice|before) (?:this|last) (?:week|month|year)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:don't|do not|can't|cannot) see the point(?: any ?more| of anything| in anything| of it)?$|\bnothing (?:ever )?(?:gets|changes|improves|goes right)(?: better)? for me\b|\bnothing ever gets better\b",
        negatable=False,
    ),
    rule(
        K,
        r"\bnothing (?:left )?for me(?: any ?more| here)?$|\bthere's nothing (?:left )?for me\b|\b(?:i'm|i am) (?:so |just )?(?:useless|worthless|a failure|a disappointment|a let down) to (?:everyone|everybody|anyone)\b|\b(?:it's|its|it is) all (?:getting |just |way )?too much\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:no|not any) point (?:in|to|of) anything\b|\b(?:can't|cannot) take it (?:any ?more|no more)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:everything|it all|life|it|my life) (?:is|feels|seems) (?:so |completely |totally )?hopeless\b|\bfalling to pieces\b",
        negatable=False,
    ),
)

CONCERNS: tuple[Rule, ...] = HOPELESSNESS + NOT_COPING + INDIRECT + PLAIN_WORDS
