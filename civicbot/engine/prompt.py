"""What the resident should be looking at, and the small helpers every handler shares.

:func:`current_prompt` re-renders the current screen (the consent notice, the current
question with its buttons, a finished or declined note); :func:`normalise` repairs a
state that does not fit the script; :func:`turn_away` answers an input the engine
cannot take, leaving the state exactly as it was.
"""

from __future__ import annotations

from dataclasses import replace

from civicbot.engine import deliberation_view, flow
from civicbot.engine.render import Renderer, clip, language_of
from civicbot.engine.types import (
    NO_CURSOR,
    Button,
    DeliberationPool,
    OutMessage,
    Record,
    SessionState,
)
from civicbot.languages import for_direction, is_rtl
from civicbot.script.model import Script, options_of

# What a handler gives back: the new state, messages to send, records to store.
Result = tuple[SessionState, list[OutMessage], list[Record]]


def current_prompt(
    script: Script, state: SessionState, pool: DeliberationPool | None = None
) -> tuple[OutMessage, ...]:
    """What the resident should see now (see :func:`_prompt`), readable in their
    language's direction."""
    shown = _prompt(script, state, pool)
    return directed(normalise(script, state), shown)


def _prompt(
    script: Script, state: SessionState, pool: DeliberationPool | None = None
) -> tuple[OutMessage, ...]:
    """What the resident should see now: the consent notice, the current question with
    its buttons, or a note that they have finished or declined. ``pool`` is what a
    deliberation step may show (see :func:`civicbot.engine.engine.handle`)."""
    if pool is not None:
        state = replace(state, pool=pool)
    state = normalise(script, state)
    r = Renderer(script, state)
    if state.status == "new" and script.picks_language:
        return (r.language_picker(),)
    if state.status == "hello" or (state.status == "new" and script.consent.intro is not None):
        return (r.hello_message(),)
    if state.status in ("new", "consent"):
        return (r.consent_message(),)
    step = flow.current_question(script, state)
    if step is not None and step.type == "deliberation":
        return (deliberation_view.screen(script, state, step),)
    if step is not None:
        return (r.question_message(step),)
    if state.status == "declined":
        return (OutMessage(r.word("declined")),)
    text = r.word("already_done")
    if not script.allow_restart:
        return (OutMessage(text),)
    text = f"{text} {r.word('restart_hint', restart=r.word('restart'))}"
    return (OutMessage(text, ((Button(r.word("restart"), flow.RESTART),),)),)


def normalise(script: Script, state: SessionState) -> SessionState:
    """Repair a state that does not fit the script (a language it lacks, a step it does
    not have), so every handler can rely on a well-formed state."""
    language = language_of(script, state)
    cleared = replace(state, language=language, pending=(), cursor=NO_CURSOR)
    if state.status != "active":
        return replace(cleared, step_id=None)
    step = flow.current_question(script, state)
    if step is None:
        first = flow.first_question(script)
        if first is None:
            return replace(cleared, status="finished", step_id=None)
        return replace(cleared, step_id=first.id, history=())
    if step.type == "deliberation":
        # What is on screen in a deliberation step (see ``deliberation_view``); a session
        # stored before the cursor existed kept it as marks in ``pending``.
        cursor = state.cursor
        if cursor == NO_CURSOR:
            cursor = deliberation_view.from_marks(state.pending)
        return replace(cleared, cursor=cursor)
    values = {o.value for o in options_of(step)} if step.type == "multi_choice" else set()
    return replace(cleared, pending=tuple(v for v in state.pending if v in values))


def directed(state: SessionState, messages: tuple[OutMessage, ...]) -> tuple[OutMessage, ...]:
    """Messages made readable in a right-to-left language (see ``civicbot.languages``)."""
    if not is_rtl(state.language):
        return messages
    return tuple(replace(m, text=for_direction(state.language, m.text)) for m in messages)


def with_note(note: str, messages: tuple[OutMessage, ...] | list[OutMessage]) -> list[OutMessage]:
    """Put a short note at the top of the first message rather than sending another."""
    out = list(messages)
    if not note:
        return out
    if out and not out[0].edit:
        out[0] = replace(out[0], text=clip(f"{note}\n\n{out[0].text}"))
        return out
    return [OutMessage(note), *out]


def turn_away(script: Script, state: SessionState, key: str, **values: object) -> Result:
    """Turn an input away: the state stays exactly as it was."""
    note = Renderer(script, state).word(key, **values)
    return state, with_note(note, current_prompt(script, state)), []
