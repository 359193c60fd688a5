"""The durable inbox: de-duplication, order, what is stored, and the offset."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from civicbot.store import Store
from civicbot.store.inbox import scrub_payload, sender_of

from .conftest import Clock


def _update(update_id: int, user_id: int = 42, text: str = "hi") -> tuple[int, str]:
    payload = {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1740819600,
            "from": {
                "id": user_id,
                "is_bot": False,
                "first_name": "Ada",
                "last_name": "Lovelace",
                "username": "ada_l",
                "language_code": "en",
            },
            "chat": {"id": user_id, "type": "private", "first_name": "Ada", "username": "ada_l"},
            "text": text,
        },
    }
    return update_id, json.dumps(payload)


async def test_inbox_deduplicates_and_keeps_order(store: Store) -> None:
    assert await store.inbox_add([_update(5), _update(3), _update(4)]) == 3
    assert await store.inbox_add([_update(4), _update(6), _update(3)]) == 1
    assert await store.inbox_add([]) == 0

    assert [u for u, _ in await store.inbox_pending()] == [3, 4, 5, 6]
    assert [u for u, _ in await store.inbox_pending(limit=2)] == [3, 4]
    assert await store.inbox_max_update_id() == 6


async def test_processed_and_replied(store: Store) -> None:
    await store.inbox_add([_update(1), _update(2), _update(3)])
    assert await store.inbox_mark_processed(2)
    assert not await store.inbox_mark_processed(2)
    assert [u for u, _ in await store.inbox_pending()] == [1, 3]
    assert [u for u, _ in await store.inbox_unreplied()] == [2]

    assert await store.inbox_mark_replied(2)
    assert await store.inbox_unreplied() == []
    # A reply marks the update handled as well.
    assert await store.inbox_mark_replied(3)
    assert [u for u, _ in await store.inbox_pending()] == [1]


async def test_prune_keeps_unhandled_updates_and_the_offset(store: Store, clock: Clock) -> None:
    await store.inbox_add([_update(1), _update(2)])
    clock.advance(10)
    await store.inbox_add([_update(3)])
    await store.inbox_mark_replied(1)
    await store.inbox_mark_replied(3)
    assert await store.inbox_prune(clock.now) == 1  # 3 is recent, 2 is not handled
    assert [u for u, _ in await store.inbox_pending()] == [2]
    await store.inbox_prune(clock.advance(10))
    assert await store.inbox_max_update_id() == 3
    await store.inbox_add([_update(2)])  # a late repeat does not lower the offset
    assert await store.inbox_max_update_id() == 3


async def test_empty_inbox_has_no_offset(store: Store) -> None:
    assert await store.inbox_max_update_id() is None
    assert await store.inbox_pending() == []


async def test_names_and_usernames_are_not_stored(store: Store, db_path: Path) -> None:
    await store.inbox_add([_update(1, user_id=987654321, text="my answer")])
    ((_, payload),) = await store.inbox_pending()
    message = json.loads(payload)["message"]
    assert message["from"] == {
        "id": 987654321,
        "is_bot": False,
        "first_name": "",
        "language_code": "en",
    }
    assert message["chat"] == {"id": 987654321, "type": "private", "first_name": ""}
    assert message["text"] == "my answer"
    with closing(sqlite3.connect(db_path)) as conn:
        resident = conn.execute("SELECT resident FROM inbox").fetchone()[0]
        dump = "\n".join(conn.iterdump())
    assert resident == store.resident_id(987654321)
    for name in ("Ada", "Lovelace", "ada_l"):
        assert name not in dump


async def test_a_payload_that_is_not_json_is_kept_as_given(store: Store) -> None:
    await store.inbox_add([(9, "not json")])
    assert await store.inbox_pending() == [(9, "not json")]


def test_sender_of_finds_the_user_in_any_kind_of_update() -> None:
    assert sender_of({"update_id": 1, "callback_query": {"id": "x", "from": {"id": 7}}}) == 7
    assert sender_of({"update_id": 1, "edited_message": {"from": {"id": 8}}}) == 8
    assert sender_of({"update_id": 1, "poll": {"id": "p"}}) is None
    assert sender_of([1, 2]) is None


def test_scrub_payload_reaches_nested_objects() -> None:
    scrubbed = scrub_payload(
        {"message": {"reply_to_message": {"from": {"id": 1, "first_name": "Bo", "username": "b"}}},
         "entities": [{"user": {"id": 2, "last_name": "Z"}}],
         "contact": {"phone_number": "+447700900123", "first_name": "C", "vcard": "..."}}
    )  # fmt: skip
    assert scrubbed == {
        "message": {"reply_to_message": {"from": {"id": 1, "first_name": ""}}},
        "entities": [{"user": {"id": 2}}],
        "contact": {"phone_number": "", "first_name": ""},
    }


async def test_mark_many_replied_at_once(store: Store) -> None:
    await store.inbox_add([_update(1), _update(2), _update(3)])
    await store.inbox_mark_replied(2)
    assert await store.inbox_mark_replied_many([1, 2, 3, 99]) == 2
    assert await store.inbox_pending() == [] and await store.inbox_unreplied() == []


def test_scrub_payload_keeps_a_malformed_copy_as_sent() -> None:
    # Scrubbing removes personal data and nothing else: a copy that is not an object (a
    # malformed or future update) reaches the handler as sent, not silently blanked.
    odd = {"update_id": 3, "message": {"message_id": 1, "reply_to_message": 42}}
    assert scrub_payload(odd) == odd
    query = {"callback_query": {"id": "q", "message": "gone"}}
    assert scrub_payload(query) == query
