"""/broadcast ROUND: the facilitator writes the message, sees a preview with Send and
Cancel, and on Send one outbox row per opted-in resident is queued (the drainer sends
them within Telegram's limits and edits the preview into a progress message).

Buttons carry ``b:<broadcast>:y|n``; the presser is checked on every press.
"""

from __future__ import annotations

import re

from telegram import Update

from civicbot.bot.facilitator.auth import Actor, audit, require
from civicbot.bot.facilitator.common import (
    Context,
    preview_buttons,
    replace_pressed,
    reply,
    round_arg,
)
from civicbot.bot.sending import MAX_TEXT, answer_quietly
from civicbot.bot.services import services
from civicbot.counts import residents_text_off_loop as _count

PATTERN = r"^b:[0-9]{1,12}:[yn]$"


async def on_broadcast(update: Update, context: Context) -> None:
    actor = await require(update, context, "broadcast")
    if actor is None:
        return
    row = await round_arg(update, context, actor.chat_id, "/broadcast ROUND")
    if row is None:
        return
    store = services(context).store
    broadcast_id = await store.create_broadcast(row.id, actor.pseudonym)
    await store.set_prompt(actor.pseudonym, "broadcast", broadcast_id)
    count = await _count(await store.recipient_ids(row.id))
    await audit(context, actor, "broadcast-draft", row.id, broadcast=broadcast_id)
    await reply(
        context,
        actor.chat_id,
        f"Round {row.id} “{row.title}”: {count} residents asked for updates.\n"
        "Send me the message now (one message). You will see it before it goes out.",
    )


async def on_text(context: Context, actor: Actor, broadcast_id: int, text: str) -> None:
    """The facilitator's message for a draft broadcast: show the preview."""
    store = services(context).store
    draft = await store.get_broadcast(broadcast_id)
    if draft is None or draft.status != "draft":
        await reply(context, actor.chat_id, "That broadcast is no longer a draft.")
        return
    text = text.strip()[:MAX_TEXT]
    await store.set_broadcast_text(broadcast_id, text)
    count = await _count(await store.recipient_ids(draft.round_id))
    markup = preview_buttons("b", broadcast_id, count, "y", ("Cancel", "n"))
    await reply(context, actor.chat_id, f"Preview (to {count} residents):\n\n{text}", markup)


async def on_press(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or not query.data or not re.match(PATTERN, query.data):
        return
    _, raw_id, verb = query.data.split(":")
    broadcast_id = int(raw_id)
    actor = await require(update, context, "broadcast-send", target=broadcast_id)
    if actor is None:
        return
    await answer_quietly(query)
    store = services(context).store
    if verb == "n":
        cancelled = await store.cancel_broadcast(broadcast_id)
        await audit(context, actor, "broadcast-cancel", broadcast_id, cancelled=cancelled)
        text = "Cancelled: nothing was sent." if cancelled else "That broadcast is not a draft."
    else:
        draft = await store.get_broadcast(broadcast_id)
        who = await store.recipient_ids(draft.round_id) if draft is not None else []
        count = await store.queue_broadcast(broadcast_id)
        await audit(context, actor, "broadcast-send", broadcast_id, recipients=count)
        if count is None:
            text = "That broadcast was sent (or cancelled) already."
        else:
            text = f"Sending to {await _count(who)} residents… (this message shows progress)"
            if query.message is not None:
                await store.set_progress_message(broadcast_id, query.message.message_id)
    await replace_pressed(context, actor.chat_id, query.message, text)
