"""The scheduler: rounds open and close on time; reminders are queued once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from civicbot.bot.facilitator.background import Scheduler
from civicbot.engine.types import ConsentGiven, SessionState
from civicbot.settings import Settings
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
    scheduler = Scheduler(
        store, reminder_hours=2, clock=clock, settings=Settings.from_env({"CIVICBOT_ADMINS": "1"})
    )
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


async def test_a_round_stays_shut_while_nobody_could_be_alerted(
    store: Store, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    draft = await new_round(store, status="draft")
    await store.schedule_round(draft, opens_at=clock() + timedelta(minutes=1), closes_at=None)
    scheduler = Scheduler(store, clock=clock, settings=Settings.from_env({}))
    clock.advance(120)
    await scheduler.tick()
    await scheduler.tick()
    assert (await store.get_round(draft)).status == "draft"  # type: ignore[union-attr]
    refusals = [r for r in caplog.records if "stays shut" in r.getMessage()]
    assert len(refusals) == 1 and "CIVICBOT_ADMINS" in refusals[0].getMessage()
    # Once a facilitator exists, someone could be alerted: the round opens on time.
    await store.grant_facilitator("someone", "admin")
    await scheduler.tick()
    assert (await store.get_round(draft)).status == "open"  # type: ignore[union-attr]
