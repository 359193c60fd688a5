"""Small synthetic rounds with clear, planted topics, for theme and report tests."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData

TOPICS: dict[str, tuple[list[str], list[str]]] = {
    "gp": (
        ["waiting for a gp appointment", "the surgery phone line", "gp receptionist",
         "booking an appointment with the doctor"],
        ["took three weeks", "was engaged all morning", "was rude to me", "never rang back"],
    ),
    "bus": (
        ["the bus route to town", "the last bus home", "bus fares for pensioners",
         "buses in the village"],
        ["was cut last year", "is too expensive", "leaves people stranded", "runs twice a day"],
    ),
    "park": (
        ["the park by the river", "the playground swings", "green space near the flats",
         "the community garden"],
        ["is full of litter", "needs more benches", "brings neighbours together",
         "is where kids play safely"],
    ),
}  # fmt: skip


def topic_text(rng: random.Random, topic: str) -> str:
    subjects, predicates = TOPICS[topic]
    opener = rng.choice(["I think", "Honestly", "For me", "Well"])
    return f"{opener} {rng.choice(subjects)} {rng.choice(predicates)}."


def small_round(
    n_residents: int = 60,
    *,
    seed: int = 0,
    demographics: bool = True,
    simulated: bool = True,
) -> RoundData:
    """A round with one free-text question (three planted topics), a scale and a choice."""
    rng = random.Random(seed)
    questions = (
        Question("experience", "free_text", "Tell us about a recent experience of services",
                 ("care", "respect")),
        Question("values", "free_text", "What matters most in your community?", ("belonging",)),
        Question("treated", "scale", "Were you treated as a person?", ("relational",),
                 (("never", "Never"), ("sometimes", "Sometimes"), ("always", "Always"))),
        Question("help", "multi_choice", "Where did you get help?", (),
                 (("gp", "GP"), ("council", "Council"), ("charity", "Charity"))),
    )  # fmt: skip
    residents: list[Resident] = []
    answers: list[Answer] = []
    start = datetime(2025, 3, 1, 9, 0)
    topics = list(TOPICS)
    for i in range(n_residents):
        rid = f"r{i:04d}"
        demo = {}
        if demographics:
            demo = {
                "age_band": rng.choice(["18-34", "35-64", "65+"]),
                "disability": "yes_limited_lot" if i % 7 == 0 else "no",
            }
        residents.append(Resident(rid, start, start, "link", demo))
        at = start + timedelta(hours=i)
        answers.append(Answer(rid, "experience", topic_text(rng, topics[i % 3]), at))
        answers.append(Answer(rid, "values", topic_text(rng, topics[(i + 1) % 3]), at))
        answers.append(Answer(rid, "treated", rng.choice(["never", "sometimes", "always"]), at))
        answers.append(Answer(rid, "help", rng.choice(["gp", "council"]), at))
        if i % 4 == 0:
            answers.append(Answer(rid, "help", "charity", at))
    return RoundData(
        round_id="test-round",
        title="Test round",
        questions=questions,
        residents=tuple(residents),
        answers=tuple(answers),
        simulated=simulated,
    )
