"""A round of statements with known topics and known opinion groups, for the topic tests.

Three topics with their own words: buses, parks and libraries. Two camps of voters: camp A
agrees with the bus statements and disagrees with the park statements, camp B the reverse,
and both agree with the library statements (common ground). One rejected statement and one
statement awaiting moderation take no part; one statement carries a phone number.
"""

from __future__ import annotations

import numpy as np

from civicbot_analysis.rounddata import Resident, RoundData, Statement, Vote

BUSES = (
    "The bus to the hospital should run every fifteen minutes",
    "Evening bus services were cut and the last bus leaves too early",
    "Bus fares are too expensive for young people travelling to college",
    "The bus station needs shelters and seats for older passengers",
    "Buses should run on Sundays so people can get to work",
    "Bus timetables at the stops are wrong and the buses arrive late",
    "A night bus from the town centre would keep people safe",
    "Bus drivers should wait for passengers with pushchairs and wheelchairs",
    "The bus route to the estate was removed and nobody was asked",
    "Cheaper bus tickets would get more cars off the road",
)
PARKS = (
    "The park playground is broken and children have nowhere to play",
    "Parks need more trees and flower beds, not more car parks",
    "Park toilets should be open all year round",
    "Dog fouling in the park makes the grass unusable for picnics",
    "The park lights go off too early and the park feels unsafe at night",
    "Our park needs a cafe so families stay longer",
    "Park benches are rotten and need replacing",
    "Wild meadows in the park would bring back bees and butterflies",
    "Football pitches in the park flood every winter",
    "Park rangers used to keep the park tidy and should come back",
)
LIBRARIES = (
    "The library is the only warm place some people can go in winter",
    "Library opening hours should include evenings and weekends",
    "Libraries lend books and help people apply for jobs online",
    "The library should keep its free computers and printing",
    "Children's reading groups at the library are wonderful",
    "Library staff help people fill in benefit forms",
    "Closing the branch library would leave older readers isolated",
    "The library needs more books in community languages",
    "Mobile library vans should visit the villages again",
    "Library study spaces are full during exams",
)
PHONE_TEXT = "Call the park warden on 07700 900123 about the broken park gates"
REJECTED_TEXT = "Rejected spam about cryptocurrency giveaways"
PENDING_TEXT = "Awaiting moderation: a statement about zeppelins"


def planted_round(n_a: int = 40, n_b: int = 40, *, seed: int = 3, noise: float = 0.05) -> RoundData:
    rng = np.random.default_rng(seed)
    topics = {"bus": BUSES, "park": (*PARKS, PHONE_TEXT), "library": LIBRARIES}
    statements: list[Statement] = []
    for name, texts in topics.items():
        statements += [Statement(f"{name}{j}", t, moderated=1) for j, t in enumerate(texts)]
    statements.append(Statement("spam", REJECTED_TEXT, moderated=-1))
    statements.append(Statement("pending", PENDING_TEXT, moderated=0))
    residents = [f"a{i}" for i in range(n_a)] + [f"b{i}" for i in range(n_b)]
    votes: list[Vote] = []
    for r in residents:
        camp_a = r.startswith("a")
        for s in statements:
            if s.moderated != 1:
                continue
            if s.id.startswith("bus"):
                v = 1 if camp_a else -1
            elif s.id.startswith("park"):
                v = -1 if camp_a else 1
            else:
                v = 1
            if rng.random() < noise:
                v = 0 if rng.random() < 0.5 else -v
            votes.append(Vote(r, s.id, v))
    return RoundData(
        round_id="planted",
        title="Buses, parks and libraries",
        questions=(),
        residents=tuple(Resident(r) for r in residents),
        answers=(),
        statements=tuple(statements),
        votes=tuple(votes),
    )


def planted_topic(statement_id: str) -> str:
    return statement_id.rstrip("0123456789")
