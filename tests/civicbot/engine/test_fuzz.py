"""Whatever a resident sends, in any order, the engine replies, never raises, and keeps
its state well-formed; and nothing is recorded without consent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicbot.engine import (
    AnswerGiven,
    Back,
    ConsentGiven,
    Finished,
    Input,
    Outcome,
    Pause,
    Press,
    Restarted,
    SessionState,
    SetLanguage,
    Skip,
    Start,
    Text,
    Unsupported,
    current_prompt,
    handle,
)
from civicbot.script.model import Script, options_of

from .scripts import load

SCRIPTS = (load(), load(allow_restart=False))
LANGS = st.sampled_from(["en", "cy", "fr", "", "EN", "x" * 40])
TOKENS = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"[osdbcr]:[0-9]{1,3}(:[0-9]{1,3})?", fullmatch=True),
    st.sampled_from(["c:y", "c:n", "r", "b:0", "o:1:0", "o:4:3", "d:4", "s:1"]),
)
TEXTS = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["1", "2", "3", "yes", "No", "Done", "skip", "back", "I agree", "Care"]),
    st.sampled_from(["x" * 2100, "é " * 1000, "😀" * 4096]),
)


ANY_INPUT: st.SearchStrategy[Input] = st.one_of(
    st.builds(Start, restart=st.booleans()),
    st.builds(Text, TEXTS),
    st.builds(Press, TOKENS),
    st.just(Skip()),
    st.just(Back()),
    st.just(Pause()),
    st.builds(SetLanguage, LANGS),
    st.builds(Unsupported, st.sampled_from(["voice", "photo", "sticker", "weird", ""])),
)
# Strategies are built once: building them per draw costs more than the engine.
PICK = st.integers(0, 2**16)


def draw_input(data: st.DataObject, last: Outcome | None) -> Input:
    pressable = [b.token for m in last.messages for row in m.buttons for b in row] if last else []
    # Pressing what was just shown is what residents mostly do.
    if pressable and data.draw(PICK) % 3:
        return Press(pressable[data.draw(PICK) % len(pressable)])
    return data.draw(ANY_INPUT)


def check_state(script: Script, state: SessionState) -> None:
    questions = {s.id: s for s in script.steps() if s.is_question}
    assert state.status in ("new", "consent", "active", "finished", "declined")
    assert state.language in script.languages
    if state.status == "active":
        assert state.step_id in questions
        step = questions[state.step_id]
        allowed = {o.value for o in options_of(step)} if step.type == "multi_choice" else set()
        assert set(state.pending) <= allowed
        assert len(set(state.pending)) == len(state.pending)
    else:
        assert state.step_id is None
        assert state.pending == ()
    for step_id in state.history:
        assert step_id in questions
        assert step_id in state.answers
    if state.status in ("new", "consent", "declined"):
        assert state.answers == {} or state.status == "consent"


def check_outcome(script: Script, before: SessionState, outcome: Outcome) -> None:
    assert outcome.messages, "every input gets a reply"
    for message in outcome.messages:
        assert message.text.strip()
        assert len(message.text.encode("utf-16-le")) // 2 <= 4096
        assert sum(len(row) for row in message.buttons) <= 100
        tokens = [b.token for row in message.buttons for b in row]
        assert len(set(tokens)) == len(tokens)
        for row in message.buttons:
            assert 1 <= len(row) <= 8
            for button in row:
                assert 1 <= len(button.token.encode()) <= 24
                assert button.label.strip()
    if not outcome.changed:
        assert outcome.state == before
        assert outcome.records == ()


def check_records(script: Script, records: list[object]) -> None:
    """Answers only while consent stands; a finish names the route answered."""
    questions = {s.id: s for s in script.steps() if s.is_question}
    consented = False
    for record in records:
        if isinstance(record, ConsentGiven):
            consented = record.agreed
        elif isinstance(record, AnswerGiven):
            assert consented
            step = questions[record.step_id]
            assert record.value is not None or step.optional
            assert record.demographic == step.demographic
        elif isinstance(record, Finished | Restarted):
            assert consented


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), which=st.sampled_from(range(len(SCRIPTS))))
def test_random_input_sequences(data: st.DataObject, which: int) -> None:
    script = SCRIPTS[which]
    state = SessionState()
    last: Outcome | None = None
    records: list[object] = []
    for _ in range(data.draw(st.integers(0, 30))):
        inp = draw_input(data, last)
        outcome = handle(script, state, inp)
        check_outcome(script, state, outcome)
        check_state(script, outcome.state)
        records.extend(outcome.records)
        assert current_prompt(script, outcome.state)
        state, last = outcome.state, outcome
    check_records(script, records)


ANY_IDS = st.sampled_from(["mood", "used", "story", "values", "who", "more", "hello", "nope", ""])
ANY_VALUES = st.one_of(st.none(), st.text(max_size=10), st.lists(st.text(max_size=5)).map(tuple))


@settings(max_examples=150, deadline=None)
@given(
    state=st.builds(
        SessionState,
        status=st.sampled_from(["new", "consent", "active", "finished", "declined"]),
        step_id=st.one_of(st.none(), ANY_IDS),
        language=LANGS,
        answers=st.dictionaries(ANY_IDS, ANY_VALUES, max_size=4),
        history=st.lists(ANY_IDS, max_size=4).map(tuple),
        pending=st.lists(st.sampled_from(["care", "love", "x"]), max_size=3).map(tuple),
        paused=st.booleans(),
    ),
    inp=ANY_INPUT,
)
def test_odd_stored_states_never_crash(state: SessionState, inp: Input) -> None:
    script = SCRIPTS[0]
    outcome = handle(script, state, inp)
    assert outcome.messages
    assert current_prompt(script, state)
