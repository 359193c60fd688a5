"""Tokens and branch conditions."""

from __future__ import annotations

import pytest

from civicbot.engine.flow import (
    TOKEN_MAX_BYTES,
    Token,
    condition_holds,
    next_index,
    option_token,
    parse_token,
)
from civicbot.engine.types import AnswerValue
from civicbot.script.model import Condition

from .scripts import load


def test_tokens_round_trip_and_stay_short() -> None:
    token = option_token(999_999, 9_999)
    assert len(token.encode()) <= TOKEN_MAX_BYTES
    assert parse_token(token) == Token("option", 999_999, 9_999)
    assert parse_token("s:4") == Token("skip", 4)
    assert parse_token("d:0") == Token("done", 0)
    assert parse_token("b:7") == Token("back", 7)
    assert parse_token("c:y") == Token("consent_yes")
    assert parse_token("r") == Token("restart")


@pytest.mark.parametrize("token", ["o:1234567:0", "s:", "s:1:2", "o:1", "O:1:0", " s:1", "s:1\n"])
def test_malformed_tokens_do_not_parse(token: str) -> None:
    assert parse_token(token) is None


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        (Condition(step="a", equals="x"), {"a": "x"}, True),
        (Condition(step="a", equals="x"), {"a": "y"}, False),
        (Condition(step="a", equals="x"), {"a": ("y", "x")}, True),
        (Condition(step="a", equals="x"), {"a": None}, False),
        (Condition(step="a", equals="x"), {}, False),
        (Condition(step="a", any_of=["x", "z"]), {"a": "z"}, True),
        (Condition(step="a", any_of=["x", "z"]), {"a": ("y",)}, False),
        (Condition(step="a", any_of=["x", "z"]), {"a": ("y", "z")}, True),
        (Condition(step="a", skipped=True), {"a": None}, True),
        (Condition(step="a", skipped=True), {"a": "x"}, False),
        (Condition(step="a", skipped=True), {}, False),  # never asked is not skipped
        (Condition(step="a", skipped=False), {"a": "x"}, True),
    ],
)
def test_conditions(condition: Condition, answers: dict[str, AnswerValue], expected: bool) -> None:
    assert condition_holds(condition, answers) is expected


def test_next_index_follows_the_first_branch_that_holds_else_order() -> None:
    script = load()
    steps = script.steps()
    used = steps[2]
    assert next_index(script, used, {"used": "no"}) == 4
    assert next_index(script, used, {"used": "yes"}) == 3
    values = steps[4]
    assert next_index(script, values, {"values": ("love",)}) is None
    assert next_index(script, steps[-1], {}) is None
