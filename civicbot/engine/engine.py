"""The dialogue engine: (script, state, input) -> outcome. Pure: no I/O of any kind.

:func:`handle` is the one entry point; :func:`current_prompt` re-renders what the
resident should be looking at (used on resume, and when a reply may have been lost in
a crash). Any input in any state gives a reply and never raises; an input that cannot
be taken (a stale or forged button, text where buttons are needed, a sticker) leaves
the state exactly as it was and says why, with the current prompt again.

``paused`` is cleared by any input the engine acts on, and by ``/start``; an input
it turns away leaves it set, so that such an outcome reports ``changed=False``.
"""

from __future__ import annotations

from dataclasses import replace

from civicbot.engine import answering, deliberation, flow
from civicbot.engine.prompt import (
    Result,
    current_prompt,
    directed,
    normalise,
    turn_away,
    with_note,
)
from civicbot.engine.render import Renderer
from civicbot.engine.types import (
    NO_CURSOR,
    Back,
    ConsentGiven,
    DeliberationPool,
    Input,
    Outcome,
    OutMessage,
    Pause,
    Press,
    Record,
    Restarted,
    SessionState,
    SetLanguage,
    Skip,
    Start,
    Status,
    Text,
    Unsupported,
    Voice,
)
from civicbot.engine.ui import unsupported_note
from civicbot.languages import match_name, own_name
from civicbot.script.model import Script

__all__ = ["current_prompt", "handle"]


def handle(
    script: Script, state: SessionState, inp: Input, pool: DeliberationPool | None = None
) -> Outcome:
    """Take one input from a resident and say what changes, what to send and store.

    ``pool`` is what the script's deliberation steps may show (other residents'
    statements, this resident's votes), loaded by the adapter; without it a deliberation
    step has nothing to show but still takes statements.
    """
    if pool is not None:
        state = replace(state, pool=pool)
    current = normalise(script, state)
    if isinstance(inp, Voice) and not answering.takes_voice(script, current):
        inp = Unsupported("voice")
    new, messages, records = _dispatch(script, current, inp)
    changed = new != state or bool(records)
    return Outcome(new, directed(new, tuple(messages)), tuple(records), changed)


def _dispatch(script: Script, state: SessionState, inp: Input) -> Result:
    if isinstance(inp, SetLanguage):
        return _set_language(script, state, inp.language)
    if isinstance(inp, Press):
        token = flow.parse_token(inp.token)
        if token is not None and token.kind == "language":
            return _set_language(script, state, token.language or "", picked=True)
    if state.status == "new" and script.picks_language:
        return _in_picker(script, state, inp)
    if state.status == "new":
        return _show_consent(script, state)
    if state.status == "hello":
        return _in_hello(script, state, inp)
    if state.status == "consent":
        return _in_consent(script, state, inp)
    if state.status == "declined":
        if isinstance(inp, Start):
            return _show_consent(script, state)
        return state, list(current_prompt(script, state)), []
    if state.status == "finished":
        return _in_finished(script, state, inp)
    return _in_active(script, state, inp)


def _show_consent(script: Script, state: SessionState, before: str = "") -> Result:
    """The consent notice from its first layer (or its only one)."""
    if script.consent.intro is not None:
        new = replace(
            state, status="hello", step_id=None, pending=(), cursor=NO_CURSOR, paused=False
        )
        return new, [Renderer(script, new).hello_message(before)], []
    return _show_second_layer(script, state, before)


def _show_second_layer(script: Script, state: SessionState, before: str = "") -> Result:
    new = replace(state, status="consent", step_id=None, pending=(), cursor=NO_CURSOR, paused=False)
    return new, [Renderer(script, new).consent_message(before)], []


def _picker(script: Script, state: SessionState, note: str = "") -> Result:
    return state, [Renderer(script, state).language_picker(note)], []


def _in_picker(script: Script, state: SessionState, inp: Input) -> Result:
    """Before consent, a script in several languages first asks which one: a typed
    language name ("Cymraeg", "Welsh", "cy") chooses it as a button would."""
    if isinstance(inp, Text):
        wanted = match_name(inp.text, script.languages)
        if wanted is not None:
            return _set_language(script, state, wanted, picked=True)
    if isinstance(inp, Pause):
        return state, [OutMessage(Renderer(script, state).word("paused_before_consent"))], []
    return _picker(script, state)


def _set_language(
    script: Script, state: SessionState, language: str, *, picked: bool = False
) -> Result:
    """``/language X``, a typed name in the picker, or a picker button. ``/language``
    alone shows the picker; a language the script lacks is answered with the names of
    those it has, in their own script, and the picker."""
    if not language.strip():
        return _picker(script, state)
    wanted = match_name(language, script.languages)
    if wanted is None:
        available = ", ".join(own_name(c) for c in script.languages)
        note = Renderer(script, state).word("language_unknown", available=available)
        return _picker(script, state, note)
    new = replace(state, language=wanted, paused=False)
    if new.status == "new":
        return _show_consent(script, new)
    if new.status in ("hello", "consent"):
        # The notice again, in the new language, at the layer the resident was reading.
        note = Renderer(script, new).word("language_set")
        return new, with_note(note, current_prompt(script, new)), []
    note = Renderer(script, new).word("language_set")
    if picked and wanted == state.language:
        note = ""
    return new, with_note(note, current_prompt(script, new)), []


# --- before and after the questions ---------------------------------------------------


def _in_hello(script: Script, state: SessionState, inp: Input) -> Result:
    """The first layer of the notice: only "Next" (pressed or typed) moves on."""
    r = Renderer(script, state)
    if isinstance(inp, Press):
        token = flow.parse_token(inp.token)
        if token is not None and token.kind == "consent_more":
            return _show_second_layer(script, state)
        return turn_away(script, state, "stale_button")
    if isinstance(inp, Text):
        typed = inp.text.strip().casefold().rstrip(".!")
        if r.names(inp.text, "next") or typed in ("next", "ok", "okay", "yes", "1"):
            return _show_second_layer(script, state)
        return turn_away(script, state, "choose_next", next=r.word("next"))
    if isinstance(inp, Start):
        new = replace(state, paused=False)
        return new, list(current_prompt(script, new)), []
    if isinstance(inp, Pause):
        return replace(state, paused=True), [OutMessage(r.word("paused_before_consent"))], []
    if isinstance(inp, Unsupported):
        note = unsupported_note(script, r.language, inp.kind)
        return state, with_note(note, current_prompt(script, state)), []
    return turn_away(script, state, "choose_next", next=r.word("next"))


def _in_consent(script: Script, state: SessionState, inp: Input) -> Result:
    r = Renderer(script, state)
    choose = {"agree": r.word("agree"), "decline": r.word("decline")}
    if isinstance(inp, Press):
        token = flow.parse_token(inp.token)
        if token is not None and token.kind == "consent_yes":
            return _agree(script, state)
        if token is not None and token.kind == "consent_no":
            return _decline(script, state)
        return turn_away(script, state, "stale_button")
    if isinstance(inp, Text):
        if r.names(inp.text, "agree") or inp.text.strip().casefold() in ("1", "yes"):
            return _agree(script, state)
        if r.names(inp.text, "decline") or inp.text.strip().casefold() in ("2", "no"):
            return _decline(script, state)
        return turn_away(script, state, "choose_consent", **choose)
    if isinstance(inp, Start):
        new = replace(state, paused=False)
        return new, list(current_prompt(script, new)), []
    if isinstance(inp, Pause):
        # Nothing is saved before consent, so the usual pause note would mislead.
        return replace(state, paused=True), [OutMessage(r.word("paused_before_consent"))], []
    if isinstance(inp, Unsupported):
        note = unsupported_note(script, r.language, inp.kind)
        return state, with_note(note, current_prompt(script, state)), []
    return turn_away(script, state, "choose_consent", **choose)


def _cleared(state: SessionState, status: Status) -> SessionState:
    """``state`` with ``status`` and nothing answered: no answers, history, pending work,
    cursor or pause, at no step (agreeing, declining and restarting all start from here)."""
    return replace(
        state,
        status=status,
        step_id=None,
        answers={},
        history=(),
        pending=(),
        cursor=NO_CURSOR,
        paused=False,
    )


def _agree(script: Script, state: SessionState) -> Result:
    new = _cleared(state, "active")
    records: list[Record] = [ConsentGiven(True, script.consent.version)]
    return answering.advance(script, new, 0, lead="", records=records, came_from=None)


def _decline(script: Script, state: SessionState) -> Result:
    new = _cleared(state, "declined")
    note = Renderer(script, new).word("declined")
    return new, [OutMessage(note)], [ConsentGiven(False, script.consent.version)]


def _in_finished(script: Script, state: SessionState, inp: Input) -> Result:
    wants_restart = isinstance(inp, Start) and inp.restart
    if isinstance(inp, Press):
        token = flow.parse_token(inp.token)
        if token is None or token.kind != "restart":
            return turn_away(script, state, "stale_button")
        wants_restart = True
    if wants_restart:
        if not script.allow_restart:
            return turn_away(script, state, "restart_refused")
        new = _cleared(state, "active")
        return answering.advance(script, new, 0, lead="", records=[Restarted()], came_from=None)
    if isinstance(inp, Back):
        return turn_away(script, state, "back_after_finish")
    return state, list(current_prompt(script, state)), []


def _in_active(script: Script, state: SessionState, inp: Input) -> Result:
    step = flow.current_question(script, state)
    if step is None:  # _normalise makes this unreachable; kept for the type checker
        return state, list(current_prompt(script, state)), []
    r = Renderer(script, state)
    if isinstance(inp, Start):
        new = replace(state, paused=False)
        return new, with_note(r.word("welcome_back"), current_prompt(script, new)), []
    if isinstance(inp, Pause):
        return replace(state, paused=True), [OutMessage(r.word("paused"))], []
    if isinstance(inp, Unsupported):
        note = unsupported_note(script, r.language, inp.kind)
        return state, with_note(note, current_prompt(script, state)), []
    if isinstance(inp, Voice):  # only reaches here on a free-text question
        return answering.voice_answer(script, state, step, inp.ref, inp.duration)
    if step.type == "deliberation":
        return deliberation.handle_input(script, state, step, inp)
    if isinstance(inp, Back):
        return answering.back(script, state)
    if isinstance(inp, Skip):
        return answering.skip(script, state, step)
    if isinstance(inp, Press):
        return answering.press(script, state, step, inp.token)
    if isinstance(inp, Text):
        return answering.typed_text(script, state, step, inp.text)
    return state, list(current_prompt(script, state)), []
