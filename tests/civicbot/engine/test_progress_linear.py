"""The progress count looks steps up in positions worked out once per script, so it takes
time in proportion to the script's length (it used to take the square). It counts what
the old walk counted: checked here against that walk, kept verbatim as the reference, at
every question of random walks through the shipped scripts and the bench's long one."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from civicbot.engine import Back, Pause, Press, Skip, Text, flow
from civicbot.engine.flow import live_answers, progress
from civicbot.engine.types import AnswerValue, SessionState
from civicbot.script import load_script
from civicbot.script.model import END, Script, Step

from .scripts import Driver

PROMPTS = Path(__file__).resolve().parents[3] / "prompts"
SHIPPED = ["values-and-services.yaml", "deliberation-example.yaml"]


# --- the reference: the count as it was, a linear search at every step ----------------


def _old_index(script: Script, step_id: str | None) -> int | None:
    for i, step in enumerate(script.steps()):
        if step.id == step_id:
            return i
    return None


def _old_next(script: Script, step: Step, answers: dict[str, AnswerValue]) -> int | None:
    steps = script.steps()
    for branch in step.next:
        if flow.condition_holds(branch.when, answers):
            if branch.goto == END:
                return None
            target = _old_index(script, branch.goto)
            if target is not None:
                return target
            break
    here = _old_index(script, step.id)
    if here is None or here + 1 >= len(steps):
        return None
    return here + 1


def old_progress(script: Script, state: SessionState) -> tuple[int, int] | None:
    index = _old_index(script, state.step_id)
    if state.status != "active" or index is None or not script.steps()[index].is_question:
        return None
    steps = script.steps()
    current = steps[index]
    answers = dict(live_answers(state))
    ahead = 0
    seen = set(state.history) | {current.id}
    step = current
    while True:
        if step.id not in answers and step.assume is not None and step.is_question:
            answers[step.id] = step.assume
        following = _old_next(script, step, answers)
        if following is None:
            break
        step = steps[following]
        if step.id in seen:
            break
        seen.add(step.id)
        ahead += step.is_question
    done = len(state.history)
    return done + 1, done + 1 + ahead


# --- random residents -----------------------------------------------------------------


def random_walk(script: Script, seed: int, moves: int = 120) -> list[str]:
    """A resident pressing any button, typing, skipping, going back and pausing at random;
    at every state, the count must equal the reference's. Returns the questions counted."""
    rng = random.Random(seed)
    d = Driver(script)
    d.start()
    checked: list[str] = []
    for _ in range(moves):
        assert progress(script, d.state) == old_progress(script, d.state), (seed, d.state)
        if progress(script, d.state) is not None:
            checked.append(d.state.step_id or "")
        if d.state.status != "active" and checked:
            break
        tokens = list(d.tokens().values())
        choice = rng.random()
        if choice < 0.55 and tokens:
            d(Press(rng.choice(tokens)))
        elif choice < 0.75:
            d(Text(rng.choice(["yes", "a few words", "no", "x" * 40])))
        elif choice < 0.88:
            d(Skip())
        elif choice < 0.97:
            d(Back())
        else:
            d(Pause())
    return checked


@pytest.mark.parametrize("name", SHIPPED)
def test_the_count_is_unchanged_on_the_shipped_scripts(name: str) -> None:
    script = load_script(PROMPTS / name).script
    checked = [step for seed in range(60) for step in random_walk(script, seed)]
    assert len(checked) > 200  # the walks reached every question, many times
    assert set(checked) == {s.id for s in script.steps() if s.is_question}


def test_the_count_is_unchanged_on_a_long_gated_script() -> None:
    from bench.engine_progress import build_script

    script = build_script(150)
    assert sum(len(random_walk(script, seed, moves=400)) for seed in range(8)) > 500


def test_a_changed_copy_of_a_script_gets_its_own_positions() -> None:
    script = load_script(PROMPTS / SHIPPED[0]).script
    first = script.steps()[0].id
    assert flow.step_index(script, first) == 0
    sections = [script.sections[0].model_copy(update={"steps": []}), *script.sections[1:]]
    trimmed = script.model_copy(update={"sections": sections})
    assert flow.step_index(trimmed, first) is None
    moved = trimmed.steps()[0].id
    assert flow.step_index(trimmed, moved) == 0 != flow.step_index(script, moved)


def test_a_count_reads_the_script_s_steps_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The square came from listing the steps again at every step of the walk."""
    from bench.engine_progress import build_script

    script = build_script(300)
    state = SessionState(status="active", step_id="q2", history=("q1",), answers={"q1": "yes"})
    expected = old_progress(script, state)
    calls = []
    listing = Script.steps
    monkeypatch.setattr(Script, "steps", lambda self: calls.append(1) or listing(self))
    for _ in range(3):
        assert progress(script, state) == expected
    assert len(calls) == 1  # the first count works the positions out; the others reuse them
