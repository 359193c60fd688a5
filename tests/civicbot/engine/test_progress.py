"""Progress counted on the route being taken, gates that skip what depends on them,
the two layers of consent, and acknowledgements that vary: on the default script."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import pytest

from civicbot.engine import Pause, Press, Skip, Start, Text
from civicbot.engine.flow import progress
from civicbot.script import load_script
from civicbot.script.model import Script

from .scripts import Driver, load

PATH = Path(__file__).resolve().parents[3] / "prompts" / "values-and-services.yaml"
PROGRESS = re.compile(r"Question (\d+) of (\d+)")


@pytest.fixture(scope="module")
def script() -> Script:
    facts = {"organiser": "Wigan Together", "contact": "hello@example.org"}
    return load_script(PATH).script.model_copy(update={"round": facts})


def agreed(script: Script) -> Driver:
    d = Driver(script)
    d.start()
    d.press("Next ➡")
    d.press("I agree")
    return d


def shown(d: Driver) -> tuple[int, int]:
    step = next((s for s in d.script.steps() if s.id == d.state.step_id), None)
    if step is not None and step.type == "deliberation":
        # Its screen shows statements, not "Question n of m"; it counts on the route.
        counted = progress(d.script, d.state)
        assert counted is not None
        return counted
    match = PROGRESS.search(d.text)
    assert match, d.text
    return int(match.group(1)), int(match.group(2))


def walk(d: Driver, answer: dict[str, str]) -> list[tuple[str, int, int]]:
    """Answer each question as ``answer`` says (a button label, text, or skip)."""
    seen = []
    while d.state.status == "active":
        step = d.state.step_id or ""
        n, total = shown(d)
        seen.append((step, n, total))
        choice = answer.get(step, "skip")
        if choice == "skip":
            d(Skip())
        elif choice in d.tokens():
            d.press(choice)
        else:
            d(Text(choice))
    return seen


def check_counts(seen: list[tuple[str, int, int]]) -> None:
    """Question n counts up by one; the last says "n of n"; the total never moves on
    questions that cannot change the route."""
    assert [n for _, n, _ in seen] == list(range(1, len(seen) + 1))
    assert seen[-1][1] == seen[-1][2] == len(seen)


def test_the_layers_of_consent_come_in_order(script: Script) -> None:
    d = Driver(script)
    first = d.start()
    assert d.state.status == "hello" and first.records == ()
    text = d.text
    assert "Wigan Together" in text and "hello@example.org" in text
    assert "5 minutes" in text and "16 or over" in text
    assert list(d.tokens()) == ["Next ➡"]
    assert "I agree" not in text
    second = d.press("Next ➡")
    assert second.records == () and d.state.status == "consent"
    for fact in ("code, not your name", "quotes", "danger", "/privacy", "/forget"):
        assert fact in d.text
    assert list(d.tokens()) == ["I agree", "No thanks"]
    d.press("I agree")
    assert d.state.status == "active"
    assert shown(d) == (1, 14)


def test_first_layer_takes_only_next(script: Script) -> None:
    d = Driver(script)
    d.start()
    out = d(Press("c:y"))  # an "I agree" token before the notice is read: not taken
    assert not out.changed and d.state.status == "hello"
    out = d(Text("whatever"))
    assert not out.changed and "Please press “Next ➡”" in d.text
    d(Text("next"))
    assert d.state.status == "consent"


def test_retention_from_the_round_settings(script: Script) -> None:
    kept = script.model_copy(update={"round": {**script.round, "retention_days": "90"}})
    d = Driver(kept)
    d.start()
    d.press("Next ➡")
    assert "After 90 days we take names and numbers out" in d.text
    d = Driver(script)
    d.start()
    d.press("Next ➡")
    assert "until the organisers delete them" in d.text


def test_core_route_counts_fourteen(script: Script) -> None:
    d = agreed(script)
    seen = walk(d, {"used_services": "Yes", "tell_more": "No"})
    check_counts(seen)
    assert {total for *_, total in seen} == {14}


def test_no_service_used_counts_thirteen_from_the_gate_on(script: Script) -> None:
    d = agreed(script)
    seen = walk(d, {"used_services": "No", "tell_more": "No"})
    check_counts(seen)
    totals = [total for *_, total in seen]
    assert totals[:3] == [14, 14, 14] and set(totals[3:]) == {13}
    assert "joined_up_talk" not in [step for step, *_ in seen]


def test_skipping_the_gate_skips_what_depends_on_it(script: Script) -> None:
    d = agreed(script)
    seen = walk(d, {"tell_more": "Yes"})  # skip everything else, but ask for more
    steps = [step for step, *_ in seen]
    check_counts(seen)
    service_steps = {"joined_up_talk", "which_services", "main_service", "relational_person"}
    service_steps |= {"relational_story", "preventative_early", "adaptive_fit"}
    assert not service_steps & set(steps)
    assert "care_feel" in steps and "better_seen" in steps


def test_telling_more_grows_the_count_once_and_it_ends_exactly(script: Script) -> None:
    d = agreed(script)
    seen = walk(d, {"used_services": "Yes", "tell_more": "Yes", "better_seen": "Yes"})
    check_counts(seen)
    gate = [s for s, *_ in seen].index("tell_more")
    before = {total for *_, total in seen[: gate + 1]}
    after = [total for *_, total in seen[gate + 1 :]]
    assert before == {14}
    assert after[0] > 30  # the long route, counted honestly once it is chosen
    # Later branches (who helped, a good service seen) can only shorten it.
    assert all(a >= b for a, b in itertools.pairwise(after))


def test_back_keeps_the_count_right(script: Script) -> None:
    d = agreed(script)
    d(Text("Time and kindness."))
    d.press("Care")
    d.press("No")  # used_services: no -> 13 in all
    assert d.state.step_id == "equitable_fair" and shown(d) == (4, 13)
    d.press("⬅ Back")
    assert d.state.step_id == "used_services" and shown(d) == (3, 14)
    d.press("Yes")
    assert d.state.step_id == "joined_up_talk" and shown(d) == (4, 14)


def test_never_nearly_done_with_many_to_go(script: Script) -> None:
    d = agreed(script)
    seen = walk(d, {"tell_more": "Yes", "used_services": "Yes"})
    assert "Nearly done" not in d.text
    assert all(step != "about_you_intro" for step, *_ in seen)
    assert progress(script, d.state) is None  # finished: no count


def test_skip_words_vary_in_an_all_skip_walk(script: Script) -> None:
    d = agreed(script)
    leads: list[str] = []
    while d.state.status == "active":
        d(Skip())
        leads.append(d.text.split("\n", 1)[0])
    leads = leads[:-1]  # the finish thanks the resident instead
    counts = Counter(leads)
    assert len(counts) >= 5
    assert max(counts.values()) <= 3
    assert all(a != b for a, b in itertools.pairwise(leads))


def test_declining_then_start_begins_again_at_the_first_layer(script: Script) -> None:
    d = Driver(script)
    d.start()
    d.press("Next ➡")
    out = d.press("No thanks")
    assert d.state.status == "declined" and len(out.records) == 1
    d(Start())
    assert d.state.status == "hello" and list(d.tokens()) == ["Next ➡"]


def test_start_or_pause_in_the_first_layer_keeps_nothing(script: Script) -> None:
    d = Driver(script)
    d.start()
    again = d(Start())
    assert d.state.status == "hello" and again.records == ()
    assert "Wigan Together" in d.text
    paused = d(Pause())
    assert paused.records == () and "/start" in d.text
    d(Start())
    assert list(d.tokens()) == ["Next ➡"]


def test_a_script_without_an_intro_keeps_one_layer() -> None:
    d = Driver(load())
    d(Start())
    assert d.state.status == "consent" and "I agree" in d.tokens()
