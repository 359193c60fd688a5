"""The phrase bank, continued: residents' stories of using public services.

One :class:`~civicbot.demo.phrases.Topic` per story question of the default script's
experience and fairness sections. The group differences the report should find are built
in here: disabled residents and carers more often tell of repeating their story and of
not being believed; people finding it difficult financially of cost and waiting; young
people of mental health and online access; older residents of phones and being alone.
"""

from __future__ import annotations

from civicbot.demo.phrases import Theme, Topic

RELATIONAL_STORY = Topic(
    "relational_story",
    r"^relational_story$|treated as a person",
    (
        Theme(
            "named",
            (
                "The nurse knew my name and remembered what I'd told her last time.",
                "My GP remembered my name and asked about my family, I felt like a person.",
                "the receptionist knew me by name and asked how my mum was",
                "A nurse sat down with me and called me by my name, small thing but it mattered.",
            ),
            (
                "It made me feel like a person not a number.",
                "That's all it takes really.",
            ),
        ),
        Theme(
            "number",
            (
                "I was just a reference number, press 1 press 2, nobody knew who I was.",
                "Felt like a number, they read my reference number out and didn't look up.",
                "just a number on a screen. case number 4 thousand something",
                "Automated phone line, then a reference number, then nothing.",
            ),
            (
                "You're a number on a list to them.",
                "Nobody looked me in the eye.",
            ),
        ),
        Theme(
            "judged",
            (
                "At the assessment I wasn't believed, they made me feel like I was lying.",
                "The benefits assessment made me feel like a scrounger, not believed at all.",
                "they didnt believe me about my condition because I looked fine that day",
                "I was judged and not believed, like I was trying it on.",
            ),
            (
                "Being disbelieved is exhausting.",
                "I came out of there in tears.",
            ),
            leans=(("disabled", 3.0), ("struggling", 1.8)),
        ),
        Theme(
            "rushed",
            (
                "Ten minutes and out, the doctor was typing the whole time.",
                "Rushed appointment, one problem only, the doctor never looked up from the screen.",
                "rushed in and rushed out. one problem per appointment they said",
                "Everyone was rushed, they just wanted me out of the door.",
            ),
            ("I don't blame the staff, they're run off their feet.",),
            leans=(("older", 1.5),),
        ),
        Theme(
            "language",
            (
                "Nobody explained in a way I understood and there was no interpreter.",
                "They spoke fast and used words I didn't know, no interpreter was offered.",
                "my english is ok but the letters are impossible to understand",
                "My mum needed an interpreter and they asked me, her son, to do it.",
            ),
            ("Plain words and an interpreter would change everything.",),
            leans=(("minority", 3.5),),
        ),
    ),
    personal=True,
)

PREVENTATIVE_STORY = Topic(
    "preventative_story",
    r"^preventative_story$|too late|just in time",
    (
        Theme(
            "waiting",
            (
                "I waited eighteen months on the waiting list and by then it was much worse.",
                "The waiting list was so long that I got worse while waiting.",
                "waiting, waiting, waiting. 2 years on a waiting list",
                "Months of waiting for an appointment, by then it was an emergency.",
            ),
            (
                "If they'd seen me earlier it would have cost them less too.",
                "The waiting is the worst part.",
            ),
            leans=(("struggling", 2.2), ("disabled", 1.8)),
        ),
        Theme(
            "cost",
            (
                "I couldn't afford the bus fare to the appointments so I stopped going.",
                "Money troubles got worse and worse before anyone helped with the debt.",
                "couldnt afford it, the debt piled up, help came when bailiffs were at the door",
                "By the time I got help with the bills I was in debt and behind on the rent.",
            ),
            (
                "Cost is a barrier nobody talks about.",
                "The cost of living has made everything harder.",
            ),
            leans=(("struggling", 4.0),),
        ),
        Theme(
            "mental_health",
            (
                "I needed mental health support and only got it after a crisis.",
                "Mental health help came too late, a year on a waiting list for counselling.",
                "my anxiety got really bad before anyone took my mental health seriously",
                "CAMHS waiting list was over a year, I gave up on mental health services.",
            ),
            (
                "Mental health support for young people is basically not there.",
                "Early support would have stopped it getting so bad.",
            ),
            leans=(("young", 4.0),),
        ),
        Theme(
            "phone",
            (
                "Ring at 8am and the phone is engaged, by the time you get through it's too late.",
                "Couldn't get through on the phone for days, then I had a fall.",
                "phone queue, number 23 in the queue, then cut off",
                "I can't use the app so it's the phone or nothing, and it's always engaged.",
            ),
            (
                "Not everyone can do it online.",
                "Give us a real person on the phone.",
            ),
            leans=(("older", 4.0),),
        ),
        Theme(
            "in_time",
            (
                "The health visitor spotted it early and got us help just in time.",
                "A teacher noticed something was wrong and got support in just in time.",
                "just in time, the pharmacist spotted it and sent me straight to the GP",
                "Help came early because a support worker noticed and acted.",
            ),
            ("That early help made all the difference.",),
        ),
    ),
    personal=True,
)

JOINED_UP_STORY = Topic(
    "joined_up_story",
    r"^joined_up_story$|repeat yourself|worked well together",
    (
        Theme(
            "repeat",
            (
                "I had to tell my story over and over again to different people.",
                "I've repeated my whole story to five different people, every time starting again.",
                "telling my story again and again, every new worker starts from scratch",
                "Every appointment I repeat my story from the start, it's exhausting.",
            ),
            (
                "Nothing is passed on, it's like starting again every time.",
                "Repeating it over and over wears you down.",
                "Why can't they read the notes?",
            ),
            leans=(("disabled", 3.5), ("carer", 3.5)),
        ),
        Theme(
            "records",
            (
                "The hospital didn't have the letter from my GP, the records didn't follow me.",
                "Records lost between the hospital and the council, they don't share information.",
                "the hospital and GP systems don't talk, my records never arrive",
                "Information wasn't shared so the same tests were done twice.",
            ),
            ("Systems that don't talk to each other waste everyone's time.",),
        ),
        Theme(
            "passed",
            (
                "I was passed from department to department on the phone.",
                "Passed around from one office to another, nobody took responsibility.",
                "passed from pillar to post, each one said ring someone else",
                "Pushed from one service to another and each said it wasn't theirs.",
            ),
            ("Nobody owns the problem.",),
            leans=(("older", 1.8),),
        ),
        Theme(
            "worked",
            (
                "The social worker and the GP worked well together and had one meeting with me.",
                "When the school and the council worked together it was brilliant, one plan.",
                "worked well when they had one person coordinating everything",
                "Once there was a key worker who coordinated everything, services worked together.",
            ),
            ("One person who knows you makes all the difference.",),
        ),
        Theme(
            "portals",
            (
                "Three different apps and websites and none of them share anything.",
                "A different online portal for every service, different logins, same forms.",
                "so many apps and logins and none of them link up",
                "Every service has its own website form and you fill the same details in.",
            ),
            ("One login for everything would be a start.",),
            leans=(("young", 2.5),),
        ),
    ),
    personal=True,
)

EQUITABLE_STORY = Topic(
    "equitable_story",
    r"^equitable_story$|fairer",
    (
        Theme(
            "cost_wait",
            (
                "Cut the waiting times and the cost, people on low incomes wait longest.",
                "If you can pay you go private, if you can't you wait. Shorter waiting lists.",
                "help with the cost of getting there. and less waiting",
                "Free transport to appointments, shorter waits for those who can't afford private.",
            ),
            ("Money shouldn't decide how long you wait.",),
            leans=(("struggling", 3.5),),
        ),
        Theme(
            "online",
            (
                "Let me do things online, by app or chat, not ring during work hours.",
                "Proper online access and evening hours, I can't ring at 9am from work.",
                "everything online please, chat not phone",
                "Online booking and text messages instead of letters.",
            ),
            ("Most people my age never use the phone.",),
            leans=(("young", 3.5),),
        ),
        Theme(
            "person",
            (
                "Keep a real person on the phone, not everything can be online.",
                "Not everyone has the internet, keep phone lines and face to face.",
                "a person to talk to, on the phone or in person, not a website",
                "Stop pushing everything online, older people get left out.",
            ),
            ("Face to face is what works for me.",),
            leans=(("older", 3.5),),
        ),
        Theme(
            "access",
            (
                "Buildings I can get into and staff who understand my condition.",
                "Proper access for disabled people, ramps, quiet rooms, easy read letters.",
                "understand disability. hidden conditions too",
                "Step free access and time to explain, my condition isn't always visible.",
            ),
            ("Reasonable adjustments shouldn't be a fight.",),
            leans=(("disabled", 3.0),),
        ),
        Theme(
            "understood",
            (
                "Interpreters, plain English and staff who understand different cultures.",
                "Staff who look like the community and understand our culture.",
                "translate the letters and offer interpreters",
                "Treat everyone the same whatever their background or their accent.",
            ),
            ("People like us get treated differently.",),
            leans=(("minority", 3.5),),
        ),
    ),
)

SERVICE_TOPICS: tuple[Topic, ...] = (
    RELATIONAL_STORY,
    PREVENTATIVE_STORY,
    JOINED_UP_STORY,
    EQUITABLE_STORY,
)
