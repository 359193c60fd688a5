"""The moderation queue, and how decisions decide what may be quoted."""

from __future__ import annotations

from civicbot.engine.types import AnswerGiven, ConsentGiven, SessionState
from civicbot.store import Store
from civicbot.store.moderation import ModerationRequest

from .conftest import new_round


async def _answer(
    store: Store, round_id: int, resident: str, text: str, reasons: tuple[str, ...] | None
) -> None:
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="active"),
        records=(ConsentGiven(True, 1), AnswerGiven("matters", text)),
        moderation=(ModerationRequest("answer", "matters", text, reasons),),
    )


async def test_queue_decide_and_requeue_on_change(store: Store) -> None:
    round_id = await new_round(store)
    await _answer(store, round_id, "r1", "call me on [phone]", ("phone",))
    await _answer(store, round_id, "r2", "kindness", None)
    item = await store.next_for_moderation(round_id)
    assert item is not None and item.text == "call me on [phone]" and item.reasons == ("phone",)
    assert await store.next_for_moderation(round_id, skip_ids=[item.id]) is None
    assert await store.pending_moderation() == 1
    assert await store.decide(item.id, "rejected", "fac")
    assert not await store.decide(item.id, "approved", "other")  # first decision stands
    assert await store.moderation_status(round_id, "answer", "matters", "r1") == "rejected"
    data = await store.round_data(round_id)
    assert {a.resident: a.quotable for a in data.answers} == {"r1": False, "r2": True}
    # Rejected text takes no part in themes either (issue #9).
    assert {a.resident: a.rejected for a in data.answers} == {"r1": True, "r2": False}
    # Changed with /back: pending again, then cleared when no longer flagged.
    await _answer(store, round_id, "r1", "still [phone]", ("phone",))
    again = await store.next_for_moderation(round_id)
    assert again is not None and again.status == "pending" and again.decided_by is None
    # ...under a new id: a button shown for the old words cannot decide the new ones.
    assert again.id != item.id and again.text == "still [phone]"
    assert await store.moderation_item(item.id) is None
    assert not await store.decide(item.id, "approved", "fac")
    await _answer(store, round_id, "r1", "kindness too", None)
    assert await store.moderation_status(round_id, "answer", "matters", "r1") is None


async def test_approval_rounds_quote_only_approved(store: Store) -> None:
    round_id = await new_round(store)
    await store.set_round_options(round_id, requires_approval=True)
    await _answer(store, round_id, "r1", "being heard", ("approval",))
    await _answer(store, round_id, "r2", "time", ("approval",))
    item = await store.next_for_moderation()
    assert item is not None
    await store.decide(item.id, "approved", "fac")
    data = await store.round_data(round_id)
    assert {a.resident: a.quotable for a in data.answers} == {"r1": True, "r2": False}


async def test_statements_share_the_queue(store: Store) -> None:
    round_id = await new_round(store)
    await store.queue_for_moderation(round_id, "r1", "statement", "s-9", "Parks matter", ["new"])
    item = await store.next_for_moderation()
    assert item is not None and item.kind == "statement" and item.ref == "s-9"
    await store.decide(item.id, "approved", "fac")
    assert await store.moderation_status(round_id, "statement", "s-9", "r1") == "approved"


async def test_ids_are_never_reused_after_forget(store: Store) -> None:
    """A stale Approve button (``m:1:a``) once approved a later resident's answer: /forget
    deleted item 1 and SQLite gave its id to the next item."""
    round_id = await new_round(store)
    await _answer(store, round_id, "r1", "ring [phone]", ("phone",))
    first = await store.next_for_moderation(round_id)
    assert first is not None
    await store.forget("r1")
    await _answer(store, round_id, "r2", "my words, unseen", ("phone",))
    later = await store.next_for_moderation(round_id)
    assert later is not None and later.id != first.id
    assert not await store.decide(first.id, "approved", "fac")  # the stale button
    assert await store.moderation_status(round_id, "answer", "matters", "r2") == "pending"
