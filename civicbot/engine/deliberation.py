"""Deliberation steps: residents write short statements for others to consider, and vote
Agree / Disagree / Pass on other residents' statements, one at a time.

Pure like the rest of the engine: the statements a step can show come in as a
:class:`~civicbot.engine.types.DeliberationPool` on the state (loaded by the adapter
before each input); a vote becomes a :class:`~civicbot.engine.types.VoteCast` record and
a statement a :class:`~civicbot.engine.types.StatementWritten` record, with personal data
masked (``civicbot_analysis.scrub``) in what others will see. What is on screen, and which
statement comes next, is :mod:`civicbot.engine.deliberation_view`.

Button tokens (all within :data:`~civicbot.engine.flow.TOKEN_MAX_BYTES`):

===============  ==========================================================
``v:N:ID:a|d|p``  agree with, disagree with, or pass on statement ID in step N
``w:N``          write a statement (the next text typed is it)
``k:N``          back to the statements, without writing
``u:N``          change my last vote: show that statement again
``x:N``          stop, and move on to the next step
===============  ==========================================================

Any text typed in the step is a statement (the step invites them), unless it is one of
the step's button words (typed "agree" votes on the statement on screen). ``/skip`` moves
on; ``/back`` re-shows the last statement voted on in the step, or, before any vote,
goes back to the previous question.
"""

from __future__ import annotations

import re
from dataclasses import replace

from civicbot.engine import answering, flow
from civicbot.engine import deliberation_view as view
from civicbot.engine.prompt import Result, turn_away
from civicbot.engine.render import Renderer
from civicbot.engine.types import (
    NO_CURSOR,
    Back,
    Input,
    PoolStatement,
    Press,
    SessionState,
    Skip,
    StatementWritten,
    Text,
    VoteCast,
)
from civicbot.safeguarding.detect import screen
from civicbot.script.model import Script, Step
from civicbot_analysis.scrub import find_pii, scrub

_TOKEN = re.compile(r"v:([0-9]{1,6}):([0-9]{1,12}):([adp])|([wkux]):([0-9]{1,6})")
_PLAIN_VOTES: dict[str, int] = {"agree": 1, "disagree": -1, "pass": 0, "unsure": 0}
_PLAIN_STOP = frozenset({"stop", "move on", "next", "skip"})


def handle_input(script: Script, state: SessionState, step: Step, inp: Input) -> Result:
    """One input (a press, text, skip or back) in deliberation step ``step``."""
    if isinstance(inp, Press):
        return _press(script, state, step, inp.token)
    if isinstance(inp, Text):
        return _typed(script, state, step, inp.text)
    if isinstance(inp, Skip):
        return leave(script, state, step)
    if isinstance(inp, Back):
        if state.cursor.last is not None:
            return _change_last(script, state, step)
        return answering.back(script, state)
    return state, [view.screen(script, state, step)], []


def leave(script: Script, state: SessionState, step: Step) -> Result:
    """Stop deliberating: the step joins the route (so ``back`` can return to it) and the
    dialogue moves on. A deliberation step has no answer of its own to store."""
    new = replace(
        state, history=(*state.history, step.id), pending=(), cursor=NO_CURSOR, paused=False
    )
    lead = view.word(script, Renderer(script, new).language, "delib_left")
    target = flow.next_index(script, step, flow.live_answers(new))
    return answering.advance(script, new, target, lead=lead, records=[], came_from=step)


def _press(script: Script, state: SessionState, step: Step, raw: str) -> Result:
    match = _TOKEN.fullmatch(raw)
    if match is None:
        # Our generic tokens (back, skip) work here too; anything else is stale.
        token = flow.parse_token(raw)
        if token is not None and token.kind == "skip":
            here = flow.step_index(script, step.id)
            return leave(script, state, step) if token.step_index == here else _stale(script, state)
        return answering.press(script, state, step, raw)
    here = flow.step_index(script, step.id)
    index = int(match.group(1) or match.group(5))
    if index != here:
        return _stale(script, state)
    if match.group(2) is not None:
        return _vote(script, state, step, int(match.group(2)), view.VOTES[match.group(3)])
    letter = match.group(4)
    if letter == "x":
        return leave(script, state, step)
    if letter == "u":
        return _change_last(script, state, step)
    if letter == "k":
        new = view.settle(_without_writing(state), step)
        return new, [view.screen(script, new, step)], []
    return _start_writing(script, state, step)


def _stale(script: Script, state: SessionState) -> Result:
    return turn_away(script, state, "stale_button")


def _note(script: Script, state: SessionState, step: Step, key: str, **values: object) -> Result:
    """Say something and show the step again, changing nothing."""
    text = view.word(script, Renderer(script, state).language, key, **values)
    return state, [view.screen(script, state, step, before=text)], []


def _without_writing(state: SessionState) -> SessionState:
    return replace(state, cursor=replace(state.cursor, writing=False))


def _vote(script: Script, state: SessionState, step: Step, statement_id: int, vote: int) -> Result:
    here = view.candidates(state, step)
    statement = here.get(statement_id)
    if statement is None:
        # Not one this resident may vote on (their own, rejected, forged, another step).
        return _stale(script, state)
    pool = view.pool_of(state)
    before = pool.voted.get(statement_id)
    limit = step.max_votes
    if before is None and limit is not None and view.votes_here(state, step) >= limit:
        return _note(script, state, step, "delib_enough_votes")
    # The pool travels on with the vote counted, so the next choice already knows it.
    statements = tuple(
        replace(s, votes=s.votes + 1) if s.id == statement_id and before is None else s
        for s in pool.statements
    )
    voted = {**pool.voted, statement_id: vote}
    new = replace(state, pool=replace(pool, statements=statements, voted=voted))
    new = view.with_cursor(new, shown=None, last=statement_id, writing=False)
    new = view.settle(new, step)
    key = "delib_voted" if before is None else "delib_vote_changed"
    lead = view.word(script, Renderer(script, new).language, key)
    record = VoteCast(step.id, statement.id, vote)
    return new, [view.screen(script, new, step, before=lead)], [record]


def _change_last(script: Script, state: SessionState, step: Step) -> Result:
    last = state.cursor.last
    if last is None or last not in view.candidates(state, step):
        return _note(script, state, step, "delib_nothing_to_change")
    new = view.with_cursor(state, shown=last, last=last, writing=False)
    return new, [view.screen(script, new, step)], []


def _start_writing(script: Script, state: SessionState, step: Step) -> Result:
    if step.max_statements == 0:
        return _stale(script, state)
    if not view.can_write(state, step):
        return _note(script, state, step, "delib_max_written", max=step.max_statements)
    new = view.with_cursor(state, shown=None, last=state.cursor.last, writing=True)
    return new, [view.screen(script, new, step)], []


def _plain(text: str) -> str:
    return " ".join(text.strip().casefold().rstrip(".!").split())


def _typed_word(script: Script, state: SessionState, typed: str) -> str | None:
    """Which button a typed reply names, if any: "a", "d", "p" for votes, "x" to stop."""
    wanted = _plain(typed)
    language = Renderer(script, state).language
    for letter, vote in view.VOTES.items():
        label = _plain(view.word(script, language, view.VOTE_WORDS[vote]))
        plain_words = {w for w, v in _PLAIN_VOTES.items() if v == vote}
        if wanted == label or wanted in plain_words:
            return letter
    if wanted in _PLAIN_STOP or wanted == _plain(view.word(script, language, "delib_stop")):
        return "x"
    return None


def _typed(script: Script, state: SessionState, step: Step, typed: str) -> Result:
    letter = _typed_word(script, state, typed)
    if letter == "x":
        return leave(script, state, step)
    shown: PoolStatement | None = None
    if not state.cursor.writing:
        shown = view.on_screen(state, step)
    if letter is not None and shown is not None:
        return _vote(script, state, step, shown.id, view.VOTES[letter])
    if step.max_statements == 0:
        return turn_away(script, state, "use_buttons")
    return _write(script, state, step, typed)


def _write(script: Script, state: SessionState, step: Step, typed: str) -> Result:
    text = " ".join(typed.split())  # one line, however it was typed
    if not text:
        return turn_away(script, state, "empty_text")
    if not view.can_write(state, step):
        return _note(script, state, step, "delib_max_written", max=step.max_statements)
    if len(text) > step.statement_max_length:
        limit = step.statement_max_length
        return _note(script, state, step, "delib_too_long", max=limit, count=len(text))
    personal = tuple(dict.fromkeys(span.kind for span in find_pii(text)))
    # A statement that discloses (or may disclose) a risk of harm is never shown unreviewed.
    risk = screen(text).tier
    found = personal + (("safeguarding",) if risk == 1 else ("may disclose",) if risk == 2 else ())
    flagged = bool(found)
    shown_text = scrub(text) if personal else text
    pool = view.pool_of(state)
    written = {**pool.written, step.id: pool.written.get(step.id, 0) + 1}
    new = replace(state, pool=replace(pool, written=written))
    new = view.settle(_without_writing(new), step)
    language = Renderer(script, new).language
    review = flagged or pool.requires_approval
    notes = [view.word(script, language, "delib_saved_review" if review else "delib_saved")]
    if personal:
        notes.append(view.word(script, language, "delib_masked", text=shown_text))
    record = StatementWritten(step.id, text, shown_text, found)
    return new, [view.screen(script, new, step, before="\n\n".join(notes))], [record]
