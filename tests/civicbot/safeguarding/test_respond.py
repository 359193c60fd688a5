"""Signpost, record, and wake the alert delivery: against a real store, with a recording
``send``. (Delivery itself: test_delivery.py.)"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from civicbot.engine.types import SessionState
from civicbot.safeguarding import detect, load_signposting
from civicbot.safeguarding.delivery import AlertDelivery, SendFailed
from civicbot.safeguarding.respond import moderation_reasons, respond
from civicbot.settings import Settings
from civicbot.store import Store
from tests.civicbot.store.conftest import SCRIPT

SECRET = b"respond-test-secret-0123456789"
RESIDENT_TG = 777001
ADMIN_TG = 42


class Outbox:
    """Records what was sent: replies (``send``) and alerts (``alert``, with a token)."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []
        self.fail = False
        self.woken = 0

    async def __call__(self, chat_id: int, text: str) -> bool:
        self.sent.append((chat_id, text))
        return True

    async def alert(self, chat_id: int, text: str, token: str) -> None:
        if self.fail:
            raise SendFailed("down")
        self.sent.append((chat_id, text))

    def wake(self) -> None:
        self.woken += 1

    async def deliver(self, store: Store, settings: Settings) -> None:
        await AlertDelivery(store, settings, self.alert).run_once()


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with await Store.open(tmp_path / "c.db", secret=SECRET) as opened:
        yield opened


async def _round(store: Store) -> int:
    return await store.create_round(
        title="Spring round",
        script_id="test-round",
        script_version=2,
        script_source=SCRIPT,
        script_sha256=hashlib.sha256(SCRIPT.encode()).hexdigest(),
        status="open",
    )


async def _disclose(store: Store, settings: Settings, send: Outbox, update_id: int) -> int | None:
    round_id = await _round(store) if not await store.list_rounds() else 1
    resident = await store.register_identity(RESIDENT_TG, RESIDENT_TG)
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="active", step_id="matters"),
        records=(),
    )
    return await respond(
        store,
        settings,
        send,
        detection=detect("I want to end my life"),
        chat_id=RESIDENT_TG,
        resident=resident,
        round_id=round_id,
        update_id=update_id,
        wake=send.wake,
    )


async def test_reply_first_then_event_then_alert(store: Store) -> None:
    settings = Settings.from_env({"CIVICBOT_FACILITATOR_CHAT": "-100555"})
    send = Outbox()
    event_id = await _disclose(store, settings, send, update_id=10)
    assert event_id is not None
    # Only the reply is sent while handling the update; the delivery job is woken.
    assert [chat for chat, _ in send.sent] == [RESIDENT_TG] and send.woken == 1
    await send.deliver(store, settings)
    (reply, alert) = send.sent
    assert reply == (RESIDENT_TG, load_signposting().reply)
    assert alert[0] == -100555
    resident = store.resident_id(RESIDENT_TG)
    assert "round 1 (Spring round) at step matters" in alert[1]
    assert f"Resident reference: {resident[:8]}… " in alert[1] and resident not in alert[1]
    assert str(RESIDENT_TG) not in alert[1] and "end my life" not in alert[1]
    (event,) = await store.safeguarding_events()
    assert event.kinds == ("suicide_self_harm",) and event.alerted_at is not None
    # The same update handled again: the reply again (it may have been lost), no new
    # event and no second alert.
    assert await _disclose(store, settings, send, update_id=10) is None
    await send.deliver(store, settings)
    assert [chat for chat, _ in send.sent] == [RESIDENT_TG, -100555, RESIDENT_TG]


async def test_failed_alert_is_sent_later(store: Store) -> None:
    settings = Settings.from_env({"CIVICBOT_FACILITATOR_CHAT": "-100555"})
    send = Outbox()
    send.fail = True
    await _disclose(store, settings, send, update_id=11)
    await send.deliver(store, settings)
    assert (await store.safeguarding_events(unalerted_only=True)) != []
    send.fail = False
    await store.alert_delivery_failed(1, datetime.now(UTC))  # due again now
    await send.deliver(store, settings)
    assert await store.safeguarding_events(unalerted_only=True) == []


async def test_admins_known_to_the_bot_are_alerted(store: Store) -> None:
    settings = Settings.from_env({"CIVICBOT_ADMINS": f"{ADMIN_TG},43"})
    await store.register_identity(ADMIN_TG, 9042)  # admin 43 never talked to the bot
    send = Outbox()
    await _disclose(store, settings, send, update_id=12)
    await send.deliver(store, settings)
    assert [chat for chat, _ in send.sent] == [RESIDENT_TG, 9042]


async def test_nobody_to_alert_keeps_the_event_pending(store: Store) -> None:
    send = Outbox()
    await _disclose(store, Settings.from_env({}), send, update_id=13)
    await send.deliver(store, Settings.from_env({}))
    assert [chat for chat, _ in send.sent] == [RESIDENT_TG]
    assert len(await store.safeguarding_events(unalerted_only=True)) == 1


async def test_forget_removes_safeguarding_events(store: Store, tmp_path: Path) -> None:
    await _disclose(store, Settings.from_env({}), Outbox(), update_id=14)
    resident = store.resident_id(RESIDENT_TG)
    assert (await store.mydata(resident))["safeguarding_events"]
    assert await store.open_alerts()  # the event's alert row exists
    await store.forget(resident)
    assert await store.safeguarding_events() == []
    assert await store.open_alerts() == []
    with sqlite3.connect(tmp_path / "c.db") as conn:  # no orphaned alert row either
        assert conn.execute("SELECT COUNT(*) FROM safeguarding_alerts").fetchone() == (0,)


def test_moderation_reason() -> None:
    assert moderation_reasons("I'm scared to go home tonight") == ["safeguarding"]
    assert moderation_reasons("The queue is killing me") == []


def test_alert_text_without_kinds_or_round() -> None:
    from civicbot.safeguarding.respond import alert_text
    from civicbot.store.safety import SafeguardingEvent

    event = SafeguardingEvent(
        id=7,
        round_id=None,
        resident="abcdefghijklmnop",
        kinds=(),
        step_id=None,
        update_id=None,
        at=datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
        alerted_at=None,
    )
    text = alert_text(event, None)
    assert text.startswith("Safeguarding alert #7: a resident's message outside any round may")
    assert "may disclose a risk of harm." in text and "Resident reference: abcdefgh… " in text
    assert "Time: 2025-03-01 09:30 UTC." in text and " at step" not in text
