"""/report ROUND: the round's full report (HTML) as a document in the chat.

The request is stored and answered at once ("being prepared"); the report is built in a
process of its own and sent when ready (:mod:`civicbot.bot.facilitator.report_jobs`), so
residents' dialogues never wait for it, and a restart neither loses nor repeats it.
"""

from __future__ import annotations

from telegram import Update

from civicbot.bot.facilitator.auth import audit, require
from civicbot.bot.facilitator.common import Context, reply, round_arg
from civicbot.bot.services import services


async def on_report(update: Update, context: Context) -> None:
    actor = await require(update, context, "report")
    if actor is None:
        return
    row = await round_arg(update, context, actor.chat_id, "/report ROUND")
    if row is None:
        return
    _request, new = await services(context).store.request_report(row.id, actor.pseudonym)
    await audit(context, actor, "report", row.id)
    if new:
        text = (
            f"Your report of round {row.id}, “{row.title}”, is being prepared. It will "
            "arrive here as a document when it is ready (a large round takes a few "
            "minutes); residents' conversations carry on meanwhile."
        )
    else:
        text = (
            f"Your report of round {row.id} is already being prepared: it will arrive here "
            "when it is ready."
        )
    await reply(context, actor.chat_id, text)
