"""Simulated rounds with equity effects of known size, to check the equity view recovers them.

:func:`planted_round` draws a round of ``n`` residents whose "about you" answers follow fixed
quotas (shuffled, so fields are independent) and whose scale answers carry planted effects,
and returns it with a reference population and the truth. Used by the tests
(``tests/analysis/equity/test_planted.py``) and by ``bench/equity_recovery.py``.

What is planted (:data:`PLANTED`, effects in standard deviations of a latent score):

- **representation**: residents aged 16-24 answer at half their population share (6.5%
  against 13%), in a field whose "prefer not to say" cell is small (2%); every other group
  matches the reference. Ethnicity is left unanswered by a quarter of residents (so a share
  of everyone would wrongly call White residents under-represented);
- **three group differences of different sizes**: residents finding it difficult to manage
  financially rate respect lower (d = -1.0), carers rate feeling connected lower (d = -0.6),
  women rate feeling safe higher (d = +0.35);
- **inverse care**: disabled residents rate the three service questions (relational,
  preventative, joined-up) lower (d = -0.5 each);
- **a group of 12**: the 12 residents of Riverside (whatever ``n``) rate being heard lower
  (d = -1.2).

Scale answers are a latent normal score (the planted shift plus N(0, 1)) cut into five
options at -1.5, -0.5, 0.5, 1.5; :func:`observed_effect` gives the standardised effect that
survives the cutting, the size a test on the answers can see.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from statistics import NormalDist

from civicbot_analysis.equity.reference import Reference, ReferenceShare
from civicbot_analysis.rounddata import PREFER_NOT, Answer, Question, Resident, RoundData

CUTS = (-1.5, -0.5, 0.5, 1.5)
OPTIONS = tuple((str(i), f"option {i}") for i in range(5))
SMALL_AREA = "riverside"
SMALL_AREA_SIZE = 12

# (question id, text, tags)
QUESTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("respect", "How often are you treated with respect?", ("respect",)),
    ("connected", "How connected do you feel to people around you?", ("connection",)),
    ("safe", "How safe do you feel in your area?", ("belonging",)),
    ("heard", "How well do services listen to you?", ("care",)),
    ("hope", "How hopeful are you about your area?", ()),
    ("love", "How loved do you feel?", ("love",)),
    ("person", "Were you treated as a person?", ("relational",)),
    ("early", "Did help come early?", ("preventative",)),
    ("together", "Did services work together?", ("joined-up",)),
)


@dataclass(frozen=True)
class Plant:
    """One planted difference: residents with ``field`` in ``values`` shift by ``d`` on
    ``question`` (latent standard deviations)."""

    question: str
    field: str
    group: str  # the comparison group that carries it
    values: frozenset[str]
    d: float
    inverse_care: bool = False


PLANTED: tuple[Plant, ...] = (
    Plant(
        "respect",
        "money_worries",
        "finding_it_difficult",
        frozenset({"finding_it_difficult"}),
        -1.0,
    ),
    Plant("connected", "caring", "yes", frozenset({"yes"}), -0.6),
    Plant("safe", "sex", "female", frozenset({"female"}), 0.35),
    Plant("heard", "area", SMALL_AREA, frozenset({SMALL_AREA}), -1.2),
    *(
        Plant(
            q, "disability", "yes", frozenset({"yes_limited_lot", "yes_limited_little"}), -0.5, True
        )
        for q in ("person", "early", "together")
    ),
)
UNDER_REPRESENTED = {("age_band", "16-24")}

# Quotas of those who answer (the reference shares, except the planted gap), and how many
# prefer not to say or leave the question unanswered.
POPULATION: dict[str, dict[str, float]] = {
    "age_band": {
        "16-24": 0.13, "25-34": 0.17, "35-44": 0.16, "45-54": 0.16,
        "55-64": 0.15, "65-74": 0.13, "75+": 0.10,
    },
    "sex": {"female": 0.51, "male": 0.49},
    "ethnicity": {"white": 0.81, "asian": 0.10, "black": 0.04, "mixed": 0.03, "other": 0.02},
    "disability": {"yes_limited_lot": 0.07, "yes_limited_little": 0.11, "no": 0.82},
    "caring": {"yes": 0.12, "no": 0.88},
    "money_worries": {"finding_it_difficult": 0.15, "just_about": 0.30, "comfortable": 0.55},
    "area": {"north": 0.35, "south": 0.35, "east": 0.30},
}  # fmt: skip
SAMPLE_SHARES: dict[str, dict[str, float]] = {
    **POPULATION,
    "age_band": {
        v: (0.065 if v == "16-24" else s * (1 - 0.065) / (1 - 0.13))
        for v, s in POPULATION["age_band"].items()
    },
}
SAID_NOT: dict[str, tuple[float, float]] = {  # (prefer not to say, not answered)
    "age_band": (0.02, 0.03),
    "sex": (0.01, 0.02),
    "ethnicity": (0.02, 0.25),
    "disability": (0.04, 0.03),
    "caring": (0.03, 0.03),
    "money_worries": (0.06, 0.04),
    "area": (0.0, 0.0),
}
REFERENCE_FIELDS = ("age_band", "sex", "ethnicity", "area")


@dataclass(frozen=True)
class PlantedRound:
    data: RoundData
    reference: Reference
    shifts: dict[str, dict[str, float]] = field(default_factory=dict)  # question -> resident -> d


def observed_effect(d: float) -> float:
    """The standardised effect on the five-option answers of a latent shift ``d``."""
    z = NormalDist()

    def moments(shift: float) -> tuple[float, float]:
        edges = (float("-inf"), *CUTS, float("inf"))
        probs = [z.cdf(edges[i + 1] - shift) - z.cdf(edges[i] - shift) for i in range(5)]
        mean = sum(i * p for i, p in enumerate(probs))
        return mean, sum((i - mean) ** 2 * p for i, p in enumerate(probs))

    m0, v0 = moments(0.0)
    m1, v1 = moments(d)
    return (m1 - m0) / ((v0 + v1) / 2) ** 0.5


def _quota(
    rng: random.Random, n: int, shares: dict[str, float], said_not: tuple[float, float]
) -> list[str | None]:
    """``n`` answers in exact proportions (largest remainder), shuffled."""
    parts = {**shares}
    answered = 1 - said_not[0] - said_not[1]
    weights = {v: s * answered for v, s in parts.items()}
    weights[PREFER_NOT] = said_not[0]
    weights[""] = said_not[1]
    raw = {v: w * n for v, w in weights.items()}
    counts = {v: int(x) for v, x in raw.items()}
    for v in sorted(raw, key=lambda v: counts[v] - raw[v])[: n - sum(counts.values())]:
        counts[v] += 1
    out: list[str | None] = [v or None for v, c in counts.items() for _ in range(c)]
    rng.shuffle(out)
    return out


def _areas(rng: random.Random, n: int) -> list[str | None]:
    rest = _quota(rng, n - SMALL_AREA_SIZE, POPULATION["area"], SAID_NOT["area"])
    out = rest + [SMALL_AREA] * SMALL_AREA_SIZE
    rng.shuffle(out)
    return out


def _reference(n: int) -> Reference:
    shares: dict[str, dict[str, ReferenceShare]] = {}
    for f in REFERENCE_FIELDS:
        pop = dict(POPULATION[f])
        if f == "area":  # Riverside holds its 12 residents' share of the town
            small = SMALL_AREA_SIZE / n
            pop = {v: s * (1 - small) for v, s in pop.items()} | {SMALL_AREA: small}
        shares[f] = {v: ReferenceShare(f, v, s, "planted") for v, s in pop.items()}
    return Reference(name="planted", shares=shares)


def planted_round(n: int, seed: int) -> PlantedRound:
    """A round of ``n`` residents (at least 100) with the effects of :data:`PLANTED`."""
    rng = random.Random(f"planted:{n}:{seed}")
    columns = {
        f: _areas(rng, n) if f == "area" else _quota(rng, n, SAMPLE_SHARES[f], SAID_NOT[f])
        for f in POPULATION
    }
    residents = tuple(
        Resident(
            id=f"p{i}",
            demographics={f: v for f, col in columns.items() if (v := col[i]) is not None},
        )
        for i in range(n)
    )
    shifts: dict[str, dict[str, float]] = {q: {} for q, _, _ in QUESTIONS}
    for p in PLANTED:
        for r in residents:
            if r.demographics.get(p.field) in p.values:
                shifts[p.question][r.id] = shifts[p.question].get(r.id, 0.0) + p.d
    answers: list[Answer] = []
    for r in residents:
        for q, _, _ in QUESTIONS:
            if rng.random() < 0.05:  # a few skip each question
                continue
            latent = shifts[q].get(r.id, 0.0) + rng.gauss(0.0, 1.0)
            answers.append(Answer(r.id, q, str(sum(latent > c for c in CUTS))))
    questions = tuple(Question(q, "scale", text, tags, OPTIONS) for q, text, tags in QUESTIONS)
    data = RoundData(
        round_id=f"planted-{n}-{seed}",
        title="Planted effects",
        questions=questions,
        residents=residents,
        answers=tuple(answers),
        simulated=True,
    )
    return PlantedRound(data, _reference(n), shifts)


def true_difference(pr: PlantedRound, question: str, members: frozenset[str], field_: str) -> float:
    """The planted (latent) mean shift of a group minus everyone else's, on ``question``."""
    shift = pr.shifts.get(question, {})
    inside = [
        shift.get(r.id, 0.0) for r in pr.data.residents if r.demographics.get(field_) in members
    ]
    outside = [
        shift.get(r.id, 0.0) for r in pr.data.residents if r.demographics.get(field_) not in members
    ]
    if not inside or not outside:
        return 0.0
    return sum(inside) / len(inside) - sum(outside) / len(outside)
