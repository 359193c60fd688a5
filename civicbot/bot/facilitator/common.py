"""Small helpers the facilitator handlers share: replies, round arguments."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from civicbot.bot.sending import clip, with_retry
from civicbot.bot.services import services
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
    if len(given) <= index or not given[index].isdigit() or len(given[index]) > 9:
        await reply(
            context, chat_id, f"Please give the round number: {usage}\n(/rounds lists them)"
        )
        return None
    row = await services(context).store.get_round(int(given[index]))
    if row is None:
        await reply(context, chat_id, f"There is no round {given[index]}. /rounds lists them.")
    return row
