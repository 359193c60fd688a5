"""The phrase bank, continued: what works, who helps, and how to do better everywhere.

One :class:`~civicbot.demo.phrases.Topic` per free-text question of the default script's
"good services everywhere" and "who helps" sections, and a general topic that serves
any free-text question another script may ask.
"""

from __future__ import annotations

from civicbot.demo.phrases import Theme, Topic

BETTER_WHAT = Topic(
    "better_what",
    r"^better_what$|made it so good",
    (
        Theme(
            "staff",
            (
                "The staff really cared and took time to listen.",
                "Staff who listened and cared, and didn't rush me.",
                "the staff. they actually cared",
                "Caring staff who listened and treated me like a human.",
            ),
            ("You could tell they wanted to be there.",),
        ),
        Theme(
            "quick",
            (
                "It was quick and simple, no waiting, sorted in one visit.",
                "Quick, simple, no forms, no waiting around.",
                "fast. sorted same day",
                "Seen quickly and it was simple, one visit and done.",
            ),
            ("No hoops to jump through.",),
            leans=(("struggling", 1.5),),
        ),
        Theme(
            "one_person",
            (
                "One named person who followed it through from start to finish.",
                "I had one key worker the whole way through who I could call.",
                "one person, start to finish, who knew my situation",
                "The same worker every time so I never had to explain again.",
            ),
            ("Continuity is everything.",),
            leans=(("disabled", 2.0), ("carer", 2.0)),
        ),
        Theme(
            "flexible",
            (
                "They were flexible, evening appointments, video calls, home visits.",
                "Flexible times and they came to my home.",
                "could do it by video call or chat after work",
                "They fitted around me, evening slots and a text reminder.",
            ),
            ("It fitted around my life instead of the other way round.",),
            leans=(("young", 2.0),),
        ),
    ),
)

BETTER_EVERYWHERE = Topic(
    "better_everywhere",
    r"^better_everywhere$|every area",
    (
        Theme(
            "funding",
            (
                "Fund the poorer areas properly, they need more not less.",
                "Fair funding, put the money where the need is greatest.",
                "more money for poorer areas instead of cuts",
                "Stop the cuts and fund services fairly in deprived areas.",
            ),
            ("The areas that need it most always get cut first.",),
            leans=(("struggling", 2.5),),
        ),
        Theme(
            "learn",
            (
                "Learn from the places that do it well and copy what works.",
                "Share what works between areas instead of reinventing it.",
                "copy the good ones",
                "Find out what works somewhere and spread it everywhere.",
            ),
            ("No need to reinvent the wheel.",),
        ),
        Theme(
            "listen",
            (
                "Ask residents and listen to what we actually need.",
                "Involve local people in designing services, listen to residents.",
                "listen to the people who use them",
                "Ask the community what it needs before deciding.",
            ),
            ("Like this survey, but actually acted on.",),
        ),
        Theme(
            "staff",
            (
                "Pay and keep good staff so they have time for people.",
                "More staff, better paid, who stay long enough to know people.",
                "keep the staff, they all leave",
                "Enough staff that they aren't rushed off their feet.",
            ),
            ("Staff turnover means starting again every time.",),
        ),
        Theme(
            "hubs",
            (
                "Local hubs where you can see everyone in one place, near where you live.",
                "A one stop shop in every town, everything under one roof.",
                "local hub. GP, council, advice all in one building",
                "Bring services back into local centres people can walk to.",
            ),
            ("Not everyone can get into town.",),
            leans=(("older", 2.0), ("disabled", 1.5)),
        ),
    ),
)

HELPED_HOW = Topic(
    "helped_how",
    r"^helped_how$|what did they do that helped",
    (
        Theme(
            "listened",
            (
                "They listened and gave me time, nobody had done that before.",
                "Listened without judging me and took their time.",
                "they listened. simple as that",
                "They took the time to listen and understand.",
            ),
            ("Just being heard helped.",),
        ),
        Theme(
            "practical",
            (
                "Practical stuff, a food parcel, help with the forms, a lift to the hospital.",
                "They helped fill in the forms and sorted the food parcels.",
                "food parcel and help with forms",
                "Drove me to appointments and did my shopping.",
            ),
            ("Practical help when I needed it.",),
            leans=(("disabled", 1.6),),
        ),
        Theme(
            "money",
            (
                "They sorted out my benefits and helped me with the debt.",
                "Helped with money, benefits advice, and a grant for the gas bill.",
                "sorted the debt out and got me the benefits I was owed",
                "Advice on money and benefits, and they rang the energy company for me.",
            ),
            ("I didn't know what I was entitled to.",),
            leans=(("struggling", 4.0),),
        ),
        Theme(
            "checked_in",
            (
                "They rang me every week to check in on me.",
                "Regular phone calls to check I was alright, I'm on my own.",
                "popped round and phoned to check in",
                "A weekly phone call, it meant I wasn't alone.",
            ),
            ("Knowing someone would call made a big difference.",),
            leans=(("older", 3.5),),
        ),
        Theme(
            "emotional",
            (
                "Emotional support, someone to talk to when my mental health was bad.",
                "They were there for me emotionally, helped with my anxiety.",
                "someone to talk to about my mental health",
                "Support for my mental health when nobody else would.",
            ),
            ("Talking helped more than anything.",),
            leans=(("young", 3.0),),
        ),
    ),
    personal=True,
)

SECTORS_TOGETHER = Topic(
    "sectors_together",
    r"^sectors_together$|work better together",
    (
        Theme(
            "share",
            (
                "Share information so people don't have to repeat their story.",
                "One shared record so I tell my story once, not to every service.",
                "share information between them. stop making us repeat everything",
                "Talk to each other and share the notes so you only explain once.",
            ),
            ("Repeating yourself to every service is exhausting.",),
            leans=(("disabled", 2.5), ("carer", 2.5)),
        ),
        Theme(
            "one_door",
            (
                "One front door, one number to ring and they sort out who does what.",
                "A single place to go where all of them are together.",
                "one place one number",
                "One front door for everything instead of ten different numbers.",
            ),
            ("Make it simple to find help.",),
        ),
        Theme(
            "charities",
            (
                "Fund the charities and community groups properly, they know people.",
                "Give charities and community groups long term funding, they do the real work.",
                "charities do the real work but get no money",
                "Trust the community groups, they reach people the council never will.",
            ),
            ("Community groups reach people nobody else does.",),
            leans=(("minority", 1.8),),
        ),
        Theme(
            "business",
            (
                "Local businesses could do more, jobs, apprenticeships, sponsoring things.",
                "Businesses should give back to the area, jobs for local young people.",
                "businesses giving jobs and apprenticeships to local people",
                "Get the local employers involved, good jobs are the best help.",
            ),
            ("Good jobs prevent a lot of problems.",),
            leans=(("young", 2.5),),
        ),
    ),
)

GENERAL = Topic(
    "general",
    r".",
    (
        Theme(
            "listen",
            (
                "Listen to people and act on what they say.",
                "Just listen to residents for once.",
                "listen and actually do something",
            ),
        ),
        Theme(
            "fund",
            (
                "More money for services and fewer cuts.",
                "Stop cutting services, fund them properly.",
                "funding. everything is cut",
            ),
        ),
        Theme(
            "kind",
            (
                "Be kind and treat people as people.",
                "A bit more kindness and respect all round.",
                "kindness",
            ),
        ),
    ),
)

FUTURE_TOPICS: tuple[Topic, ...] = (BETTER_WHAT, BETTER_EVERYWHERE, HELPED_HOW, SECTORS_TOGETHER)
