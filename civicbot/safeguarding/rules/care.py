"""The Care Act 2014 categories of adult abuse and neglect (statutory guidance, section
14.17) in the words residents use for them, beside :mod:`.adult`'s rules:

- **discriminatory** abuse: slurs, harassment, mockery or neglect *because of* a protected
  characteristic (Equality Act 2010: race, religion, disability, sexuality, gender
  identity, age, language as a sign of race);
- **psychological** abuse: mockery and humiliation by a carer or relative, and the
  abuser's classic silencing threat ("no one will believe you");
- **financial or material** abuse: a card, pension or money used or taken by someone
  else, scams;
- **modern slavery** (Modern Slavery Act 2015): kept from leaving, made to work for
  nothing, debt bondage ("I owe them for the travel");
- **organisational** abuse: residents locked in, sedated to keep them quiet, not fed;
- **neglect**: an adult not fed, left without food or heating, locked in all day;
- **self-neglect**: not eating or washing, a home full of rubbish, hoarding, stopped
  looking after oneself, refusing help.

Each rule needs a harm *and* a sign of who is harmed or why, so talk about the services
("self-neglect training") is not enough. Rules about someone else are ``scope="other"``.
"""

# Patterns are data: one to a line reads best, however long.
# ruff: noqa: E501

from __future__ import annotations

from civicbot.safeguarding.rules.base import Kind, Rule, rule

K: Kind = "abuse"
PROTECTED = r"(?:disabled|black|brown|asian|muslim|jewish|sikh|hindu|gay|lesbian|bi|trans|queer|foreign|an immigrant|a refugee|polish|romanian|deaf|blind|autistic|in a wheelchair|old|a woman|(?:\S+ )?(?:doesn't|does not|don't|can't|cannot) speak (?:english|much english)|(?:wears?|wearing) (?:a )?(?:hijab|headscarf|turban|kippah))"
SOMEONE = r"(?:me|us|him|her|them|my \w+|our \w+|the residents|residents)"

CARE_SIGNS: tuple[Rule, ...] = (
    rule(
        K,
        r"\b(?:racist|racial|homophobic|transphobic|sexist|disablist|ableist|islamophobic|antisemitic|anti-semitic|xenophobic) (?:abuse|names|slurs?|attacks?|comments|insults|harassment|bullying|remarks|things|language|stuff|words|jokes|graffiti|messages)\b|\bhate crimes? (?:against|on) (?:me|us|my)\b",
        scope="other",
    ),
    rule(
        K,
        rf"\b(?:harass\w*|abus\w*|attack\w*|bull(?:y|ies|ied|ying)|mock\w*|target\w*|picks? on|picking on|picked on|ignor\w*|insult\w*|call(?:s|ed|ing)? \S+ names|spit\w*|spat|threaten\w*|beat\w*|laugh\w* at|refus\w*|hit\w*|shout\w* at|treat\w*|neglect\w*|won't help|wouldn't help|won't serve|won't touch)\b(?: \S+){{0,5}} because (?:(?:i'm|i am|im|he's|she's|they're|we're|he is|she is|they are|we are|he|she|i|we|they|my \w+ is) {PROTECTED}|of (?:my|his|her|their|our) (?:wheelchair|disability|race|religion|colour|skin|accent|sexuality|hijab|headscarf|turban|faith|culture|nationality|gender|learning disability))\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        rf"\b(?:carers?|staff|care workers?|nurses?|my (?:son|daughter|nephew|niece|grandson|granddaughter))\b(?: \S+){{0,3}} (?:mock|humiliat|belittl|taunt|ridicul|bull|intimidat|torment|make fun of|laugh at|frighten|scare|terrif|threaten)\w*\b(?: \S+){{0,3}} {SOMEONE}\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:no one|nobody|noone) (?:will|would|is going to|'ll) (?:ever )?believe (?:me|you|him|her|them)\b|\bsexually (?:abus|assault|exploit)\w* (?:me|us|him|her|them|my \w+)\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:carer|neighbou?r|son|daughter|nephew|niece|grandson|granddaughter|brother|sister|he|she|they|someone|somebody|landlord|friend)(?:'s| is| has| was| keeps?| been| have| had)*(?: \S+)? (?:using|used|uses|taking|taken|took|takes|stealing|stole|steals|help(?:ing|s|ed) (?:himself|herself|themselves) to|emptied|emptying|draining|drained|cleared out) (?:\S+ )?(?:my|his|her|their|(?:my )?(?:nan|gran|mum|dad|grandad|grandma|nana|uncle|aunt)s?'?s?) (?:bank card|card|cards|money|pension|savings|benefits|account|bank account)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:scammed|conned|fleeced|swindled|cheated|tricked) (?:\S+ ){0,2}(?:out of|into (?:giving|handing|paying|signing))\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:they|he|she|the boss|boss|the owner|the man|the gang) (?:don't|won't|doesn't|will not|never|do not|does not) let (?:us|me|them|him|her) (?:leave|go|out|go out|go home)\b|\b(?:made|forced|making|forcing|have) to work (?:\S+ ){0,4}(?:for (?:nothing|no (?:pay|money|wages))|without (?:pay|being paid))\b|\bwork(?:ing|s|ed)? for (?:nothing|no (?:pay|money|wages))\b(?=.*\b(?:made|forced|lives?|living|sleep|passport|owe|can't leave|boss)\b)",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:owe|owes|owed|owing) (?:money |a debt )?(?:to )?(?:them|him|her|the boss|the gang|the man|the people|the woman)\b.*\b(?:can't|cannot|not allowed to|won't let (?:me|us|him|her) ?)(?: \S+)? (?:leave|go|stop)\b|\b(?:can't|cannot|not allowed to) (?:leave|go|stop)(?: \S+){0,2} (?:until|till|before) (?:i|we|he|she|they) (?:pay|paid|work|worked|clear)\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:locks?|locked|locking) (?:the )?(?:residents|patients|people|my \w+|him|her|them) (?:in|into|inside)(?: (?:their|his|her|the) (?:rooms?|bedrooms?|flat|house))?\b|\b(?:tablets|pills|medication|meds|sedatives|drugs) to keep (?:him|her|them|the residents|residents) (?:quiet|calm|down|asleep|in bed)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:hasn't|haven't|isn't|aren't|doesn't|don't|didn't|not|never|wasn't) (?:been |being |get |gets |getting |got )?(?:fed|washed|changed|bathed|turned)\b(?: \S+){0,2}(?=.*\b(?:carers?|home|staff|properly|days|weeks|hospital|nobody|no one|by (?:her|his|their|the))\b)|\b(?:left|leaves|leaving) (?:\S+ ){0,2}(?:with no|without) (?:food|heating|heat|water|meds|medication|care|help|money)\b|\bleft (?:locked|shut) in\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:is|'s|am|i'm|been|has been|keeps?|started) (?:\S+ )?hoard(?:ing|er)\b(?! (?:money|cash|funds|the|our|their))|\b(?:living|lives|live|live in) (?:in )?(?:filth|squalor|rubbish|a tip|a pigsty)\b|\b(?:house|flat|home|room|place) (?:is |'s )?(?:full of|piled (?:up )?with|covered in) (?:rubbish|filth|junk|mess|bin bags|bags)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:won't|doesn't|don't|can't|hasn't|haven't|not|stopped|isn't|aren't) (?:\S+ )?(?:wash|washing|washed|eat|eating|eaten|bathed|bathing)(?: or| and|,) (?:\S+ )?(?:wash|washing|washed|eat|eating|eaten|drink|drinking)\b|\b(?:haven't|hasn't|not) (?:eaten|washed|showered|bathed)(?: properly)? (?:in|for) (?:days|weeks|a week|a month|months)\b|\b(?:stopped|stopping|can't|cannot|can't be bothered) (?:looking after|caring for|feeding|washing) (?:himself|herself|myself|themselves)\b|\b(?:stopped|stop|stopping|not) taking (?:my|his|her|their) (?:insulin|meds|medication|tablets)\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:touched|touches|touching|groped|gropes|groping|fondled|fondles) (?:my|our|his|her|the) (?:\S+ )?(?:mum|mom|mother|dad|nan|gran|grandma|nana|daughter|son|sister|brother|friend|wife|niece|nephew|grandson|granddaughter|patient|resident|aunt|uncle|cousin)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:says?|said|told me|tells me|warned|threaten\w*|or)\b.*\b(?:if i (?:tell|told|say|report)|not to (?:tell|say)|don't (?:tell|say)|mustn't tell|never tell) (?:anyone|anybody|my \w+|the police|social services|anything)\b|\bour (?:little )?secret\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"^(?!.*\bvolunteer)(?:.*? )?\bi (?:work|am working|'m working|worked|have to work) (?:\S+ ){0,4}(?:for (?:nothing|no (?:pay|money|wages))|and (?:get|got|am paid|i'm paid|they pay me) (?:no|nothing))\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:mock\w*|make fun of|makes fun of|made fun of|insult\w*|laugh\w* at|abus\w*|disrespect\w*) (?:my|his|her|their|our) (?:religion|faith|race|colour|skin|accent|disability|sexuality|culture|hijab|headscarf|turban|wheelchair)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:keeps?|kept|keeping) (?:\S+ ){0,2}(?:drugged|sedated|doped)(?: up)?\b|\brough with (?:everyone|everybody|residents|the residents|people|patients|the patients)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:isn't|aren't|not|doesn't|don't|never|won't|stopped|hasn't been|haven't been) (?:\S+ )?(?:feeding|feeds|feed|washing|changing|caring for|looking after) (?:(?:our|my|his|her|their) (?:\S+ )?(?:mum|mom|mother|dad|father|nan|gran|grandma|grandad|nana|aunt|uncle|brother|sister|husband|wife)|(?:the )?(?:residents|patients))\b|\b(?:won't|doesn't|refuses to|will not|don't) let (?:the )?(?:carers?|nurses?|anyone|anybody|social workers?|doctors?|district nurses?) (?:in|help (?:him|her|me|them))\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:won't|don't|doesn't|never|will not) let (?:\S+ ){1,3}out of (?:his|her|their|the) (?:room|rooms|bed|chair|flat)\b|\b(?:drug|drugs|drugged|sedat\w*|tablets|pills|meds|medication|sleeping)\b.*\bto keep (?:him|her|them|the residents|residents|the patients) (?:quiet|calm|sedated|asleep|in bed|docile|down)\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:no one|nobody|noone) (?:is |'s )?(?:looking after|looks after|caring for|cares for|feeding|feeds|checking on|checks on|visiting|visits|helping|helps) (?:my|our|his|her|the) (?:\S+ )?(?:mum|mom|mother|dad|father|nan|gran|grandma|grandad|nana|aunt|uncle|neighbou?r|husband|wife|brother|sister)\b|\b(?:isn't|isnt|not|won't|doesn't|don't|hasn't been|haven't been|no longer|stopped|can't|cannot) (?:\S+ )?(?:looking after|caring for|feeding|washing) (?:himself|herself|myself|themselves)\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:don't|doesn't|won't|can't|not|stopped|haven't|hasn't) (?:really )?(?:eat|eating|eaten|wash|washing|washed)(?: any ?more| properly| at all)?\b(?=.*\b(?:flat|house|home|room|place) (?:is|'s) (?:very |so |really )?(?:a mess|a tip|filthy|disgusting|full of|a state|dirty|smelly|a pigsty)\b)",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:work\w* (?:\S+ ){0,3}for (?:food only|just food|only food|food and a bed|a bed and food|board only)|only (?:get|got) food)\b|\b(?:not paid|no pay|unpaid|don't get paid|never get paid|never been paid|no wages)\b.*\b(?:can't|cannot|not allowed to|won't let me) (?:leave|go)\b|\bcarers? (?:never|don't|doesn't|didn't|haven't|hasn't) (?:come|comes|turn up|turned up|show up|showed up|visit|been)\b|\b(?:stopped|not|isn't|won't) (?:eating|washing)\b.*\b(?:won't|doesn't|refuses to|will not) (?:see|let|talk to|answer) (?:anyone|anybody|the door|people|me)\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:don't|doesn't|do not|not|never|aren't) (?:give|giving|given) (?:the )?(?:residents|patients|him|her|them|my \w+) (?:enough|any) (?:food|to eat|to drink|water|drink)\b|\b(?:haven't|hasn't|not) (?:had|eaten) (?:a wash|a bath|a shower|a (?:proper |hot )?meal)(?: or (?:a )?(?:proper |hot )?(?:meal|wash|bath|shower))? (?:in|for) (?:days|weeks|a week|a month|months)\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:my |the |our )?(?:carers?|care workers?|support workers?|staff|nurses?|home help)\b.*\b(?:threatens?|threatened|threatening|hits?|hitting|hurts?|hurting|slaps?|slapped|pushes|pushed|shouts at|shouted at|frightens?|scares?|swears at|screams at) (?:me|us|him|her|them|my \w+|residents|the residents)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:he|she|they|my \w+|the carer|carers?|care workers?|staff|the staff)(?:'s| has| have)? (?:bruised|marked|scalded|burned|burnt|scratched) (?:me|her|him|them|my (?:\S+ )?(?:arms?|legs?|face|neck|body|wrists?|mum|dad|nan|gran))\b|\b(?:touched|touches|touching|groped|gropes|grabbed|grabs) (?:my|her|his) (?:breasts?|bum|bottom|private parts|privates|chest|crotch|genitals|boobs)\b|\b(?:says?|said|threatens?|threatened|told me)\b.*\bif i (?:don't|do not|won't|will not) (?:give|pay|hand over|sign|lend)\b|\bleft (?:\S+ ){0,2}(?:soaking|soaked|wet through|in pain|in the dark|freezing|unwashed|naked)\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:handles?|handled|handling|treats?|treated|treating|moves?|moved|moving) (?:\S+ ){0,2}(?:roughly|too roughly|violently)\b",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:carers?|care workers?|staff|support workers?|nurses?)\b.*\b(?:yanks?|yanked|twists?|twisted|pinch(?:es|ed)?|grabs?|grabbed|drags?|dragged|smacks?|smacked|slaps?|slapped|hits?) (?:my|his|her|their) (?:\S+ )?(?:arm|arms|wrist|wrists|hair|hand|hands|leg|legs)\b|\b(?:borrow\w*|lend|lent|loan\w*) (?:\S+ ){0,2}money\b.*\bnever (?:paid|gave) (?:it|me) back\b|\b(?:don't|doesn't|won't|never|not|aren't) (?:take|taking|help|helping) (?:\S+ ){0,2}to the (?:toilet|loo|bathroom)\b",
        scope="other",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:getting|gets|got|climbs?|climbing|climbed) (?:into|in) (?:bed|the bed|her bed|his bed|the shower|the bath) with (?:her|him|me|my \w+)\b|\b(?:tells?|told|says?|said) (?:me|her|him) (?:that )?(?:nobody|no one|noone) (?:would|will) (?:miss|care about|believe|want) (?:me|her|him|you)\b|\bpay (?:them|him|her|the boss|it) back by working\b|\bwork(?:ing)? (?:to|until i|till i) pay (?:off )?(?:the|my|a|their) debt\b|\bwork off (?:the|my) debt\b|\bleft (?:\S+ ){0,2}in (?:the same |a dirty |a wet |soiled |dirty |wet )?(?:nappy|nappies|pad|pads|clothes|sheets)(?: \S+){0,2} (?:for|all) (?:a day|days|hours|the day|night|day|a week)\b",
        scope="other",
        negatable=False,
    ),
)
