"""Small scripts to test against: a good base as a dict, changed per test, then parsed."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from civicbot.script import LoadedScript, ScriptError, ScriptProblem, parse_script


def base() -> dict[str, Any]:
    """A valid script: a welcome, a yes/no that branches, a scale, free text."""
    return copy.deepcopy(
        {
            "id": "test",
            "version": 1,
            "title": "Test",
            "consent": {"version": 1, "text": "We keep your answers."},
            "finish": "Thank you.",
            "sections": [
                {
                    "id": "one",
                    "title": "One",
                    "steps": [
                        {"id": "hello", "type": "message", "text": "Hello"},
                        {
                            "id": "used",
                            "type": "yes_no",
                            "text": "Used a service?",
                            "next": [{"if": {"step": "used", "equals": "no"}, "goto": "story"}],
                        },
                        {
                            "id": "fair",
                            "type": "scale",
                            "text": "Fair?",
                            "tags": ["equitable"],
                            "options": [
                                {"value": "1", "label": "Never"},
                                {"value": "2", "label": "Sometimes"},
                                {"value": "3", "label": "Always"},
                            ],
                        },
                    ],
                },
                {
                    "id": "two",
                    "steps": [{"id": "story", "type": "free_text", "text": "Tell us."}],
                },
            ],
        }
    )


def step(data: dict[str, Any], step_id: str) -> dict[str, Any]:
    for section in data["sections"]:
        for raw in section["steps"]:
            if raw["id"] == step_id:
                return raw
    raise KeyError(step_id)


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def parse(data: dict[str, Any]) -> LoadedScript:
    return parse_script(dump(data), "t.yaml")


def problems(data: dict[str, Any]) -> list[ScriptProblem]:
    """The errors a script has (it must have some)."""
    try:
        parse(data)
    except ScriptError as exc:
        return exc.problems
    raise AssertionError("expected the script to be rejected")


def messages(data: dict[str, Any]) -> list[str]:
    return [str(p) for p in problems(data)]
