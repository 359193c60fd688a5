"""Domestic abuse, grounded in the SafeLives DASH risk identification checklist
(Domestic Abuse, Stalking and Harassment and Honour-Based Violence; SafeLives, 2009,
used by police and Marac referrals across the UK).

The checklist's questions, and the rules that look for each:

- **injury** ("Has the current incident resulted in injury?"): hitting, beating, bruises,
  broken bones, things thrown;
- **fear** ("Are you very frightened?"): scared of a partner or family member, not safe at
  home, hiding;
- **escalation** ("Is the abuse happening more often / getting worse?");
- **threats to kill** ("Has … threatened to kill you or someone else?"), including by
  arson ("burn the house down with me in it", petrol through the letterbox), and "if I
  can't have you nobody can";
- **strangulation, choking, suffocation, drowning** (the strongest single predictor of
  homicide in the checklist's evidence base);
- **stalking and harassment**: following, turning up, tracking, messages from new numbers;
- **controlling and coercive behaviour** (Serious Crime Act 2015 s.76): isolation from
  friends and family, permission to go out, phone checks, clothing;
- **sexual abuse**: forced or pressured sex, intimate images shared;
- **financial control**: money, cards, benefits, debts in the victim's name.

The abuser is a partner, an ex or a family member (the Domestic Abuse Act 2021 definition
covers both); abuse by anyone else is in :mod:`.adult`.
"""

# Patterns are data: one to a line reads best, however long.
# ruff: noqa: E501

from __future__ import annotations

from civicbot.safeguarding.rules.base import Kind, Rule, rule
from civicbot.safeguarding.vocabulary import (
    FAMILY,
    HOME_SUBJECT,
    HURT,
    NOT_VIOLENCE,
    OTHERS,
    PARTNER,
    PERSON_VERB_GAP,
)

K: Kind = "domestic_violence"
# Who, when a message says "he" or "she" without naming them: in a chat like this one,
# usually the person at home. Rules using it also need a harm that is not everyday.
# Someone who can do these things to a resident (not "the app", not "the council").
WHO = rf"(?:{HOME_SUBJECT}|^{PARTNER}\b|\b(?:he|she|they|he's|she's|they've|someone|somebody)|\bmy {OTHERS})"
ABUSER = rf"(?:{HOME_SUBJECT}|\bmy {PARTNER}|\bhe|\bshe|\bhe's|\bshe's|\bhes|\bshes)"

EXISTING: tuple[Rule, ...] = (
    rule(
        "domestic_violence",
        rf"{HOME_SUBJECT}{PERSON_VERB_GAP} {HURT} (?:me|us|mum|my mum|my mother)\b{NOT_VIOLENCE}",
    ),
    rule(
        "domestic_violence",
        rf"{HOME_SUBJECT}{PERSON_VERB_GAP} (?:is|are|'s|has been|keeps?|was|gets?) (?:\S+ )?(?:violent|abusive|controlling|aggressive) (?:to|towards|with|at)? ?(?:me|us)?",
    ),
    rule(
        "domestic_violence",
        rf"\b(?:abusive|violent|controlling) (?:{PARTNER}|{FAMILY}|relationship|marriage|home|household)\b",
    ),
    rule(
        "domestic_violence",
        r"\b(?:in|living in|stuck in|trapped in|live in) an? (?:abusive|violent|controlling|unsafe) (?:relationship|marriage|home|house|household|flat)\b",
    ),
    rule(
        "domestic_violence",
        r"(?<!people )(?<!those )(?<!women )(?<!anyone )(?<!victims )(?<!who are )(?<!families )(?<!children )\b(?:experiencing|suffering|going through|living with|victim of|subjected to|facing) (?:domestic|coercive|financial|emotional|sexual) (?:abuse|violence|control)\b",
    ),
    rule(
        "domestic_violence",
        rf"{HOME_SUBJECT}{PERSON_VERB_GAP} {HURT} (?:her|him|them|my (?:mum|mother|dad|father|sister|brother|nan|gran))\b{NOT_VIOLENCE}",
        scope="other",
    ),
    rule("domestic_violence", r"\bcoercive control\b|\bfinancial(?:ly)? abus"),
    rule(
        "domestic_violence",
        r"\b(?:i'?m|i am|im|we're|we are) (?:not|never) allowed (?:out|to (?:leave|go out|see|have(?! (?:a |any )?(?:dog|cat|pets?|bbq|barbecue|bike|shed|satellite|washing|visitors? park|lodger))|work|talk|speak|use|contact|phone|call))\b",
        negatable=False,
    ),
    rule(
        "domestic_violence",
        rf"{HOME_SUBJECT}{PERSON_VERB_GAP} controls? (?:everything|all|every|my life|what i|where i|who i)\b",
    ),
    rule(
        "domestic_violence",
        r"\b(?:not|never|don'?t|do not|no longer) (?:feel )?safe (?:at home|in (?:my|our) (?:own )?(?:home|house|flat|bed))\b",
        negatable=False,
    ),
    rule(
        "domestic_violence",
        r"\b(?:scared|afraid|frightened|terrified|petrified) (?:to go|of going|to be) (?:back )?(?:at )?home\b",
    ),
    rule(
        "domestic_violence",
        rf"\b(?:scared|afraid|frightened|terrified|petrified|fear)(?: to death| stiff)? (?:of )?(?:my {PARTNER}|my {FAMILY}|him\b|her(?= *(?:$|[,!]| when| and| because| so| now| too| all)))",
    ),
    rule(
        "domestic_violence",
        rf"{HOME_SUBJECT}{PERSON_VERB_GAP} (?:won'?t|will not|doesn'?t|does not|never) let(?:s)? me (?:leave|go out|out|see|have|talk|speak|work|use|keep|contact|eat|sleep)\b",
        negatable=False,
    ),
    rule(
        "domestic_violence",
        rf"(?:{HOME_SUBJECT}|\bhe|\bshe){PERSON_VERB_GAP} (?:takes?|took|keeps?|controls?|checks?) (?:all )?(?:of )?my (?:money|bank card|cards|benefits|wages|phone|passport)\b",
    ),
)
STRANGULATION: tuple[Rule, ...] = (
    rule(K, r"\b(?:strangl|chok|throttl|suffocat|smother)(?:e|es|ed|ing)? (?:me|us)\b"),
    rule(
        K,
        r"\b(?:hands?|arms?|fingers|belt|rope|cord) (?:round|around|on|across|over) my (?:neck|throat|mouth and nose)\b|\b(?:by|round|on) (?:the|my) (?:throat|neck)\b",
    ),
    rule(K, r"\b(?:squeez|grabb|grip|press|held|hold)\w* (?:me by )?my (?:neck|throat)\b"),
    rule(K, r"\b(?:pillow|hand|bag) over my (?:face|head|mouth)\b"),
    rule(
        K,
        r"\b(?:tried|trying|try) to (?:drown|suffocate|smother|strangle|choke) me\b|\b(?:held|pushed|hold|holds|pushes) my head (?:under|in) (?:the )?water|\b(?:held|holds|hold|pushed|pushes|kept) me under (?:the )?water\b",
    ),
    rule(
        K,
        r"\bheadlock\b(?=.*\b(?:me|black|pass))|\btill i (?:passed|blacked) out\b|\b(?:nearly|almost) (?:passed|blacked) out\b",
    ),
    rule(K, r"\b(?:he|she|they)\b.*\b(?:couldn't|could not|can't) breathe\b"),
)
THREATS_TO_KILL: tuple[Rule, ...] = (
    rule(
        K,
        r"\b(?:said|says|saying|told me|tells me|threaten\w*|text\w*|messag\w*|warned|warns|keeps? saying|swore)\b(?: \S+){0,6} (?:kill|murder|stab|shoot|slit|strangle|torch|petrol bomb|firebomb|fire ?bomb|burn(?: down)?|set fire to|set light to|set) (?:\S+ )?(?:me|us|my|our|the (?:house|flat|home|kids|children|baby))\b|\bput a knife in me\b",
    ),
    rule(
        K,
        r"\bburn (?:the|my|our) (?:house|flat|home|place|car)(?: down)? with (?:me|us|the kids)\b|\bwith (?:me|us|the kids|my \w+) (?:in it|inside)\b",
    ),
    rule(
        K,
        r"\b(?:poured|pour|pours|pouring|put|posted) (?:petrol|fuel|lighter fluid|something burning|a rag) (?:through|in|on|at)\b|\bpetrol through (?:the|my) (?:letterbox|door)\b",
    ),
    rule(
        K,
        r"\bif (?:he|she|they) can't have me,? (?:nobody|no one|noone|no-one) (?:can|will)\b",
        negatable=False,
    ),
    rule(K, r"\bi'm dead (?:when|if|once) (?:he|she|they)\b|\bi'm a dead (?:woman|man)\b"),
    rule(K, r"\b(?:kill|murder) me and (?:the|my|our) (?:kids|children|baby)\b"),
)
STALKING: tuple[Rule, ...] = (
    rule(
        K,
        rf"{ABUSER}{PERSON_VERB_GAP} (?:keeps?|kept|always|still) (?:turning|showing|popping) up (?:at|outside|wherever|everywhere|at my|near)\b|{ABUSER}{PERSON_VERB_GAP} (?:turns|shows) up (?:wherever|everywhere|at my|outside)\b",
    ),
    rule(
        K,
        rf"{ABUSER}(?:'s| is| has been|'s been| keeps?| was)? (?:\S+ )?(?:sitting|sits|sat|parked|parks|waiting|waits|waited|standing|stands|stood|hanging around|hangs around|lurking|lurks) (?:outside|near|by|at the end of) (?:my|our|the kids')",
    ),
    rule(K, r"\b(?:tracker|tracking device|airtag) (?:on|in) my\b"),
    rule(
        K,
        rf"{WHO}(?: \S+){{0,2}} (?:tracks|tracking|tracked|monitors?|monitoring|checks?|checking|checked|goes through|went through|reads?) my (?:phone|location|car|messages|texts|emails)\b",
    ),
    rule(
        K,
        r"\b(?:messag|text|call|ring|phon|contact)\w* me (?:from|on|with) (?:new|different|fake|other|withheld) (?:numbers|accounts|profiles)\b|\bafter i blocked (?:him|her|them)\b|\b(?:fake|new) (?:accounts|profiles|numbers) to (?:message|contact|text|find|watch|follow|see|stalk) (?:me|my)\b|\bturns? up (?:where i am|wherever i (?:go|am)|everywhere i go)\b",
    ),
    rule(
        K,
        rf"{WHO}(?: \S+){{0,2}} found (?:out )?my (?:new )?(?:address|flat|house|workplace|number)\b",
    ),
    rule(
        K,
        rf"{ABUSER}{PERSON_VERB_GAP} (?:keeps? |kept |always |is )?(?:follow(?:s|ed|ing)?|watch(?:es|ed|ing)?) (?:me|my (?:house|flat|home|every))\b",
    ),
    rule(K, r"\b\d{2,3} (?:calls|texts|messages) a day\b|\bcan't get away from (?:him|her|them)\b"),
    rule(
        K,
        r"\b(?:is|are|'s|'re|keeps?|been|he's|she's|they're) (?:stalking|harass(?:ing)?) (?:me|us)\b|\bstalk(?:ing|s|ed)? me\b",
    ),
)
CONTROL: tuple[Rule, ...] = (
    rule(
        K,
        rf"{ABUSER}{PERSON_VERB_GAP} (?:won'?t|will not|doesn'?t|does not|never|don't) let(?:s)? me (?:leave|go|out|see|have|talk|speak|work|use|keep|contact|eat|sleep|visit|phone|call)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:decides?|chooses?|controls?|tells me) (?:what i (?:wear|eat|spend|do)|who i (?:see|talk|speak|text)|where i go|when i)\b",
    ),
    rule(
        K,
        r"\b(?:ask|asking|get|need) (?:his |her |their )?permission to (?:leave|go|see|spend|buy|eat|go out)\b",
    ),
    rule(K, rf"{WHO}(?: \S+){{0,2}} (?:times|timed|timing) (?:how long|me)\b"),
    rule(
        K,
        r"\b(?:share|sharing|shares) my location\b|\bcut me off from\b|\bisolat(?:e|es|ed|ing) me\b",
    ),
    rule(
        K,
        r"\b(?:took|takes|taken|smashed|hides?|hid) my (?:phone|(?:car |house |door )?keys)\b(?=.*\b(?:locked|lock|can't|won't|so i)\b)",
    ),
    rule(
        K,
        r"\b(?:i'm|i am) not allowed (?:out|to (?:go out|go anywhere|go to|leave|see|have (?:friends|money|my own|a phone|a job|a bank)|work|talk|speak|contact|phone|call|visit|wear|eat|sleep|learn))\b",
        negatable=False,
    ),
)
SEXUAL: tuple[Rule, ...] = (
    rule(
        K,
        r"\b(?:forc|pressur|mak|made|coerc)\w* me (?:(?:in)?to )?(?:have )?(?:sex|sexual|do (?:sexual|stuff|things|it)|sleep with)\b",
    ),
    rule(
        K,
        rf"\b(?:forces?|forced|forcing) (?:himself|herself) on me\b|{WHO} forces? me\b|\b(?:won't|doesn't|will not) take no for an answer\b",
    ),
    rule(
        K,
        r"\b(?:share|shares|shared|sharing|post|posts|posted|send|sends|sent|threatens? to (?:share|post|send)|leak\w*) (?:\S+ )?(?:intimate|nude|naked|sexual|private) (?:pics|pictures|photos|images|videos?)\b",
    ),
    rule(K, r"\bfilmed me (?:without|naked|having|in)\b|\brevenge porn\b"),
    rule(K, rf"\bmy {PARTNER}(?: \S+)? (?:rapes?|raped|sexually assault\w*|forces?|forced)\b"),
)
FINANCIAL: tuple[Rule, ...] = (
    rule(
        K,
        rf"{WHO}(?: \S+){{0,2}} (?:has|have|got|took|takes|keeps?) (?:all )?(?:of )?my (?:bank )?(?:card|cards|pin|bank details|money)\b",
    ),
    rule(K, r"\b(?:debts?|loans?|credit cards?|catalogues?|contracts?) (?:in|under) my name\b"),
    rule(
        K,
        r"\bno access to (?:any |my |our )?(?:money|cash|account|bank)\b|\b(?:controls?|in control of) (?:all )?(?:of )?(?:it|the money|our money|my money|the finances|everything)\b",
    ),
    rule(
        K,
        rf"{WHO}(?: \S+){{0,2}} (?:takes?|took|taking) (?:the |my |our |all (?:my|our|the) )?(?:universal credit|uc|benefits|pip|child benefit|wages|pay|pension|salary)\b(?! (?:into account|seriously|a while|ages|book|to the (?:post office|bank)|for me|in for me))",
    ),
    rule(
        K,
        r"\b(?:won't|doesn't|will not|never) give (?:me )?(?:any )?(?:money|cash) (?:for|to)\b|\bbeg (?:him|her)? ?for (?:money|a tenner|cash)\b",
    ),
    rule(K, r"\bfinancial(?:ly)? abus"),
)
INJURY_AND_ESCALATION: tuple[Rule, ...] = (
    rule(
        K,
        r"\b(?:hitting|hits|hit|beating|beats|beat|hurting|hurts|attacking|attacks|strangling|choking|punching|punches|kicking|kicks|battering|batters) (?:his|her|their) (?:wife|husband|partner|girlfriend|boyfriend|missus|fella|kids|children|son|daughter|baby|mum|dad)\b",
        scope="other",
    ),
    rule(K, r"\b(?:the )?beatings?\b(?! (?:the|a|them|other|all|it|my record)\b)"),
    rule(K, r"\bbruises?(?: all over)?(?: \S+){0,2} from (?:him|her|them|my)\b"),
    rule(
        K,
        r"\b(?:he|she|they) (?:broke|broken|fractured|cracked) my (?:nose|arm|ribs?|jaw|wrist|leg|fingers?|cheekbone|eye socket)\b",
    ),
    rule(K, r"\b(?:threw|throws|thrown|chucked|hurled) (?:a |the |his |her )?\w+ at me\b"),
    rule(K, r"\b(?:bit|bites|biting) me\b|\bkicked me while\b"),
    rule(
        K,
        r"\b(?:getting|got|gets) (?:more|even more) (?:violent|aggressive|dangerous)\b|\bhitting me\b|\b(?:started|starting) (?:hitting|hurting|punching|beating)\b",
    ),
    rule(
        K,
        rf"\bmy {FAMILY} (?:hits|beats|attacks|punches|kicks|hurts|abuses) (?:me|my (?:mum|mother|dad|father|nan|gran|sister|brother))\b",
    ),
)

# The checklist's questions in the words people answer them with: a harm done, then how
# (broke, gave me, threw me down), fear of what the abuser will do, escalation told as a
# change ("never used to ... now"), and control or money taken by making the victim do it.
IN_THEIR_WORDS: tuple[Rule, ...] = (
    rule(
        K,
        rf"{ABUSER}{PERSON_VERB_GAP} (?:broke|broken|fractured|cracked|dislocated|split) my (?:nose|arm|ribs?|jaw|wrist|leg|fingers?|cheekbone|eye socket|lip|head|collarbone|tooth|teeth)\b|\b(?:gave|give|gives|given|left) me (?:a |two )?(?:black eyes?|fat lip|bloody nose|split lip|concussion|bruises)\b",
    ),
    rule(
        K,
        r"\b(?:threw|throws|thrown|pushed|pushes|shoved|shoves|dragged|drags|kicked|kicks|slammed|slams|flung) me (?:down|across|into|against|out of|off|over|onto|through|up against)\b",
    ),
    rule(
        K,
        rf"\b(?:scared|afraid|frightened|terrified|petrified|worried|fear)\b(?: \S+){{0,3}} (?:what|of what) (?:he|she|they|{ABUSER})(?:'ll| will|'d| would| might| could) do\b|\b(?:scared|afraid|frightened|terrified|petrified) (?:to|of) (?:leave|leaving|tell|telling|go back|going back|say no|saying no) (?:him|her|them|my)\b|\bwalk(?:ing|s)? on egg ?shells\b",
    ),
    rule(
        K,
        r"\b(?:never |didn't |did not )?used to (?:just )?(?:hit|hurt|hurts|beat|kick|punch|push|shove|grab|shout at|choke|strangle|threaten|slap) me\b.*\bnow (?:he|she|they|it)?\b|\b(?:violence|abuse|beatings?|hitting|attacks?|threats|his temper|her temper|the violence)\b(?: \S+){0,2} (?:is |are |'s )?(?:(?:getting|got|gets|becoming|became) (?:worse|more (?:often|frequent|violent|serious|dangerous))|(?:is |'s |are )?worse (?:than ever|than before|every (?:day|week|time)|each time)|(?:is |'s |are )?(?:more often|more frequent|more and more|happening more))\b|\bhe's (?:getting|become|becoming) (?:more )?(?:violent|dangerous)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:forced|pressured|coerced|made|pushed) into (?:having )?(?:sex|sexual|it)\b|\b(?:have|had|has) sex with (?:him|her|them) when i (?:don't|didn't|do not) want\b",
    ),
    rule(
        K,
        r"\b(?:makes?|made|forces?|forced) me (?:to )?(?:hand over|give (?:him|her|them)|sign over|transfer|pay (?:him|her|them)) (?:all |every penny of )?(?:my|the)\b",
    ),
    rule(
        K,
        rf"{ABUSER}{PERSON_VERB_GAP} (?:says?|said|keeps? saying|told me|tells me|texted|threatens?|threatened)(?: \S+){{0,3}} (?:he'll|he will|she'll|she will|they'll|they will|he'd|she'd|he would|she would|he is going to|he's going to|she's going to|going to)? ?(?:end|finish|do|sort) me(?: off| in| for good)?\b",
    ),
    rule(
        K,
        r"\b(?:rings?|ringing|rang|calls?|calling|called|texts?|texting|texted|messages?|messaging|messaged) me (?:\d{2,3}|dozens of|hundreds of|loads of) times\b|\b\d{2,3} (?:calls|texts|messages|times) a (?:day|night)\b",
    ),
    rule(
        K,
        r"\b(?:decides?|chooses?|controls?|tells me|says) (?:who|what|where|when|if|whether) i(?: can| am allowed to|'m allowed to| may| should)? (?:see|talk|speak|text|wear|eat|go|spend|visit|leave|work)\b",
    ),
    rule(
        K,
        r"\b(?:said|says|told me|tells me|texted|warned) (?:me )?(?:that )?i'?m (?:dead|a dead (?:woman|man))\b|\b(?:has to|needs to|wants to|demands to|must) know where i am\b|\b(?:demands|wants) to know (?:where i am|who i'm with|who i talk to)\b",
    ),
    rule(
        K,
        rf"{ABUSER}{PERSON_VERB_GAP} (?:keeps? |kept |always )?(?:driving|drives|drove|walking|walks|walked|hanging|hangs) (?:past|by|around|round|outside) (?:my|our|the kids') (?:house|flat|home|work|school|place)\b",
    ),
    rule(
        K,
        r"\b(?:stops?|stopped|stopping|prevents?|prevented|bans?|banned) me (?:from )?(?:seeing|going|leaving|talking|working|having|visiting|contacting|phoning|calling|using|speaking)\b|\b(?:keeps?|kept|locks?|locked) me (?:locked )?(?:in|inside)(?: the| my| our| his)? (?:house|flat|room|home|bedroom)\b",
    ),
    rule(
        K,
        r"\b(?:been|getting|got|become|becoming|is|he's|she's) (?:much |even |a lot |so much )?more (?:violent|aggressive|abusive|dangerous|controlling)\b",
    ),
    rule(
        K,
        r"\b(?:shared|sharing|shares|posted|posting|sent|sending|leaked|threatens? to (?:share|post|send)) (?:my |the )?(?:nudes|intimate (?:images|photos|pictures|videos)|naked (?:pictures|photos|pics))\b|\b(?:nudes|naked (?:photos|pictures|pics)) of me\b",
    ),
    rule(
        K,
        r"\bno access to (?:any |my |our )?(?:money|cash|account|bank|funds)\b|\b(?:loans?|debts?|credit(?: cards?)?|cards?|phones?|contracts?|catalogues?|finance) (?:out )?(?:in|under) my name\b",
        negatable=False,
    ),
    rule(
        K,
        rf"{ABUSER}{PERSON_VERB_GAP} (?:smashed|slammed|banged|bashed|hit|smashes|slams|bangs) my (?:head|face) (?:on|against|into|off)\b",
    ),
    rule(
        K,
        r"\b(?:won't|doesn't|will not|can't|never) stop (?:following|texting|calling|messaging|ringing|watching|turning up|contacting|harassing) me\b|\bwithout (?:his|her|their) (?:permission|say so|say-so|ok|okay|approval)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:getting|got|gets|gotten) (?:worse|more (?:often|frequent|violent))\b.*\b(?:hitting|violence|beatings?|abuse|attacks|hits me|hurts me)\b",
    ),
    rule(
        K,
        r"\b(?:keeps?|kept|still|won't stop)\b.*\bafter i (?:told|asked|begged) (?:him|her|them) (?:to stop|not to|to leave me alone|to go away)\b|\b(?:does not|doesn't|won't|will not|never) allows? me (?:to )?(?:go|leave|see|learn|work|have|talk|speak|use|visit|out)\b",
        negatable=False,
    ),
    rule(
        K,
        rf"{ABUSER}(?:'s| is| keeps| was)? (?:always |constantly |still )?(?:outside|near|by|at the end of) (?:my|our) (?:house|flat|home|work|door|street)\b|\baccount for every (?:penny|pound|minute|hour)\b|\b(?:scared|afraid|frightened|terrified)(?: \S+){{0,3}} (?:at home|in my (?:own )?home|in the house)\b|{WHO}(?: \S+){{0,2}} (?:controls?|spends?|spent|uses?|used|drains?|drained|empties|emptied) (?:all )?(?:of )?my (?:bank account|account|money|benefits|wages|pay|pension|savings|universal credit|card)\b",
    ),
    rule(
        K,
        r"\b(?:tracks|tracking|tracked|monitors|monitoring|checks|checking) (?:where|who|what) i (?:go|am|see|do|talk)\b|\b(?:picks|chooses|decides|picked|chose) (?:my clothes|what i wear)\b|\b(?:have to|must|need to) ask (?:him|her|my (?:husband|wife|partner|boyfriend|girlfriend))(?: \S+)? (?:before i|if i can|whether i can|for permission)\b|\b(?:stamped|stamps|stamping|jumped|stood) on my (?:hand|hands|head|face|stomach|chest|foot|arm|back|body|fingers)\b",
    ),
    rule(
        K,
        r"\bprove (?:where i am|who i'm with|where i've been)\b|\b(?:put|putting) me in the ground\b|\bbury me\b(?=.*\b(?:he|she|said|says|threat)\w*\b)|\b(?:makes?|made) me ask (?:him |her |them )?(?:for|before) (?:money|cash|anything|every)\b|\b(?:knocked|punched|kicked) (?:my|a|two|some) (?:tooth|teeth) out\b|\bknocked me (?:out|down|over|unconscious|to the floor)\b",
    ),
    rule(
        K,
        r"\b(?:knows|knew|finds out|found out|always finds) where i (?:am|live|work|go)\b.*\b(?:moved|blocked|changed|all the time|always|even though)\b|\bto find me\b(?! (?:a|an|some|the|somewhere|work|housing|help|accommodation))|\b(?:slammed|shut|trapped|crushed) my (?:hand|hands|fingers|arm|head|leg) in (?:the|a) (?:door|car door|drawer|window)\b|\b(?:burned|burnt|burns|burning|scalded|scalds) me with (?:a |an |his |her |the )?(?:cigarette|iron|lighter|kettle|hot|boiling)\b",
    ),
)

DOMESTIC: tuple[Rule, ...] = (
    EXISTING
    + STRANGULATION
    + THREATS_TO_KILL
    + STALKING
    + CONTROL
    + SEXUAL
    + FINANCIAL
    + INJURY_AND_ESCALATION
    + IN_THEIR_WORDS
)
