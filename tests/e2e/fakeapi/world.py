"""What the stand-in Telegram knows: chats, messages, the update queue and uploaded files.

Both sides change it: the API methods (the bot's side) and ``FakeUser`` (the residents' side).
The update queue follows Telegram's rules: updates wait until the bot confirms them by polling
with a higher ``offset``; a long poll returns as soon as one arrives; a second concurrent poll
ends the first with 409 Conflict, as when two bot instances share a token.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Literal

from .objects import JSON, StoredFile, now
from .validate import ApiError, bad_request

EventKind = Literal["send", "edit", "delete"]


@dataclass(frozen=True, slots=True)
class Event:
    """Something the bot did to a chat; ``message`` is a snapshot taken at that moment."""

    seq: int
    kind: EventKind
    chat_id: int
    message: JSON
    time: float


@dataclass(slots=True)
class TimelineEntry:
    """One line of a chat's history as a person would read it."""

    who: Literal["user", "bot", "bot-edit", "bot-delete"]
    text: str
    message: JSON | None = None


@dataclass(slots=True)
class ChatState:
    chat: JSON
    next_message_id: int = 1
    messages: dict[int, JSON] = field(default_factory=dict)
    bot_message_ids: list[int] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    reply_keyboard: JSON | None = None

    def take_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass(slots=True)
class CallbackRecord:
    chat_id: int
    message_id: int
    data: str | None
    answer: JSON | None = None


_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class World:
    """The server's state; methods here never do I/O and are safe to call from tests."""

    def __init__(self, bot_user: JSON, first_update_id: int = 1000) -> None:
        self.bot_user = bot_user
        self.chats: dict[int, ChatState] = {}
        self.updates: deque[JSON] = deque()
        self.next_update_id = first_update_id
        self.confirmed_offset = 0
        self.callbacks: dict[str, CallbackRecord] = {}
        self.files: dict[str, StoredFile] = {}
        # How often each file was downloaded (``/file/bot<token>/<file_path>``).
        self.downloads: Counter[str] = Counter()
        self.commands: dict[str, list[JSON]] = {}
        self.descriptions: dict[str, str] = {}
        self.webhook: JSON = {"url": "", "has_custom_certificate": False}
        self.events: list[Event] = []
        self.chat_events: dict[int, list[Event]] = {}
        self.last_update_at = 0.0
        self.closing = False
        self.lost_acks = 0
        self._poll_generation = 0
        self._update_signal = asyncio.Event()
        self._change_signal = asyncio.Event()
        self.polls_waiting = 0  # getUpdates calls in progress

    # --- chats -----------------------------------------------------------------------------

    def register_chat(self, chat: JSON) -> ChatState:
        state = self.chats.get(chat["id"])
        if state is None:
            state = self.chats[chat["id"]] = ChatState(chat=dict(chat))
        return state

    def known_chat(self, chat_id: int) -> ChatState:
        state = self.chats.get(chat_id)
        if state is None:
            raise bad_request("chat not found")
        return state

    def message(self, chat_id: int, message_id: int) -> JSON | None:
        state = self.chats.get(chat_id)
        return None if state is None else state.messages.get(message_id)

    # --- the update queue ------------------------------------------------------------------

    def enqueue(self, kind: str, payload: JSON, transcript: str | None = None) -> JSON:
        """Add an update of ``kind`` (``message``, ``callback_query``...) for the bot."""
        update = {"update_id": self.next_update_id, kind: payload}
        self.next_update_id += 1
        self.updates.append(update)
        chat = payload.get("chat") or (payload.get("message") or {}).get("chat")
        if isinstance(chat, dict) and isinstance(chat.get("id"), int):
            state = self.register_chat(chat)
            if transcript is not None:
                state.timeline.append(TimelineEntry("user", transcript, payload))
        self.last_update_at = time.monotonic()
        self._update_signal.set()
        self._update_signal = asyncio.Event()
        return update

    def enqueue_raw(self, update: JSON) -> JSON:
        """Queue a hand-made update, renumbered so ids stay strictly increasing."""
        update = {**update, "update_id": self.next_update_id}
        self.next_update_id += 1
        self.updates.append(update)
        self.last_update_at = time.monotonic()
        self._update_signal.set()
        self._update_signal = asyncio.Event()
        return update

    def confirm(self, offset: int) -> None:
        if self.lost_acks and offset > 0 and self.updates and self.updates[0]["update_id"] < offset:
            # A planned lost acknowledgement: the updates stay and are delivered again.
            self.lost_acks -= 1
            return
        if offset > 0:
            self.confirmed_offset = max(self.confirmed_offset, offset)
            while self.updates and self.updates[0]["update_id"] < offset:
                self.updates.popleft()
        elif offset < 0:
            # A negative offset keeps only the last -offset updates and forgets the rest.
            while len(self.updates) > -offset:
                self.updates.popleft()
        self._notify()  # waiters for confirmed updates re-check

    def drop_pending(self) -> None:
        self.updates.clear()

    async def poll(self, offset: int, limit: int, timeout: float) -> list[JSON]:
        if self.webhook["url"]:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self.confirm(offset)
        self._poll_generation += 1
        generation = self._poll_generation
        self._update_signal.set()  # wakes an older poll so it can see it was superseded
        self._update_signal = asyncio.Event()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        self.polls_waiting += 1
        self._notify()  # a test may wait for the bot's poll to arrive
        try:
            while True:
                if generation != self._poll_generation:
                    raise ApiError(409, _CONFLICT)
                if self.updates:
                    return [u for _, u in zip(range(limit), self.updates, strict=False)]
                remaining = deadline - loop.time()
                if remaining <= 0 or self.closing:
                    return []
                signal = self._update_signal
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(signal.wait(), remaining)
        finally:
            self.polls_waiting -= 1

    def wake_all(self) -> None:
        """Let long polls and waiters re-check their condition (used when stopping)."""
        self._update_signal.set()
        self._update_signal = asyncio.Event()
        self._notify()

    # --- what the bot does to chats ----------------------------------------------------------

    def bot_sends(self, chat_id: int, fields: JSON) -> JSON:
        state = self.known_chat(chat_id)
        message = {
            "message_id": state.take_message_id(),
            "from": self.bot_user,
            "chat": state.chat,
            "date": now(),
            **fields,
        }
        state.messages[message["message_id"]] = message
        state.bot_message_ids.append(message["message_id"])
        state.timeline.append(TimelineEntry("bot", "", self._event("send", chat_id, message)))
        return message

    def bot_message(self, chat_id: int, message_id: int | None, verb: str) -> JSON:
        """The bot's own message ``message_id`` in ``chat_id``, which it wants to ``verb``."""
        state = self.known_chat(chat_id)
        if message_id is None:
            raise bad_request("message identifier is not specified")
        message = state.messages.get(message_id)
        if message is None:
            raise bad_request(f"message to {verb} not found")
        if message.get("from", {}).get("id") != self.bot_user["id"]:
            raise bad_request(f"message can't be {verb}ed")
        return message

    def bot_edits(self, chat_id: int, message: JSON, changes: JSON, removed: list[str]) -> JSON:
        for key in removed:
            message.pop(key, None)
        message.update(changes)
        message["edit_date"] = now()
        snapshot = self._event("edit", chat_id, message)
        self.chats[chat_id].timeline.append(TimelineEntry("bot-edit", "", snapshot))
        return message

    def bot_deletes(self, chat_id: int, message_id: int) -> None:
        state = self.known_chat(chat_id)
        message = state.messages.pop(message_id, None)
        if message is None:
            raise bad_request("message to delete not found")
        if message_id in state.bot_message_ids:
            state.bot_message_ids.remove(message_id)
        self._event("delete", chat_id, message)
        state.timeline.append(TimelineEntry("bot-delete", "", message))

    def bot_messages(self, chat_id: int) -> list[JSON]:
        state = self.chats.get(chat_id)
        if state is None:
            return []
        return [state.messages[i] for i in state.bot_message_ids]

    def _event(self, kind: EventKind, chat_id: int, message: JSON) -> JSON:
        # A shallow copy is a true snapshot: edits replace top-level values, never mutate them.
        snapshot = dict(message)
        event = Event(len(self.events), kind, chat_id, snapshot, time.monotonic())
        self.events.append(event)
        self.chat_events.setdefault(chat_id, []).append(event)
        self._notify()
        return snapshot

    def _notify(self) -> None:
        self._change_signal.set()
        self._change_signal = asyncio.Event()

    def notify(self) -> None:
        """Tell waiters the world changed (e.g. a callback query was answered)."""
        self._notify()

    async def changed(self, timeout: float) -> None:
        """Wait until the bot does something (or ``timeout`` seconds pass)."""
        signal = self._change_signal
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(signal.wait(), timeout)
