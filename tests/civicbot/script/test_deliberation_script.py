"""Scripts with a deliberation step: what the loader accepts and what it rejects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from civicbot.script import load_script
from civicbot.store import questions_of
from tests.civicbot.script.helpers import base, parse, problems, step

ROOT = Path(__file__).resolve().parents[3]


def with_deliberation(**fields: Any) -> dict[str, Any]:
    data = base()
    raw = {"id": "talk", "type": "deliberation", "text": "Hear from others.", **fields}
    data["sections"][1]["steps"].insert(0, raw)
    return data


def only(data: dict[str, Any]) -> tuple[str | None, str]:
    found = problems(data)
    assert len(found) == 1, [str(p) for p in found]
    return found[0].step, found[0].message


def test_a_deliberation_step_with_seeds_loads() -> None:
    loaded = parse(with_deliberation(seed_statements=["Help early.", "One story."], max_votes=5))
    talk = next(s for s in loaded.script.steps() if s.id == "talk")
    assert talk.is_question and talk.seed_statements == ["Help early.", "One story."]
    assert talk.statement_max_length == 280 and talk.max_statements == 3
    # Not a question with an answer of its own: the analysis sees no "talk" question.
    assert "talk" not in {q.id for q in questions_of(loaded.script)}


def test_seeds_must_be_translated() -> None:
    data = with_deliberation(seed_statements=[{"en": "Help early."}])
    data["languages"] = ["en", "cy"]
    messages = [p.message for p in problems(data) if p.step == "talk"]
    assert "seed statement 1 has no 'cy' translation" in messages


def test_a_seed_longer_than_the_limit_is_rejected() -> None:
    data = with_deliberation(statement_max_length=20, seed_statements=["x" * 21])
    assert only(data) == ("talk", "seed statement 1 is longer than 20 characters")


def test_statement_limit_cannot_pass_280() -> None:
    found = problems(with_deliberation(statement_max_length=500))
    assert any("statement_max_length" in str(p) for p in found)


def test_deliberation_fields_belong_on_deliberation_steps() -> None:
    data = base()
    step(data, "story")["seed_statements"] = ["Hello."]
    assert only(data) == ("story", "'seed_statements' applies only to deliberation steps")


def test_a_deliberation_step_has_no_options() -> None:
    data = with_deliberation(options=[{"value": "a", "label": "A"}])
    assert only(data) == ("talk", "a deliberation step cannot have options")


def test_a_branch_cannot_test_a_deliberation_step() -> None:
    data = with_deliberation()
    step(data, "story")["next"] = [{"if": {"step": "talk", "skipped": True}, "goto": "end"}]
    assert only(data) == (
        "story",
        "condition names 'talk', a deliberation step, which has no answer",
    )


def test_the_example_script_is_valid() -> None:
    loaded = load_script(ROOT / "prompts" / "deliberation-example.yaml")
    talk = [s for s in loaded.script.steps() if s.type == "deliberation"]
    assert len(talk) == 1 and len(talk[0].seed_statements) >= 3
    assert all(len(str(seed)) <= 280 for seed in talk[0].seed_statements)
    assert loaded.warnings == ()
