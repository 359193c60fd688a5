"""Registering a Telegram user: the same pseudonym every time, the chat kept up to date."""

from __future__ import annotations

from civicbot.store import Store


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
