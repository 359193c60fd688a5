"""Small helpers the facilitator handlers share: replies, round arguments, previews."""

from __future__ import annotations

import contextlib

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MaybeInaccessibleMessage,
    Message,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from civicbot.bot.sending import clip, with_retry
from civicbot.bot.services import services
from civicbot.numbers import ascii_int
from civicbot.store import RoundRow

Context = ContextTypes.DEFAULT_TYPE


async def reply(
    context: Context, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    return await with_retry(
        lambda: context.bot.send_message(chat_id, clip(text), reply_markup=markup)
    )


def args(context: Context) -> list[str]:
    return [a for a in (context.args or []) if a]


async def round_arg(
    update: Update, context: Context, chat_id: int, usage: str, index: int = 0
) -> RoundRow | None:
    """The round named by the command's argument (its number), or a helpful reply."""
    given = args(context)
    number = ascii_int(given[index], max_digits=9) if len(given) > index else None
    if number is None:
        await reply(
            context, chat_id, f"Please give the round number: {usage}\n(/rounds lists them)"
        )
        return None
    row = await services(context).store.get_round(number)
    if row is None:
        await reply(context, chat_id, f"There is no round {given[index]}. /rounds lists them.")
    return row


def preview_buttons(
    prefix: str, item_id: int, count: int | str, send: str, *others: tuple[str, str]
) -> InlineKeyboardMarkup:
    """One row of buttons under a preview: “Send to N” then ``(label, verb)`` pairs.

    Each button's data is ``prefix:item_id:verb``.
    """
    buttons = [(f"Send to {count}", send), *others]
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(label, callback_data=f"{prefix}:{item_id}:{verb}")
                for label, verb in buttons
            ]
        ]
    )


async def replace_pressed(
    context: Context,
    chat_id: int,
    message: MaybeInaccessibleMessage | None,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Edit the message whose button was pressed into ``text`` (gone already is fine)."""
    if message is None:
        return
    message_id = message.message_id
    with contextlib.suppress(BadRequest):
        await with_retry(
            lambda: context.bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, reply_markup=markup
            )
        )
