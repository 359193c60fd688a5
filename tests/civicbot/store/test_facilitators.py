"""Facilitators, audit rows, invitations and round options in the store."""

from __future__ import annotations

import re

import pytest

from civicbot.engine.types import ConsentGiven, SessionState
from civicbot.store import Store, UnknownRound
from civicbot.store.invitations import clean_source

from .conftest import new_round


async def test_grant_revoke_and_audit(store: Store) -> None:
    fac = store.resident_id(42)
    assert not await store.is_facilitator(fac)
    assert await store.grant_facilitator(fac, granted_by="admin-p")
    assert not await store.grant_facilitator(fac, granted_by="admin-p")  # already
    assert await store.is_facilitator(fac)
    assert await store.facilitators() == [fac]
    await store.audit(fac, "open", target=3, details={"note": "x"})
    await store.audit("someone", "open", target=3, allowed=False)
    assert await store.revoke_facilitator(fac)
    assert not await store.is_facilitator(fac)
    log = await store.audit_log()
    assert [(r.actor, r.action, r.target, r.allowed) for r in log] == [
        (fac, "open", "3", True),
        ("someone", "open", "3", False),
    ]
    assert log[0].details == {"note": "x"}


async def test_prompt_is_taken_once(store: Store) -> None:
    await store.set_prompt("p", "broadcast", 7)
    await store.set_prompt("p", "results", 8)  # the latest wins
    prompt = await store.take_prompt("p")
    assert prompt is not None and (prompt.kind, prompt.ref) == ("results", 8)
    assert await store.take_prompt("p") is None


async def test_invitations_are_random_and_carry_source(store: Store) -> None:
    round_id = await new_round(store)
    first = await store.create_invitation(round_id, "Food Bank", "fac")
    second = await store.create_invitation(round_id, None, "fac")
    assert first.source == "food-bank" and second.source is None
    for code in (first.code, second.code):
        assert re.fullmatch(r"[A-Za-z0-9_-]{16}", code)
    assert first.code != second.code
    found = await store.invitation_by_code(first.code)
    assert found is not None and found[0].id == round_id and found[1] == "food-bank"
    round_row = await store.get_round(round_id)
    assert round_row is not None
    by_round_code = await store.invitation_by_code(round_row.code)
    assert by_round_code is not None and by_round_code[1] is None
    assert await store.invitation_by_code("nope") is None
    with pytest.raises(UnknownRound):
        await store.create_invitation(999, None, "fac")


def test_source_tags_are_short_words() -> None:
    assert clean_source(" GP surgery ") == "gp-surgery"
    assert clean_source("") is None
    # Issue #13: a source of several words, or with punctuation, is tidied into a tag.
    assert clean_source("Café Nero, High St.") == "cafe-nero-high-st"
    assert clean_source("food_bank 2") == "food_bank-2"
    for bad in ("a" * 40, "call 07700 900123!", "x@y.com", "!!!", "ring 0161 496 0000"):
        with pytest.raises(ValueError):
            clean_source(bad)


async def test_source_is_kept_from_the_first_session(store: Store) -> None:
    round_id = await new_round(store)
    state = SessionState(status="active")
    for source in ("library", "mosque"):
        await store.apply_outcome(
            update_id=None,
            round_id=round_id,
            resident="r1",
            state=state,
            records=(ConsentGiven(True, 1),) if source == "library" else (),
            source=source,
        )
    assert await store.sources_of(round_id) == {"r1": "library"}
    data = await store.round_data(round_id)
    assert [r.source for r in data.residents] == ["library"]


async def test_round_options(store: Store) -> None:
    round_id = await new_round(store)
    row = await store.get_round(round_id)
    assert row is not None and not row.requires_approval and row.reference == "england"
    await store.set_round_options(round_id, requires_approval=True, reference="england_wales")
    row = await store.get_round(round_id)
    assert row is not None and row.requires_approval and row.reference == "england_wales"
