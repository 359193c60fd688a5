"""Reading what the bot did: readable transcripts and waiting for the bot's next message.

``Watcher`` hands each bot message to ``wait_for`` once, in order, per chat (like ``expect``):
a test that waits after the bot already answered still sees the answer, and never sees the
same message twice.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from .faults import Stats
from .objects import JSON
from .world import ChatState, TimelineEntry, World

Match = str | Callable[[JSON], bool] | None


def describe(message: JSON) -> str:
    """A message's content on one line, the way a reader would summarise it."""
    parts: list[str] = []
    if "document" in message:
        parts.append(f"(document {message['document'].get('file_name', 'file')})")
    if "photo" in message:
        parts.append("(photo)")
    if "sticker" in message:
        parts.append(f"(sticker {message['sticker'].get('emoji', '')})".replace(" )", ")"))
    text = message.get("text") or message.get("caption")
    if text:
        parts.append(text)
    return " ".join(parts) or "(empty)"


def _buttons(message: JSON) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return ["  " + " ".join(f"[{button.get('text', '')}]" for button in row) for row in rows]


def _bot_block(label: str, message: JSON) -> list[str]:
    text = describe(message)
    first, *rest = text.split("\n")
    return [f"{label}: {first}", *(f"  {line}" for line in rest), *_buttons(message)]


def render(state: ChatState, edits: bool = True) -> str:
    """Render a chat: ``Bot: …`` lines with ``[Button]`` rows under them, ``You: …`` for the
    resident (group messages carry the sender's name instead). Edits that change the text
    appear as ``Bot (edited): …``; keyboard-only edits and deletions are left out."""
    private = state.chat.get("type") == "private"
    lines: list[str] = []
    last_text: dict[int, str] = {}
    for entry in state.timeline:
        lines.extend(_entry_lines(entry, private, edits, last_text))
    return "\n".join(lines)


def _entry_lines(
    entry: TimelineEntry, private: bool, edits: bool, last_text: dict[int, str]
) -> list[str]:
    if entry.who == "user":
        head, *rest = entry.text.split("\n")
        first = f"You: {head}" if private else head
        return [first, *(f"  {line}" for line in rest)]
    message = entry.message or {}
    message_id = int(message.get("message_id", 0))
    if entry.who == "bot":
        last_text[message_id] = describe(message)
        return _bot_block("Bot", message)
    if entry.who == "bot-edit" and edits and describe(message) != last_text.get(message_id):
        last_text[message_id] = describe(message)
        return _bot_block("Bot (edited)", message)
    return []


def _update_chat_id(update: JSON) -> int | None:
    for value in update.values():
        if isinstance(value, dict):
            chat = value.get("chat") or (value.get("message") or {}).get("chat") or {}
            return chat.get("id") if isinstance(chat, dict) else None
    return None


def diagnose(world: World, stats: Stats, chat_id: int) -> str:
    """Where a conversation is stuck: an update still queued, or delivered and confirmed."""
    pending = [u["update_id"] for u in world.updates if _update_chat_id(u) == chat_id]
    polls = [c for c in stats.calls if c.method == "getUpdates"]
    last_poll = f"{time.monotonic() - polls[-1].time:.1f}s ago" if polls else "never"
    return (
        f"Unconfirmed updates for this chat: {pending or 'none'}; "
        f"confirmed offset {world.confirmed_offset}; last getUpdates {last_poll}."
    )


def matches(message: JSON, match: Match) -> bool:
    if match is None:
        return True
    if isinstance(match, str):
        return match in (message.get("text") or message.get("caption") or "")
    return bool(match(message))


class Watcher:
    """Per-chat cursors over the bot's messages, for ``wait_for``."""

    def __init__(self, world: World, diagnose: Callable[[int], str] | None = None) -> None:
        self.world = world
        self.cursors: dict[int, int] = {}
        self.diagnose = diagnose

    def skip_all(self, chat_id: int) -> None:
        """Treat everything the bot sent to ``chat_id`` so far as already seen."""
        self.cursors[chat_id] = len(self.world.chat_events.get(chat_id, []))

    def _next(self, chat_id: int, match: Match, edits: bool) -> JSON | None:
        events = self.world.chat_events.get(chat_id, [])
        start = self.cursors.get(chat_id, 0)
        for index in range(start, len(events)):
            event = events[index]
            wanted = event.kind == "send" or (edits and event.kind == "edit")
            if wanted and matches(event.message, match):
                self.cursors[chat_id] = index + 1
                return event.message
        return None

    async def wait_for(self, chat_id: int, match: Match, timeout: float, edits: bool) -> JSON:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = self._next(chat_id, match, edits)
            if found is not None:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(self._timeout_report(chat_id, match, timeout))
            await self.world.changed(remaining)

    def _timeout_report(self, chat_id: int, match: Match, timeout: float) -> str:
        wanted = "any message" if match is None else f"a message matching {match!r}"
        state = self.world.chats.get(chat_id)
        recent = "\n".join(render(state).split("\n")[-20:]) if state else "(chat unknown)"
        notes = f"\n{self.diagnose(chat_id)}" if self.diagnose else ""
        return (
            f"the bot sent no new message to chat {chat_id} ({wanted}) within {timeout}s.{notes}\n"
            f"Recent transcript:\n{recent}"
        )
