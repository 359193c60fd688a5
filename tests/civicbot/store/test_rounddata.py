"""round_data: the analysis input, built from stored rows and the frozen script."""

from __future__ import annotations

from civicbot.engine.types import AnswerGiven, ConsentGiven, Finished, SessionState
from civicbot.store import Store, parse_frozen_script, questions_of
from civicbot_analysis.rounddata import Answer, Question

from .conftest import SCRIPT, Clock, new_round


def test_questions_come_from_the_frozen_script() -> None:
    questions = questions_of(parse_frozen_script(SCRIPT))
    assert questions == (
        Question("matters", "free_text", "What matters most to you?", ("care", "belonging"),
                 (), "values"),
        Question("which", "multi_choice", "Which services did you use?", (),
                 (("gp", "GP"), ("council", "Council"), ("1", "Other")), "values"),
        Question("treated", "scale", "Were you treated as a person?", ("relational",),
                 (("never", "Never"), ("sometimes", "Sometimes"), ("always", "Always")),
                 "experience"),
        Question("early", "yes_no", "Did help come early?", (),
                 (("yes", "Yes"), ("no", "No")), "experience"),
    )  # fmt: skip


async def test_round_data(store: Store, clock: Clock) -> None:
    round_id = await new_round(store, title="Spring")
    await store.close_round(round_id)  # a closed round still gives its data
    started = {}
    plan = {
        # resident: (consented, records after consent)
        "r-ann": (True, (AnswerGiven("matters", "Being heard"), AnswerGiven("which", ("gp", "1")),
                         AnswerGiven("treated", "always"),
                         AnswerGiven("age", "35_64", demographic="age_band"),
                         Finished(("matters", "which", "treated", "age")))),
        "r-bob": (True, (AnswerGiven("matters", None), AnswerGiven("treated", "never"),
                         AnswerGiven("age", "prefer_not", demographic="age_band"))),
        "r-cat": (False, ()),
    }  # fmt: skip
    for resident, (agreed, records) in plan.items():
        started[resident] = clock.advance(60)
        await store.apply_outcome(
            update_id=None,
            round_id=round_id,
            resident=resident,
            state=SessionState(status="active" if agreed else "declined"),
            records=(ConsentGiven(agreed, 1), *records),
        )

    data = await store.round_data(round_id)

    assert data.round_id == str(round_id) and data.title == "Spring"
    assert data.language == "en" and not data.simulated
    assert data.closed_at is not None and data.opened_at is not None
    assert [q.id for q in data.questions] == ["matters", "which", "treated", "early"]
    # r-cat declined consent: not a resident of the round's data.
    assert [(r.id, r.demographics) for r in data.residents] == [
        ("r-ann", {"age_band": "35_64"}),
        ("r-bob", {"age_band": "prefer_not"}),
    ]
    ann, bob = data.residents
    assert ann.started_at == started["r-ann"] and ann.finished_at == started["r-ann"]
    assert bob.started_at == started["r-bob"] and bob.finished_at is None
    assert sorted((a.resident, a.question, a.value) for a in data.answers) == [
        ("r-ann", "matters", "Being heard"),
        ("r-ann", "treated", "always"),
        ("r-ann", "which", "1"),
        ("r-ann", "which", "gp"),
        ("r-bob", "treated", "never"),
    ]
    assert all(isinstance(a, Answer) and a.answered_at is not None for a in data.answers)


async def test_round_data_of_a_simulated_round(store: Store) -> None:
    round_id = await store.create_round(
        title="Demo",
        script_id="test-round",
        script_version=2,
        script_source=SCRIPT,
        script_sha256="0" * 64,
        simulated=True,
    )
    data = await store.round_data(round_id)
    assert data.simulated and data.residents == () and data.answers == ()
