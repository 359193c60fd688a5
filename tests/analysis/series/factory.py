"""A small synthetic series: three rounds with planted topics, a rating that rises, a flat
rating, and residents who come back (same pseudonym in several rounds)."""

from __future__ import annotations

import dataclasses
import random
from datetime import datetime, timedelta

from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData
from civicbot_analysis.series import SeriesData
from tests.analysis.factory import TOPICS, topic_text

LIBRARY = (
    ["the library opening hours", "the mobile library van", "library computers"],
    ["were cut to two days", "stopped coming", "are always booked"],
)
SCALE = tuple((f"s{i}", f"Point {i}") for i in range(5))
QUESTIONS = (
    Question("experience", "free_text", "Tell us about a recent experience", ("care",)),
    Question("treated", "scale", "Were you treated as a person?", ("respect",), SCALE),
    Question("listened", "scale", "Were you listened to?", ("care",), SCALE),
)
# Round r: the residents p0000.. come back in every round; the rest are new each time.
RETURNING = 25


def _text(rng: random.Random, topic: str) -> str:
    if topic == "library":
        return f"I think {rng.choice(LIBRARY[0])} {rng.choice(LIBRARY[1])}."
    return topic_text(rng, topic)


def make_round(r: int, n: int = 80, *, rise: float = 1.0, title: str = "") -> RoundData:
    """Round ``r`` (0-based): topics gp, bus and park (library instead of park in round 2);
    "treated" (respect) centred ``rise`` points higher each round, "listened" flat."""
    rng = random.Random(f"series-{r}")
    topics = ["gp", "bus", "park" if r < 2 else "library"]
    start = datetime(2025, 1, 6, 9, 0) + timedelta(days=90 * r)
    residents: list[Resident] = []
    answers: list[Answer] = []
    for i in range(n):
        rid = f"p{i:04d}" if i < RETURNING else f"n{r}-{i:04d}"
        residents.append(Resident(rid, start, start, "link", {
            "age_band": rng.choice(["18-34", "35-64", "65+"]),
            "disability": "yes_limited_lot" if i % 6 == 0 else "no",
        }))  # fmt: skip
        at = start + timedelta(hours=i)
        answers.append(Answer(rid, "experience", _text(rng, topics[i % 3]), at))
        treated = min(4, max(0, round(rng.gauss(1.2 + rise * r, 0.9))))
        listened = min(4, max(0, round(rng.gauss(2.0, 0.9))))
        answers.append(Answer(rid, "treated", SCALE[treated][0], at))
        answers.append(Answer(rid, "listened", SCALE[listened][0], at))
    return RoundData(
        round_id=str(r + 1),
        title=title or f"Round {r + 1}",
        questions=QUESTIONS,
        residents=tuple(residents),
        answers=tuple(answers),
        simulated=True,
        opened_at=start,
        closed_at=start + timedelta(days=21),
    )


def make_series(rounds: int = 3, **kwargs: object) -> SeriesData:
    return SeriesData("Test series", tuple(make_round(r, **kwargs) for r in range(rounds)))  # type: ignore[arg-type]


def rename(data: RoundData, title: str) -> RoundData:
    return dataclasses.replace(data, title=title)


assert TOPICS  # the shared topics of tests.analysis.factory
