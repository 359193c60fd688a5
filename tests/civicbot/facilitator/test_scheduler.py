"""The scheduler: rounds open and close on time; reminders are queued once."""

from __future__ import annotations

from datetime import timedelta

from civicbot.bot.facilitator.background import Scheduler
from civicbot.engine.types import ConsentGiven, SessionState
from civicbot.store import Store
from tests.civicbot.store.conftest import Clock, new_round


async def test_schedule_and_reminders(store: Store, clock: Clock) -> None:
    draft = await new_round(store, status="draft")
    live = await new_round(store, status="open")
    await store.schedule_round(draft, opens_at=clock() + timedelta(minutes=1), closes_at=None)
    await store.schedule_round(live, opens_at=None, closes_at=clock() + timedelta(hours=3))
    resident = await store.register_identity(77, 77)
    await store.apply_outcome(
        update_id=None,
        round_id=live,
        resident=resident,
        state=SessionState(status="active"),
        records=(ConsentGiven(True, 1),),
    )
    scheduler = Scheduler(store, reminder_hours=2, clock=clock)
    await scheduler.tick()
    assert (await store.get_round(draft)).status == "draft"  # type: ignore[union-attr]
    clock.advance(2 * 3600 + 5)
    await scheduler.tick()
    assert (await store.get_round(draft)).status == "open"  # type: ignore[union-attr]
    jobs = await store.outbox_claim(10)
    assert [j.chat_id for j in jobs] == [77] and "carry on" in jobs[0].text
    await store.outbox_finish(sent=[j.id for j in jobs])
    clock.advance(3600)
    await scheduler.tick()
    assert (await store.get_round(live)).status == "closed"  # type: ignore[union-attr]
    assert await store.outbox_claim(10) == []
    assert {r.action for r in await store.audit_log()} == {"openround", "closeround"}
