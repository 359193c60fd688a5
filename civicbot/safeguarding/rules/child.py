"""A child at risk, grounded in Working Together to Safeguard Children (HM Government,
2023) and the NSPCC's signs, symptoms and effects of child abuse and neglect:

- **physical abuse**: a child hit, beaten, burnt; unexplained bruises or marks;
- **sexual abuse**: touching, a child made to do sexual things, an adult coming into a
  child's room at night or watching them change, sexual messages to a child;
- **neglect**: a child left alone, hungry, in a home with no food or heating, a parent
  too drunk or high to care;
- **emotional abuse**: a child terrorised, rejected, locked out or in, thrown out;
- **child sexual exploitation** (CSE; Department for Education, 2017): going missing,
  an older "boyfriend", gifts, money or phones from adults, being picked up by older men,
  requests for images: including when it is described by ages alone ("my 14 year old has
  a 25 year old boyfriend");
- **child criminal exploitation** (CCE) and county lines (Home Office, 2023): made to
  carry or sell drugs, debts to a gang, going missing to other towns.

A resident who says they are a child ("I'm 14") and describes harm is a child at risk.
Most rules are about someone else's child and are ``scope="other"``: quiet in the news.
"""

# Patterns are data: one to a line reads best, however long.
# ruff: noqa: E501

from __future__ import annotations

from civicbot.safeguarding.rules.base import Kind, Rule, rule
from civicbot.safeguarding.vocabulary import (
    CHILD,
    CHILD_OWNER,
    HOME_SUBJECT,
    HURT,
    NOT_VIOLENCE,
    OTHER_SUBJECT,
    PASSIVE_HURT,
    PERSON_VERB_GAP,
)

K: Kind = "child_at_risk"
CHILD_AGE = r"(?:1[0-7]|[2-9]|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)"
ADULT_AGE = r"(?:1[89]|[2-7]\d)"
# "14 year old", "is 14", "i'm 14", "she's only 14", "aged 14", "my 14 year old"
A_CHILD = rf"(?:\b{CHILD_AGE} year old\b|\b(?:i'm|i am|is|she's|he's|they're|aged|age|only|just)(?: only| just)? {CHILD_AGE}\b(?!\.\d)|'s (?:only |just )?{CHILD_AGE}\b(?! (?:minutes|mins|hours|days|weeks|months|stone|pounds|quid|miles|times|%|percent)))"
AN_ADULT = rf"(?:\b(?:a|an|some|her|his|their|with|by) {ADULT_AGE} year old\b(?!s)|\bin (?:his|her|their) (?:20|30|40|50|60)s\b|\bin (?:his|her|their) (?:twenties|thirties|forties|fifties)\b|\b(?:older|grown|adult|much older) (?:men|man|lads|guys|males|women|woman)\b|\b(?:an|another) adult\b|\b(?:boyfriend|girlfriend|man|guy|partner) (?:of|aged) (?:1[89]|[2-7]\d)\b|\b(?:a|an) (?:older|grown) (?:man|woman|person|stranger)\b|\b(?:boyfriend|girlfriend|man|guy|he|she|he's|she's)(?: is|'s)? {ADULT_AGE}\b)"
# What, said of a child, is harm (for "I'm 14 and ..." messages).
CHILD_HARM = r"(?:hit|beat|hurt|abus|touch|scared|kill|harm|cut|unsafe|not safe|kicked (?:me )?out|hungry|no food|rap|groom|suicid|sexual|stuff|room at night|shower|get(?:ting)? changed|lock|streets|never born|drugs|nudes|pics|belt)"
EXISTING: tuple[Rule, ...] = (
    rule(
        "child_at_risk",
        rf"\b{CHILD_OWNER} (?:\S+ ){{0,2}}{CHILD}\b(?: \S+){{0,3}} (?:is|are|was|were|'s|'re|has been|have been|keeps?|gets?|getting|being)(?: being| getting| been| left| always| often| still| constantly)? (?:{PASSIVE_HURT}|neglected|left (?:home )?alone|starving|going hungry|not (?:being )?fed|not safe|unsafe|in danger|scared to go home|covered in bruises|sexually)",
        scope="other",
        negatable=False,
    ),
    rule(
        "child_at_risk",
        rf"(?:{HOME_SUBJECT}|{OTHER_SUBJECT}|\bhe|\bshe|\bthey){PERSON_VERB_GAP} {HURT} (?:my|the|our|his|her|their) (?:\S+ )?{CHILD}\b",
        scope="other",
    ),
    rule(
        "child_at_risk",
        rf"\b(?:leaves?|left|leaving) (?:my|the|our|his|her|their) (?:\S+ )?{CHILD} (?:home |at home |in the (?:house|flat|car) )?(?:alone|on (?:their|his|her|our|my) own)\b",
        scope="other",
    ),
    rule(
        "child_at_risk",
        rf"\b(?:grooming|groomed|grooms)\b|\b(?:sending|sends|sent|asking|asked|asks|messaging|messages) (?:my|our|her|his) (?:\S+ )?{CHILD}(?: \S+){{0,3}} (?:for )?(?:nudes|naked|explicit|sexual|pictures|photos|images|pics)",
        scope="other",
    ),
    rule(
        "child_at_risk",
        rf"\b{CHILD_OWNER} (?:\S+ ){{0,2}}{CHILD} (?:has|had|with|is covered in|'s got|has got|came home with) (?:\S+ )?(?:bruises|burns|marks|injuries|black eyes?|a black eye)\b",
        scope="other",
    ),
    rule(
        "child_at_risk",
        rf"\b{CHILD}\b.*\b{HURT} (?:him|her|them)\b{NOT_VIOLENCE}|\b{HURT} (?:him|her|them)\b{NOT_VIOLENCE}.*\b{CHILD}\b",
        scope="other",
    ),
    rule(
        "child_at_risk",
        rf"\b{CHILD}s? (?:next door|upstairs|downstairs|across the (?:road|street|hall)|on my (?:street|road|landing)|in the (?:next|other) flat)\b(?: \S+){{0,5}} (?:screaming|crying|hit|beaten|hurt|left alone|alone|neglected|bruises|hungry|locked)",
        scope="other",
    ),
    rule(
        "child_at_risk",
        rf"\bbruises? (?:on|all over) (?:my|the|our|his|her|their) (?:\S+ )?{CHILD}\b",
        scope="other",
    ),
    rule(
        "child_at_risk",
        r"\b(?:i'?m|i am|im) (?:only )?(?:1[0-7]|[89]|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)\b(?: years old| yrs old| yo)?(?=.*\b(?:hit|beat|hurt|abus|touch|scared|kill|harm|cut|unsafe|not safe|kicked out|hungry|rap|groom|suicid))",
        negatable=False,
    ),
    rule(
        "child_at_risk",
        r"\b(?:i'?m|i am) (?:a child|a kid|still at school|in year (?:[5-9]|1[0-3]))\b(?=.*\b(?:hit|beat|hurt|abus|touch|scared|kill|harm|cut|unsafe|not safe|kicked out|hungry|rap|groom|suicid))",
        negatable=False,
    ),
)
EXPLOITATION: tuple[Rule, ...] = (
    rule(K, rf"^(?=.*?{A_CHILD})(?=.*?{AN_ADULT})", scope="other", negatable=False),
    rule(
        K,
        r"\b(?:keeps?|kept|always|been) (?:going|goes|gone|went|running) missing\b|\b(?:has |have |had )?(?:gone|went|go|goes|going) missing (?:again|for days|overnight|a lot|every)\b|\bkeeps? disappearing\b|\bdisappear(?:s|ing)? for days\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:comes?|came|coming) (?:back|home) with (?:new |a new |expensive |loads of |wads of )?(?:phones?|money|cash|trainers|clothes|gifts|designer)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:picked up|collected|driven around|given lifts) by (?:older|grown|adult|much older|different) (?:men|man|lads|guys|boys)\b|\bparties with (?:grown|older|adult) (?:men|man|lads)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:asking|asked|asks|keeps? asking) (?:me |her |him |my \w+ )?for (?:nudes|naked pics|pics|photos|pictures)\b",
        scope="other",
    ),
    rule(
        K,
        rf"\b(?:sending|sends|sent|buying|buys|bought|giving|gives) (?:my|our|her|his) (?:\S+ ){{0,2}}(?:{CHILD}|year old) (?:gifts|presents|money|vodka|alcohol|drugs|a phone)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:groom(?:ing|ed|s)?)\b(?! (?:the|my|our) (?:dog|horse|cat|hair|beard|garden|hedge))",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:made|make|makes|making|forced|forcing|force|told) (?:to )?(?:(?:him|her|them|me|my \w+) )?(?:to )?(?:sell|carry|deliver|hold|move|stash|run) (?:drugs|packages|parcels|a knife|knives|weapons|stuff|gear|for them)\b",
        scope="other",
    ),
    rule(
        K,
        r"\bbeing (?:made|used|forced|paid|told|groomed) to (?:sell|carry|deliver|hold|move|run)\b|\bcounty lines\b(?=.*\b(?:my|our|he|she|son|daughter|lad|boy|girl|grandson|nephew|i'm|me)\b)",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:owes?|owed|owing) (?:money|a debt) to (?:a|the|some) (?:gang|dealers?|older lads|lads)\b|\b(?:lost|lose) (?:their|the) drugs\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:in with|involved with|part of|running with|mixed up with) (?:a|the|some) (?:gang|dealers)\b|\b(?:exploited|used|recruited|groomed) by (?:a |the |some )?(?:gangs?|dealers|older)\b|\busing (?:my|our|her|his) \w+ to (?:deliver|sell|carry)\b",
        scope="other",
    ),
    rule(
        K,
        r"\bcame home with a (?:knife|blade|weapon)\b|\bgoing to other towns\b|\bwith older (?:lads|boys|men)\b(?=.*\b(?:drugs|missing|money|cash|trainers|gang|knife|late|nights|out all)\b)",
        scope="other",
    ),
)
ABUSE_AND_NEGLECT: tuple[Rule, ...] = (
    rule(K, rf"^(?=.*?{A_CHILD})(?=.*?\b{CHILD_HARM})", negatable=False),
    rule(
        K,
        r"\b(?:came|comes?|come|coming) (?:back|home)(?: from \S+)?(?: \S+)? with (?:a )?(?:black eye|bruises|burns?|marks|cuts|a split lip)\b",
        scope="other",
    ),
    rule(
        K,
        rf"\b(?:my|the|our|his|her) (?:little |baby |younger )?(?:sister|brother|{CHILD}) (?:has|had|'s got|has got) (?:\S+ )?(?:bruises|burns?|burn marks|marks|injuries|black eyes?)\b",
        scope="other",
    ),
    rule(
        K,
        rf"\b(?:smacks?|smacked|slaps?|slapped|shakes|shook|hits|punches|kicks|beats|chokes) (?:the|my|our|his|her) (?:\S+ )?(?:{CHILD}|sister|brother)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:comes?|came|coming) (?:in|into) (?:my|her|his) (?:bed)?room at night\b(?! to (?:help|check|turn|give|see if))|\b(?:get|gets|getting|got) in the (?:shower|bath) with (?:me|her|him)\b|\bwatch(?:es|ed|ing)? (?:me|her|him) (?:get(?:ting)? changed|undress|in the (?:shower|bath))\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:makes?|made|making|forces?|forced) (?:me|her|him|them) (?:do|to do) (?:stuff|things|sexual|it)\b|\b(?:messag|text|send)\w* (?:her|him|my \w+) (?:sexual|rude|dirty) (?:stuff|messages|things|pics)\b|\bshowed my \S+ (?:year old )?(?:rude|sexual|dirty|porn)",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:touches|touched|touching) (?:her|him|me) (?:down there|private|there)\b|\b(?:her|his|their) private (?:parts|area)\b|\bhurts (?:her|him|me) down there\b",
        scope="other",
    ),
    rule(
        K,
        rf"\b(?:no|not enough) food in the (?:house|flat|home)\b|\b(?:kids|children|{CHILD}s?) (?:have|has|had|got) no food\b|\b(?:look|looks|looking|are|always) (?:starving|hungry|filthy|neglected)\b|\bgoing hungry\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:left|leaves?|leaving) (?:\S+ ){0,3}(?:alone|on (?:their|his|her|our|my) own) (?:for|all) (?:days|hours|night|the night|the weekend|day)\b|\b(?:kids?|children|child|baby|babies|toddlers?|son|daughter|boy|girl|ones|brothers?|sisters?|we|i|they)\b(?: \S+){0,3} (?:is|are|was|were|get|gets|got|'re|'m) left (?:home )?alone\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:out of it|off (?:her|his) face|drunk|high|wasted) (?:all (?:day|the time)|on (?:drugs|drink))\b|\bdrinks all day\b(?=.*\b(?:look after|kids|children|brothers|sisters|baby)\b)|\bspends it all on (?:drink|drugs)\b",
        scope="other",
    ),
    rule(
        K,
        rf"\b(?:tells?|told|calls?|called) (?:him|her|them|my \w+(?: \w+)?) (?:he's|she's|they're|he is|she is|they are|is|are)? ?(?:worthless|useless|stupid|a mistake|unwanted)\b|\bscreams? at (?:my|our|the|his|her) (?:little |baby |younger )?(?:{CHILD}|brother|sister)\b",
        scope="other",
    ),
    rule(
        K,
        rf"\b(?:threaten\w*|scares?|terrif\w*) (?:the|my|our) (?:kids|children|{CHILD})\b|\b(?:kids|children|{CHILD}) (?:are|is|look) (?:terrified|scared|frightened)\b|\b(?:is|are|'s) (?:terrified|scared|frightened) (?:of|to go (?:home|back))\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:stand|sit|kneel) in the corner all night\b|\b(?:locks?|locked) (?:me|him|her|them|my \w+) (?:in|out)\b(?! of (?:my|the|his|her|their) (?:account|app|system|portal|website|email|online))",
        scope="other",
    ),
)

# The signs in residents' words: who is not looked after, what is said to a child, older
# men around children, images sent to adults, and the debts that keep a child running.
SIGNS: tuple[Rule, ...] = (
    rule(
        K,
        r"\b(?:left|leave|leaves|leaving) (?:\S+ ){0,3}(?:alone|on (?:their|his|her|our|my) own|home alone|unsupervised|to fend for (?:themselves|himself|herself))\b(?=(?: \S+){0,3} (?:all the time|overnight|every (?:day|night|weekend)|at night|with no|no food|till|until|while (?:she|he|they|mum|dad) (?:goes|go|went) out|to go (?:out|drinking|to the pub|partying|clubbing))\b)",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:never|isn't|there's no|no|hardly) (?:any )?food in (?:our|the|their|my) (?:house|home|flat|fridge|cupboards?)\b|\b(?:no one|nobody|noone) (?:\S+ )?(?:looks after|feeds|watches|cares for|checks on|gets up for) (?:him|her|them|me|us|the (?:kids|children|baby))\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        rf"\b(?:tells?|told|calls?|called|screams? at|screamed at|shouts? at|shouted at|yells? at|yelled at) (?:me|him|her|them|(?:my|their|the|his|her) (?:little |baby |younger )?(?:{CHILD}|brother|sister))(?: that)? (?:i'm|i am|he's|she's|they're|he is|she is|they are|is|are|you're|im)? ?(?:so |a )?(?:worthless|useless|stupid|ugly|a mistake|unwanted|a waste of space|pathetic|a failure|evil|nothing)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:older|grown|adult) (?:men|man|lads|guys|males)\b(?: \S+){0,3} (?:picking up|pick up|picks up|picked up|collecting|giving (?:them |her |him )?lifts|hanging around (?:the|outside)|waiting outside) (?:the |our |my )?(?:girls|boys|kids|children|young|school|home|care home|children's home)",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:sending|sent|send|sends|swapping|sharing|shared) (?:\S+ )?(?:photos|pictures|pics|nudes|images|videos)\b(?: \S+){0,2} (?:to|with) (?:an? )?(?:adult|older|grown|man|men|stranger|someone (?:she|he) met online|people (?:she|he) met online)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:owes?|owed|owing) (?:the |a |some |his |her )?(?:dealers?|gang|older lads|lads)(?: \S+){0,2} (?:money|a debt)\b|\b(?:run|running|runs|ran) (?:packages|parcels|drugs|lines?|bags) for\b",
        scope="other",
    ),
    rule(
        K,
        r"\bmy (?:mum|mom|mam|dad|mother|father|stepdad|step-dad|stepmum|step-mum|stepfather|stepmother|parents?|mum's boyfriend|dad's girlfriend)\b.*?\b(?:says?|said|tells? me|told me|calls? me|called me|shouts?|screams?|yells?)\b(?: \S+){0,4} (?:worthless|useless|stupid|a waste of space|a mistake|nobody (?:loves|wants|cares about) me|no one (?:loves|wants|cares about) me|ruined (?:her|his|their) (?:life|lives)|(?:hates?|hated) me|never wanted me|wish(?:es)? i was (?:never born|dead|gone)|should(?:n't| never) have been born|should never have had me|wish(?:es)? (?:she|he|they) never had me|wish(?:es)? i (?:wasn't|was not|weren't) (?:her|his|their) (?:kid|child|son|daughter)|i'm the reason)",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:my|our|her|his|their|the) (?:mum|mom|mam|dad|mother|father|parents?|stepdad|stepmum) (?:never|doesn't|don't|won't|can't|isn't|aren't) (?:\S+ )?(?:feeds?|feeding|looks? after|looking after|cares? for) (?:us|me|them|the kids|the baby|my (?:\S+ )?(?:brothers?|sisters?))\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:selling|sell|sells|dealing|deals|carrying|carries|running|runs|holding|holds|moving|moves|stashing) (?:(?:drugs|gear|weed|coke|crack|packages|parcels) )?(?:for|with) (?:a|the|some|older|his|her) (?:\S+ )?(?:gang|gangs|dealers?|older|lads|boys|men)\b|\b(?:involved in|doing|running|caught up in|part of|into) county lines\b",
        scope="other",
    ),
    rule(
        K,
        rf"\b(?:children|kids|{CHILD}s?|they|we)(?: \S+)? (?:never|don't|doesn't|rarely|hardly ever|hardly) (?:have|has|get|gets|got) (?:any |enough )?(?:food|dinner|meals|breakfast|a meal|clean clothes|a proper meal)\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        rf"\b(?:kids|children|{CHILD}s?|they|we|sister|brother|siblings)(?: next door| upstairs| downstairs| across the road)? (?:have|has|had|have got|'ve got|got) (?:\S+ (?:and )?){{0,2}}no (?:food|heating|beds?|clean clothes|one to look after (?:them|us))\b(?! (?:shops?|banks?|waste|places|options|outlets|stalls|nearby))",
        scope="other",
        negatable=False,
    ),
)

CHILD_RULES: tuple[Rule, ...] = EXISTING + EXPLOITATION + ABUSE_AND_NEGLECT + SIGNS
