"""Alert delivery off the dialogue's path: retries with backoff, "Seen", escalation to the
admins, and who counts as someone who could be alerted. Against a real store, a clock
that moves on demand and a recording ``send``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from civicbot.safeguarding.delivery import (
    MAX_BACKOFF,
    NOBODY_TO_ALERT,
    AlertDelivery,
    SendFailed,
    alert_targets,
    backoff,
    nobody_to_alert,
)
from civicbot.settings import Settings
from civicbot.store import Store
from tests.civicbot.store.conftest import SECRET, Clock, new_round

ADMIN_TG, ADMIN_CHAT = 42, 9042
TEAM = -100555


class Telegram:
    """A recording ``send`` that refuses while ``down`` (or chats in ``refusing``)."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str, str]] = []
        self.attempts = 0
        self.down = False
        self.retry_after: float | None = None
        self.refusing: set[int] = set()

    async def __call__(self, chat_id: int, text: str, token: str) -> None:
        self.attempts += 1
        if self.down or chat_id in self.refusing:
            raise SendFailed("503 Service Unavailable", retry_after=self.retry_after)
        self.sent.append((chat_id, text, token))

    def chats(self) -> list[int]:
        return [chat for chat, _, _ in self.sent]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def store(tmp_path: Path, clock: Clock) -> AsyncIterator[Store]:
    async with await Store.open(tmp_path / "c.db", secret=SECRET, clock=clock) as opened:
        yield opened


async def _event(store: Store, update_id: int = 1) -> int:
    rounds = await store.list_rounds()
    round_id = rounds[0].id if rounds else await new_round(store, title="Spring")
    event_id = await store.record_safeguarding_event(
        round_id, store.resident_id(777), ["abuse"], update_id, step_id="matters"
    )
    assert event_id is not None
    return event_id


def _settings(**env: str) -> Settings:
    return Settings.from_env({"CIVICBOT_ADMINS": str(ADMIN_TG), **env})


async def _admin_talked(store: Store) -> None:
    await store.register_identity(ADMIN_TG, ADMIN_CHAT)


async def test_failed_alerts_are_retried_with_backoff_until_delivered(
    store: Store, clock: Clock
) -> None:
    tg = Telegram()
    delivery = AlertDelivery(store, _settings(CIVICBOT_FACILITATOR_CHAT=str(TEAM)), tg, clock=clock)
    event_id = await _event(store)
    await store.open_alerts()  # makes the event's alert row
    assert await store.alert_delivery_failed(event_id, clock()) == 1
    assert await store.alert_escalation_failed(event_id, clock()) == 1
    tg.down = True
    waits = []
    for attempt in range(1, 8):
        due = await delivery.run_once()
        assert tg.attempts == attempt
        assert (await store.alert_state(event_id)).attempts == attempt + 1  # type: ignore[union-attr]
        assert due is not None
        waits.append((due - clock()).total_seconds())
        # Nothing is sent again before the wait is over.
        clock.advance(waits[-1] - 0.5)
        await delivery.run_once()
        assert tg.attempts == attempt
        clock.advance(0.5)
    assert waits == [4, 8, 16, 32, MAX_BACKOFF, MAX_BACKOFF, MAX_BACKOFF]
    tg.down = False
    await delivery.run_once()
    assert tg.chats() == [TEAM]
    (event,) = await store.safeguarding_events()
    assert event.id == event_id and event.alerted_at is not None
    # Delivered: later passes send nothing more until it is time to escalate.
    await delivery.run_once()
    assert tg.chats() == [TEAM]


async def test_telegram_asking_to_wait_is_honoured(store: Store, clock: Clock) -> None:
    tg = Telegram()
    delivery = AlertDelivery(store, _settings(CIVICBOT_FACILITATOR_CHAT=str(TEAM)), tg, clock=clock)
    await _event(store)
    tg.down, tg.retry_after = True, 45.0
    due = await delivery.run_once()
    assert due is not None and (due - clock()).total_seconds() == 45.0
    assert backoff(2.0, 1, 45.0) == 45.0 and backoff(2.0, 3) == 8.0 and backoff(2.0, 0) == 2.0


async def test_escalation_to_every_admin_when_nobody_presses_seen(
    store: Store, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    tg = Telegram()
    settings = _settings(CIVICBOT_FACILITATOR_CHAT=str(TEAM), CIVICBOT_ALERT_SEEN_MINUTES="30")
    delivery = AlertDelivery(store, settings, tg, clock=clock)
    await _admin_talked(store)
    await _event(store)
    due = await delivery.run_once()
    assert tg.chats() == [TEAM]
    assert due == clock() + timedelta(minutes=30)  # the next thing to do: escalate
    clock.advance(30 * 60 - 1)
    await delivery.run_once()
    assert tg.chats() == [TEAM]
    clock.advance(1)
    with caplog.at_level(logging.WARNING):
        assert await delivery.run_once() is None  # nothing left waiting
    assert tg.chats() == [TEAM, ADMIN_CHAT]
    _chat, text, token = tg.sent[1]
    assert text.startswith("Not yet seen") and "within 30 minutes" in text
    assert "Safeguarding alert #1" in text and token == tg.sent[0][2]
    assert any(
        "not marked seen within 30 minutes: repeated to 1 admin" in r.getMessage()
        for r in caplog.records
    )
    clock.advance(3600)
    await delivery.run_once()
    assert tg.chats() == [TEAM, ADMIN_CHAT]  # once only


async def test_seen_in_time_stops_the_escalation(store: Store, clock: Clock) -> None:
    tg = Telegram()
    delivery = AlertDelivery(store, _settings(CIVICBOT_FACILITATOR_CHAT=str(TEAM)), tg, clock=clock)
    await _admin_talked(store)
    await _event(store, update_id=1)
    await _event(store, update_id=2)
    await delivery.run_once()
    first, second = (token for _, _, token in tg.sent)
    clock.advance(60)
    seen = await store.mark_alert_seen(first)
    assert seen is not None and seen.first and seen.alert.seen_at == clock()
    again = await store.mark_alert_seen(first)
    assert again is not None and not again.first and again.alert.seen_at == seen.alert.seen_at
    clock.advance(30 * 60)
    await delivery.run_once()
    # Only the alert nobody saw goes to the admins.
    assert tg.chats() == [TEAM, TEAM, ADMIN_CHAT] and tg.sent[2][2] == second


async def test_escalation_without_a_reachable_admin_is_retried_and_logged(
    store: Store, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    tg = Telegram()
    settings = _settings(CIVICBOT_FACILITATOR_CHAT=str(TEAM), CIVICBOT_ALERT_SEEN_MINUTES="1")
    delivery = AlertDelivery(store, settings, tg, clock=clock)
    await _event(store)
    await delivery.run_once()
    clock.advance(61)
    with caplog.at_level(logging.ERROR):
        due = await delivery.run_once()
    assert any("no admin has talked to the bot" in r.getMessage() for r in caplog.records)
    assert due == clock() + timedelta(seconds=2)
    clock.advance(2)
    assert await delivery.run_once() == clock() + timedelta(seconds=4)  # doubling
    await _admin_talked(store)  # the admin starts the bot
    clock.advance(4)
    await delivery.run_once()
    assert tg.chats() == [TEAM, ADMIN_CHAT]


async def test_undelivered_alerts_escalate_too(store: Store, clock: Clock) -> None:
    """The facilitators' chat refusing for good (the bot was removed) still reaches a person."""
    tg = Telegram()
    tg.refusing = {TEAM}
    settings = _settings(CIVICBOT_FACILITATOR_CHAT=str(TEAM), CIVICBOT_ALERT_SEEN_MINUTES="5")
    delivery = AlertDelivery(store, settings, tg, clock=clock)
    await _admin_talked(store)
    await _event(store)
    for _ in range(20):
        clock.advance(30)
        await delivery.run_once()
    assert tg.chats() == [ADMIN_CHAT] and tg.sent[0][1].startswith("Not yet seen")


async def test_targets_and_who_could_be_alerted(store: Store) -> None:
    assert await nobody_to_alert(store, Settings.from_env({})) == NOBODY_TO_ALERT
    assert await alert_targets(store, Settings.from_env({})) == []
    assert await nobody_to_alert(store, _settings()) is None
    team = Settings.from_env({"CIVICBOT_FACILITATOR_CHAT": str(TEAM)})
    assert await nobody_to_alert(store, team) is None
    assert await alert_targets(store, team) == [TEAM]
    facilitator = store.resident_id(55)
    await store.grant_facilitator(facilitator, "admin")
    assert await nobody_to_alert(store, Settings.from_env({})) is None
    # Alerts go to the admins and facilitators who have talked to the bot.
    assert await alert_targets(store, _settings()) == []
    await store.register_identity(55, 9055)
    await _admin_talked(store)
    assert await alert_targets(store, _settings()) == [ADMIN_CHAT, 9055]
    assert await alert_targets(store, team) == [TEAM]


async def test_forged_and_stale_tokens_resolve_to_nothing(store: Store, clock: Clock) -> None:
    tg = Telegram()
    await AlertDelivery(
        store, _settings(CIVICBOT_FACILITATOR_CHAT=str(TEAM)), tg, clock=clock
    ).run_once()
    await _event(store)
    (alert,) = await store.open_alerts()
    assert len(alert.token) == 12 and await store.alert_by_token(alert.token) == alert
    for forged in ("", "0" * 12, alert.token.upper(), alert.token + "0", "' OR 1=1 --", "1"):
        assert await store.alert_by_token(forged) is None
        assert await store.mark_alert_seen(forged) is None
    await store.forget(store.resident_id(777))
    assert await store.mark_alert_seen(alert.token) is None


async def test_the_job_runs_at_start_and_when_woken(store: Store, clock: Clock) -> None:
    tg = Telegram()
    delivery = AlertDelivery(store, _settings(CIVICBOT_FACILITATOR_CHAT=str(TEAM)), tg, clock=clock)
    await _event(store, update_id=1)  # recorded before the job starts
    stop, wake = asyncio.Event(), asyncio.Event()
    job = asyncio.create_task(delivery.run(stop, wake))
    try:
        async with asyncio.timeout(10):
            while len(tg.sent) < 1:
                await asyncio.sleep(0.01)
            await _event(store, update_id=2)
            wake.set()  # what respond() does: no waiting for the idle pass
            while len(tg.sent) < 2:
                await asyncio.sleep(0.01)
    finally:
        stop.set()
        await asyncio.wait_for(job, 5)
    assert tg.chats() == [TEAM, TEAM]
