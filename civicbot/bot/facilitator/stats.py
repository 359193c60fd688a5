"""/stats ROUND: the live picture (see :mod:`civicbot.stats`)."""

from __future__ import annotations

from telegram import Update

from civicbot.bot.facilitator.auth import audit, require
from civicbot.bot.facilitator.common import Context, reply, round_arg
from civicbot.bot.services import services
from civicbot.facilitation import stats_text


async def on_stats(update: Update, context: Context) -> None:
    actor = await require(update, context, "stats")
    if actor is None:
        return
    row = await round_arg(update, context, actor.chat_id, "/stats ROUND")
    if row is None:
        return
    text = await stats_text(services(context).store, row)
    await audit(context, actor, "stats", row.id)
    await reply(context, actor.chat_id, text)
