"""A round with everything the brief and the equity charts show: planted differences
between groups (:mod:`civicbot_analysis.equity.planted`), written answers on three planted topics,
invitation sources that reach different groups, and votes with common ground."""

from __future__ import annotations

import dataclasses
import random

from civicbot_analysis.equity.planted import PlantedRound, planted_round
from civicbot_analysis.rounddata import Answer, Question, RoundData
from tests.analysis.factory import TOPICS, topic_text
from tests.analysis.opinions.factories import camps

N = 600


def source_of(demographics: dict[str, str], draw: float) -> str | None:
    """Outreach that reaches its groups: the GP surgery disabled residents, the food bank
    those finding money difficult; the rest come by the round's own link or a leaflet."""
    if demographics.get("disability", "no").startswith("yes") and draw < 0.6:
        return "gp-surgery"
    if "difficult" in demographics.get("money_worries", "") and draw < 0.6:
        return "foodbank"
    return None if draw < 0.6 else "leaflet"


def brief_round(n: int = N, seed: int = 11) -> tuple[RoundData, PlantedRound]:
    pr = planted_round(n, seed)
    rng = random.Random(seed)
    topics = list(TOPICS)
    question = Question("story", "free_text", "Tell us about a recent experience", ("care",))
    residents = tuple(
        dataclasses.replace(r, source=source_of(r.demographics, rng.random()))
        for r in pr.data.residents
    )
    texts = tuple(
        Answer(r.id, "story", topic_text(rng, topics[i % 3])) for i, r in enumerate(residents)
    )
    votes = camps(30, 30)
    rename = {f"a{i}": residents[i].id for i in range(30)} | {
        f"b{i}": residents[30 + i].id for i in range(30)
    }
    data = dataclasses.replace(
        pr.data,
        questions=(*pr.data.questions, question),
        residents=residents,
        answers=pr.data.answers + texts,
        statements=votes.statements,
        votes=tuple(dataclasses.replace(v, resident=rename[v.resident]) for v in votes.votes),
        simulated=True,
    )
    return data, pr
