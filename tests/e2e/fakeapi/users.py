"""Simulated Telegram users: each helper queues the update Telegram would send the bot.

A private chat's id equals the user's id, as in Telegram. Message ids are shared with the bot's
messages in the same chat, so they increase across both sides. Every helper returns what it
created (the message, or the callback query id) so a test can refer to it later.
"""

from __future__ import annotations

import itertools
from typing import Any

from .objects import (
    JSON,
    command_entity,
    document_dict,
    keyboard_buttons,
    new_file,
    now,
    photo_sizes,
    private_chat,
    titled_chat,
    user_dict,
)
from .world import CallbackRecord, World

_query_ids = itertools.count(4_000_000_000_000_000_001)

# Smallest valid PNG (1x1), used as the content of photos users send.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def chat_instance(chat_id: int) -> str:
    """A stable opaque string per chat, like Telegram's ``chat_instance``."""
    return str((chat_id * 2654435761) % 10**19)


class FakeUser:
    """One person talking to the bot."""

    def __init__(
        self,
        world: World,
        user_id: int,
        first_name: str = "Alex",
        *,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = "en",
    ) -> None:
        self.world = world
        self.id = user_id
        self.user = user_dict(
            user_id,
            first_name,
            username=username,
            last_name=last_name,
            language_code=language_code,
        )
        self.chat = private_chat(self.user)

    @property
    def chat_id(self) -> int:
        return self.id

    # --- messages ---------------------------------------------------------------------------

    def _message(self, fields: JSON, chat: JSON | None = None) -> JSON:
        chat = chat or self.chat
        state = self.world.register_chat(chat)
        return {
            "message_id": state.take_message_id(),
            "from": self.user,
            "chat": state.chat,
            "date": now(),
            **fields,
        }

    def _send(self, fields: JSON, shown: str, chat: JSON | None = None) -> JSON:
        message = self._message(fields, chat)
        self.world.chats[message["chat"]["id"]].messages[message["message_id"]] = message
        # A copy, so a later edit does not change the update still waiting in the queue.
        self.world.enqueue("message", dict(message), shown)
        return message

    async def send_text(self, text: str) -> JSON:
        fields: JSON = {"text": text}
        entities = command_entity(text)
        if entities:
            fields["entities"] = entities
        return self._send(fields, text)

    async def send_command(self, command: str, args: str = "") -> JSON:
        text = "/" + command.removeprefix("/") + (f" {args}" if args else "")
        return await self.send_text(text)

    async def send_sticker(self, emoji: str = "🙂") -> JSON:
        sticker = {
            "file_id": f"CAACAgIAAxkBAAE{self.id}",
            "file_unique_id": f"AgADsticker{self.id}",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._send({"sticker": sticker}, f"(sticker {emoji})")

    async def send_photo(self, caption: str | None = None, content: bytes = TINY_PNG) -> JSON:
        stored = new_file(content, "photo.jpg", "image/jpeg")
        self.world.files[stored.file_id] = stored
        fields: JSON = {"photo": photo_sizes(stored, 1280, 960)}
        if caption:
            fields["caption"] = caption
        return self._send(fields, "(photo)" + (f" {caption}" if caption else ""))

    async def send_voice(self, duration: int = 3, content: bytes = b"OggS\x00fake-voice") -> JSON:
        stored = new_file(content, None, "audio/ogg")
        self.world.files[stored.file_id] = stored
        voice = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": len(content),
        }
        return self._send({"voice": voice}, f"(voice message, {duration}s)")

    async def send_document(
        self,
        file_name: str = "notes.pdf",
        content: bytes = b"%PDF-1.4 fake",
        mime_type: str = "application/pdf",
        caption: str | None = None,
    ) -> JSON:
        stored = new_file(content, file_name, mime_type)
        self.world.files[stored.file_id] = stored
        fields: JSON = {"document": document_dict(stored)}
        if caption:
            fields["caption"] = caption
        return self._send(fields, f"(document {file_name})")

    async def send_location(self, latitude: float = 51.5072, longitude: float = -0.1276) -> JSON:
        location = {"latitude": latitude, "longitude": longitude}
        return self._send({"location": location}, f"(location {latitude}, {longitude})")

    async def send_contact(self, phone_number: str = "+447700900123") -> JSON:
        contact = {
            "phone_number": phone_number,
            "first_name": self.user["first_name"],
            "user_id": self.id,
        }
        return self._send({"contact": contact}, f"(contact {phone_number})")

    async def edit_message(self, message_id: int, text: str) -> JSON:
        """Edit one of this user's earlier messages; the bot gets an ``edited_message``."""
        message = self.world.message(self.chat_id, message_id)
        if message is None or message["from"]["id"] != self.id:
            raise AssertionError(f"user {self.id} has no message {message_id} to edit")
        message.update({"text": text, "edit_date": now()})
        self.world.enqueue("edited_message", dict(message), f"(edited) {text}")
        return message

    async def send_in_group(
        self, group_id: int, text: str, *, supergroup: bool = False, title: str = "Test group"
    ) -> JSON:
        chat = titled_chat(group_id, "supergroup" if supergroup else "group", title)
        fields: JSON = {"text": text}
        if command_entity(text):
            fields["entities"] = command_entity(text)
        shown = f"{self.user['first_name']}: {text}"
        return self._send(fields, shown, chat)

    async def channel_post(
        self, text: str, channel_id: int = -1001000000001, title: str = "Test channel"
    ) -> JSON:
        """A post in a channel where the bot is an admin; channel posts have no sender user."""
        chat = titled_chat(channel_id, "channel", title)
        state = self.world.register_chat(chat)
        post: JSON = {
            "message_id": state.take_message_id(),
            "sender_chat": state.chat,
            "chat": state.chat,
            "date": now(),
            "text": text,
        }
        state.messages[post["message_id"]] = post
        self.world.enqueue("channel_post", dict(post), f"{title}: {text}")
        return post

    async def raw_update(self, update: dict[str, Any]) -> JSON:
        """Queue any dict as an update (for fuzzing); ``update_id`` is renumbered."""
        return self.world.enqueue_raw(update)

    async def block_bot(self) -> JSON:
        """Block the bot: Telegram tells the bot with a ``my_chat_member`` update."""
        update = {
            "chat": self.chat,
            "from": self.user,
            "date": now(),
            "old_chat_member": {"status": "member", "user": self.world.bot_user},
            "new_chat_member": {"status": "kicked", "user": self.world.bot_user, "until_date": 0},
        }
        return self.world.enqueue("my_chat_member", update, "(blocked the bot)")

    # --- buttons ----------------------------------------------------------------------------

    async def press(self, message: JSON | int, button: str) -> str:
        """Press the inline button whose text (or callback_data) is ``button`` on ``message``,
        as it is now; returns the callback query id."""
        message_id = message if isinstance(message, int) else message["message_id"]
        chat_id = self.chat_id if isinstance(message, int) else message["chat"]["id"]
        current = self.world.message(chat_id, message_id)
        if current is None:
            raise AssertionError(f"message {message_id} is not in chat {chat_id}")
        buttons = keyboard_buttons(current)
        for candidate in buttons:
            if button in (candidate.get("text"), candidate.get("callback_data")):
                if "callback_data" not in candidate:
                    raise AssertionError(f"button {button!r} is a link, not a callback")
                return self._callback(current, candidate["callback_data"], candidate["text"])
        labels = ", ".join(repr(b.get("text")) for b in buttons) or "none"
        raise AssertionError(
            f"no button {button!r} on message {message_id}; its buttons now: {labels}"
        )

    async def press_data(self, message_id: int, data: str, chat_id: int | None = None) -> str:
        """Send a callback query with any data, even data no button carries (forged or stale)."""
        chat_id = self.chat_id if chat_id is None else chat_id
        message = self.world.message(chat_id, message_id)
        if message is None:
            state = self.world.chats.get(chat_id)
            if state is None and chat_id != self.chat_id:
                raise AssertionError(f"chat {chat_id} is unknown to the stand-in")
            if state is None:
                state = self.world.register_chat(self.chat)
            message = {
                "message_id": message_id,
                "from": self.world.bot_user,
                "chat": state.chat,
                "date": now(),
                "text": "",
            }
        return self._callback(message, data, data)

    def _callback(self, message: JSON, data: str, label: str) -> str:
        query_id = str(next(_query_ids))
        query = {
            "id": query_id,
            "from": self.user,
            "message": dict(message),
            "chat_instance": chat_instance(message["chat"]["id"]),
            "data": data,
        }
        self.world.callbacks[query_id] = CallbackRecord(
            message["chat"]["id"], message["message_id"], data
        )
        self.world.enqueue("callback_query", query, f"[{label}]")
        return query_id
