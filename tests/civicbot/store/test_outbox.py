"""Broadcasts, the outbox (claim, finish, recover) and reminders in the store."""

from __future__ import annotations

from datetime import timedelta

import pytest

from civicbot.engine.types import AnswerGiven, ConsentGiven, Finished, SessionState
from civicbot.store import Store, outbox

from .conftest import Clock, new_round


async def _resident(
    store: Store, round_id: int, user_id: int, *, opt: str | None, finished: bool = True
) -> str:
    resident = await store.register_identity(user_id, user_id, "en")
    records: list[object] = [ConsentGiven(True, 1)]
    if opt is not None:
        records.append(AnswerGiven("updates_opt_in", opt))
    if finished:
        records.append(Finished(("updates_opt_in",)))
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="finished" if finished else "active"),
        records=records,  # type: ignore[arg-type]
    )
    return resident


async def test_broadcast_reaches_opted_in_once(store: Store) -> None:
    round_id = await new_round(store)
    yes = [await _resident(store, round_id, 100 + i, opt="yes") for i in range(3)]
    await _resident(store, round_id, 200, opt="no")
    await _resident(store, round_id, 201, opt=None)
    assert await store.count_recipients(round_id) == 3
    bid = await store.create_broadcast(round_id, "fac")
    assert await store.set_broadcast_text(bid, "News")
    assert await store.queue_broadcast(bid) == 3
    assert await store.queue_broadcast(bid) is None  # Send pressed twice
    assert not await store.cancel_broadcast(bid)
    jobs = await store.outbox_claim(2)
    assert len(jobs) == 2 and {j.text for j in jobs} == {"News"}
    # A crash now: the two claimed rows count as sent; nothing is claimed twice.
    assert await store.outbox_recover() == 2
    rest = await store.outbox_claim(10)
    assert {j.resident for j in [*jobs, *rest]} == set(yes) and len(rest) == 1
    await store.outbox_finish(blocked=rest)
    assert await store.is_blocked(rest[0].resident)
    assert await store.broadcast_progress(bid) == {
        "queued": 0, "sending": 0, "sent": 2, "blocked": 1, "failed": 0,
    }  # fmt: skip
    done = await store.get_broadcast(bid)
    assert done is not None and done.status == "done"
    # The blocked resident is left out of the next broadcast.
    assert await store.count_recipients(round_id) == 2


async def test_retry_goes_back_to_queue_then_fails(store: Store) -> None:
    round_id = await new_round(store)
    await _resident(store, round_id, 100, opt="yes")
    bid = await store.create_broadcast(round_id, "fac", text="Hi")
    await store.queue_broadcast(bid)
    for _ in range(2):
        jobs = await store.outbox_claim(5)
        assert len(jobs) == 1
        await store.outbox_finish(retry=[jobs[0].id], max_attempts=2)
    assert await store.outbox_claim(5) == []
    assert (await store.broadcast_progress(bid))["failed"] == 1


async def test_forgotten_resident_leaves_the_outbox(store: Store) -> None:
    round_id = await new_round(store)
    resident = await _resident(store, round_id, 100, opt="yes")
    bid = await store.create_broadcast(round_id, "fac", text="Hi")
    await store.queue_broadcast(bid)
    await store.forget(resident)
    assert await store.outbox_claim(5) == []


async def test_reminders_once_and_only_for_the_willing(store: Store, clock: Clock) -> None:
    round_id = await new_round(store)
    stopped = await _resident(store, round_id, 300, opt=None, finished=False)
    await _resident(store, round_id, 301, opt="no", finished=False)  # said no to updates
    await _resident(store, round_id, 302, opt="yes")  # finished
    forgotten = await _resident(store, round_id, 303, opt=None, finished=False)
    await store.forget(forgotten)
    clock.advance(3600)
    assert await store.queue_reminders(clock() - timedelta(hours=2), lambda r: "hi") == 0
    clock.advance(3 * 3600)
    assert await store.queue_reminders(clock() - timedelta(hours=2), lambda r: "hi") == 1
    jobs = await store.outbox_claim(10)
    assert [j.resident for j in jobs] == [stopped] and jobs[0].text == "hi"
    await store.outbox_finish(sent=[jobs[0].id])
    clock.advance(10 * 3600)
    assert await store.queue_reminders(clock() - timedelta(hours=2), lambda r: "hi") == 0


async def test_schedule(store: Store, clock: Clock) -> None:
    a = await new_round(store, status="draft")
    b = await new_round(store, status="open")
    await store.schedule_round(a, opens_at=clock() + timedelta(minutes=5), closes_at=None)
    await store.schedule_round(b, opens_at=None, closes_at=clock() + timedelta(minutes=10))
    assert await store.rounds_due(clock()) == ([], [])
    assert await store.rounds_due(clock() + timedelta(minutes=6)) == ([a], [])
    assert await store.rounds_due(clock() + timedelta(minutes=11)) == ([a], [b])


async def test_results_draft_send_and_read(store: Store) -> None:
    round_id = await new_round(store)
    resident = await _resident(store, round_id, 100, opt="yes")
    await _resident(store, round_id, 101, opt="no")
    draft = await store.draft_results(round_id, "We heard about time.", "fac")
    assert await store.set_next_steps(draft.id, "The council meets in May.")
    assert await store.results_for_resident(resident) is None  # not sent yet
    assert await store.send_results(draft.id, "fac") == 1
    assert await store.send_results(draft.id, "fac") is None
    sent = await store.results_for_resident(resident)
    assert sent is not None and "council meets in May" in sent.text
    assert not await store.set_next_steps(draft.id, "changed")


async def test_broadcast_queued_in_chunks(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Recipients are read and queued a few at a time (short transactions); every one of
    them is queued once, and a second Send queues nothing."""
    monkeypatch.setattr(outbox, "RECIPIENT_CHUNK", 2)
    round_id = await new_round(store)
    yes = {await _resident(store, round_id, 300 + i, opt="yes") for i in range(5)}
    await _resident(store, round_id, 400, opt="no")
    assert set(await store.recipient_ids(round_id)) == yes
    bid = await store.create_broadcast(round_id, "fac", text="News")
    assert await store.queue_broadcast(bid) == 5
    assert await store.queue_broadcast(bid) is None
    jobs = await store.outbox_claim(10)
    assert sorted(j.resident for j in jobs) == sorted(yes)
    # A draft cancelled while it was being queued sends nothing.
    other = await store.create_broadcast(round_id, "fac", text="More")
    assert await store.cancel_broadcast(other)
    assert await store.queue_broadcast(other) is None
    assert await store.outbox_claim(10) == []
