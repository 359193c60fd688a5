from __future__ import annotations

import pytest

from civicbot.script import estimate_minutes
from civicbot.script.estimate import ANSWER_SECONDS, WORDS_PER_MINUTE
from tests.civicbot.script.helpers import base, parse, step


def test_estimate_adds_reading_and_answering() -> None:
    script = parse(base()).script
    # consent 4 words + finish 2; steps: "Hello" 1, "Used a service?" 3, "Fair?" 1 plus
    # labels "Never Sometimes Always" 3, "Tell us." 2.
    words = 4 + 2 + 1 + 3 + 1 + 3 + 2
    seconds = sum(ANSWER_SECONDS[k] for k in ("message", "yes_no", "scale", "free_text"))
    assert estimate_minutes(script) == pytest.approx(seconds / 60 + words / WORDS_PER_MINUTE)


def test_repeated_option_sets_are_read_once() -> None:
    data = base()
    fair = step(data, "fair")
    twin = dict(fair, id="fair_again")
    data["sections"][1]["steps"].append(twin)
    once = estimate_minutes(parse(base()).script)
    twice = estimate_minutes(parse(data).script)
    assert twice - once == pytest.approx(ANSWER_SECONDS["scale"] / 60 + 1 / WORDS_PER_MINUTE)


def test_free_text_costs_more_than_a_tap() -> None:
    data = base()
    step(data, "story")["type"] = "yes_no"
    assert estimate_minutes(parse(data).script) < estimate_minutes(parse(base()).script)
