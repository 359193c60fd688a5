"""The phrase bank: what simulated residents say in their own words, about the values.

Each free-text question is served by a :class:`Topic`, found from the step's id (or, for
other scripts, its text). A topic holds several :class:`Theme` values, each a handful of
sentences that share the words a theme analysis can find ("listened", "listen",
"listening"), and follow-on sentences that add detail. Answers are composed from these
fragments (see :mod:`civicbot.demo.answers`), so a few hundred residents do not repeat
one sentence.

``leans`` builds in the differences between groups that the report should find: a theme
is chosen more often by residents in the named groups (see ``Persona`` properties).
A topic that ``follows`` an earlier step picks the theme whose key is that step's answer.
The services topics live in :mod:`civicbot.demo.phrases_services` and
:mod:`civicbot.demo.phrases_future`. Everything here is invented and names no real person.
"""

from __future__ import annotations

from dataclasses import dataclass

# Groups a theme can lean towards; each is a property of a Persona.
GROUPS: tuple[str, ...] = ("disabled", "carer", "struggling", "young", "older", "minority")


@dataclass(frozen=True)
class Theme:
    key: str
    says: tuple[str, ...]  # core sentences, each a complete thought on the theme
    more: tuple[str, ...] = ()  # follow-on sentences on the same theme
    leans: tuple[tuple[str, float], ...] = ()  # (group, weight factor)


@dataclass(frozen=True)
class Topic:
    key: str
    match: str  # a regular expression searched in the step's id, then its text
    themes: tuple[Theme, ...]
    follows: str | None = None  # a step whose answer names the theme to use
    personal: bool = False  # a story question, where people sometimes give names or numbers


OPENERS: tuple[str, ...] = (
    "For me, ",
    "Honestly ",
    "I think ",
    "I suppose ",
    "tbh ",
    "Well, ",
    "To be fair ",
    "In my experience ",
    "Simple really, ",
)
CLOSERS: tuple[str, ...] = (
    "That's it really.",
    "Thanks for asking.",
    "Not much to ask is it.",
    "Hope this helps.",
    "Thats all.",
    "Glad someone is asking.",
)
# Short answers that carry no theme; terse residents give them now and then.
SHRUGS: tuple[str, ...] = (
    "dunno",
    "Not sure really",
    "no idea",
    "nothing to add",
    "Same as before",
    "n/a",
    "Can't think of anything",
    "not really",
)
# Personal details some residents add to a story, so the report's scrubbing has something
# to remove. All invented: phone numbers in Ofcom's drama range (07700 900xxx), emails at
# example.com/.org, a postcode area that does not exist (YY), an NHS number in the 999
# test range (with a valid check digit), made-up streets and names.
PERSONAL: tuple[str, ...] = (
    "Dr Patel at the health centre was the only one who listened.",
    "You can ring me on 07700 900417 if you want to hear more.",
    "My email is sam.kerridge@example.com if anyone wants to follow this up.",
    "I live at 14 Larch Close and the bins still haven't been sorted.",
    "Ask for Mrs Okafor on the ward, she was brilliant.",
    "call me 07700 900 862 any time",
    "Write to me at 3 Mill Lane, postcode YY1 4WX.",
    "My NHS number is 999 123 4578 if you need to look me up.",
    "my daughter Jade Whitmore can tell you the same, jade.w@example.org",
)

CARE_MEANING = Topic(
    "care_meaning",
    r"^care_meaning$|what does care mean",
    (
        Theme(
            "listened",
            (
                "Care means being listened to properly, not rushed.",
                "someone actually listening to you and hearing what you say",
                "Being listened to without being judged.",
                "Care is when people listen first and then act.",
                "Having someone who listens and believes you.",
            ),
            (
                "Too often nobody listens until it's a crisis.",
                "You can tell when someone is really listening.",
                "When I was listened to it changed everything.",
            ),
            leans=(("disabled", 1.4),),
        ),
        Theme(
            "practical",
            (
                "Practical help when you need it, like a lift to the hospital or help with forms.",
                "Someone helping with the shopping and the forms when you can't manage.",
                "care is practical help, getting things sorted, not just words",
                "Help with the practical stuff, meals, forms, getting to appointments.",
            ),
            (
                "The forms alone are a full time job.",
                "A lift to an appointment means more than any leaflet.",
                "Little practical things make the biggest difference.",
            ),
            leans=(("disabled", 1.6), ("struggling", 1.4)),
        ),
        Theme(
            "family",
            (
                "Family and neighbours looking out for each other.",
                "My family and the neighbours, that's where care comes from for me.",
                "neighbours checking in on each other, family being there",
                "Looking after your family and your neighbours, like my mum did.",
            ),
            (
                "My neighbour pops round most days.",
                "Without my family I don't know what I'd do.",
                "It used to be the whole street looking out for each other.",
            ),
            leans=(("carer", 2.0),),
        ),
        Theme(
            "time",
            (
                "Time and patience. People taking the time to understand.",
                "Having the time, not a ten minute slot where you're rushed out the door.",
                "patience and time, nobody has time anymore",
                "Care takes time and patience and people aren't given enough of either.",
            ),
            (
                "Everyone is rushed off their feet.",
                "Staff don't have the time even when they want to.",
                "Slowing down and being patient costs nothing.",
            ),
            leans=(("older", 1.8),),
        ),
        Theme(
            "kindness",
            (
                "Kindness. Treating people with warmth and kindness.",
                "Being kind, a smile and a kind word go a long way",
                "Warmth and kindness, making people feel they matter.",
                "just basic kindness",
            ),
            (
                "A kind word can turn someone's day around.",
                "Kindness shouldn't be the exception.",
            ),
        ),
    ),
)

LOVE_WHERE = Topic(
    "love_where",
    r"^love_where$|where do you see (it|love)",
    (
        Theme(
            "neighbours",
            (
                "Neighbours helping out, taking bins in, checking on the old lady next door.",
                "On our street the neighbours look out for each other.",
                "in my neighbours, they do my shopping when I can't get out",
                "The neighbours who cleared the snow for everyone last winter.",
            ),
            (
                "Small things, but that's what love looks like round here.",
                "Nobody asked them to do it.",
            ),
            leans=(("disabled", 1.5),),
        ),
        Theme(
            "volunteers",
            (
                "The volunteers at the food bank and the community fridge.",
                "Volunteers at the food bank, they never make you feel bad.",
                "the food bank and the warm space at the church hall, all volunteers",
                "People volunteering at the food bank and the litter pick.",
            ),
            (
                "They give up their weekends for it.",
                "Without the volunteers a lot of families would go hungry.",
            ),
            leans=(("struggling", 2.2),),
        ),
        Theme(
            "family",
            (
                "In my family, my kids and my grandkids.",
                "Family mostly. My mum, my partner, my kids.",
                "family and friends, that's where I see it",
                "At home with my family, and with close friends.",
            ),
            (
                "We don't have much but we have each other.",
                "Family is everything to me.",
            ),
            leans=(("carer", 1.6),),
        ),
        Theme(
            "lonely",
            (
                "I don't see much of it to be honest, I'm on my own most days.",
                "Not much. It's lonely round here since the old shops closed.",
                "i live alone, some weeks the only call I get is from the surgery",
                "Hard to say, I'm lonely a lot of the time, the phone hardly rings.",
            ),
            (
                "A phone call now and then would mean a lot.",
                "Loneliness is the real problem for older people here.",
                "Days go by and I don't talk to anyone.",
            ),
            leans=(("older", 3.5),),
        ),
        Theme(
            "events",
            (
                "At the summer fair and the community events in the park.",
                "The community cafe, the carnival, the events where everyone comes together.",
                "when there's something on in the park and everyone turns up",
                "At the community centre events, the lunch club and the kids' clubs.",
            ),
            (
                "We need more events like that, they bring people together.",
                "It's free so everyone can come.",
            ),
        ),
    ),
)

VALUE_MOST_WHY = Topic(
    "value_most_why",
    r"^value_most_why$|matter most to you",
    (
        Theme(
            "care",
            (
                "Because everyone needs care at some point in their life.",
                "We will all need looking after one day, so care matters most.",
                "Care, because I've seen what happens when it's missing.",
                "Without care nothing else works.",
            ),
            ("I care for my dad so I know how much it matters.",),
        ),
        Theme(
            "connection",
            (
                "Because being connected stops people being isolated.",
                "Connection, so nobody ends up alone and isolated.",
                "Without connection people get cut off and lonely.",
                "Connection is what makes a place a community.",
            ),
            ("Isolation is as bad for you as smoking they say.",),
        ),
        Theme(
            "love",
            (
                "Love is the root of all the others.",
                "Because love is what makes people look after each other.",
                "If you act out of love, respect and care follow.",
                "Love, it's what it's all about isn't it.",
            ),
            ("Love is underrated in public life.",),
        ),
        Theme(
            "belonging",
            (
                "Because I want to feel I belong here, not just live here.",
                "Belonging, when you feel you belong you look after the place.",
                "I moved here years ago and still don't feel I belong.",
                "Everyone deserves to feel at home where they live.",
            ),
            ("Belonging is what makes a place home.",),
        ),
        Theme(
            "respect",
            (
                "Respect, because without respect you can't have anything else.",
                "Respect means being treated as an equal.",
                "Because people like me don't often get respect.",
                "Respect, everyone deserves it whoever they are.",
            ),
            ("Respect costs nothing.",),
        ),
    ),
    follows="value_most",
)

SOCIETY_WANT = Topic(
    "society_want",
    r"^society_want$|kind of society",
    (
        Theme(
            "fair",
            (
                "A fair society where everyone gets an equal chance.",
                "Fair and equal, where nobody is left behind because of money.",
                "fairness, same chances for everyone no matter their background",
                "One where it's fair and people get what they need, not what they can pay for.",
            ),
            ("Too many people are left behind right now.",),
            leans=(("struggling", 1.8), ("minority", 1.6)),
        ),
        Theme(
            "kind",
            (
                "A kind and caring society where people look after each other.",
                "Kind, caring, where people look out for each other.",
                "a kinder one. more caring",
                "Somewhere people are kind to each other and care about strangers.",
            ),
            ("Kindness should be normal, not news.",),
        ),
        Theme(
            "together",
            (
                "A connected community where nobody is lonely or forgotten.",
                "Where people know their neighbours and nobody is lonely.",
                "connected, where older people aren't forgotten and alone",
                "A community that pulls together like we did in lockdown.",
            ),
            ("Nobody should be lonely.",),
            leans=(("older", 2.2),),
        ),
        Theme(
            "future",
            (
                "One where young people have a future and mental health support when they need it.",
                "A society that gives young people hope, jobs and proper mental health support.",
                "one where young people can actually afford to live and get mental health help",
                "Where young people are listened to and there's a future for us here.",
            ),
            ("Most of my friends have moved away because there's nothing here.",),
            leans=(("young", 3.5),),
        ),
        Theme(
            "respect",
            (
                "A society built on respect and dignity for everyone.",
                "Respect and dignity, whoever you are and wherever you're from.",
                "one with respect. for everyone",
                "Where people are treated with dignity and respect, not judged.",
            ),
            ("Being judged is the worst part.",),
            leans=(("disabled", 1.5),),
        ),
    ),
)

VALUE_TOPICS: tuple[Topic, ...] = (CARE_MEANING, LOVE_WHERE, VALUE_MOST_WHY, SOCIETY_WANT)
