"""Suicide and self-harm, grounded in the Columbia Suicide Severity Rating Scale (C-SSRS,
screener version: Posner et al., Columbia University, 2008; the "Columbia Protocol").

The screener asks, in order of rising risk, and each step has rules here:

1. **Wish to be dead**: "wished you were dead or wished you could go to sleep and not
   wake up" (passive ideation: not waking up, better off without me, no point living);
2. **Non-specific active suicidal thoughts**: "thoughts of killing yourself";
3. **Ideation with a method** (without a plan or intent): how, where, with what;
4. **Ideation with some intent** to act: "I am going to", "I won't be here";
5. **Ideation with a specific plan and intent**: a plan, a date, a condition
   ("if the benefits stop");
6. **Preparatory behaviour or an attempt**: pills saved or ready, goodbye letters,
   giving things away, an overdose or attempt.

Self-harm (cutting, burning, hitting oneself, in slang: "sh", "relapsed") is its own
group: NICE guideline NG225 (Self-harm, 2022) treats any self-harm as needing a response,
whatever the intent. A few rules cover someone else at risk (a friend, a son); they are
``scope="other"`` and stay quiet in talk about the news or in general.
"""

# Patterns are data: one to a line reads best, however long.
# ruff: noqa: E501

from __future__ import annotations

from civicbot.safeguarding.rules.base import Kind, Rule, rule
from civicbot.safeguarding.vocabulary import IM, NOT_ACCIDENT, SELF_HARM

K: Kind = "suicide_self_harm"
PILLS = r"(?:pills|tablets|meds|medication|paracetamol|painkillers|insulin|sleeping pills)"
I_WILL = r"(?:i'm going to|i am going to|i'll|i will|i'm gonna)"

WISH_TO_BE_DEAD: tuple[Rule, ...] = (
    rule(
        K,
        r"\b(?:want|wanted|wanna|wish|wishing|ready|going|prefer|deserve) (?:to|i could|i would|i'd)? ?(?:just )?die\b(?! of (?:boredom|embarrassment|shame|old age)| laughing| happy| peacefully| naturally| at home| in (?:my|our) (?:own )?(?:home|bed|sleep of old age))",
    ),
    rule(
        K,
        r"\b(?:wish|wishing|wished) (?:that )?(?:i was|i were|i'd been|i had been) (?:dead|gone|not here|not alive)\b|\bwish i(?: was| were| had|'d) never (?:been )?born\b|\bwish i (?:wasn't|weren't)$|\bwish i (?:wasn'?t|weren'?t) (?:alive|here|around)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\bwish i could (?:just )?(?:disappear|not wake up|sleep forever|fall asleep and not wake|go to sleep and not wake)",
    ),
    rule(
        K,
        r"\b(?:wish|pray|praying|hope|hoping|hoped) (?:that )?i (?:don't|didn't|do not|did not|wouldn't|won't|never) wake up\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:sleep|asleep) (?:and )?(?:not|never) wake up\b|\b(?:go to )?sleep forever\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:better off|be better|be easier|easier for everyone|happier) (?:dead|without me|not (?:being )?(?:here|alive|around)|if i (?:was|were)n't (?:here|around|alive)|if i (?:was|were) (?:gone|dead|not here|not around))\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:would|'d) be (?:easier|better) (?:for (?:everyone|everybody|them|my \w+) )?if i (?:just )?(?:was|were|wasn't|weren't) (?:gone|dead|here|around|alive)\b",
        negatable=False,
    ),
    rule(K, r"\b(?:i'd|i would) rather be dead\b"),
    rule(
        K,
        r"\b(?:nobody|no one|noone) would (?:even )?(?:notice|care|miss me) if i (?:died|was dead|were dead|was gone|killed|disappeared|wasn't)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:no|not any|any) (?:point|reason) (?:in |to |of )?(?:me )?(?:living|live|go(?:ing)? on|carry(?:ing)? on|being (?:alive|here))\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:what's|what is) the point (?:in|of) (?:me )?(?:even |ever |still )?(?:being alive|living|going on|carrying on|me being here|being here)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:don't|do not) see (?:the |any )?point (?:in|of) (?:living|being alive|going on|carrying on|life)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:don't|do not|dont|no longer) (?:want|wanna|wish) to (?:live(?! (?:next to|in|near|on|at|with|by|somewhere|anywhere|there|here|round|around|opposite|above|below|beside|under|without (?:a|heating))\b)|be alive|wake up|exist|be here (?:any ?more|no more)|go on|carry on)\b(?! (?:living|paying|waiting|working) (?:in|with|at|on|here|there|for|like that)\b)",
        negatable=False,
    ),
    rule(K, r"\b(?:want|wanting) to not be (?:here|alive|around)\b"),
    rule(
        K,
        r"\b(?:can't|cannot) (?:go on|carry on|keep going) (?:like this|any ?more|living)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:life|living) (?:is ?n[o']t|is not|isn't) worth (?:living|it)\b|\bnot worth living\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:tired|sick) of (?:being alive|living|life)\b(?! (?:with|in|next to|near|on|here|there|at|under|without)\b)",
    ),
    rule(K, r"\bwish (?:a|the) (?:bus|car|lorry|train|truck) would (?:just )?hit me\b"),
    rule(K, r"\bnothing to live for\b", negatable=False),
)
ACTIVE_IDEATION: tuple[Rule, ...] = (
    rule(K, r"\b(?:kill(?:ing)?|k\*ll) myself\b"),
    rule(K, r"\bkms\b"),
    rule(K, rf"\b{SELF_HARM} myself\b{NOT_ACCIDENT}"),
    rule(
        K,
        r"\bif i (?:killed|hurt|harmed|ended|took) (?:myself|my (?:own )?life|it all)\b",
        negatable=False,
    ),
    rule(K, r"\b(?:end|ending|take|taking|took) (?:my (?:own )?life|it all)\b"),
    rule(K, r"\bend (?:it|things|everything)(?: all)? (?:tonight|today|now|soon|for good)\b"),
    rule(
        K,
        r"\bi (?:want|need|am going|'m going|plan|'m planning|am planning|might|will|'m) (?:to )?end(?:ing)? (?:it|things|everything|my life)\b",
    ),
    rule(
        K,
        rf"{IM} (?:\S+ ){{0,2}}suicidal\b|\bmy suicidal\b|\bsuicidal (?:thoughts|feelings|again|most|every)\b|(?<!people )(?<!those )(?<!anyone )(?<!someone )(?<!men )(?<!women )(?<!kids )(?<!who are )(?<!if you're )(?<!if you are )\bfeeling suicidal\b",
    ),
    rule(
        K,
        rf"\b(?:want|going|urge|urges|tempted|feel like|thinking about|thought about|think about|thinking of|need|keep wanting) (?:to )?{SELF_HARM} myself\b",
    ),
    rule(
        K, r"\bi (?:\S+ ){0,4}(?:suicidal|thoughts (?:of|about) (?:suicide|dying|ending|killing))"
    ),
    rule(
        K,
        r"\b(?:thoughts|thinking|thought|think) (?:about|of) (?:suicide|ending (?:it|things|my life)|dying|killing myself|taking my (?:own )?life)\b",
    ),
    rule(
        K,
        r"\b(?:thoughts|thinking|thought|think) (?:about|of) not (?:being here|waking up|being alive|being around)\b",
        negatable=False,
    ),
    rule(K, r"\b(?:having|had|have|get|getting) (?:\S+ )?(?:suicidal|dark suicidal) thoughts\b"),
    rule(K, r"\b(?:attempt(?:ed)?|tried|try|trying|commit|committing) (?:to commit )?suicide\b"),
    rule(K, r"\bsuicide (?:note|notes|plan|attempt|letter|letters)\b"),
    rule(K, r"\bdone with (?:life|living|being alive)\b", negatable=False),
)
METHOD: tuple[Rule, ...] = (
    rule(
        K,
        r"\b(?:looking up|looked up|googling|googled|searched|searching|researching|researched|reading up on) (?:how|ways|the best way|what) (?:to |many |much |long )?(?:\S+ ){0,4}(?:kill|die|overdose|end it|hang|it takes|to take)",
    ),
    rule(K, rf"\bhow (?:many|much) {PILLS} (?:it takes|to take|would (?:kill|do it))"),
    rule(K, r"\bthrow(?:ing)? myself (?:off|from|in front of|under)\b"),
    rule(
        K,
        r"\b(?:want|going|thinking|thought|think|planning|plan|urge|tempted|about|keep)(?: \S+){0,2} (?:to |of |about )?(?:jump(?:ing)?|step(?:ping)?|walk(?:ing)?) (?:off|from|in front of|under|into) (?:a|the|my)\b",
    ),
    rule(
        K,
        r"\b(?:think|thinking|thought) about (?:jumping|it)\b(?=.*\b(?:platform|bridge|railway|train|tracks|edge|cliff|roof|car park)\b)|\b(?:platform|bridge|railway|train tracks|train line|railway line|tracks|cliff|motorway|car park|roof|canal|river)\b.*\b(?:think|thinking|thought) about (?:jumping|it)\b",
    ),
    rule(K, r"\bwhich (?:bridge|cliff|building|car park) i(?:'d| would| will)\b"),
    rule(
        K,
        r"\b(?:driv(?:e|ing)|crash(?:ing)?) (?:my car |the car )?(?:into|off) (?:a wall|a tree|the sea|a bridge|oncoming|a lorry)\b",
    ),
    rule(
        K,
        rf"\b(?:take|taking|swallow) all (?:of )?my {PILLS} at once\b|\b(?:take|taking|swallow) all (?:of )?my {PILLS}\b(?! (?:on time|with|as|every))",
    ),
    rule(
        K,
        rf"\b(?:stockpil(?:e|ing|ed)|sav(?:e|ing|ed)(?: up)?|collect(?:ing|ed)?|hoard(?:ing|ed)|stash(?:ing|ed)?) (?:my |all my |the |enough |up )?(?:own )?{PILLS}\b(?! (?:from|at|every|on time|each|when|for my|for the))",
    ),
)
INTENT_AND_PLAN: tuple[Rule, ...] = (
    rule(
        K,
        r"\b(?:i'll|i will) be (?:gone|dead) (?:soon|by|before|when|tomorrow|next)\b|\bby the time you read this\b",
    ),
    rule(
        K,
        r"\b(?:won't|will not) be (?:around|here|alive) (?:much longer|for (?:much|long)|next (?:week|month|year)|by|tomorrow|tonight|at christmas|for christmas|after (?:tonight|today))\b|\btime next (?:week|month) i (?:won't|will not) be (?:here|around|alive)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\bnot (?:going to|gonna) be (?:here|around|alive) (?:for|by|next|much)\b",
        negatable=False,
    ),
    rule(
        K, r"\b(?:do|doing) it this time\b|\b(?:once|when|after)\b.*\b(?:i'm|i am) going to do it$"
    ),
    rule(
        K,
        r"\b(?:made up my mind|decided),? i'm (?:ending|doing) it\b|\bi'm ending (?:it|things|my life)\b",
    ),
    rule(
        K,
        r"\b(?:i have|i've got|i've|i got|got) a plan\b(?! (?:for|to (?:get|go|move|fix|sort|pay|save|build|start)|b\b))",
    ),
    rule(
        K,
        r"\b(?:got|have|had) it (?:all )?planned\b|\bi've planned (?:it|how|when|where|everything)\b|\bplanned (?:out )?how (?:i'm|i am|i'd|i will|to) (?:going to )?(?:end|do it|kill)",
    ),
    rule(
        K,
        r"\bi(?:'ve)? (?:picked|chosen|set) (?:a|the) (?:date|day|time|place|spot)\b(?! (?:for|to (?!do it|end))\b)",
    ),
    rule(
        K,
        r"\bworked out (?:when and where|how and when|where and when|how i'd|how i would|how to do it)\b",
    ),
    rule(
        K,
        r"\b(?:i know|i've decided) what i'm (?:going to|gonna) do\b(?=.*\b(?:if|when|once|planned|plan)\b)",
    ),
    rule(K, r"\b(?:i'm going|i'm going to go|i'll go) too\b(?=.*\bplan)"),
    rule(
        K,
        r"\b(?:plan|planning|planned) to (?:end|kill|take my|do it)\b|\bplan (?:and|&) the means\b|\bthe means to\b",
    ),
)
PREPARATORY: tuple[Rule, ...] = (
    rule(
        K,
        rf"\b(?:took|taken|swallowed|taking|take|swallowing) (?:[1-9]\d+|loads of|a load of|a handful of|a packet of|a box of|a bottle of|all (?:of )?my|too many(?: of my)?) {PILLS}\b",
    ),
    rule(K, rf"\b{PILLS} (?:saved up|saved away|stockpiled|stashed|hidden away|put by|hoarded)\b"),
    rule(
        K,
        r"\b(?:wrote|written|writing|left) (?:a |my )?(?:note|letters?) (?:for|to) (?:my|the) (?:family|kids|children|mum|dad|wife|husband|partner|son|daughter|sister|brother|parents|loved ones)(?:$|,| and\b| so\b| just\b| in case\b)",
    ),
    rule(
        K,
        rf"\b{PILLS} (?:are |all )?(?:ready|lined up|counted out|in the drawer ready)\b|\b(?:got|have|had|get) (?:the |my )?(?:{PILLS}|rope|noose) ready\b",
    ),
    rule(
        K,
        r"\bgoodbye (?:letters?|notes?|messages?|texts?|videos?)\b(?!.*\b(?:colleagues|workmates|team|retired|retiring|leaving do|new job|moved|class|students|pupils)\b)|\b(?:wrote|written|writing|write) (?:a |my )?(?:note|letters?) (?:for|to) (?:my|the) \w+ (?:explaining|saying (?:sorry|goodbye))",
    ),
    rule(
        K,
        r"\bthis is my last (?:message|goodbye)\b|\bthese are my last words\b|\bgoodbye (?:cruel )?world\b|\b(?:saying|said|say) (?:my )?goodbyes\b",
    ),
    rule(
        K,
        r"\bi(?:'ve| have|'ve got| got| bought|'ve bought| have bought| just bought) (?:a |the )?(?:rope|noose)\b",
    ),
    rule(
        K,
        r"\b(?:giving|given|gave) (?:away )?(?:all )?(?:my )?(?:things|stuff|belongings|possessions) away\b|\b(?:giving|given|gave) away (?:all )?my (?:things|stuff|belongings|possessions|cat|dog|pets?)\b|\bsorted (?:out )?my will\b",
    ),
    rule(
        K,
        r"\b(?:took|taken|take|taking|had|planning) (?:an |a )?overdose\b|\boverdos(?:e|ed|ing)\b(?! (?:deaths|rates|figures|crisis)| (?:of|on) (?!(?:my|his|her|their|the|pills|tablets|meds|medication|paracetamol|insulin|drugs|heroin|painkillers|sleeping|antidepressants|monday|tuesday|wednesday|thursday|friday|saturday|sunday|this|that|purpose)\b)\w+)",
    ),
    rule(
        K,
        rf"\b(?:took|swallowed|taken) (?:a (?:load|lot|bunch|handful)|loads|all|too many) (?:of )?(?:my )?{PILLS}\b",
    ),
    rule(K, r"\bwoke up in (?:a&e|hospital|resus|icu)\b"),
    rule(
        K,
        r"\b(?:stood|standing|was) (?:on|at) (?:the|a) (?:edge|bridge|cliff|roof|ledge|platform edge)\b(?=.*\b(?:hour|night|again|ages|thinking|nearly|jump)\b)",
    ),
    rule(K, r"\btried to (?:hang|drown|poison|gas|strangle|overdose|end)\b"),
)
# The C-SSRS's first question in residents' words: a wish or hope not to wake, to die, to
# be taken, indifference to living, with the wish verb before or after ("i'd be happy if i
# didn't wake up", "wouldn't mind if i never woke up", "not bothered if i live or die").
PASSIVE: tuple[Rule, ...] = (
    rule(
        K,
        r"\b(?:hope|hoping|pray|praying|wish|wishing|want|wouldn't mind|wouldn't care|don't care|be happy|be glad|be relieved|be fine|be ok)\b(?: \S+){0,3} (?:if |that )?i (?:just )?(?:don't|didn't|never|wouldn't|won't|do not|did not) (?:wake|woke|waking) up\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:hope|hoping|pray|praying|wish|wishing) (?:that )?(?:i|i'll|i'd|i would|i will) (?:just )?(?:die|died|be dead)\b|\b(?:pray|praying|prayed|ask|asking|beg|begging) (?:\S+ ){0,2}(?:that )?(?:god|the lord|someone|something) (?:will |would |to )?(?:takes? me|take me|let me die|lets? me die|end it)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:wouldn't|would not|don't|do not|doesn't|not) (?:even )?(?:care|mind|bothered)(?: \S+){0,2} (?:if|whether) i (?:live or die|lived or died|died|was dead|got (?:hit|run over|killed)|didn't wake|never woke|was gone)\b|\b(?:not bothered|don't care|don't mind) (?:if|whether) i (?:live|die)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\bwant (?:my life|my life to end|it all|everything) to be over\b|\bwant my life to end\b|\bwish (?:my life|it all) (?:was|were|would be) over\b",
    ),
    rule(
        K,
        r"\bwish i could (?:just )?(?:stop existing|not exist|cease to exist|stop being alive|not be alive|vanish for good)\b",
        negatable=False,
    ),
    rule(
        K,
        r"\b(?:urges?|considering|contemplating|tempted|close|so close|thought about|thinking about) (?:to |of |about )?(?:suicide|end(?:ing)? (?:it all|it|my life|things)|kill(?:ing)? myself|tak(?:e|ing) my (?:own )?life)\b|\b(?:suicide|ending it) (?:is|seems) (?:the only|my only|the best) (?:way|option|answer)\b",
    ),
    # Method (C-SSRS step 3): the means chosen or looked into, in any order of words.
    rule(
        K,
        r"\b(?:which|what|how many|what kind of) (?:pills|tablets|meds|bridge|building|car park|rope|knife|train|drug|drugs) (?:i'd|i would|i will|i'll|i'm going to|to) (?:take|use|jump|do it|need)\b",
    ),
    rule(
        K,
        r"\b(?:looked|looking|look|googl\w*|search\w*|research\w*) (?:up )?(?:how|what|the|which)\b(?: \S+){0,4} (?:would take|it takes|to take|would kill|would it take|to die|to end it|(?:tallest|highest) (?:bridge|building|car park|cliff)|bleed out|to hang)\b",
    ),
    rule(
        K,
        r"\b(?:crash(?:ing)?|driv(?:e|ing)|swerv(?:e|ing)|step(?:ping)?|jump(?:ing)?|walk(?:ing)?)\b(?: \S+){0,6} (?:on purpose|deliberately)\b|\b(?:think|thinking|thought) about (?:stepping|jumping|throwing myself) (?:off|in front|out|under|from)\b",
    ),
    # Intent and plan (C-SSRS steps 4-5): a condition or a time, and "I'll do it".
    rule(
        K,
        r"\b(?:if|when|once|after|as soon as)\b.*\b(?:i'll|ill|i will|i'm going to|i am going to|i'm gonna) (?:just )?(?:do it|end it|finish it)$|\b(?:i know|i've decided|decided) (?:what|how) i'm (?:going to|gonna) do(?: it)?\b(?=.*\b(?:if|when|once|plan|planned)\b)|\b(?:if|when|once)\b.*\bi know what i'm (?:going to|gonna) do\b",
    ),
    rule(
        K,
        r"\b(?:worked out|figured out|know|decided|planned|sorted out) (?:exactly )?(?:how|when|where) (?:i'm|i am|i'll|i will|i'd|to) (?:going to )?(?:do it|end it|kill myself|end my life)\b",
    ),
    rule(
        K,
        r"\b(?:enough|a stash of|a stockpile of) (?:pills|tablets|meds|medication|paracetamol|painkillers|insulin)\b(?=.*\b(?:saved|stashed|hidden|to do it|to end|ready|kill|die|overdose)\b)",
    ),
)
SELF_HARM_RULES: tuple[Rule, ...] = (
    rule(
        K,
        r"\b(?:i|i'm|i am|i've|i have|been|started|start|keep|still|my|doing|relapsed on|relapse)(?: \S+){0,2} self[- ]?harm",
    ),
    rule(K, r"\bself[- ]?harm(?:ed|ing)? (?:again|after|since|when|every|most|last)\b"),
    rule(
        K,
        rf"\b(?:cutting|cut|burning|burnt|burned|hurting|harming|starving|scratching|hitting|punching|hit|punch|scratch|scratched|slicing|sliced|slashing|slashed|carving|carved|bruising|scalding|scalded) (?:myself|my (?:arms?|legs?|wrists?|skin|thighs?|stomach|head))\b{NOT_ACCIDENT}",
    ),
    rule(
        K,
        r"\b(?:i|i've|been|started|keep|still|i'm)(?: \S+){0,2} (?:cut|cutting|burning)(?: \S+)? again\b|\bbeen cutting\b|\bi cut again\b|\bi'm cutting\b",
    ),
    rule(
        K,
        r"\b(?:smash|smashing|smashed|slam|slamming|scratch|scratching|scratched|hit|hitting|bang|banging|punch|punching|punched|bite|biting|bit|pick|picking) (?:my \w+|walls?|myself)(?: \S+){0,3} (?:till|until|so) (?:it|they|i|my \w+) (?:bleeds?|bled|bleeding|breaks?|broke|bruises?|bruised|hurts?)\b",
    ),
    rule(
        K,
        r"\b(?:using|used|use) (?:the |a |my )?(?:razor|blade|blades|lighter) (?:again|on myself|on my)\b",
    ),
    rule(K, r"\brelapsed\b(?=.*\b(?:self-harm|clean|cutting)\b)"),
    rule(K, r"\bstarve myself\b|\bburn myself\b"),
)
SOMEONE_ELSE: tuple[Rule, ...] = (
    rule(
        K,
        r"\b(?:kill(?:ing)?|hurt(?:ing)?|harm(?:ing)?|cut(?:ting)?) (?:him|her|them)sel(?:f|ves)\b(?! laughing)",
        scope="other",
    ),
    rule(
        K,
        r"\b(?:is|are|'s|keeps?|been) (?:\S+ )?(?:suicidal|talking about suicide|talking about ending)",
        scope="other",
    ),
)

SUICIDE: tuple[Rule, ...] = (
    WISH_TO_BE_DEAD
    + PASSIVE
    + ACTIVE_IDEATION
    + METHOD
    + INTENT_AND_PLAN
    + PREPARATORY
    + SELF_HARM_RULES
    + SOMEONE_ELSE
)
