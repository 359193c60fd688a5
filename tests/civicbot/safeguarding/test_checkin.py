"""The second tier against a real store: a message that may disclose a risk gets the gentle
check-in (not the emergency reply), a check-in row without words, a place in the review
queue, and no alert; a clear disclosure still takes the first tier."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from civicbot.engine.types import AnswerGiven, SessionState
from civicbot.safeguarding import load_signposting
from civicbot.safeguarding.checkin import REASON, check_in, check_in_reasons
from civicbot.safeguarding.detect import may_disclose, rules_only, screen
from civicbot.safeguarding.signposts import SignpostingError, parse_signposting
from civicbot.screening import standard
from civicbot.store import Store
from civicbot.store.rounddata import parse_frozen_script
from tests.civicbot.store.conftest import SCRIPT

SECRET = b"checkin-test-secret-0123456789"
RESIDENT_TG = 778001
MAY_DISCLOSE = "honestly i cant cope anymore"


class Outbox:
    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []

    async def __call__(self, chat_id: int, text: str) -> bool:
        self.sent.append((chat_id, text))
        return True


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with await Store.open(tmp_path / "c.db", secret=SECRET) as opened:
        yield opened


async def _in_round(store: Store) -> tuple[int, str]:
    round_id = await store.create_round(
        title="Spring round",
        script_id="test-round",
        script_version=2,
        script_source=SCRIPT,
        script_sha256=hashlib.sha256(SCRIPT.encode()).hexdigest(),
        status="open",
    )
    resident = await store.register_identity(RESIDENT_TG, RESIDENT_TG)
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="active", step_id="matters"),
        records=(),
    )
    return round_id, resident


def test_tiers() -> None:
    assert screen(MAY_DISCLOSE).tier == 2 and may_disclose(MAY_DISCLOSE)
    assert not screen(MAY_DISCLOSE).detection
    clear = screen("i have the pills ready and ive written goodbye letters")
    assert clear.tier == 1 and "suicide_self_harm" in clear.detection.kinds
    assert not may_disclose("i have the pills ready")  # tier 1, not tier 2
    for everyday in ("the bins were not collected", "this queue is killing me", ""):
        assert screen(everyday).tier == 0
    # Not coping with a form is anger at a service, not a risk: no rule fires. (The learned
    # model sends it to the review queue: tier 2 trades some false check-ins for recall.)
    form = "i cant cope with this form, the website keeps crashing"
    assert rules_only(form).tier == 0 and screen(form).tier != 1


async def test_check_in_is_sent_recorded_and_not_alerted(store: Store) -> None:
    round_id, resident = await _in_round(store)
    send = Outbox()
    found = await check_in(
        store, send, chat_id=RESIDENT_TG, resident=resident, round_id=round_id, update_id=20
    )
    assert found is not None
    # Only the check-in went out: to the resident, no alert to anyone else.
    assert send.sent == [(RESIDENT_TG, load_signposting().check_in)]
    text = send.sent[0][1]
    assert "116 123" in text and "999" not in text and text != load_signposting().reply
    (row,) = await store.check_ins()
    assert (row.round_id, row.resident, row.step_id, row.update_id) == (
        round_id,
        resident,
        "matters",
        20,
    )
    assert row.reviewed_at is None
    assert await store.safeguarding_events() == []  # the first tier's table is untouched
    # The same update again (a redelivery): the check-in again, no second row.
    again = await check_in(
        store, send, chat_id=RESIDENT_TG, resident=resident, round_id=round_id, update_id=20
    )
    assert again is None and len(await store.check_ins()) == 1 and len(send.sent) == 2


async def test_check_in_outside_a_round_and_review(store: Store) -> None:
    resident = await store.register_identity(RESIDENT_TG, RESIDENT_TG)
    send = Outbox()
    found = await check_in(
        store, send, chat_id=RESIDENT_TG, resident=resident, round_id=None, update_id=None
    )
    assert found is not None
    assert await store.check_ins(unreviewed_only=True) != []
    assert await store.mark_check_in_reviewed(found, "facilitator-1")
    assert not await store.mark_check_in_reviewed(found, "facilitator-2")  # first one stands
    (row,) = await store.check_ins()
    assert row.reviewed_by == "facilitator-1" and row.reviewed_at is not None
    assert await store.check_ins(unreviewed_only=True) == []


async def test_forget_and_mydata_cover_check_ins(store: Store) -> None:
    round_id, resident = await _in_round(store)
    await check_in(
        store, Outbox(), chat_id=RESIDENT_TG, resident=resident, round_id=round_id, update_id=21
    )
    assert (await store.mydata(resident))["safeguarding_checkins"]
    await store.forget(resident)
    assert await store.check_ins() == []


def test_a_may_disclose_answer_goes_to_the_review_queue() -> None:
    assert check_in_reasons(MAY_DISCLOSE) == [REASON]
    assert check_in_reasons("i want to kill myself") == []  # tier 1 has its own reason
    assert check_in_reasons("more buses please") == []
    script = parse_frozen_script(SCRIPT)
    moderation_requests = standard().requests  # the running bot's screening
    (req,) = moderation_requests(
        script, [AnswerGiven("matters", MAY_DISCLOSE)], requires_approval=False
    )
    assert req.reasons is not None and REASON in req.reasons
    (req,) = moderation_requests(
        script, [AnswerGiven("matters", "more buses please")], requires_approval=False
    )
    assert req.reasons is None


def test_check_in_text_is_validated() -> None:
    base = "verified_on: 2026-11-26\nsources: [{name: S, number: '1', url: u}]\nreply: hi\n"
    assert parse_signposting(base).check_in  # a default when the file has none
    assert parse_signposting(base + "check_in: hello there\n").check_in == "hello there"
    with pytest.raises(SignpostingError, match="check_in"):
        parse_signposting(base + "check_in: ''\n")
    with pytest.raises(SignpostingError, match="check_in"):
        parse_signposting(base + "check_in: [1, 2]\n")


async def test_deciding_the_answer_reviews_its_check_in(store: Store) -> None:
    round_id, resident = await _in_round(store)
    await check_in(
        store, Outbox(), chat_id=RESIDENT_TG, resident=resident, round_id=round_id, update_id=22
    )
    await store.queue_for_moderation(round_id, resident, "answer", "which", "other", [REASON])
    await store.queue_for_moderation(
        round_id, resident, "answer", "matters", MAY_DISCLOSE, [REASON]
    )
    other = await store.next_for_moderation(round_id)
    assert other is not None and other.ref == "which"
    assert await store.decide(other.id, "approved", "facilitator-9")
    assert (await store.check_ins())[0].reviewed_at is None  # another step's answer
    item = await store.next_for_moderation(round_id)
    assert item is not None and item.ref == "matters"
    assert await store.decide(item.id, "rejected", "facilitator-7")
    (row,) = await store.check_ins()
    assert row.reviewed_by == "facilitator-7" and row.reviewed_at is not None
    assert await store.check_ins(unreviewed_only=True) == []
