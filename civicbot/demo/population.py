"""Simulated residents: who they are, and how they behave in a dialogue.

A :class:`Persona` is drawn in two stages, as a real consultation's respondents are. First
a person is drawn from the town's adult population, with shares close to Census 2021 for
England (age, sex, ethnicity, disability, unpaid caring) and a usual spread of how people
are managing financially. Then that person takes part only with a probability that
depends on who they are: young adults, people finding it difficult financially and some
ethnic minority residents answer less often, older residents more often. The accepted
people are therefore skewed the way real respondents are, and the report's "who was
heard" table has something true to find.

Everything is drawn from a ``random.Random`` handed in, so a seed gives the same people.
How a persona answers a script's "about you" step is decided in
:func:`demographic_answer`, by matching the persona against the step's own options.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from civicbot.script.model import PREFER_NOT, Option, Step, options_of, text_in

# Age bands (16+, the youngest who take part) with their share of England's residents
# aged 16 and over, Census 2021 (rounded).
AGE_BANDS: tuple[tuple[int, int, float], ...] = (
    (16, 24, 0.131),
    (25, 34, 0.167),
    (35, 44, 0.158),
    (45, 54, 0.164),
    (55, 64, 0.155),
    (65, 74, 0.126),
    (75, 95, 0.099),
)
# Ethnic group shares, Census 2021 England: White 81.0, Asian 9.6, Black 4.2, Mixed 3.0,
# Other 2.2. Younger adults are more diverse, which ``_ethnicity`` reflects mildly.
ETHNICITY: tuple[tuple[str, float], ...] = (
    ("white", 0.810),
    ("asian", 0.096),
    ("black", 0.042),
    ("mixed", 0.030),
    ("other", 0.022),
)
# "How well are you managing financially?" from living comfortably (0) to finding it very
# difficult (4); shares in the range surveys such as the ONS OPN report.
MONEY_SHARES: tuple[float, ...] = (0.28, 0.34, 0.22, 0.11, 0.05)

# Who takes part: relative chance of answering, before normalisation.
_TAKE_PART_BY_AGE: dict[int, float] = {
    16: 0.45,
    25: 0.6,
    35: 0.85,
    45: 1.0,
    55: 1.1,
    65: 1.15,
    75: 0.8,
}
_TAKE_PART_BY_MONEY: tuple[float, ...] = (1.0, 1.0, 0.85, 0.55, 0.4)
_TAKE_PART_MINORITY = 0.8
_TAKE_PART_MAX = 1.15

# Chance of answering "prefer not to say", per field.
_PREFER_NOT: dict[str, float] = {
    "area": 0.02,
    "age_band": 0.03,
    "sex": 0.03,
    "ethnicity": 0.05,
    "disability": 0.07,
    "caring": 0.05,
    "money_worries": 0.10,
}


@dataclass(frozen=True)
class Persona:
    """One simulated resident: who they are, and a few habits of answering."""

    number: int
    age: int
    sex: str  # "female", "male" or "other"
    ethnicity: str  # "white", "asian", "black", "mixed", "other"
    disability: int  # 0 none, 1 day-to-day activities limited a little, 2 a lot
    carer: bool
    money: int  # 0 living comfortably .. 4 finding it very difficult
    area: float  # a position in [0, 1) mapped onto the script's area options
    prefer_not: frozenset[str]
    mood: float  # a personal lean on every rating, so one person's answers hang together
    chattiness: float  # 0 terse .. 1 writes a lot
    skip_rate: float  # chance of skipping an optional question
    back_rate: float  # chance of going back once to change an answer
    declines: bool  # says no at the consent notice
    drop_at: float | None  # fraction of the dialogue after which they stop, or None
    # Extra scale points on steps with these tags (a change planted in a demo series).
    tag_shift: tuple[tuple[str, float], ...] = ()

    @property
    def disabled(self) -> bool:
        return self.disability > 0

    @property
    def minority(self) -> bool:
        return self.ethnicity != "white"

    @property
    def young(self) -> bool:
        return self.age < 30

    @property
    def older(self) -> bool:
        return self.age >= 65

    @property
    def struggling(self) -> bool:
        return self.money >= 3


def _age(rng: random.Random) -> int:
    lo, hi, _ = rng.choices(AGE_BANDS, weights=[w for _, _, w in AGE_BANDS])[0]
    return rng.randint(lo, hi)


def _ethnicity(rng: random.Random, age: int) -> str:
    # Minority shares are about half as high again among under-35s as overall, lower
    # among over-65s (Census 2021 age structure by ethnic group).
    factor = 1.4 if age < 35 else 0.55 if age >= 65 else 1.0
    weights = [w if g == "white" else w * factor for g, w in ETHNICITY]
    return rng.choices([g for g, _ in ETHNICITY], weights=weights)[0]


def _disability(rng: random.Random, age: int) -> int:
    # Census 2021: 17.7% of all residents disabled under the Equality Act (7.3% limited a
    # lot, 10.4% a little), rising steeply with age.
    share = (
        0.12 if age < 25 else 0.15 if age < 45 else 0.21 if age < 65 else 0.30 if age < 75 else 0.44
    )
    if rng.random() >= share:
        return 0
    return 2 if rng.random() < 0.42 else 1


def _carer(rng: random.Random, age: int) -> bool:
    # Census 2021: 8.9% of people aged 5+ give unpaid care, most often aged 45-64.
    share = 0.05 if age < 25 else 0.08 if age < 45 else 0.15 if age < 65 else 0.11
    return rng.random() < share


def _money(rng: random.Random, age: int, disabled: bool, carer: bool) -> int:
    weights = list(MONEY_SHARES)
    # Disabled people, carers and young adults more often find it difficult; pensioners
    # less often. Shift weight from the easy end towards the hard end.
    shift = (0.5 if disabled else 0) + (0.3 if carer else 0) + (0.3 if age < 30 else 0)
    shift -= 0.3 if age >= 65 else 0
    weights = [w * (1 + shift) ** (i - 2) for i, w in enumerate(weights)]
    return rng.choices(range(5), weights=weights)[0]


def _takes_part(rng: random.Random, age: int, money: int, ethnicity: str) -> bool:
    by_age = _TAKE_PART_BY_AGE[max(lo for lo in _TAKE_PART_BY_AGE if age >= lo)]
    chance = by_age * _TAKE_PART_BY_MONEY[money]
    if ethnicity != "white":
        chance *= _TAKE_PART_MINORITY
    return rng.random() < chance / _TAKE_PART_MAX


def _drop_at(rng: random.Random, young: bool, money: int) -> float | None:
    # Most finish. Of those who stop, more stop towards the end (fatigue), so the point is
    # drawn from a distribution leaning late.
    chance = 0.13 + (0.06 if young else 0) + (0.05 if money >= 3 else 0)
    if rng.random() >= chance:
        return None
    return rng.betavariate(2.2, 1.2)


def draw_persona(rng: random.Random, number: int) -> Persona:
    """Draw one person from the town, keeping them only if they would take part."""
    while True:
        age = _age(rng)
        ethnicity = _ethnicity(rng, age)
        disability = _disability(rng, age)
        carer = _carer(rng, age)
        money = _money(rng, age, disability > 0, carer)
        if _takes_part(rng, age, money, ethnicity):
            break
    # Census 2021: 51% of adults are female; women answer consultations a little more
    # often, so about 55% of respondents are. A few describe themselves otherwise.
    roll = rng.random()
    sex = "other" if roll < 0.006 else "female" if roll < 0.556 else "male"
    prefer_not = frozenset(f for f, p in _PREFER_NOT.items() if rng.random() < p)
    young = age < 30
    return Persona(
        number=number,
        age=age,
        sex=sex,
        ethnicity=ethnicity,
        disability=disability,
        carer=carer,
        money=money,
        area=rng.random() ** 1.3,
        prefer_not=prefer_not,
        mood=rng.gauss(0.0, 0.45),
        chattiness=rng.betavariate(1.6 + (0.6 if age >= 55 else 0), 2.2),
        skip_rate=rng.uniform(0.0, 0.12) + (0.05 if young else 0),
        back_rate=rng.uniform(0.0, 0.05),
        declines=rng.random() < 0.04,
        drop_at=_drop_at(rng, young, money),
    )


def draw_population(rng: random.Random, size: int) -> list[Persona]:
    return [draw_persona(rng, n) for n in range(size)]


# --- answering "about you" steps -----------------------------------------------------------


def _words(option: Option, language: str) -> str:
    label = text_in(option.label, language, language)
    return f"{option.value} {label}".lower()


def _age_range(option: Option, language: str) -> tuple[int, int] | None:
    words = _words(option, language)
    numbers = [int(n) for n in re.findall(r"\d+", words)]
    if not numbers:
        return None
    lo = numbers[0]
    if len(numbers) >= 2 and numbers[1] > lo:
        return lo, numbers[1]
    if re.search(r"under|below|younger", words):
        return 0, lo
    return lo, 200  # "75+", "75_plus", "75 and over"


def _first(options: Sequence[Option], language: str, pattern: str) -> Option | None:
    for option in options:
        if re.search(pattern, _words(option, language)):
            return option
    return None


def _by_rank(options: Sequence[Option], position: float) -> Option:
    index = min(int(position * len(options)), len(options) - 1)
    return options[index]


def _area_option(options: Sequence[Option], position: float, language: str) -> Option:
    # Areas are unequal in size; someone living "outside the area" is rare.
    weights = [
        0.08 if re.search(r"outside", _words(o, language)) else 1.0 + 0.15 * (i % 3)
        for i, o in enumerate(options)
    ]
    target = position * sum(weights)
    for option, weight in zip(options, weights, strict=True):
        target -= weight
        if target < 0:
            return option
    return options[-1]


def _money_option(options: Sequence[Option], money: int, language: str) -> Option:
    # Words as in the "managing financially" question, from the hardest end down.
    patterns = (
        (3, r"very difficult"),
        (3, r"difficult|hard|struggl"),
        (2, r"just about|getting by"),
    )
    for least, pattern in patterns:
        if money >= least:
            found = _first(options, language, pattern)
            if found is not None:
                return found
    found = _first(options, language, r"comfortabl|alright|all right|\bok\b|fine")
    return found if found is not None else _by_rank(options, (money + 0.5) / 5)


def _disability_option(options: Sequence[Option], level: int, language: str) -> Option | None:
    if level == 0:
        return _first(options, language, r"^no\b|\bno\b")
    severity = r"a lot|_lot\b" if level == 2 else r"a little|_little\b"
    return _first(options, language, severity) or _first(options, language, r"^yes|\byes\b")


def demographic_answer(persona: Persona, step: Step, language: str = "en") -> str | None:
    """The option value this persona gives at an "about you" step, ``None`` to skip.

    The step's options are matched by their value and label (``"16-24"``, ``"75+"``,
    ``"Yes, a lot"``, ``"Finding it difficult"``), so the demo works with any script that
    words its options plainly. Unknown fields are answered from the persona's area draw.
    """
    options = options_of(step)
    prefer = next((o for o in options if o.value == PREFER_NOT), None)
    real = [o for o in options if o.value != PREFER_NOT]
    field = step.demographic or ""
    if not real or field in persona.prefer_not:
        return prefer.value if prefer else None
    chosen: Option | None = None
    if field == "age_band":
        for option in real:
            span = _age_range(option, language)
            if span and span[0] <= persona.age <= span[1]:
                chosen = option
                break
    elif field == "sex":
        pattern = {"female": r"female|woman|women", "male": r"(?<!fe)male|\bman\b|\bmen\b"}
        chosen = _first(real, language, pattern.get(persona.sex, r"other|non.?binary|describe"))
    elif field == "ethnicity":
        chosen = _first(real, language, persona.ethnicity)
    elif field == "disability":
        chosen = _disability_option(real, persona.disability, language)
    elif field == "caring":
        chosen = _first(real, language, r"^yes|\byes\b" if persona.carer else r"^no\b|\bno\b")
    elif field == "money_worries":
        chosen = _money_option(real, persona.money, language)
    if chosen is None:
        chosen = _area_option(real, persona.area, language)
    return chosen.value
