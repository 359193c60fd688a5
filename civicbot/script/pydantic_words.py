"""Turns pydantic's validation errors on a script into plain words.

Pydantic reports a path (``sections.0.steps.3.options.1.value``) and a terse message; a
script writer wants "step 'care_q': option 2: the value 'a b' may only use ...". The
path still finds the line in the YAML.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from civicbot.script.model import Branch, Condition, Consent, Option, Script, Section, Step
from civicbot.script.problems import Loc, Locator, ScriptProblem

# Pydantic tags each member of the ``str | dict[str, str]`` text union in the path.
_TEXT_TAGS = ("str", "dict[str,str]")

_CHILD_MODELS: dict[tuple[type[BaseModel], str], type[BaseModel]] = {
    (Script, "consent"): Consent,
    (Script, "sections"): Section,
    (Section, "steps"): Step,
    (Step, "options"): Option,
    (Step, "next"): Branch,
    (Branch, "if"): Condition,
}

_PATTERN_WORDS = {
    "^[a-z0-9_]+$": "may only use lowercase letters a-z, digits and _",
    "^[a-z0-9_-]+$": "may only use lowercase letters a-z, digits, _ and -",
    "^[A-Za-z0-9_.+-]+$": "may only use letters, digits and _ . + - (no spaces)",
}


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_at(loc: Loc) -> type[BaseModel]:
    """The model that owns the last key of ``loc``."""
    model: type[BaseModel] = Script
    for key in loc[:-1]:
        if isinstance(key, str):
            model = _CHILD_MODELS.get((model, key), model)
    return model


def _step_id(data: Any, loc: Loc) -> tuple[str | None, Loc]:
    """The id of the step the path points into (or ``#n`` when it has no usable id),
    and the rest of the path inside that step."""
    if len(loc) >= 4 and loc[0] == "sections" and loc[2] == "steps":
        try:
            raw = data["sections"][loc[1]]["steps"][loc[3]]
        except (KeyError, IndexError, TypeError):
            raw = None
        step_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(step_id, str):
            step_id = f"#{int(loc[3]) + 1} in section {int(loc[1]) + 1}"
        return step_id, loc[4:]
    return None, loc


def _where(rest: Loc) -> str:
    """``('options', 1, 'value')`` -> ``option 2, 'value'``."""
    words: list[str] = []
    singular = {"options": "option", "next": "branch rule", "sections": "section", "steps": "step"}
    index = 0
    while index < len(rest):
        key = rest[index]
        following = rest[index + 1] if index + 1 < len(rest) else None
        if isinstance(key, str) and isinstance(following, int) and key in singular:
            words.append(f"{singular[key]} {following + 1}")
            index += 2
            continue
        words.append(f"{key!r}" if isinstance(key, str) else f"item {key + 1}")
        index += 1
    return ", ".join(words)


def _phrase(error: ErrorDetails, loc: Loc) -> str:
    kind = error["type"]
    key = loc[-1] if loc else None
    ctx = error.get("ctx") or {}
    shown = repr(error["input"]) if not isinstance(error["input"], dict | list) else "this"
    if kind == "missing":
        return f"{key!r} is missing" if key is not None else "something is missing"
    if kind == "extra_forbidden" and isinstance(key, str):
        known = _keys_of(_model_at(loc))
        close = difflib.get_close_matches(key, known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(known)})"
        return f"unknown key {key!r}{hint}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        rule = _PATTERN_WORDS.get(pattern, f"must match {pattern}")
        return f"{shown} {rule}"
    if kind in ("string_type",):
        return "should be text"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "should be a mapping (key: value lines)"
    if kind == "list_type":
        return "should be a list (lines starting with -)"
    if kind == "int_parsing" or kind == "int_type":
        return f"{shown} should be a whole number"
    if kind == "bool_parsing" or kind == "bool_type":
        return f"{shown} should be true or false"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{shown} is too small (it must be at least {ctx.get('ge', ctx.get('gt'))})"
    if kind == "less_than_equal":
        return f"{shown} is too big (it can be at most {ctx.get('le')})"
    if kind == "string_too_short":
        return "should not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    # Anything else: pydantic's own words, which are plain enough.
    return str(error["msg"]).rstrip(".")


def _collapse_text_unions(errors: list[ErrorDetails]) -> list[tuple[ErrorDetails, Loc]]:
    """One error per text field instead of one per member of the union."""
    out: list[tuple[ErrorDetails, Loc]] = []
    seen_plain: set[Loc] = set()
    for error in errors:
        loc: Loc = tuple(error["loc"])
        tag_at = next((i for i, k in enumerate(loc) if k in _TEXT_TAGS), None)
        if tag_at is None:
            out.append((error, loc))
            continue
        prefix, tag, rest = loc[:tag_at], loc[tag_at], loc[tag_at + 1 :]
        if isinstance(error["input"], dict) or rest:
            # The writer gave a mapping: only the mapping reading's errors help.
            if tag == "dict[str,str]":
                out.append((error, prefix + rest))
        elif prefix not in seen_plain:
            seen_plain.add(prefix)
            plain: ErrorDetails = {
                "type": "text_type",
                "loc": prefix,
                "msg": "should be text, or a mapping from language to text",
                "input": error["input"],
            }
            out.append((plain, prefix))
    return out


def translate(exc: ValidationError, data: Any, file: str, locate: Locator) -> list[ScriptProblem]:
    """Plain-word problems for every error pydantic found."""
    problems: list[ScriptProblem] = []
    for error, loc in _collapse_text_unions(exc.errors()):
        step, rest = _step_id(data, loc)
        # A missing or unknown key names itself; say only where it belongs.
        names_key = error["type"] in ("missing", "extra_forbidden")
        where = _where(rest[:-1] if names_key else rest)
        message = _phrase(error, loc)
        if where:
            message = f"{where}: {message}"
        problems.append(ScriptProblem(file, step, locate(loc), message))
    return problems
