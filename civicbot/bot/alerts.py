"""Safeguarding alerts through Telegram: the background job that delivers them (see
:func:`civicbot.bot.jobs.background_jobs`) and the "Seen" button they carry.

The work itself is :class:`civicbot.safeguarding.delivery.AlertDelivery`; this module
gives it a way to send (a message with a "Seen" button whose data is ``sg:<token>``,
15 bytes, resolved by the database when pressed) and turns Telegram's refusals into
:class:`~civicbot.safeguarding.delivery.SendFailed`, with the wait Telegram asked for.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from civicbot.bot.sending import clip
from civicbot.bot.services import Services
from civicbot.safeguarding.delivery import AlertDelivery, AlertSend, SendFailed

Job = Callable[[asyncio.Event], Coroutine[Any, Any, None]]
PREFIX = "sg:"
SEEN = "Seen"


def seen_keyboard(token: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(SEEN, callback_data=PREFIX + token)]])


def telegram_send(bot: Bot) -> AlertSend:
    async def send(chat_id: int, text: str, token: str) -> None:
        try:
            await bot.send_message(chat_id, clip(text), reply_markup=seen_keyboard(token))
        except RetryAfter as exc:
            delay = exc.retry_after
            seconds = delay.total_seconds() if hasattr(delay, "total_seconds") else float(delay)
            raise SendFailed("Telegram asked to slow down", retry_after=seconds) from exc
        except Forbidden as exc:
            raise SendFailed("the bot was blocked or removed from the chat") from exc
        except BadRequest as exc:
            raise SendFailed(f"refused: {exc.message}") from exc
        except TimedOut as exc:
            # It may have arrived; sending again risks a second copy, never a lost alert.
            raise SendFailed("timed out") from exc
        except NetworkError as exc:
            raise SendFailed(f"Telegram or the network failed: {exc.message}") from exc

    return send


def background(application: Application, services: Services) -> list[Job]:
    delivery = AlertDelivery(services.store, services.settings, telegram_send(application.bot))

    async def deliver(stop: asyncio.Event) -> None:
        await delivery.run(stop, services.alert_wake)

    return [deliver]
