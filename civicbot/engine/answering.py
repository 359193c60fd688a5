"""Answering questions: taking an answer, skip, back, multiple-choice selections, and
moving on through message steps to the next question or the finish."""

from __future__ import annotations

from dataclasses import replace

from civicbot.engine import deliberation_view, flow
from civicbot.engine.prompt import Result, normalise, turn_away, with_note
from civicbot.engine.render import Renderer, clip, language_of, quote
from civicbot.engine.types import (
    NO_CURSOR,
    VOICE_ANSWER,
    AnswerGiven,
    AnswerValue,
    Finished,
    OutMessage,
    Record,
    SessionState,
    VoiceKept,
)
from civicbot.engine.ui import acknowledgement
from civicbot.script.model import PREFER_NOT, Script, Step, options_of


def _finish(script: Script, state: SessionState) -> tuple[SessionState, OutMessage, Record]:
    # Answers left on a branch the resident backed out of are dropped here, as the
    # store drops them on Finished.
    new = replace(
        state,
        status="finished",
        step_id=None,
        pending=(),
        cursor=NO_CURSOR,
        paused=False,
        answers=flow.live_answers(state),
    )
    text = clip(Renderer(script, new).text(script.finish) or "…")
    return new, OutMessage(text), Finished(path=state.history)


def advance(
    script: Script,
    state: SessionState,
    start: int | None,
    *,
    lead: str,
    records: list[Record],
    came_from: Step | None,
) -> Result:
    """Send message steps from ``start`` until a question (which becomes current) or
    the end (which finishes). ``lead`` opens the first message (an acknowledgement)."""
    steps = script.steps()
    sections = {step.id: section for section in script.sections for step in section.steps}
    previous_section = sections[came_from.id].id if came_from is not None else None
    r = Renderer(script, state)
    live = flow.live_answers(state)
    messages: list[OutMessage] = []
    seen: set[int] = set()
    index = start
    # ``seen`` stops a loop of message steps branching to each other.
    while index is not None and index < len(steps) and index not in seen:
        seen.add(index)
        step = steps[index]
        section = sections[step.id]
        title = ""
        if section.id != previous_section and section.title is not None:
            title = r.text(section.title)
        previous_section = section.id
        if step.is_question:
            new = replace(
                state, status="active", step_id=step.id, pending=(), cursor=NO_CURSOR, paused=False
            )
            if step.type == "deliberation":
                new = deliberation_view.settle(new, step)
                messages.append(
                    deliberation_view.screen(script, new, step, before=title, intro=True)
                )
            else:
                messages.append(Renderer(script, new).question_message(step, before=title))
            return new, with_note(lead, messages), records
        body = "\n\n".join(p for p in (title, r.text(step.text)) if p)
        if body:
            messages.append(OutMessage(clip(body)))
        index = flow.next_index(script, step, live)
    new, message, record = _finish(script, state)
    # The finish text thanks the resident itself; an acknowledgement before it would
    # say the same twice.
    lead = lead if messages else ""
    return new, with_note(lead, [*messages, message]), [*records, record]


def take_answer(
    script: Script,
    state: SessionState,
    step: Step,
    value: AnswerValue,
    *,
    voice: VoiceKept | None = None,
) -> Result:
    answers = {**state.answers, step.id: value}
    history = (*state.history, step.id)
    new = replace(
        state, answers=answers, history=history, pending=(), cursor=NO_CURSOR, paused=False
    )
    language = language_of(script, new)
    if voice is not None:
        lead = Renderer(script, new).word("voice_kept")
    elif value is None:
        skipped = sum(1 for k in history if new.answers.get(k) is None)
        lead = acknowledgement(script, language, skipped - 1, "ack_skip")
    else:
        lead = acknowledgement(script, language, len(history))
    records: list[Record] = [AnswerGiven(step.id, value, demographic=step.demographic)]
    if voice is not None:
        records.append(voice)
    target = flow.next_index(script, step, flow.live_answers(new))
    return advance(script, new, target, lead=lead, records=records, came_from=step)


def takes_voice(script: Script, state: SessionState) -> bool:
    """Whether a voice note can answer where the resident is now: a free-text question
    (not an "about you" one, whose answers are counted by value)."""
    step = flow.current_question(script, state)
    return step is not None and step.type == "free_text" and step.demographic is None


def voice_answer(
    script: Script, state: SessionState, step: Step, ref: str, duration: int
) -> Result:
    """A voice note answers the free-text question ``step``: counted now, its words come
    later from a transcript."""
    kept = VoiceKept(step.id, ref, max(0, duration))
    return take_answer(script, state, step, VOICE_ANSWER, voice=kept)


def skip(script: Script, state: SessionState, step: Step) -> Result:
    if not step.optional:
        return turn_away(script, state, "not_optional")
    return take_answer(script, state, step, None)


def back(script: Script, state: SessionState) -> Result:
    if not state.history:
        return turn_away(script, state, "first_question")
    previous = flow.find_step(script, state.history[-1])
    if previous is None or not previous.is_question:
        return turn_away(script, state, "first_question")
    value = state.answers.get(previous.id)
    pending: tuple[str, ...] = ()
    if previous.type == "multi_choice" and isinstance(value, tuple):
        pending = value
    new = replace(
        state,
        step_id=previous.id,
        history=state.history[:-1],
        pending=pending,
        cursor=NO_CURSOR,
        paused=False,
    )
    new = normalise(script, new)
    if previous.type == "deliberation":
        new = deliberation_view.settle(new, previous)
        return new, [deliberation_view.screen(script, new, previous, intro=True)], []
    r = Renderer(script, new)
    if previous.id not in state.answers:
        after = ""
    elif value is None:
        after = r.word("you_skipped")
    else:
        after = r.word("you_said", answer=quote(r.answer_words(previous, value)))
    return new, [r.question_message(previous, after=after)], []


def press(script: Script, state: SessionState, step: Step, raw: str) -> Result:
    token = flow.parse_token(raw)
    here = flow.step_index(script, step.id)
    if token is None or token.step_index is None or token.step_index != here:
        return turn_away(script, state, "stale_button")
    options = options_of(step) if step.type != "free_text" else []
    if token.kind == "option" and token.option is not None and token.option < len(options):
        if step.type == "multi_choice":
            return _toggle(script, state, step, token.option, edit=True)
        return take_answer(script, state, step, options[token.option].value)
    if token.kind == "skip" and step.optional:
        return take_answer(script, state, step, None)
    if token.kind == "done" and step.type == "multi_choice":
        return _confirm(script, state, step)
    if token.kind == "back":
        return back(script, state)
    return turn_away(script, state, "stale_button")


def typed_text(script: Script, state: SessionState, step: Step, typed: str) -> Result:
    if step.type == "free_text":
        answer = typed.strip()
        if not answer:
            return turn_away(script, state, "empty_text")
        if len(answer) > step.max_length:
            return turn_away(script, state, "too_long", max=step.max_length)
        return take_answer(script, state, step, answer)
    r = Renderer(script, state)
    choice = r.match_option(step, typed)
    if choice is not None:
        if step.type == "multi_choice":
            return _toggle(script, state, step, choice, edit=False)
        return take_answer(script, state, step, options_of(step)[choice].value)
    if step.type == "multi_choice" and r.names(typed, "done"):
        return _confirm(script, state, step)
    if r.names(typed, "skip"):
        return skip(script, state, step)
    if r.names(typed, "back"):
        return back(script, state)
    return turn_away(script, state, "use_buttons")


def _toggle(script: Script, state: SessionState, step: Step, choice: int, *, edit: bool) -> Result:
    options = options_of(step)
    value = options[choice].value
    chosen = set(state.pending)
    if value in chosen:
        chosen.discard(value)
    elif value == PREFER_NOT:
        # "Prefer not to say" stands alone: it clears the other choices, and they it.
        chosen = {value}
    else:
        chosen.discard(PREFER_NOT)
        if step.max_choices is not None and len(chosen) >= step.max_choices:
            return turn_away(script, state, "too_many", max=step.max_choices)
        chosen.add(value)
    pending = tuple(o.value for o in options if o.value in chosen)
    new = replace(state, pending=pending, paused=False)
    return new, [Renderer(script, new).question_message(step, edit=edit)], []


def _confirm(script: Script, state: SessionState, step: Step) -> Result:
    if len(state.pending) < step.min_choices:
        return turn_away(script, state, "too_few", min=step.min_choices)
    if step.max_choices is not None and len(state.pending) > step.max_choices:
        return turn_away(script, state, "too_many", max=step.max_choices)
    return take_answer(script, state, step, tuple(state.pending))
