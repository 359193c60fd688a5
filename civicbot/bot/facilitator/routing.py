"""The facilitator commands' handlers, and where a facilitator's plain text goes.

A text message from someone with a pending facilitator prompt (the broadcast text,
"what happens next") goes to that tool; any other text goes on to the dialogue, so a
facilitator can take part in a round like anyone else.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from civicbot.bot import dialogue
from civicbot.bot.facilitator import (
    broadcast,
    invite,
    moderate,
    report,
    results,
    rounds,
    seen,
    series,
    stats,
    transcribe,
)
from civicbot.bot.facilitator.auth import actor_of, quick_check
from civicbot.bot.facilitator.common import Context
from civicbot.bot.services import services


async def on_text(update: Update, context: Context) -> None:
    svc = services(context)
    message = update.effective_message
    if message is not None and message.text and await quick_check(update, svc):
        actor = await actor_of(update, svc)
        prompt = await svc.store.take_prompt(actor.pseudonym) if actor else None
        if actor is not None and prompt is not None:
            if prompt.kind == "broadcast":
                await broadcast.on_text(context, actor, prompt.ref, message.text)
                return
            if prompt.kind == "results":
                await results.on_text(context, actor, prompt.ref, message.text)
                return
            if prompt.kind == transcribe.PROMPT:
                await transcribe.save(context, actor, prompt.ref, message.text)
                return
    await dialogue.on_text(update, context)


def handlers() -> list[BaseHandler]:
    private = filters.ChatType.PRIVATE
    new_messages = filters.UpdateType.MESSAGE
    commands = {
        "grant": rounds.on_grant,
        "revoke": rounds.on_revoke,
        "newround": rounds.on_newround,
        "openround": rounds.on_openround,
        "closeround": rounds.on_closeround,
        "rounds": rounds.on_rounds,
        "invite": invite.on_invite,
        "stats": stats.on_stats,
        "moderate": moderate.on_moderate,
        "broadcast": broadcast.on_broadcast,
        "results": results.on_results,
        "report": report.on_report,
        "transcribe": transcribe.on_transcribe,
        "series": series.on_series,
    }
    found: list[BaseHandler] = [
        CommandHandler(name, callback, filters=private & new_messages)
        for name, callback in commands.items()
    ]
    found += [
        CallbackQueryHandler(moderate.on_press, pattern=moderate.PATTERN),
        CallbackQueryHandler(broadcast.on_press, pattern=broadcast.PATTERN),
        CallbackQueryHandler(results.on_press, pattern=results.PATTERN),
        CallbackQueryHandler(transcribe.on_press, pattern=transcribe.PATTERN),
        CallbackQueryHandler(seen.on_press, pattern=seen.PATTERN),
        # Any other m:/b:/r:/t:/sg: data is forged or stale: audited as a refused press.
        CallbackQueryHandler(on_forged, pattern=r"^(?:[mbrt]|sg):"),
        MessageHandler(private & new_messages & filters.TEXT & ~filters.COMMAND, on_text),
    ]
    return found


async def on_forged(update: Update, context: Context) -> None:
    from civicbot.bot.sending import answer_quietly

    svc = services(context)
    query = update.callback_query
    actor = await actor_of(update, svc)
    if query is None or actor is None:
        return
    await answer_quietly(query)
    await svc.store.audit(actor.pseudonym, "button", target=(query.data or "")[:64], allowed=False)
