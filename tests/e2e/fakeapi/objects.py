"""Builders for the Bot API objects the stand-in server hands out, as plain JSON dicts.

Shapes follow https://core.telegram.org/bots/api (User, Chat, Message, MessageEntity, Document,
PhotoSize, Sticker, Voice, Location, Contact, CallbackQuery) with the fields python-telegram-bot
requires to build its objects; optional fields are left out rather than sent as ``null``.
"""

from __future__ import annotations

import hashlib
import itertools
import struct
import time
from dataclasses import dataclass
from typing import Any

JSON = dict[str, Any]

_file_counter = itertools.count(1)


def now() -> int:
    return int(time.time())


def utf16_len(text: str) -> int:
    """Entity offsets and lengths are counted in UTF-16 code units, not code points."""
    return len(text.encode("utf-16-le")) // 2


def user_dict(
    user_id: int,
    first_name: str,
    *,
    username: str | None = None,
    last_name: str | None = None,
    language_code: str | None = None,
    is_bot: bool = False,
) -> JSON:
    user: JSON = {"id": user_id, "is_bot": is_bot, "first_name": first_name}
    if last_name:
        user["last_name"] = last_name
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def private_chat(user: JSON) -> JSON:
    chat: JSON = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    for key in ("last_name", "username"):
        if key in user:
            chat[key] = user[key]
    return chat


def titled_chat(chat_id: int, chat_type: str, title: str) -> JSON:
    """A group, supergroup or channel: these have a title instead of a first name."""
    return {"id": chat_id, "type": chat_type, "title": title}


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file either side has uploaded; ``getFile`` and the download path serve it back."""

    file_id: str
    file_unique_id: str
    content: bytes
    file_name: str | None
    mime_type: str | None

    @property
    def file_path(self) -> str:
        return f"files/{self.file_unique_id}/{self.file_name or 'file'}"


def new_file(content: bytes, file_name: str | None, mime_type: str | None) -> StoredFile:
    serial = next(_file_counter)
    digest = hashlib.sha1(content + str(serial).encode()).hexdigest()
    # Real ids are opaque base64 strings; the length and alphabet here are similar enough.
    return StoredFile(
        file_id=f"BQACAgQAAx{digest[:40]}{serial}",
        file_unique_id=f"AgAD{digest[:12]}",
        content=content,
        file_name=file_name,
        mime_type=mime_type,
    )


def document_dict(stored: StoredFile) -> JSON:
    doc: JSON = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.content),
    }
    if stored.file_name:
        doc["file_name"] = stored.file_name
    if stored.mime_type:
        doc["mime_type"] = stored.mime_type
    return doc


def photo_sizes(stored: StoredFile, width: int, height: int) -> list[JSON]:
    """Telegram returns several sizes, smallest first; a thumbnail and the original will do."""
    scale = max(width, height) / 90 if max(width, height) > 90 else 1.0
    small = {
        "file_id": stored.file_id + "s",
        "file_unique_id": stored.file_unique_id + "s",
        "width": max(1, round(width / scale)),
        "height": max(1, round(height / scale)),
        "file_size": max(1, len(stored.content) // 10),
    }
    full = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "width": width,
        "height": height,
        "file_size": len(stored.content),
    }
    return [small, full] if scale > 1 else [full]


def image_size(content: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, JPEG or WebP image; None if it is not one of those."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return int(width), int(height)
    if content[:6] in (b"GIF87a", b"GIF89a") and len(content) >= 10:
        width, height = struct.unpack("<HH", content[6:10])
        return int(width), int(height)
    if content.startswith(b"RIFF") and content[8:12] == b"WEBP":
        return (1, 1)
    if content.startswith(b"\xff\xd8"):
        return _jpeg_size(content)
    return None


def _jpeg_size(content: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 9 < len(content):
        if content[pos] != 0xFF:
            return None
        marker = content[pos + 1]
        (length,) = struct.unpack(">H", content[pos + 2 : pos + 4])
        # SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", content[pos + 5 : pos + 9])
            return int(width), int(height)
        pos += 2 + length
    return None


def command_entity(text: str) -> list[JSON]:
    """The ``bot_command`` entity Telegram attaches when a message starts with ``/word``."""
    if not text.startswith("/"):
        return []
    head = text.split(maxsplit=1)[0] if text.strip() else text
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(head)}]


def keyboard_buttons(message: JSON) -> list[JSON]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]
