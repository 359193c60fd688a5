"""Simulated residents: who they are, and how they answer "about you" steps."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from civicbot.demo.population import AGE_BANDS, Persona, demographic_answer, draw_population
from civicbot.script.load import load_script
from civicbot.script.model import PREFER_NOT, Script, options_of

SCRIPT = Path(__file__).resolve().parents[3] / "prompts" / "values-and-services.yaml"


@pytest.fixture(scope="module")
def people() -> list[Persona]:
    return draw_population(random.Random(7), 3000)


@pytest.fixture(scope="module")
def script() -> Script:
    return load_script(SCRIPT).script


def _share(people: list[Persona], test: object) -> float:
    assert callable(test)
    return sum(1 for p in people if test(p)) / len(people)


def test_same_seed_same_people() -> None:
    assert draw_population(random.Random(3), 50) == draw_population(random.Random(3), 50)
    assert draw_population(random.Random(3), 50) != draw_population(random.Random(4), 50)


def test_young_adults_are_under_represented_older_over(people: list[Persona]) -> None:
    census_young = next(share for lo, _, share in AGE_BANDS if lo == 16)
    young = _share(people, lambda p: p.age <= 24)
    assert 0.3 * census_young < young < 0.75 * census_young
    census_65_74 = next(share for lo, _, share in AGE_BANDS if lo == 65)
    assert _share(people, lambda p: 65 <= p.age <= 74) > census_65_74


def test_shares_are_close_to_the_census(people: list[Persona]) -> None:
    # Census 2021 England: 17.7% disabled (more among adults), 8.9% unpaid carers, 81%
    # White; respondents skew older, so disability runs a little higher.
    assert 0.17 < _share(people, lambda p: p.disabled) < 0.30
    assert 0.07 < _share(people, lambda p: p.carer) < 0.15
    assert 0.80 < _share(people, lambda p: p.ethnicity == "white") < 0.92
    assert 0.5 < _share(people, lambda p: p.sex == "female") < 0.6


def test_people_finding_it_difficult_answer_less_often(people: list[Persona]) -> None:
    # 16% of the town finds it difficult (MONEY_SHARES); fewer of them take part.
    assert _share(people, lambda p: p.struggling) < 0.13


def test_most_finish_and_a_few_decline(people: list[Persona]) -> None:
    assert 0.02 < _share(people, lambda p: p.declines) < 0.07
    stoppers = [p.drop_at for p in people if p.drop_at is not None]
    assert 0.1 < len(stoppers) / len(people) < 0.25
    # More stop towards the end than near the start.
    assert sum(d > 0.5 for d in stoppers) > 2 * sum(d < 0.25 for d in stoppers)


def test_about_you_answers_match_the_persona(people: list[Persona], script: Script) -> None:
    steps = {s.demographic: s for s in script.steps() if s.demographic}
    assert set(steps) >= {"age_band", "sex", "ethnicity", "disability", "caring", "money_worries"}
    given: dict[str, Counter[str]] = {field: Counter() for field in steps}
    for person in people[:600]:
        for field, step in steps.items():
            value = demographic_answer(person, step)
            assert value in {o.value for o in options_of(step)}
            assert value is not None
            given[field][value] += 1
            if value == PREFER_NOT:
                assert field in person.prefer_not
                continue
            if field == "age_band":
                low = int(value.split("-")[0].rstrip("+"))
                assert person.age >= low
            if field == "disability":
                assert value.startswith("yes") == person.disabled
            if field == "caring":
                assert (value == "yes") == person.carer
            if field == "money_worries":
                assert (value == "finding_it_difficult") == person.struggling
    # Every answer a real person could give turns up, and "prefer not to say" too.
    for field, counts in given.items():
        if field != "area":
            assert counts[PREFER_NOT] > 0, field
    assert {"yes_limited_lot", "yes_limited_little", "no"} <= set(given["disability"])
    assert given["area"]["outside"] < given["area"]["north"]
