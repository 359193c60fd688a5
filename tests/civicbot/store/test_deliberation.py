"""Statements and votes in the store: seeds, the pool, moderation, /forget, RoundData,
and the opinion groups and Pol.is export built from a round with votes."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from civicbot.engine.types import SessionState, StatementWritten, VoteCast
from civicbot.script.load import parse_script
from civicbot.store import Store
from civicbot_analysis.opinions import opinion_groups
from civicbot_analysis.polis import read_polis, write_polis
from tests.civicbot.store.conftest import Clock

SCRIPT = """\
id: talk
version: 1
title: {en: Futures, cy: Dyfodol}
languages: [en, cy]
consent: {version: 1, text: {en: "OK?", cy: "Iawn?"}}
finish: {en: "Thanks.", cy: "Diolch."}
sections:
  - id: main
    steps:
      - id: first
        type: free_text
        text: {en: "What helped?", cy: "Beth helpodd?"}
      - id: talk
        type: deliberation
        text: {en: "Hear from others.", cy: "Clywed eraill."}
        seed_statements:
          - {en: "Help should come early.", cy: "Dylai help ddod yn gynnar."}
          - {en: "Tell my story once.", cy: "Dweud fy stori unwaith."}
"""


async def new_round(store: Store, *, requires_approval: bool = False) -> int:
    round_id = await store.create_round(
        title="Futures",
        script_id="talk",
        script_version=1,
        script_source=SCRIPT,
        script_sha256=hashlib.sha256(SCRIPT.encode()).hexdigest(),
        status="open",
    )
    if requires_approval:
        await store.set_round_options(round_id, requires_approval=True)
    return round_id


SCRIPT_MODEL = parse_script(SCRIPT, "talk.yaml").script
ACTIVE = SessionState(status="active", step_id="talk")


async def join(store: Store, user_id: int, round_id: int) -> str:
    """Register a resident who consented and stands at the deliberation step."""
    from civicbot.engine.types import ConsentGiven

    resident = await store.register_identity(user_id, user_id)
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=resident,
        state=ACTIVE,
        records=[ConsentGiven(True, 1)],
    )
    return resident


async def write(store: Store, round_id: int, resident: str, text: str, *found: str) -> int:
    record = StatementWritten("talk", text, text if not found else "[masked]", tuple(found))
    await store.apply_outcome(
        update_id=None, round_id=round_id, resident=resident, state=ACTIVE, records=[record]
    )
    rows = await store.statements(round_id)
    return max(r.id for r in rows if r.resident == resident)


async def vote(store: Store, round_id: int, resident: str, statement_id: int, v: int) -> None:
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=resident,
        state=ACTIVE,
        records=[VoteCast("talk", statement_id, v)],
    )


async def test_seeds_are_added_once_and_shown(store: Store) -> None:
    round_id = await new_round(store)
    ana = await join(store, 1, round_id)
    pool = await store.deliberation_pool(round_id, ana, SCRIPT_MODEL)
    again = await store.deliberation_pool(round_id, ana, SCRIPT_MODEL)
    assert [(s.text, s.seed) for s in pool.statements] == [
        ("Help should come early.", 0),
        ("Tell my story once.", 1),
    ]
    assert again.statements == pool.statements
    assert await store.add_seed_statements(round_id, SCRIPT_MODEL) == 0
    rows = await store.statements(round_id)
    assert [r.resident for r in rows] == [None, None]
    assert {r.status for r in rows} == {"approved"}


async def test_pool_excludes_own_and_counts_votes(store: Store) -> None:
    round_id = await new_round(store)
    ana, ben = await join(store, 1, round_id), await join(store, 2, round_id)
    await store.add_seed_statements(round_id, SCRIPT_MODEL)
    own = await write(store, round_id, ana, "Buses should run later.")
    await vote(store, round_id, ben, own, 1)
    await vote(store, round_id, ana, 1, -1)
    await vote(store, round_id, ana, 1, 0)  # changed: one vote, the latest

    ana_pool = await store.deliberation_pool(round_id, ana, SCRIPT_MODEL)
    ben_pool = await store.deliberation_pool(round_id, ben, SCRIPT_MODEL)
    assert own not in {s.id for s in ana_pool.statements}
    assert ana_pool.mine == frozenset({own}) and ana_pool.written == {"talk": 1}
    assert ana_pool.voted == {1: 0}
    counts = {s.id: s.votes for s in ben_pool.statements}
    assert counts[own] == 1 and counts[1] == 1 and counts[2] == 0
    assert ben_pool.voted == {own: 1} and not ben_pool.requires_approval


async def test_flagged_statement_waits_for_moderation(store: Store) -> None:
    round_id = await new_round(store)
    ana, ben = await join(store, 1, round_id), await join(store, 2, round_id)
    sid = await write(store, round_id, ana, "Call Jo on 07700 900123", "phone")
    assert sid not in {
        s.id for s in (await store.deliberation_pool(round_id, ben, SCRIPT_MODEL)).statements
    }
    assert await store.moderation_status(round_id, "statement", str(sid), ana) == "pending"
    item = await store.next_for_moderation(round_id)
    assert item is not None and item.kind == "statement" and item.text == "[masked]"
    assert item.reasons == ("phone",)
    assert await store.decide(item.id, "approved", "facilitator")
    shown = {
        s.id: s.text
        for s in (await store.deliberation_pool(round_id, ben, SCRIPT_MODEL)).statements
    }
    assert shown[sid] == "[masked]"  # others see the scrubbed text only


async def test_round_requiring_approval_queues_every_statement(store: Store) -> None:
    round_id = await new_round(store, requires_approval=True)
    ana, ben = await join(store, 1, round_id), await join(store, 2, round_id)
    sid = await write(store, round_id, ana, "Libraries are lifelines.")
    pool = await store.deliberation_pool(round_id, ben, SCRIPT_MODEL)
    assert pool.requires_approval and sid not in {s.id for s in pool.statements}
    item = await store.next_for_moderation(round_id)
    assert item is not None and item.reasons == ("approval required",)
    await store.decide(item.id, "rejected", "facilitator")
    pool = await store.deliberation_pool(round_id, ben, SCRIPT_MODEL)
    assert sid not in {s.id for s in pool.statements}
    data = await store.round_data(round_id)
    assert {s.id: s.moderated for s in data.statements}[str(sid)] == -1


async def test_vote_on_a_vanished_statement_is_dropped(store: Store) -> None:
    round_id = await new_round(store)
    ana = await join(store, 1, round_id)
    await vote(store, round_id, ana, 999, 1)
    assert (await store.round_data(round_id)).votes == ()


async def test_forget_deletes_statements_and_votes_on_them(store: Store, db_path: Path) -> None:
    round_id = await new_round(store)
    ana, ben = await join(store, 1, round_id), await join(store, 2, round_id)
    await store.add_seed_statements(round_id, SCRIPT_MODEL)
    own = await write(store, round_id, ana, "Words only Ana wrote.")
    await vote(store, round_id, ana, 1, 1)
    await vote(store, round_id, ben, own, 1)
    await vote(store, round_id, ben, 1, -1)
    mine = await store.mydata(ana)
    assert [r["text"] for r in mine["statements"]] == ["Words only Ana wrote."]
    assert len(mine["votes"]) == 1

    await store.forget(ana)

    with sqlite3.connect(db_path) as conn:
        texts = [r[0] for r in conn.execute("SELECT text FROM statements")]
        votes = list(conn.execute("SELECT resident, statement_id, vote FROM votes"))
    assert "Words only Ana wrote." not in texts and len(texts) == 2  # the seeds stay
    assert votes == [(ben, 1, -1)]  # Ben's vote on Ana's statement went with it


async def test_round_data_carries_statements_and_votes(store: Store, clock: Clock) -> None:
    round_id = await new_round(store)
    ana, ben = await join(store, 1, round_id), await join(store, 2, round_id)
    await store.add_seed_statements(round_id, SCRIPT_MODEL)
    sid = await write(store, round_id, ana, "Parks matter.")
    await vote(store, round_id, ben, sid, 1)
    clock.advance()
    await vote(store, round_id, ben, 1, -1)
    data = await store.round_data(round_id)
    assert [(s.id, s.text, s.author, s.moderated) for s in data.statements] == [
        ("1", "Help should come early.", None, 1),
        ("2", "Tell my story once.", None, 1),
        (str(sid), "Parks matter.", ana, 1),
    ]
    assert [(v.resident, v.statement, v.vote) for v in data.votes] == [
        (ben, str(sid), 1),
        (ben, "1", -1),
    ]
    # The deliberation step is not a question of the round.
    assert [q.id for q in data.questions] == ["first"]


async def _camps(store: Store, round_id: int) -> None:
    """Twelve residents in two camps over eight statements, plus one everyone agrees on."""
    for k in range(8):
        author = await join(store, 900 + k, round_id)
        await write(store, round_id, author, f"Statement number {k}")
    rows = [r for r in await store.statements(round_id) if r.resident is not None]
    for person in range(12):
        resident = await join(store, 100 + person, round_id)
        camp = 1 if person < 6 else -1
        for k, row in enumerate(rows):
            await vote(store, round_id, resident, row.id, camp if k % 2 == 0 else -camp)
        await vote(store, round_id, resident, 1, 1)  # a seed: common ground


async def test_opinion_groups_run_on_a_stored_round(store: Store) -> None:
    round_id = await new_round(store)
    await store.add_seed_statements(round_id, SCRIPT_MODEL)
    await _camps(store, round_id)
    data = await store.round_data(round_id)
    result = opinion_groups(data, min_votes=5)
    assert result.k == 2
    assert sorted(result.group_sizes) == [6, 6]
    assert "1" in {c.statement for c in result.common_ground if c.direction == "agree"}


async def test_polis_export_round_trips(store: Store, tmp_path: Path) -> None:
    round_id = await new_round(store)
    await store.add_seed_statements(round_id, SCRIPT_MODEL)
    await _camps(store, round_id)
    data = await store.round_data(round_id)
    folder = write_polis(data, tmp_path / "polis")
    back = read_polis(folder)
    assert {(v.resident, v.statement, v.vote) for v in back.votes} == {
        (v.resident, v.statement, v.vote) for v in data.votes
    }
    assert {s.id: s.text for s in back.statements} == {s.id: s.text for s in data.statements}


@pytest.mark.parametrize("found", [(), ("phone",)])
async def test_statement_status_follows_found(store: Store, found: tuple[str, ...]) -> None:
    round_id = await new_round(store)
    ana = await join(store, 1, round_id)
    await write(store, round_id, ana, "Some words.", *found)
    (row,) = await store.statements(round_id)
    assert row.status == ("pending" if found else "approved")
