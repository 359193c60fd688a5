"""What a deliberation step shows: which statement comes next, and the screen itself.

A deliberation step's screen is built from the session state and the
:class:`~civicbot.engine.types.DeliberationPool` riding on it (loaded by the adapter).
What is on screen is kept in ``SessionState.cursor``, a
:class:`~civicbot.engine.types.DeliberationCursor`, so a resident who comes back sees the
same statement. Sessions stored before the cursor existed kept it as marks in
``pending`` (``s:ID`` on screen, ``l:ID`` last vote, ``w`` writing); :func:`from_marks`
still reads them.

The next statement is the one with the fewest votes so far (oldest first among equals)
that the resident has not voted on and did not write, so every statement gathers votes
and nobody is asked the same thing twice.
"""

from __future__ import annotations

import re
from dataclasses import replace

from civicbot import i18n
from civicbot.engine import flow
from civicbot.engine.render import Renderer, clip
from civicbot.engine.types import (
    NO_CURSOR,
    Button,
    DeliberationCursor,
    DeliberationPool,
    OutMessage,
    PoolStatement,
    SessionState,
)
from civicbot.script.model import Script, Step

_MARK = re.compile(r"([sl]):([0-9]{1,12})|w")

VOTES: dict[str, int] = {"a": 1, "d": -1, "p": 0}
VOTE_WORDS: dict[int, str] = {1: "delib_agree", -1: "delib_disagree", 0: "delib_pass"}

# The step's own words. A script may replace or translate any of them in its ``ui``
# mapping, as it can the engine's other words.
WORDS: dict[str, str] = {
    "delib_agree": "👍 Agree",
    "delib_disagree": "👎 Disagree",
    "delib_pass": "Pass / unsure",
    "delib_write": "✍ Write a statement",
    "delib_stop": "Move on ➜",
    "delib_change": "↩ Change my last vote",
    "delib_keep_voting": "Back to the statements",
    "delib_card": "Someone in this conversation said:\n\n“{text}”\n\nDo you agree?",
    "delib_card_seed": "To start the conversation:\n\n“{text}”\n\nDo you agree?",
    "delib_your_vote": "Your vote now: {vote}. Choose again if you've changed your mind.",
    "delib_type_hint": "Or type a statement of your own for others to consider.",
    "delib_none_left": (
        "You've seen every statement shared so far, thank you! "
        "You can write one of your own, or move on."
    ),
    "delib_none_left_no_writing": "You've seen every statement shared so far, thank you!",
    "delib_enough_votes": (
        "That's all the statements we'll ask you about here, thank you for weighing in."
    ),
    "delib_write_hint": (
        "Type your statement below, in your own words, in up to {max} characters. "
        "Others will see it without your name, and can agree or disagree."
    ),
    "delib_saved": "Thank you, your statement is saved. Others will see it as they vote.",
    "delib_saved_review": (
        "Thank you, your statement is saved. Someone from the team will read it "
        "before others see it."
    ),
    "delib_masked": "To keep people's details private, others will see it as: “{text}”",
    "delib_too_long": (
        "That's a little long for a statement: please keep it under {max} characters "
        "(this one has {count}). Shorter statements are easier for others to vote on."
    ),
    "delib_max_written": (
        "Thank you, you've shared {max} statements, the most this step takes. "
        "You can keep voting, or move on."
    ),
    "delib_voted": "Noted.",
    "delib_vote_changed": "Vote changed.",
    "delib_nothing_to_change": "There's no vote to change yet.",
    "delib_left": "Thank you for weighing in.",
}


def word(script: Script, language: str, key: str, **values: object) -> str:
    """The step's word ``key``: the script's own (``ui``) if it has one, else ours."""
    text = ""
    for lang in (language, script.default_language):
        text = script.ui.get(lang, {}).get(key, "")
        if text:
            break
    default = i18n.translate(language, f"ui.{key}", WORDS.get(key, key))
    try:
        return (text or default).format(**values)
    except (KeyError, IndexError, ValueError, AttributeError):
        # A script override with a broken placeholder: use our own wording instead.
        return default.format(**values)


# --- the cursor -------------------------------------------------------------------------


def from_marks(pending: tuple[str, ...]) -> DeliberationCursor:
    """The cursor that a session stored before it existed kept as marks in ``pending``
    (``s:ID``, ``l:ID``, ``w``); anything else there is ignored."""
    shown = last = None
    writing = False
    for mark in pending:
        match = _MARK.fullmatch(mark)
        if match is None:
            continue
        if mark == "w":
            writing = True
        elif match.group(1) == "s" and shown is None:
            shown = int(match.group(2))
        elif match.group(1) == "l" and last is None:
            last = int(match.group(2))
    return DeliberationCursor(shown, last, writing)


def with_cursor(
    state: SessionState, *, shown: int | None, last: int | None, writing: bool
) -> SessionState:
    cursor = DeliberationCursor(shown, last, writing)
    return replace(state, cursor=cursor, pending=(), paused=False)


# --- the pool ---------------------------------------------------------------------------


def pool_of(state: SessionState) -> DeliberationPool:
    return state.pool if state.pool is not None else DeliberationPool()


def candidates(state: SessionState, step: Step) -> dict[int, PoolStatement]:
    """Statements of this step the resident may vote on: never their own."""
    pool = pool_of(state)
    return {s.id: s for s in pool.statements if s.step_id == step.id and s.id not in pool.mine}


def votes_here(state: SessionState, step: Step) -> int:
    here = candidates(state, step)
    return sum(1 for sid in pool_of(state).voted if sid in here)


def can_write(state: SessionState, step: Step) -> bool:
    return pool_of(state).written.get(step.id, 0) < step.max_statements


def next_statement(state: SessionState, step: Step) -> PoolStatement | None:
    """The statement to show next: fewest votes so far, not voted on, not their own;
    None when there is none left or the step's ``max_votes`` is reached."""
    if step.max_votes is not None and votes_here(state, step) >= step.max_votes:
        return None
    voted = pool_of(state).voted
    unvoted = [s for s in candidates(state, step).values() if s.id not in voted]
    return min(unvoted, key=lambda s: (s.votes, s.id), default=None)


def on_screen(state: SessionState, step: Step) -> PoolStatement | None:
    """The statement the screen shows: the marked one while it may still be shown
    (a re-shown one may already carry a vote, which can then be changed), else the next."""
    shown = state.cursor.shown
    here = candidates(state, step)
    if shown is not None and shown in here:
        return here[shown]
    return next_statement(state, step)


def settle(state: SessionState, step: Step) -> SessionState:
    """``state`` with the statement on screen marked, so it stays the same on resume."""
    writing = state.cursor.writing
    current = None if writing else on_screen(state, step)
    return with_cursor(
        state,
        shown=None if current is None else current.id,
        last=state.cursor.last,
        writing=writing,
    )


# --- tokens -----------------------------------------------------------------------------


def vote_token(step_index: int, statement_id: int, letter: str) -> str:
    return f"v:{step_index}:{statement_id}:{letter}"


def write_token(step_index: int) -> str:
    return f"w:{step_index}"


def stop_token(step_index: int) -> str:
    return f"x:{step_index}"


def change_token(step_index: int) -> str:
    return f"u:{step_index}"


def keep_voting_token(step_index: int) -> str:
    return f"k:{step_index}"


# --- the screen -------------------------------------------------------------------------


def statement_text(script: Script, state: SessionState, step: Step, s: PoolStatement) -> str:
    """A seed in the resident's language when the script has it; else as stored."""
    if s.seed is not None and 0 <= s.seed < len(step.seed_statements):
        r = Renderer(script, state)
        return r.pick(step.seed_statements[s.seed]) or s.text
    return s.text


def screen(
    script: Script,
    state: SessionState,
    step: Step,
    *,
    before: str = "",
    after: str = "",
    intro: bool | None = None,
) -> OutMessage:
    """The deliberation step as the resident should see it now. ``intro`` shows the
    step's own text first (by default: when nothing of the step is on screen yet)."""
    r = Renderer(script, state)
    lang = r.language
    index = flow.step_index(script, step.id)
    assert index is not None  # a step of this script
    writable = can_write(state, step) and step.max_statements > 0
    parts = [before]
    if intro if intro is not None else state.cursor == NO_CURSOR:
        parts.append(r.text(step.text))  # the step's introduction, on arrival only
    rows: list[tuple[Button, ...]] = []
    writing = state.cursor.writing
    current = None if writing else on_screen(state, step)
    if writing:
        parts.append(word(script, lang, "delib_write_hint", max=step.statement_max_length))
        rows.append((Button(word(script, lang, "delib_keep_voting"), keep_voting_token(index)),))
    elif current is not None:
        key = "delib_card_seed" if current.seed is not None else "delib_card"
        parts.append(word(script, lang, key, text=statement_text(script, state, step, current)))
        vote = pool_of(state).voted.get(current.id)
        if vote is not None:
            parts.append(
                word(script, lang, "delib_your_vote", vote=word(script, lang, VOTE_WORDS[vote]))
            )
        if writable:
            parts.append(word(script, lang, "delib_type_hint"))
        rows.append(
            tuple(
                Button(word(script, lang, VOTE_WORDS[v]), vote_token(index, current.id, letter))
                for letter, v in VOTES.items()
            )
        )
    elif step.max_votes is not None and votes_here(state, step) >= step.max_votes:
        parts.append(word(script, lang, "delib_enough_votes"))
    else:
        key = "delib_none_left" if writable else "delib_none_left_no_writing"
        parts.append(word(script, lang, key))
    if writable and not writing:
        rows.append((Button(word(script, lang, "delib_write"), write_token(index)),))
    last = state.cursor.last
    if last is not None and (current is None or current.id != last):
        rows.append((Button(word(script, lang, "delib_change"), change_token(index)),))
    rows.append((Button(word(script, lang, "delib_stop"), stop_token(index)),))
    parts.append(after)
    body = clip("\n\n".join(p for p in parts if p) or "…")
    return OutMessage(body, tuple(rows), step_id=step.id)
