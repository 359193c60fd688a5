"""Registering a Telegram user: the same pseudonym every time, the chat kept up to date."""

from __future__ import annotations

from civicbot.engine.types import AnswerGiven, ConsentGiven, SessionState
from civicbot.store import Store, Tombstone

from .conftest import Clock, new_round


async def test_known_users_keep_their_pseudonym(store: Store) -> None:
    first = await store.register_identity(501, 9501, "en")
    assert first == store.resident_id(501)
    # Known, same chat, same language (the read-only path): the same pseudonym.
    assert await store.register_identity(501, 9501, "en") == first
    assert await store.register_identity(501, 9501, None) == first
    assert await store.chat_id_for(first) == 9501
    # A new chat (say, the account moved) is recorded.
    assert await store.register_identity(501, 9777, "cy") == first
    assert await store.chat_id_for(first) == 9777
    assert await store.register_identity(502, 9502) != first


async def test_a_restored_backup_forgets_a_facilitator_at_once(store: Store, clock: Clock) -> None:
    """Re-applying tombstones after a restore also ends a forgotten facilitator's role in
    the running bot's memory, not only in the table."""
    facilitator = store.resident_id(601)
    await store.grant_facilitator(facilitator, "admin")
    assert await store.is_facilitator(facilitator)  # now cached
    clock.advance(5)
    await store.apply_tombstones([Tombstone(facilitator, clock())])
    assert not await store.is_facilitator(facilitator)


async def test_mydata_decodes_only_json_columns(store: Store) -> None:
    resident = await store.register_identity(701, 701)
    round_id = await new_round(store)
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="active"),
        records=(ConsentGiven(True, 1), AnswerGiven("7", "12")),
    )
    (answer,) = (await store.mydata(resident))["answers"]
    assert answer["step_id"] == "7" and answer["value"] == "12"
