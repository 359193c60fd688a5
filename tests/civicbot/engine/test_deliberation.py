"""Deliberation steps in the engine: statements, votes, what comes next, and leaving.

``World`` stands in for the store the way the adapter uses it: it builds each resident's
:class:`DeliberationPool` before an input and applies the records after, so several
residents can deliberate together without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import yaml

from civicbot.engine import Press, SessionState, Skip, Start, Text, current_prompt, handle
from civicbot.engine.flow import TOKEN_MAX_BYTES
from civicbot.engine.types import (
    Back,
    DeliberationPool,
    Input,
    Outcome,
    PoolStatement,
    StatementWritten,
    VoteCast,
)
from civicbot.script.model import Script

SCRIPT = """
id: delib
version: 1
title: Futures
languages: [en, cy]
ask_language: false
consent: {version: 1, text: {en: "OK to take part?", cy: "Iawn?"}}
finish: {en: "All done, thank you.", cy: "Diolch."}
sections:
  - id: main
    steps:
      - id: first
        type: free_text
        text: {en: "What helped you?", cy: "Beth helpodd?"}
      - id: talk
        type: deliberation
        max_statements: 2
        text: {en: "Hear from others.", cy: "Clywed eraill."}
        seed_statements:
          - {en: "Help should come early.", cy: "Dylai help ddod yn gynnar."}
          - {en: "Tell my story once.", cy: "Dweud fy stori unwaith."}
      - id: last
        type: free_text
        text: {en: "Anything else?", cy: "Unrhyw beth arall?"}
"""


def load(**step_changes: object) -> Script:
    data = yaml.safe_load(SCRIPT)
    data["sections"][0]["steps"][1].update(step_changes)
    return Script.model_validate(data)


@dataclass
class Stored:
    id: int
    author: str | None
    text: str
    seed: int | None = None
    approved: bool = True


@dataclass
class World:
    script: Script
    statements: list[Stored] = field(default_factory=list)
    votes: dict[tuple[str, int], int] = field(default_factory=dict)
    requires_approval: bool = False

    def __post_init__(self) -> None:
        for k, seed in enumerate(self.script.steps()[1].seed_statements):
            text = seed if isinstance(seed, str) else seed["en"]
            self.statements.append(Stored(len(self.statements) + 1, None, text, seed=k))

    def pool(self, resident: str) -> DeliberationPool:
        counts: dict[int, int] = {}
        for (_, sid), _vote in self.votes.items():
            counts[sid] = counts.get(sid, 0) + 1
        return DeliberationPool(
            statements=tuple(
                PoolStatement(s.id, "talk", s.text, counts.get(s.id, 0), s.seed)
                for s in self.statements
                if s.approved and s.author != resident
            ),
            mine=frozenset(s.id for s in self.statements if s.author == resident),
            voted={sid: v for (who, sid), v in self.votes.items() if who == resident},
            written={"talk": sum(1 for s in self.statements if s.author == resident)},
            requires_approval=self.requires_approval,
        )

    def apply(self, resident: str, outcome: Outcome) -> None:
        for record in outcome.records:
            if isinstance(record, StatementWritten):
                approved = not (record.flagged or self.requires_approval)
                sid = len(self.statements) + 1
                self.statements.append(Stored(sid, resident, record.shown_text, None, approved))
            elif isinstance(record, VoteCast):
                self.votes[(resident, record.statement_id)] = record.vote


class Resident:
    def __init__(self, world: World, name: str) -> None:
        self.world = world
        self.name = name
        self.state = SessionState()
        self.last = Outcome(self.state)

    def __call__(self, inp: Input) -> Outcome:
        outcome = handle(self.world.script, self.state, inp, pool=self.world.pool(self.name))
        self.world.apply(self.name, outcome)
        self.state = outcome.state
        self.last = outcome
        return outcome

    @property
    def text(self) -> str:
        return "\n---\n".join(m.text for m in self.last.messages)

    def tokens(self) -> dict[str, str]:
        return {b.label: b.token for m in self.last.messages for row in m.buttons for b in row}

    def press(self, label: str) -> Outcome:
        return self(Press(self.tokens()[label]))

    def arrive(self) -> None:
        """Consent, answer the first question, and stand at the deliberation step."""
        self(Start())
        self(Press("c:y"))
        self(Text("Being listened to."))
        assert self.state.step_id == "talk"

    def shown(self) -> int | None:
        """The statement the vote buttons are for, from their tokens."""
        for token in self.tokens().values():
            if token.startswith("v:"):
                return int(token.split(":")[2])
        return None

    def vote(self, label: str = "👍 Agree") -> VoteCast:
        outcome = self.press(label)
        (record,) = outcome.records
        assert isinstance(record, VoteCast)
        return record


def test_arriving_shows_the_intro_and_a_seed_with_vote_buttons() -> None:
    ana = Resident(World(load()), "ana")
    ana.arrive()
    assert "Hear from others." in ana.text
    assert "Help should come early." in ana.text
    labels = set(ana.tokens())
    assert {
        "👍 Agree",
        "👎 Disagree",
        "Pass / unsure",
        "✍ Write a statement",
        "Move on ➜",
    } <= labels
    assert all(len(t.encode()) <= TOKEN_MAX_BYTES for t in ana.tokens().values())


def test_seeds_follow_the_residents_language() -> None:
    world = World(load())
    cy = Resident(world, "cy")
    cy.state = SessionState(language="cy")
    cy.arrive()
    assert "Dylai help ddod yn gynnar." in cy.text


def test_votes_are_recorded_and_never_repeat() -> None:
    world = World(load())
    ana = Resident(world, "ana")
    ana.arrive()
    seen = []
    while (shown := ana.shown()) is not None:
        seen.append(shown)
        record = ana.vote("👎 Disagree")
        assert record == VoteCast("talk", shown, -1)
    assert sorted(seen) == [1, 2]
    assert "You've seen every statement" in ana.text
    assert world.votes == {("ana", 1): -1, ("ana", 2): -1}


def test_the_next_statement_is_the_one_with_fewest_votes() -> None:
    world = World(load())
    for voter in ("x", "y"):
        world.votes[(voter, 1)] = 1
    world.statements.append(Stored(3, "zed", "More youth clubs."))
    world.votes[("x", 3)] = 1
    ana = Resident(world, "ana")
    ana.arrive()
    assert ana.shown() == 2  # no votes yet
    ana.vote()
    assert ana.shown() == 3  # one vote
    ana.vote()
    assert ana.shown() == 1  # two votes


def test_a_resident_never_sees_their_own_statement() -> None:
    world = World(load(seed_statements=[]))
    ana, ben = Resident(world, "ana"), Resident(world, "ben")
    ana.arrive()
    assert ana.shown() is None
    ana(Text("Buses should run later in the evening."))
    assert "your statement is saved" in ana.text
    assert ana.shown() is None  # her own is not offered to her
    ben.arrive()
    assert "Buses should run later" in ben.text
    # A forged vote on her own statement changes nothing.
    own = world.statements[0].id
    outcome = ana(Press(f"v:1:{own}:a"))
    assert outcome.records == () and not outcome.changed


def test_writing_a_statement_records_it_scrubbed_and_flagged() -> None:
    world = World(load())
    ana = Resident(world, "ana")
    ana.arrive()
    ana.press("✍ Write a statement")
    assert "up to 280 characters" in ana.text
    assert ana.shown() is None
    outcome = ana(Text("Ring me on 07700 900123   about the\nlibrary"))
    (record,) = outcome.records
    assert isinstance(record, StatementWritten)
    assert record.text == "Ring me on 07700 900123 about the library"
    assert record.flagged and "07700" not in record.shown_text and "[phone]" in record.shown_text
    assert "read it before others see it" in ana.text
    assert "[phone]" in ana.text
    assert ana.shown() is not None  # straight back to voting


def test_statements_over_the_limit_get_a_kind_note() -> None:
    ana = Resident(World(load()), "ana")
    ana.arrive()
    outcome = ana(Text("a" * 281))
    assert outcome.records == () and not outcome.changed
    assert "under 280 characters" in ana.text and "this one has 281" in ana.text
    outcome = ana(Text("b" * 280))
    assert isinstance(outcome.records[0], StatementWritten)


def test_a_resident_writes_at_most_max_statements() -> None:
    ana = Resident(World(load()), "ana")
    ana.arrive()
    ana(Text("One."))
    ana(Text("Two."))
    assert "✍ Write a statement" not in ana.tokens()
    outcome = ana(Text("Three."))
    assert outcome.records == ()
    assert "the most this step takes" in ana.text


def test_approval_required_says_a_person_reads_it_first() -> None:
    world = World(load(), requires_approval=True)
    ana = Resident(world, "ana")
    ana.arrive()
    ana(Text("Nothing personal here."))
    assert "read it before others see it" in ana.text
    ben = Resident(world, "ben")
    ben.arrive()
    assert "Nothing personal here." not in ben.text  # not approved yet


def test_changing_the_last_vote() -> None:
    world = World(load())
    ana = Resident(world, "ana")
    ana.arrive()
    first = ana.shown()
    assert first is not None
    ana.vote("👍 Agree")
    ana.press("↩ Change my last vote")
    assert ana.shown() == first
    assert "Your vote now: 👍 Agree" in ana.text
    record = ana.vote("👎 Disagree")
    assert record == VoteCast("talk", first, -1)
    assert "Vote changed." in ana.text
    assert world.votes[("ana", first)] == -1
    assert ana.shown() != first


def test_back_changes_the_last_vote_then_goes_to_the_previous_question() -> None:
    world = World(load())
    ana = Resident(world, "ana")
    ana.arrive()
    ana(Back())  # no vote yet: back to the previous question
    assert ana.state.step_id == "first"
    ana(Text("Kindness."))
    first = ana.shown()
    ana.vote()
    ana(Back())
    assert ana.shown() == first and ana.state.step_id == "talk"


def test_a_vote_from_an_old_card_changes_that_vote() -> None:
    world = World(load())
    ana = Resident(world, "ana")
    ana.arrive()
    old_card = ana.tokens()
    first = ana.shown()
    ana.vote()
    ana(Press(old_card["Pass / unsure"]))
    assert world.votes[("ana", first)] == 0  # type: ignore[index]


def test_typed_agree_votes_on_the_statement_on_screen() -> None:
    world = World(load())
    ana = Resident(world, "ana")
    ana.arrive()
    shown = ana.shown()
    outcome = ana(Text("Agree"))
    assert outcome.records == (VoteCast("talk", shown, 1),)  # type: ignore[arg-type]


def test_stop_moves_on_and_back_returns() -> None:
    world = World(load())
    ana = Resident(world, "ana")
    ana.arrive()
    ana.press("Move on ➜")
    assert ana.state.step_id == "last"
    assert "Thank you for weighing in." in ana.text and "Anything else?" in ana.text
    ana(Back())
    assert ana.state.step_id == "talk" and ana.shown() is not None
    ana(Skip())
    ana(Text("No, thanks."))
    assert ana.state.status == "finished"
    assert "talk" in ana.state.history


def test_max_votes_ends_the_voting() -> None:
    world = World(load(max_votes=1))
    ana = Resident(world, "ana")
    ana.arrive()
    ana.vote()
    assert ana.shown() is None
    assert "That's all the statements" in ana.text


def test_stale_and_forged_tokens_change_nothing() -> None:
    world = World(load())
    ana = Resident(world, "ana")
    ana.arrive()
    for token in ("v:9:1:a", "v:1:999:a", "v:1:1:z", "x:0", "w:7", "u:1"):
        before = ana.state
        outcome = ana(Press(token))
        assert outcome.records == ()
        assert ana.state == before


def test_resume_shows_the_same_statement() -> None:
    world = World(load())
    ana = Resident(world, "ana")
    ana.arrive()
    shown = ana.shown()
    world.votes[("zed", 2)] = 1  # others vote meanwhile
    world.votes[("zed", 1)] = 1
    (message,) = current_prompt(world.script, ana.state, world.pool("ana"))
    assert any(f":{shown}:" in b.token for row in message.buttons for b in row)


def test_without_a_pool_the_step_still_takes_statements() -> None:
    script = load()
    state = SessionState()
    for inp in (Start(),):
        state = handle(script, state, inp).state
    outcome = handle(script, state, Press("c:y"))
    outcome = handle(script, outcome.state, Text("Kindness."))
    assert "You've seen every statement" in outcome.messages[0].text
    outcome = handle(script, outcome.state, Text("Libraries matter."))
    assert isinstance(outcome.records[0], StatementWritten)


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_turned_away(text: str) -> None:
    ana = Resident(World(load()), "ana")
    ana.arrive()
    assert ana(Text(text)).records == ()


def test_a_statement_disclosing_harm_waits_for_review() -> None:
    world = World(load())
    ana = Resident(world, "ana")
    ana.arrive()
    ana.press("✍ Write a statement")
    outcome = ana(Text("I want to end my life, nobody at the council listens"))
    (record,) = outcome.records
    assert isinstance(record, StatementWritten)
    assert record.found == ("safeguarding",) and record.flagged
    assert record.shown_text == record.text  # nothing personal to mask
    assert "read it before others see it" in ana.text


def test_a_statement_that_may_disclose_harm_waits_for_review() -> None:
    world = World(load())
    ana = Resident(world, "ana")
    ana.arrive()
    ana.press("✍ Write a statement")
    (record,) = ana(Text("honestly i cant cope anymore, nothing will ever get better")).records
    assert isinstance(record, StatementWritten)
    assert record.found == ("may disclose",) and record.flagged
    assert "read it before others see it" in ana.text
