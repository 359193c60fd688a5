"""Abuse and neglect of adults by anyone who is not a partner or family member at home
(a carer, a landlord, staff, a stranger, a gang), grounded in the Care Act 2014 statutory
guidance (Care and support statutory guidance, section 14.17), which lists the types of
abuse and neglect a local authority must respond to:

- **physical** abuse: hitting, pushing, pinching, restraint, tying down;
- **sexual** abuse and sexual exploitation: unwanted touching, rape, sex for rent;
- **psychological** abuse: threats, humiliation, intimidation, isolation, locking in;
- **financial or material** abuse: theft, money or benefits taken, wills and property;
- **modern slavery**: passport or documents kept, work without pay, debt bondage,
  forced marriage, being locked in (Modern Slavery Act 2015);
- **discriminatory** abuse: attacks and harassment because of race, religion, sexuality,
  gender identity or disability (hate crime);
- **organisational** abuse: neglect and poor care in a care home, hospital or supported
  living, including routines that harm (sedation, restraint, being left);
- **neglect and acts of omission**: an older or disabled adult left without food, care,
  medication or heating;
- **self-neglect**: not eating, washing or taking medication, a home full of rubbish,
  refusing help.

Domestic abuse (the guidance's tenth type) is in :mod:`.domestic`. Rules about someone
else (a parent in a home, a neighbour) are ``scope="other"``: quiet in news or in general.
"""

# Patterns are data: one to a line reads best, however long.
# ruff: noqa: E501

from __future__ import annotations

from civicbot.safeguarding.rules.base import Kind, Rule, rule
from civicbot.safeguarding.vocabulary import (
    FAMILY,
    HURT,
    NOT_VIOLENCE,
    OTHER_SUBJECT,
    PASSIVE_HURT,
    PERSON_VERB_GAP,
    WE,
)

K: Kind = "abuse"
# Someone a resident might speak for: a parent, a relative, a neighbour, residents of a home.
ADULT = rf"(?:(?:my|our|the|his|her) (?:\S+ )?(?:{FAMILY}|husband|wife|partner|gran|grandma|grandad|nan|nana|neighbou?r|uncle|aunt|residents?|patients?|brother|sister|friend|dad|mum|old (?:man|lady|woman))|him|her|them|residents|people|patients|mum|dad|old people|the old (?:man|lady|woman)\b(?: \S+)?)"
CARE = r"(?:care home|nursing home|home|hospital|ward|unit|supported living|day centre|hostel|residential|agency)"
EXISTING: tuple[Rule, ...] = (
    rule("abuse", rf"{OTHER_SUBJECT}{PERSON_VERB_GAP} {HURT} (?:me|us)\b{NOT_VIOLENCE}"),
    rule(
        "abuse",
        rf"{WE} (?:being |getting |been |now |constantly |still |regularly |always )?(?:\S+ )?{PASSIVE_HURT}\b{NOT_VIOLENCE}",
    ),
    rule(
        "abuse",
        r"\b(?:he|she|they|someone|somebody) (?:raped|molested|sexually assaulted|abused) me\b",
    ),
    rule(
        "abuse",
        rf"\b(?:keeps?|kept|been|always|constantly|started|keep on) {HURT} (?:me|us)\b{NOT_VIOLENCE}",
    ),
    rule(
        "abuse",
        rf"\b(?:threatening|attacking|hitting|beating|hurting|stalking|harass?ing|abusing|assaulting|strangling|choking|punching|kicking|raping|molesting|intimidating|terrori[sz]ing) (?:me|us)\b{NOT_VIOLENCE}",
    ),
    rule(
        "abuse",
        rf"{OTHER_SUBJECT}{PERSON_VERB_GAP} (?:takes?|took|taking|steals?|stole|stealing|keeps?|kept) (?:\S+ )?(?:money|cash|wages|pension|benefits|cards?) (?:from|off) (?:me|my|us)\b",
    ),
    rule(
        "abuse",
        rf"{OTHER_SUBJECT}{PERSON_VERB_GAP} (?:is |are |has been |have been |keeps? )?{HURT} (?:him|her|them|my (?:{FAMILY}|husband|wife|partner|gran|grandma|grandad|nan))\b{NOT_VIOLENCE}",
        scope="other",
    ),
    rule(
        "abuse",
        r"\b(?:i'?m|i am|i'?ve been|i have been|i was) (?:a )?victim of (?:abuse|assault|rape|a hate crime|trafficking|modern slavery|exploitation|stalking)\b",
    ),
    rule(
        "abuse",
        r"\b(?:forced|forcing|makes?|made) me (?:to )?(?:have sex|do things|sell|carry|work for nothing|work without pay)\b",
    ),
    rule(
        "abuse",
        r"\b(?:has|have|took|taken|keeps?) (?:my|our) (?:passport|documents|id)\b(?=.*\b(?:won'?t|will not|not) (?:give|let)\b)",
    ),
)
PHYSICAL_SEXUAL_PSYCHOLOGICAL: tuple[Rule, ...] = (
    rule(
        K,
        rf"{OTHER_SUBJECT}{PERSON_VERB_GAP} (?:pinch(?:es|ed)?|restrain(?:s|ed)?|pull(?:s|ed)?|drag(?:s|ged)?|shak(?:es|ed)|rough with|tie|ties|tied) (?:me|us|{ADULT})\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:ties?|tied|strap(?:s|ped)?) (?:\S+ ){0,2}(?:to|in) (?:the|a|her|his|their) (?:chair|bed)\b",
        scope="other",
    ),
    rule(K, r"\b(?:rough|too rough) with (?:me|us|him|her|them|my \w+)\b", scope="other"),
    rule(K, rf"{WE} (?:\S+ )?(?:sexually assaulted|raped|molested|spiked|groped)\b"),
    rule(
        K,
        r"\b(?:spiked|groped|flashed at|touches|touched|touching|trying to kiss|tries to kiss|kissed) me\b(?! on the (?:cheek|hand))",
    ),
    rule(
        K,
        r"\bsex (?:instead of|for|in exchange for) (?:the )?(?:rent|money|a room|somewhere to stay|drugs)\b",
    ),
    rule(
        K,
        r"\b(?:is |are |keeps? |been )?(?:touching|molesting|abusing|assaulting|hitting|hurting) (?:the )?(?:residents|patients|people there|old people|clients)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:comes?|came|coming) (?:in|into) my room at night\b(?! to (?:help|check|turn|give|see if))",
    ),
    rule(
        K,
        r"\b(?:calls?|called|calling) me (?:useless|worthless|stupid|a burden|disgusting|a waste)\b|\bno one would believe me\b",
    ),
    rule(
        K,
        r"\b(?:threatens?|threatened|threatening) (?:to )?(?:put|send|leave|lock|stop|kick|throw) (?:me|him|her|them|us)\b",
    ),
    rule(
        K,
        r"\b(?:won't|doesn't|don't|will not) let (?:anyone|anybody|my \w+|people) (?:visit|see|come|in)\b|\bkeeps? (?:me|him|her|them) (?:isolated|away from)\b",
    ),
    rule(
        K,
        r"\block(?:s|ed)? (?:me|us|him|her|them|my \w+) (?:in|up)\b|\block(?:s|ed)? (?:me|us|him|her|them) in (?:my|his|her|their|the) room\b|\blocked in (?:his|her|my|their) room\b",
    ),
    rule(
        K,
        r"\b(?:leave|left|leaves) (?:me|him|her|them|my \w+) on the floor\b|\b(?:intimidat|humiliat)\w* (?:me|us|him|her|them|my)\b",
    ),
    rule(
        K,
        r"\b(?:abuse|harass\w*|attack\w*|threat\w*|hurt\w*|beat\w*|spat|spit\w*) (?:\S+ ){0,6}(?:because|coz|cos) (?:i'm|i am|he's|she's|we're|they're|of my|of (?:his|her|our) )(?:\S+ )?(?:gay|black|trans|disabled|muslim|jewish|polish|asian|autistic|a refugee|religion|race|disability|colour|skin|hijab|accent|lesbian|bi)",
    ),
    rule(
        K,
        r"\b(?:ripped|pulled|tore) (?:off )?my (?:hijab|headscarf|turban|scarf|wig)\b|\bpushed my wheelchair\b|\b(?:smashed|broke|put through) (?:my|our) windows?\b|\bburn us out\b|\bracist (?:stuff|graffiti|abuse) (?:on|at) (?:my|our)\b",
    ),
    rule(
        K,
        r"\b(?:keeps?|kept|always) (?:following|threatening|hurting|attacking) (?:me|us|my \w+)\b|\b(?:being|been|get|getting) harass?ed\b",
    ),
)
FINANCIAL: tuple[Rule, ...] = (
    rule(
        K,
        rf"\b(?:stealing|steals?|stole|stolen|taking|takes?|took|taken|nicking|nicked|had) (?:\S+ )?(?:money|cash|pension|savings|benefits|jewellery|cards?) (?:from|off|out of) (?:me|us|my|his|her|{ADULT})\b",
        scope="other",
    ),
    rule(
        K,
        rf"\b(?:stealing|steals?|stole|stolen) (?:from )?(?:me|us|my \w+|him|her|{ADULT})\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:uses?|used|using) my (?:bank )?card without\b|\bemptied my (?:bank )?account\b|\btaken all my (?:savings|money|pension)\b",
    ),
    rule(
        K,
        r"\b(?:got|made|forced|pressured|make|makes) (?:me|him|her|my \w+) (?:to )?(?:change|sign|sign over|re-?write) (?:my|his|her) (?:will|house|home|property|deeds|savings)\b|\bsign over my (?:house|home|flat)\b",
    ),
    rule(
        K,
        r"\b(?:spending|spends|spent|using|uses) all (?:mum's|dad's|my|his|her|nan's|gran's) (?:money|savings|pension)\b",
    ),
    rule(
        K,
        rf"(?:{OTHER_SUBJECT}|\bmy {FAMILY})(?: \S+){{0,2}} (?:take|takes|took|keeping|keeps?|stealing|steal|steals) (?:all )?my (?:benefits|pension|money|cash|savings|wages)\b(?! book| to the (?:post office|bank)| for me)",
    ),
    rule(K, r"\b(?:taking|takes|took|take) (?:cash|money) off me\b"),
)
MODERN_SLAVERY: tuple[Rule, ...] = (
    rule(
        K,
        r"\b(?:took|take|takes|taken|keeps?|kept|has|have|holding|hold) (?:my|our) (?:passport|passports|documents|papers|id|visa)\b(?! (?:photos?|pictures?|renewal|application|form|number|details|check)\b)",
    ),
    rule(
        K,
        r"\b(?:work|working|worked|clean|cleaning) (?:\S+ ){0,4}(?:for (?:no|nothing|free)|without (?:pay|money|wages))\b|\b(?:don't|doesn't|never|won't) pay (?:us|me)\b(?=.*\b(?:sleep|live|work|room|shed|hours|make)\b)",
    ),
    rule(
        K,
        r"\b(?:keeps?|kept|keeping) (?:my|our|all (?:my|our|the)) (?:wages|pay|money|earnings)\b(?! (?:late|back|safe)\b)",
    ),
    rule(
        K,
        r"\b(?:owe|owes|owing) (?:them|him|her) (?:money )?for (?:bringing|getting|the trip|the journey|my journey|travel)\b|\bdebt (?:that )?(?:never|keeps) (?:goes? down|growing|going up)\b",
    ),
    rule(
        K,
        r"\b(?:forced|forcing|made|makes?|making) (?:me|us|them) (?:to )?(?:work|sell|marry|beg|steal|carry|deliver|grow|clean)\b|\bforced to marry\b",
    ),
    rule(
        K,
        r"\b(?:being |been |was |am |i'm |we're |we are |were )forced to (?:work|sell|marry|beg|steal|have sex|carry|live)\b",
    ),
    rule(K, r"\bforced (?:into )?marriage\b", scope="other"),
    rule(
        K,
        r"\b(?:locks?|locked) (?:us|me|them) in (?:at night|every night|the)\b|\b(?:can't|cannot) leave\b(?=.*\b(?:owe|debt|passport|boss|they|papers)\b)",
    ),
    rule(
        K,
        r"\b(?:living|sleep|sleeping|live) (?:\S+ ){0,3}(?:in (?:the|a) (?:shed|garage|container|outbuilding)|\d+ (?:in|to) (?:a|one) room)\b(?=.*\b(?:work|pay|paid|terrified|scared|boss|nothing)\b)",
    ),
    rule(
        K,
        r"\b(?:trafficked|traffickers?|trafficking|modern slavery|slave labour|being exploited|bonded)\b(?=.*\b(?:i|i'm|me|my|we|us)\b)",
    ),
)
NEGLECT: tuple[Rule, ...] = (
    rule(
        K,
        rf"{ADULT} (?:has |have |had )?(?:is|are|was|were|gets?|get|being|been) left (?:\S+ ){{0,3}}(?:hungry|dirty|alone(?= (?:all day|all night|for (?:days|hours|a week|ages|long)|with no|without|in (?:the )?(?:dark|cold)|and (?:no one|nobody|hungry))|$)|without|in (?:wet|soiled|their own|her own|his own|bed all day)|on the floor|in bed(?= all day| for (?:days|hours|\d+ hours)| all night))\b",
        scope="other",
    ),
    rule(
        K,
        rf"\b(?:left|leaves?|leaving) (?:the )?(?:residents|patients|people|{ADULT})(?: \S+){{0,3}} (?:in (?:wet|soiled|dirty|their own|her own|his own)|on (?:the floor|their own|his own|her own)|alone|without (?:food|water|meds|medication|heating|care|help)|hungry|dirty|in bed all day|all day|for hours|crying|sitting)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:left|leave|leaves) (?:in|on) (?:their|her|his) own (?:mess|urine|faeces|waste)\b|\bleft in (?:her|his|their|my) own mess\b|\bwet beds?\b|\bsoiled (?:beds?|sheets|pads)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:pressure|bed) sores\b|\blost \d+ (?:stone|kilos?)\b|\bsedat(?:ed|es|ing) (?:so|to keep|all)\b|\bkeeps? (?:\S+ ){0,2}sedated\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:doesn't|don't|never|won't|isn't|aren't|not) (?:feed|fed|being fed|feeding|wash|washed|turn|turned|help|helping|look(?:ing)? after|looked after|being looked after|giving|give|gives) (?:him|her|them|my \w+)(?: \w+)?\b(?=.*\b(?:home|carers?|care|staff|properly|at all|days|weeks|sores|hospital|insulin|meds|medication|food|wash|bed)\b)",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:isn't|is not|not) being (?:looked after|fed|washed|cared for)\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:no one|nobody|noone|no-one) (?:gives|turns|feeds|washes|helps|checks on) (?:\S+ ){0,2}(?:him|her|them|my|mum|dad|residents)\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:hasn't|haven't|has not|not) been (?:washed|fed|changed|turned|seen|checked on) (?:in|for) (?:days|weeks|a week|a month)\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:is|are|being|been|was|were) (?:being )?neglected\b|\bneglect(?:ing|s)? (?:him|her|them|my \w+)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:wrong|too much|extra) (?:medication|meds|tablets) (?:\S+ ){0,4}on purpose\b|\bwithout (?:his|her|their) (?:meds|medication|insulin|tablets)\b|\bcarers (?:never|don't|do not) (?:turn up|come|show up)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:has|have|got|with) no (?:food|heating|water|electric|money for food)\b(?=.*\b(?:old|elderly|alone|nan|gran|grandad|dad|mum|neighbou?r|carer|son|daughter|family|doesn't care)\b)",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:elderly|old|older|disabled|89|9\d|8\d|7\d)\b.*\b(?:left alone|no food|no heating|hungry|neglected|not washed|no water|locked in|doesn't care)\b",
        scope="other",
    ),
)
SELF_NEGLECT: tuple[Rule, ...] = (
    rule(
        K,
        rf"{ADULT} (?:has |have |had )?(?:is|are|was|were|gets?|get|being|been) left (?:\S+ ){{0,3}}(?:hungry|dirty|alone(?= (?:all day|all night|for (?:days|hours|a week|ages|long)|with no|without|in (?:the )?(?:dark|cold)|and (?:no one|nobody|hungry))|$)|without|in (?:wet|soiled|their own|her own|his own|bed all day)|on the floor|in bed(?= all day| for (?:days|hours|\d+ hours)| all night))\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:haven't|have not|hasn't|not) (?:eaten|eat|washed|showered|left (?:the )?bed|got up) (?:in|for) (?:days|a week|weeks|\d+ days)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:can't|cannot) (?:look after|take care of|cope with) myself\b|\b(?:don't|do not) (?:look after|take care of) myself\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:stopped|stop|not|refuse|refusing|won't) (?:taking|take) (?:my|his|her) (?:insulin|meds|medication|tablets|pills)\b(?! (?:because|as|when|since) (?:the|my) (?:doctor|gp))",
    ),
    rule(
        K,
        r"\b(?:full of|piled with) (?:rubbish|bags|junk|stuff)\b(?=.*\b(?:wash|ill|eat|let|won't|can't|don't|anyone)\b)|\bliving in squalor\b|\brefuses? (?:all )?help\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:i'm )?not (?:eating|washing)(?: or (?:washing|eating|sleeping))?\b(?! (?:out|in|meat|as|much|well|properly because)\b)",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:given|give|gave) up (?:trying|on myself|looking after)\b|\bwasting away\b|\b(?:won't|doesn't|don't) eat or\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:lie|lying|stay|staying) (?:here|in bed) (?:and|all day and) (?:don't|not) eat\b",
        negatable=False,
    ),
)

ADULT_RULES: tuple[Rule, ...] = (
    EXISTING + PHYSICAL_SEXUAL_PSYCHOLOGICAL + FINANCIAL + MODERN_SLAVERY + NEGLECT + SELF_NEGLECT
)
