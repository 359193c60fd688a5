"""The phrase bank and how simulated residents answer each kind of question."""

from __future__ import annotations

import random
import re
import statistics
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from civicbot.demo import answers
from civicbot.demo.phrases import PERSONAL, SHRUGS
from civicbot.demo.phrases_future import GENERAL
from civicbot.demo.population import Persona, draw_population
from civicbot.script.load import load_script
from civicbot.script.model import Script, Step

SCRIPT = Path(__file__).resolve().parents[3] / "prompts" / "values-and-services.yaml"


@pytest.fixture(scope="module")
def script() -> Script:
    return load_script(SCRIPT).script


@pytest.fixture(scope="module")
def people() -> list[Persona]:
    return draw_population(random.Random(11), 400)


def _step(script: Script, step_id: str) -> Step:
    return next(s for s in script.steps() if s.id == step_id)


def _plain(person: Persona) -> Persona:
    return replace(person, disability=0, carer=False, money=1, age=45, ethnicity="white")


def test_every_free_text_question_has_its_own_topic(script: Script) -> None:
    free = [s for s in script.steps() if s.type == "free_text"]
    assert len(free) >= 5
    keys = [answers.topic_for(step).key for step in free]
    assert GENERAL.key not in keys
    assert len(set(keys)) == len(keys)


def test_every_topic_offers_several_distinct_themes() -> None:
    for topic in answers.TOPICS:
        assert len(topic.themes) >= 4, topic.key
        for theme in topic.themes:
            assert len(theme.says) >= 3, (topic.key, theme.key)
            assert len(set(theme.says)) == len(theme.says)


def test_answers_vary_and_read_like_people(script: Script, people: list[Persona]) -> None:
    step = _step(script, "care_meaning")
    rng = random.Random(1)
    texts = [answers.free_text(p, step, rng, {}) for p in people]
    assert len(set(texts)) > 0.6 * len(texts)
    assert any(t in SHRUGS for t in texts)
    lengths = [len(t) for t in texts]
    assert min(lengths) < 15 and max(lengths) > 150
    assert all(t.strip() == t and t for t in texts)


def test_some_stories_carry_personal_details_to_scrub(
    script: Script, people: list[Persona]
) -> None:
    step = _step(script, "relational_story")
    rng = random.Random(2)
    texts = [answers.free_text(p, step, rng, {}) for p in people * 3]
    with_details = [t for t in texts if any(d.lower() in t.lower() for d in PERSONAL)]
    assert 0.02 * len(texts) < len(with_details) < 0.15 * len(texts)
    assert any(re.search(r"07700 ?900 ?\d{3}", t) for t in texts)
    assert any("@example." in t for t in texts)


def test_every_personal_detail_is_one_the_report_scrubs() -> None:
    from civicbot_analysis.scrub import scrub

    for sentence in PERSONAL:
        assert scrub(sentence) != sentence
        assert not re.search(r"\d{3}", scrub(sentence)), sentence


def _share_mentioning(people: list[Persona], step: Step, pattern: str, seed: int = 3) -> float:
    rng = random.Random(seed)
    texts = [answers.free_text(p, step, rng, {}) for p in people]
    return sum(bool(re.search(pattern, t, re.I)) for t in texts) / len(texts)


def test_disabled_residents_and_carers_more_often_repeat_their_story(
    script: Script, people: list[Persona]
) -> None:
    step = _step(script, "joined_up_story")
    disabled = [replace(_plain(p), disability=2) for p in people]
    carers = [replace(_plain(p), carer=True) for p in people]
    others = [_plain(p) for p in people]
    story = r"story|repeat"
    base = _share_mentioning(others, step, story)
    assert _share_mentioning(disabled, step, story) > base + 0.2
    assert _share_mentioning(carers, step, story) > base + 0.2


@pytest.mark.parametrize(
    ("step_id", "change", "pattern"),
    [
        ("preventative_story", {"money": 4}, r"afford|debt|bills|rent"),
        ("preventative_story", {"age": 19}, r"mental health|anxiety"),
        ("preventative_story", {"age": 80}, r"phone"),
        ("society_want", {"age": 19}, r"young people|mental health"),
    ],
)
def test_groups_differ_in_what_they_say(
    script: Script, people: list[Persona], step_id: str, change: dict[str, Any], pattern: str
) -> None:
    step = _step(script, step_id)
    others = [_plain(p) for p in people]
    group = [replace(p, **change) for p in others]
    assert _share_mentioning(group, step, pattern) > 1.5 * _share_mentioning(others, step, pattern)


def _mean_rating(people: list[Persona], step: Step) -> float:
    rng = random.Random(5)
    return statistics.mean(answers.rating(p, step, rng) for p in people)


@pytest.mark.parametrize("step_id", ["relational_person", "preventative_early", "joined_up_talk"])
def test_disabled_residents_and_carers_rate_services_lower(
    script: Script, people: list[Persona], step_id: str
) -> None:
    step = _step(script, step_id)
    others = [_plain(p) for p in people]
    disabled = [replace(p, disability=1) for p in others]
    carers = [replace(p, carer=True) for p in others]
    base = _mean_rating(others, step)
    assert _mean_rating(disabled, step) < base - 0.3
    assert _mean_rating(carers, step) < base - 0.3
    # Ratings use the whole scale, worst to best.
    rng = random.Random(6)
    used = {answers.rating(p, step, rng) for p in people}
    assert used == {0, 1, 2, 3, 4}


def test_the_service_used_most_is_one_ticked_before(script: Script, people: list[Persona]) -> None:
    which, main = _step(script, "which_services"), _step(script, "main_service")
    rng = random.Random(8)
    values = [o.value for o in main.options]
    for person in people[:100]:
        ticked = tuple(values[i] for i in answers.choose_many(person, which, rng))
        assert ticked
        chosen = values[answers.choose_one(person, main, rng, {"which_services": ticked})]
        assert chosen in ticked
