"""Turning engine messages into Bot API calls, with the retries Telegram asks for.

A reply honours ``retry_after`` on 429 and retries briefly on network errors; a resident
who blocked the bot (403) is given up on quietly. Callback data is ``<round>:<token>``,
well under Telegram's 64-byte limit because engine tokens are short.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from civicbot.engine.types import OutMessage
from civicbot.numbers import ascii_int

log = logging.getLogger(__name__)

T = TypeVar("T")
MAX_TEXT = 4096
_ATTEMPTS = 4


def keyboard(round_id: int, message: OutMessage) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=f"{round_id}:{b.token}") for b in row]
            for row in message.buttons
        ]
    )


def parse_callback(data: str | None) -> tuple[int | None, str]:
    """Split ``<round>:<token>``. Anything else gives ``(None, "")``: forged or foreign."""
    if not data or ":" not in data:
        return None, ""
    head, token = data.split(":", 1)
    round_id = ascii_int(head, max_digits=12)
    if round_id is None:
        return None, ""
    return round_id, token


async def answer_quietly(query: object) -> None:
    """Answer a button press; a press answered already (say, before a restart) is fine."""
    from telegram import CallbackQuery

    assert isinstance(query, CallbackQuery)
    with contextlib.suppress(BadRequest):
        await with_retry(query.answer)


def clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


async def with_retry(call: Callable[[], Awaitable[T]]) -> T | None:
    """Run one Bot API call, waiting out 429s and retrying network errors a few times.

    Returns None when the chat is unreachable (blocked the bot) or the call kept failing;
    replies are best effort, while the state they report is already committed.
    """
    for attempt in range(_ATTEMPTS):
        try:
            return await call()
        except RetryAfter as exc:
            delay = exc.retry_after
            seconds = delay.total_seconds() if hasattr(delay, "total_seconds") else float(delay)
            await asyncio.sleep(min(seconds, 60.0))
        except Forbidden:
            log.info("chat unreachable (bot blocked or chat gone); reply dropped")
            return None
        except BadRequest:
            raise
        except NetworkError:
            await asyncio.sleep(0.2 * (2**attempt))
    log.warning("reply failed after %d attempts", _ATTEMPTS)
    return None


async def send_messages(
    bot: object,
    chat_id: int,
    round_id: int,
    messages: Sequence[OutMessage],
    *,
    edit_target: Message | None = None,
) -> None:
    """Send the engine's messages in order; ``edit`` messages replace ``edit_target``."""
    from telegram import Bot

    assert isinstance(bot, Bot)
    for message in messages:
        markup = keyboard(round_id, message)
        text = clip(message.text)
        if message.edit and edit_target is not None:
            try:
                await with_retry(
                    functools.partial(edit_target.edit_text, text, reply_markup=markup)
                )
            except BadRequest as exc:
                if "not modified" not in str(exc).lower():
                    raise
            continue
        await with_retry(functools.partial(bot.send_message, chat_id, text, reply_markup=markup))
