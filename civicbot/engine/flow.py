"""Where the dialogue goes next, and what a button token means.

Steps are addressed by their position in ``script.steps()``, which a round freezes with
its script version, so a token stays meaningful for the life of the round.

Button tokens (each at most :data:`TOKEN_MAX_BYTES` bytes of UTF-8; the adapter may add
its own short prefix within Telegram's 64-byte ``callback_data``):

=========  ===========================================================
``o:N:K``  option K (0-based, as ``options_of`` lists them) of step N
``s:N``    skip step N
``d:N``    confirm ("Done") the selections of multiple-choice step N
``b:N``    go back from step N to the previous question
``c:m``    read on from the consent notice's first layer to its second
``c:y``    agree to the consent notice
``c:n``    decline the consent notice
``r``      start again after finishing (when the script allows it)
``l:CODE`` choose the language CODE (the picker, before consent or after /language)
=========  ===========================================================

A token for a step that is not the current one is stale (a button on an old message);
anything that does not parse is forged. Both change nothing.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Literal

from civicbot.engine.types import AnswerValue, SessionState
from civicbot.script.model import END, Condition, Script, Step

TOKEN_MAX_BYTES = 24

CONSENT_MORE = "c:m"
CONSENT_YES = "c:y"
CONSENT_NO = "c:n"
RESTART = "r"

TokenKind = Literal[
    "option",
    "skip",
    "done",
    "back",
    "consent_more",
    "consent_yes",
    "consent_no",
    "restart",
    "language",
]
_LANGUAGE_TOKEN = re.compile(r"l:([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)")

_STEP_TOKEN = re.compile(r"([osdb]):([0-9]{1,6})(?::([0-9]{1,4}))?")
_STEP_KINDS: dict[str, TokenKind] = {"o": "option", "s": "skip", "d": "done", "b": "back"}


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    step_index: int | None = None
    option: int | None = None
    language: str | None = None


def language_token(code: str) -> str:
    return f"l:{code}"


def option_token(step_index: int, option: int) -> str:
    return f"o:{step_index}:{option}"


def skip_token(step_index: int) -> str:
    return f"s:{step_index}"


def done_token(step_index: int) -> str:
    return f"d:{step_index}"


def back_token(step_index: int) -> str:
    return f"b:{step_index}"


def parse_token(token: str) -> Token | None:
    """What a pressed button asks for, or None when the token is not one of ours."""
    if token == CONSENT_MORE:
        return Token("consent_more")
    if token == CONSENT_YES:
        return Token("consent_yes")
    if token == CONSENT_NO:
        return Token("consent_no")
    if token == RESTART:
        return Token("restart")
    chosen = _LANGUAGE_TOKEN.fullmatch(token)
    if chosen is not None:
        return Token("language", language=chosen.group(1))
    match = _STEP_TOKEN.fullmatch(token)
    if match is None:
        return None
    letter, index, option = match.group(1), int(match.group(2)), match.group(3)
    # Only option tokens carry an option number, and they must.
    if (letter == "o") != (option is not None):
        return None
    return Token(_STEP_KINDS[letter], index, int(option) if option is not None else None)


# --- positions ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Positions:
    """A script's steps in order and each step's position, worked out once per script
    (a walk along the route then looks each step up in constant time)."""

    steps: tuple[Step, ...]
    index: dict[str, int]


# Keyed by the script object's identity: scripts are frozen, and a changed copy
# (``model_copy``) is a new object with positions of its own. An entry goes with its script.
_POSITIONS: dict[int, _Positions] = {}


def _positions(script: Script) -> _Positions:
    key = id(script)
    found = _POSITIONS.get(key)
    if found is None:
        steps = tuple(script.steps())
        index: dict[str, int] = {}
        for i, step in enumerate(steps):
            index.setdefault(step.id, i)  # the first, as a search in order would find
        found = _POSITIONS[key] = _Positions(steps, index)
        weakref.finalize(script, _POSITIONS.pop, key, None)
    return found


def step_index(script: Script, step_id: str | None) -> int | None:
    if step_id is None:
        return None
    return _positions(script).index.get(step_id)


def find_step(script: Script, step_id: str | None) -> Step | None:
    index = step_index(script, step_id)
    return None if index is None else _positions(script).steps[index]


def current_question(script: Script, state: SessionState) -> Step | None:
    """The question the resident is on, if the session is active and it exists."""
    if state.status != "active":
        return None
    step = find_step(script, state.step_id)
    return step if step is not None and step.is_question else None


def first_question(script: Script) -> Step | None:
    return next((s for s in script.steps() if s.is_question), None)


# --- answers and branches -------------------------------------------------------------


def live_answers(state: SessionState) -> dict[str, AnswerValue]:
    """Answers on the current route: questions in ``history``. Answers left behind on a
    branch the resident backed out of must not steer branches or fill in texts."""
    route = set(state.history)
    return {k: v for k, v in state.answers.items() if k in route}


def condition_holds(condition: Condition, answers: dict[str, AnswerValue]) -> bool:
    """Whether ``condition`` matches. A question not on the route matches nothing; a
    tuple answer (multiple choice) matches when any of its members does."""
    if condition.step not in answers:
        return False
    value = answers[condition.step]
    if condition.skipped is not None:
        return (value is None) == condition.skipped
    if value is None:
        return False
    members = value if isinstance(value, tuple) else (value,)
    if condition.equals is not None:
        return condition.equals in members
    if condition.any_of is not None:
        return any(m in condition.any_of for m in members)
    return False


def next_index(script: Script, step: Step, answers: dict[str, AnswerValue]) -> int | None:
    """The index of the step after ``step``: the first branch that holds, else the next
    in script order. None means the dialogue is finished."""
    steps = _positions(script).steps
    for branch in step.next:
        if condition_holds(branch.when, answers):
            if branch.goto == END:
                return None
            target = step_index(script, branch.goto)
            if target is not None:
                return target
            # A dangling target (the validator rejects these) falls through to order.
            break
    here = step_index(script, step.id)
    if here is None or here + 1 >= len(steps):
        return None
    return here + 1


# --- progress -------------------------------------------------------------------------


def route_ahead(script: Script, state: SessionState) -> list[str]:
    """The questions still to come after the current one, on the route being taken.

    Branches follow the resident's answers so far; a question not yet answered steers
    as its ``assume`` says (a "tell us more?" gate assumes the short route), otherwise
    as if none of its branches held. Questions already on the route are not counted
    twice (a loop back ends the walk). Each step on the way is looked up in constant
    time, so the walk takes time in proportion to the script's length."""
    current = find_step(script, state.step_id)
    if current is None:
        return []
    answers = dict(live_answers(state))
    steps = _positions(script).steps
    ahead: list[str] = []
    seen = set(state.history) | {current.id}
    step = current
    while True:
        if step.id not in answers and step.assume is not None and step.is_question:
            answers[step.id] = step.assume
        index = next_index(script, step, answers)
        if index is None:
            return ahead
        step = steps[index]
        if step.id in seen:
            return ahead
        seen.add(step.id)
        if step.is_question:
            ahead.append(step.id)


def progress(script: Script, state: SessionState) -> tuple[int, int] | None:
    """("Question n of total") for the current question, counted on the route being
    taken: the questions answered or skipped on it, this one, and those ahead."""
    if current_question(script, state) is None:
        return None
    done = len(state.history)
    return done + 1, done + 1 + len(route_ahead(script, state))
