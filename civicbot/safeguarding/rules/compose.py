"""Suicide and self-harm read as parts, not phrases: a wish or an intent, a few words at
most, then a way of dying or of self-harm. The C-SSRS screener's steps are about what a
person *wants* or *means to do* (wish to be dead, ideation, intent) and *with what*
(method, preparation); residents put any words between those parts ("i don't really want
to live", "i feel like ending it", "i think about how to end it every day"), so a list of
whole phrases (:mod:`.suicide`) always misses some. These rules allow up to three words
between a speaker, a wish or intent, and a way of dying, and leave the rest to the checks
in :mod:`civicbot.safeguarding.detect` (negation, idioms, quotation, news, the past).

Intent words that are also everyday futures ("I will", "going to") are paired only with
words that can only mean suicide ("end my life", "kill myself"), never with a bare "die"
("I'll die if they close the library" is hyperbole); "die" followed by "of", "for", "if",
"laughing" is left to the idiom check.
"""

# Patterns are data: one to a line reads best, however long.
# ruff: noqa: E501

from __future__ import annotations

from civicbot.safeguarding.rules.base import Kind, Rule, rule
from civicbot.safeguarding.vocabulary import NOT_ACCIDENT

K: Kind = "suicide_self_harm"
PILLS = r"(?:pills|tablets|meds|medication|paracetamol|painkillers|insulin|sleeping (?:pills|tablets)|antidepressants|anti-depressants|co-codamol|codeine|sertraline|diazepam|tramadol)"
ME = r"\b(?:i|i'm|i've|i'd|i'll|me|part of me|sometimes i|i just|i really)\b"
GAP = r"(?: \S+){0,3}"
# A sentence that starts without its subject ("been thinking about ending it").
START = r"^(?:(?:been|just|still|keep|always|often|sometimes|honestly|tbh|really|kinda|literally|lately|and|but|so|seriously) ){0,2}"
WANT = r"(?:wouldn't mind|would not mind|don't mind|should just|should|might as well|may as well|(?:ok|okay|fine|happy|glad|relieved) (?:with|if)|prefer to|'d prefer|would prefer|want|wanna|wanted|wanting|wish|wishing|wished|hope|hoping|pray|praying|feel like|felt like|feeling like|think(?:ing)? (?:about|of)|thought (?:about|of)|plan|planning|planned|ready to|urges? to|tempted to|considering|contemplating|welcome|rather|decided to|can't wait to|long to|longing to|need to|tried to|trying to|try to)"
INTENT = r"(?:going to|gonna|will|'ll|about to|intend to|intending to|mean to|am|'m)"
# Ways of dying or of not being: what the wish or intent is for.
DEATH = r"(?:die\b(?! (?:of|for|if|laughing|happy|peacefully|naturally|at home|in (?:my|our) own|a little|inside|when (?:i|you) see|(?:my|her|his|your|their|the) (?:hair|clothes|jeans|shirt|top|roots)))|be dead|being dead|be gone\b(?! (?:for|by|before|when|on|away|from|in|at))|dead\b(?! (?:tired|excited|slow|good|easy|serious|right|on|end|ringer|heat|set))|end it\b(?! with)|ending it\b(?! with)|end it all|ending it all|end things\b(?! with)|ending things\b(?! with)|(?:end|ending|take|taking) my (?:own )?life|kill(?:ing)? myself|suicide\b(?! (?:prevention|awareness|rates?|figures|statistics|training))|commit suicide|not (?:wake|waking) up|never (?:wake|waking) up|not (?:be|being) (?:here|alive|around)|not exist(?:ing)?|stop waking up|fade away|stop(?:ping)? existing|cease to exist|overdos(?:e|ing)\b(?! (?:on|of) (?:chocolate|sugar|caffeine|coffee|telly|tv|concrete|cuteness))|hang(?:ing)? myself|jump(?:ing)? (?:off|in front of)|(?:be|being) with (?:my \w+|him|her|them) in heaven|go(?:ing)? to heaven|disappear (?:forever|for good|and never come back)|(?:slit|slitting|cut|cutting) my wrists|(?:gas|gassing|drown|drowning|poison|poisoning|stab|stabbing|shoot|shooting|suffocate|suffocating) myself|dying\b(?! (?:to|for|of|laughing|inside))|killing$|hang(?:ing)?(?: myself)?$|(?:and )?(?:not|never) (?:come|coming) back\b|driv(?:e|ing) (?:off|into) (?:the road|a bridge|a cliff|the bridge|a wall|a tree|the river|the sea|oncoming))"
STRONG = r"(?:end it all|ending it all|(?:end|ending|take|taking) my (?:own )?life|kill(?:ing)? myself|commit suicide|do it\b(?=.*\b(?:pills|tablets|rope|bridge|plan|note)\b)|end it\b(?! with)|ending it\b(?! with)|overdose\b(?! on (?:chocolate|sugar|caffeine))|hang myself)"
BODY = r"(?:my (?:arms?|legs?|wrists?|thighs?|skin|stomach|belly|hips?|hands?|body|chest|face)|myself|till (?:i|it|they) (?:bleeds?|bled|bruises?)|to cope|on purpose)"
HARM = r"(?:cut|cuts|cutting|burn|burns|burning|burnt|burned|scratch|scratches|scratching|scratched|hurt|hurts|hurting|harm|harming|hit|hitting|punch|punching|starve|starving|slice|slicing|slash|slashing|carve|carving|pick|picking|razor|blade|blades|lighter|cigarettes?)"

COMPOSED: tuple[Rule, ...] = (
    rule(K, rf"(?:{START}|{ME}{GAP} ){WANT}{GAP} {DEATH}"),
    rule(K, rf"{ME}{GAP} {INTENT}{GAP} {STRONG}"),
    rule(
        K,
        r"\b(?:don't|do not|no longer|not|never|no|not any|lost (?:the|my|any)) (?:\S+ ){0,2}(?:want|wanna|wanting|wish|desire|will|feel like|see the point|see a reason) (?:to )?(?:go on |keep |carry on )?(?:\S+ )?(?:live(?! (?:next to|in|near|on|at|with|by|somewhere|anywhere|there|here|round|around|opposite|above|below|beside|under|without (?:a|heating))\b)|living(?! (?:next to|in|near|on|at|with|by|somewhere|anywhere|there|here|round|around|opposite|above|below|beside|under|without (?:a|heating))\b)|be alive|being alive|be here any ?more|be here no more|wake up|go on(?! (?:living|paying|waiting|working) (?:in|with|at|on|here|there|for|like that)\b)|carry on(?! (?:living|paying|waiting|working) (?:in|with|at|on|here|there|for|like that)\b)|keep going|exist)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:no|not any|any|no more) (?:point|reason)s? (?:in |to |of |for )?(?:me )?(?:keep |keeping |still |even )?(?:living|live|being alive|going on|carrying on|being here|staying alive|waking up)\b",
        negatable=False,
    ),
    rule(
        K,
        rf"\b(?:i|i've|been|i'm|keep|started|still|i just)(?: \S+){{0,4}} {HARM}(?: \S+){{0,3}} {BODY}{NOT_ACCIDENT}(?! (?:on (?:the|a) (?:oven|stove|iron|kettle|pan|door|cupboard|stairs)|cooking|chopping|shaving|gardening|playing))",
    ),
    rule(
        K,
        r"\b(?:fresh|new|deep|old|more) (?:cuts|scars|burns) (?:on|all over) my\b|\b(?:cuts|burns) on my (?:arms?|legs?|wrists?|thighs?)\b(?=.*\b(?:myself|again|fresh|did|do it|hide)\b)",
    ),
    # Method and preparation (C-SSRS steps 3 and 6) in plain words.
    rule(
        K,
        rf"\b(?:which|what|how many|how much|what kind of) (?:{PILLS}|bridge|building|car park|rope|knife|drug|drugs) (?:i'd|i would|i will|i'll|i'm going to|i need|i'd need|to|would) (?:take|use|jump|do it|need|be enough|kill)\b|\b(?:{PILLS}|dose|amount|drugs?) (?:are|is|would be) (?:lethal|fatal|enough to (?:kill|die))\b|\b(?:lethal|fatal) (?:dose|amount)\b",
    ),
    rule(
        K,
        rf"\b(?:looking into|looked into|reading about|read about|researching|researched|googling|googled|searching|searched) (?:\S+ )?(?:overdoses?|lethal doses?|suicide methods|ways to die|how to die|hanging|{PILLS} (?:to|that) (?:kill|would))\b",
    ),
    rule(
        K,
        r"\b(?:rope|noose|knife|blade|pills|tablets|belt|ligature)\b.*\b(?:think|thinking|thought) (?:about|of) using (?:it|them)\b|\b(?:tied|made|tying|making|got|bought|have|has) (?:a |the )?(?:noose|ligature)\b",
    ),
    rule(
        K,
        r"\b(?:drive|driving|drove|crash|crashing) (?:my car |the car )?(?:into|off) (?:the|a) (?:river|sea|canal|wall|tree|cliff|bridge|lorry|oncoming|road|motorway|edge)\b",
    ),
    rule(
        K,
        rf"\b(?:took|taken|swallowed|taking) (?:all|the rest|the whole (?:box|packet|bottle)) (?:of )?(?:my |the )?{PILLS}\b|\b(?:bought|buying|got|getting|collected|collecting) (?:\S+ ){{0,2}}{PILLS} from (?:\d+|several|different|a few|two|three|four|lots of) (?:shops|chemists|pharmacies|places)\b",
    ),
    rule(
        K,
        r"\b(?:put|putting|got|sorting|sorted) (?:all )?my affairs in order\b|\battempt(?:s|ed)? (?:on|at) (?:my (?:own )?life|taking my life|killing myself)\b|\b(?:made|make) an attempt\b",
    ),
    rule(
        K,
        r"\bwhen i'm (?:gone|dead|no longer here|not here any ?more)\b(?=.*\b(?:gave|give|giving|left|leave|leaving|sorted|will|looked after|look after|letters?|note)\b)|\b(?:gave|give|giving|given|left) (?:\S+ ){1,6}(?:so|for when)\b.*\bwhen i'm (?:gone|dead)\b",
    ),
    rule(
        K,
        r"\b(?:date|day|time|place) (?:set |picked |chosen |planned )?(?:for|to) (?:end(?:ing)? it|do(?:ing)? it|end(?:ing)? my life|kill(?:ing)? myself)\b",
    ),
    rule(
        K,
        rf"\b(?:i'll|i will|i'm going to|i am going to|i'm gonna|i'm about to)(?: \S+){{0,2}} {STRONG}|\bmy (?:plan|intention|aim) is (?:to )?(?:just )?(?:\S+ ){{0,6}}?{DEATH}",
    ),
    rule(
        K,
        r"\b(?:this is )?the last (?:time|week|day|message|night) (?:you'll|you will|anyone will|you're going to) (?:hear from|see|hear of) me\b|\b(?:till|until) i (?:bleed|bled|bruise)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:wish|wishing|hope|hoping|pray|praying)\w* (?:a|the|some) \w+ (?:would|will|'d) (?:just )?(?:hit|kill|run me over|take me)\b|\b(?:wish|want|hope)\w* (?:it|everything|it all|life|my life)(?: \S+){0,3} (?:end|be over|stop) for me\b|\b(?:suicide|killing myself|ending it|ending my life|dying|death) (?:is|has been|'s been|was) (?:always |constantly )?on my mind\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:how to|ways to|best way to) (?:tie a noose|hang myself|kill myself|end it|end my life|overdose|slit|die)\b|\b(?:the|my) plan is (?:to )?(?:jump|overdose|hang myself|end it|do it|take (?:all )?my)\b(?! (?:on|in|at) (?:the|a) (?:bus|train|call|meeting))|\b(?:said|saying|say) (?:my )?goodbyes? to (?:everyone|everybody|all of you|the world|you all|my friends|my family|my kids|everyone i love)\b",
    ),
    rule(
        K,
        r"\bif i (?:died|was dead|were dead|didn't wake up|never woke up)\b.*\b(?:wouldn't mind|wouldn't care|don't care|don't mind|be (?:glad|happy|relieved|fine|ok|okay))\b|\b(?:voices?|my head|my brain|my mind|the thoughts?) (?:keeps? |is |are )?(?:telling|tells|told) me to (?:end it|kill myself|die|end my life|hurt myself|cut|jump)\b",
        negatable=False,
    ),
    rule(
        K,
        rf"\b{PILLS}\b.*\b(?:think\w* (?:about|of)|want\w* to|going to|tempted to|could just) (?:take|taking|swallow|swallowing) (?:them|the lot|all)\b|\b(?:decided|worked out|know|planned|chosen|figured out) (?:exactly )?(?:how and when|when and how|where and when|when and where|how and where)\b|\b(?:cutting|self-harm|self harm|hurting myself|burning myself)\b(?: \S+){{0,2}} (?:is|are|'s) the only (?:thing|way)\b|\bonly (?:thing|way) that helps is (?:cutting|hurting myself|self-harm|burning)\b",
    ),
    rule(
        K,
        rf"\b{PILLS}\b.*\bhow (?:many|much) (?:it|they|i) (?:would|'d|will) (?:take|need)\b|\b(?:know|picked|chosen|set|decided on) the (?:day|date|time|place) (?:i'll|i will|i'm going to|to) (?:do it|end it)\b",
    ),
    rule(
        K,
        r"\b(?:don't|do not|can't|cannot) see why i (?:should )?(?:keep |go on |carry on )?(?:living|bother living|going on|carrying on|stay alive|staying alive)\b|\bhow (?:high|tall|far down|deep) (?:the|that|this) (?:bridge|building|car park|cliff|drop|water|river|multi storey|tower) is\b|\b(?:wrote|written|writing|write) (?:\S+ )?(?:notes|letters|goodbyes?|goodbye notes) (?:to|for) (?:everyone|everybody|all of them|my family|the family|my kids|my children|my parents)\b|\b(?:i|i've|been|still|keep)(?: \S+){0,2} (?:cutting|self-harming|burning myself|hurting myself)(?: again)?$",
        negatable=False,
    ),
    rule(
        K,
        r"\bdeath (?:would|will|'d) be (?:a relief|a release|welcome|better|easier|a blessing|a mercy)\b|\b(?:welcome|welcoming) death\b|\b(?:would|'d) (?:cope|manage|do|be|get on) (?:\S+ )?(?:better|easier|fine|happier)(?: \S+){0,3} (?:if i (?:was|were)(?:n't| not) (?:here|around|alive)|without me)\b|\b(?:hope|wish|pray)\w* (?:that )?i (?:get|have|catch|got) (?:\S+ )?(?:terminal|cancer|fatal)\b|\b(?:sleep|asleep) (?:and )?stay asleep\b|\bwish i (?:hadn't|had not|didn't) (?:survived|woken up|made it|been found|been saved)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\bonly (?:way out|option|answer|solution|way)\b.*\b(?:end it|end my life|kill myself|suicide|die)\b|\b(?:do it|end it)\b.*\bthought it (?:all )?through\b|\bthought it (?:all )?through\b.*\b(?:do it|end it)\b|\b(?:written|wrote|writing|made|making|sorted|done) (?:a |my )?will\b.*\b(?:letters?|notes?|goodbyes?)\b|\bmy (?:arms?|legs?|wrists?|thighs?|body|stomach) (?:are|is) (?:covered in|full of) (?:cuts|scars|burns)\b",
    ),
    rule(
        K,
        r"\b(?:hope|hoping|wish|wishing|pray|praying)\w* (?:that )?i(?:'ll| will| would|'d| had| could)? (?:get |be |have )?(?:hit by|run over|killed|died|die)\b|\bwant (?:it|everything|my life|it all) to be over (?:for good|forever|now)\b|\bthoughts? (?:of|about) not (?:wanting to be|being) (?:here|alive|around)\b|\b(?:suicide|killing myself|ending it|dying)\b(?: \S+){0,2} (?:in|into|on) my (?:head|mind)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:thought|thinking|think|planned|worked out|know|decided) (?:about )?how i(?:'d| would|'ll| will| could|'m going to) do it\b|\bwhere i(?:'d| would| will|'ll) (?:go to )?(?:jump|do it|end it)\b|\b(?:exhaust|pipe|garage|rope|pills|tablets|knife|blade|train|bridge|ledge)\b.*\b(?:thought|thinking|think) about it\b",
    ),
    rule(
        K,
        r"\b(?:do it|end it|kill myself)\b.*\b(?:nobody|no one|no-one) (?:can|will|could|is going to) stop me\b|\b(?:got|have|i've got) (?:the|my|enough) (?:pills|tablets|rope|meds)\b.*\bi know (?:when|how|where)\b|\bmy (?:hands?|arms?|knuckles|head|skin|legs?)\b.*\b(?:till|until) (?:it|they) (?:bleed|bleeds|bled)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:give|giving) anything to (?:just )?(?:not be here|die|be dead|not wake up|not exist)\b|\b(?:had|have had|i've had) enough of (?:living|being alive)\b|\b(?:i'm|i am|like i'm|just) waiting to die\b|\b(?:don't|do not|doesn't) care (?:about|if i'm|whether i'm) (?:living|being alive|alive|dying|life)\b|\bwish i(?:'d| had)? never (?:woken|woke) up\b",
        negatable=False,
    ),
    rule(
        K,
        rf"\b(?:which|what) (?:way|method) (?:would|will|'d) (?:hurt|be|take) (?:the )?(?:least|quickest|easiest|fastest|painless)\b|\b(?:knives|ropes|pills|tablets|knife|rope)\b.*\b(?:thought|thinking|think) about it\b|\b(?:step|stepping|jump|jumping|walk|walking|throw myself|throwing myself) in front of (?:a |the |an )?(?:train|bus|lorry|car|truck|one)\b|\bi(?:'d| would| could|'ll| will) (?:just )?(?:take|swallow) (?:all|every one of|the lot of) (?:\S+ ){{0,2}}{PILLS}|\b(?:worked out|decided|know|planned) (?:exactly )?what i(?:'ll| will|'d| would|'m going to) (?:take|use|do) and (?:when|where|how)\b",
    ),
    rule(
        K,
        r"\b(?:praying|pray|hoping|wishing|longing) for (?:the end|death|it all to end|it to be over)$|\b(?:praying|pray|hoping|longing) for death\b|\bfor the end of (?:my life|it all|me)\b|\b(?:would|'d) (?:be |feel )?(?:\S+ )?(?:relieved|glad|happier|better off|fine|better)\b(?: \S+){0,2} if i (?:died|was dead|were dead|was gone|wasn't here|killed myself)\b|\b(?:stopped caring|don't care|don't mind|not bothered|no longer care) (?:if|whether) i (?:live|die|wake|am alive|'m alive)\b|\b(?:know|chosen|picked|decided on) (?:exactly )?which (?:bridge|building|car park|cliff|train|pills|tablets|rope|spot)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:given|gave|giving) my (?:cat|dog|pets?|rabbit|things|stuff|belongings|savings) to\b.*\b(?:letters?|notes?|goodbye|will|when i'm gone)\b|\b(?:hose|hosepipe|pipe|tube)\b.*\bexhaust\b|\bexhaust\b.*\b(?:hose|hosepipe|pipe|tube)\b",
    ),
)
