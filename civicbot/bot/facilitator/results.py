"""/results: closing the loop.

For a facilitator, ``/results ROUND`` (a closed round) drafts “what we heard” from the
analysis, asks for what happens next in their own words, and previews the whole message
with Send / Edit / Cancel (``r:<results>:s|e|c``). Send queues it to residents who asked
for updates. For a resident, ``/results`` shows the results of a round they took part in.
"""

from __future__ import annotations

import asyncio
import logging
import re

from telegram import Update

from civicbot.bot.facilitator import words
from civicbot.bot.facilitator.auth import Actor, actor_of, audit, require
from civicbot.bot.facilitator.common import (
    Context,
    args,
    preview_buttons,
    replace_pressed,
    reply,
    round_arg,
)
from civicbot.bot.facilitator.report_jobs import heard_text
from civicbot.bot.sending import MAX_TEXT, answer_quietly
from civicbot.bot.services import services
from civicbot.counts import residents_text_off_loop as _count
from civicbot.store import RoundRow

log = logging.getLogger(__name__)
PATTERN = r"^r:[0-9]{1,12}:[sec]$"
ASK_NEXT = (
    "Now tell residents what happens next, in your own words (one message): what you will "
    "do with what they said, and when they will hear more."
)
RENAME_HINT = (
    "Themes are named as in the report. To rename one, run civicbot report {round} --db … "
    '--edits FILE --rename THEME_ID "New name" and send /results {round} again; you will '
    "see the whole message before anything is sent."
)


async def on_results(update: Update, context: Context) -> None:
    svc = services(context)
    if args(context):
        actor = await require(update, context, "results")
        if actor is None:
            return
        await _draft(update, context, actor)
        return
    actor = await actor_of(update, svc)
    if actor is None:
        return
    found = await svc.store.results_for_resident(actor.pseudonym)
    await reply(context, actor.chat_id, words.NO_RESULTS if found is None else found.text)


async def _draft(update: Update, context: Context, actor: Actor) -> None:
    row = await round_arg(update, context, actor.chat_id, "/results ROUND")
    if row is None:
        return
    store = services(context).store
    existing = await store.results_for_round(row.id)
    if existing is not None and existing.status == "sent":
        await reply(context, actor.chat_id, f"These were sent already:\n\n{existing.text}")
        return
    if row.status != "closed":
        await reply(context, actor.chat_id, f"Close the round first: /closeround {row.id}")
        return
    await reply(
        context,
        actor.chat_id,
        f"Drafting “what we heard” for round {row.id}: it will arrive here in a moment.",
    )
    # Worked out in a process of its own, and awaited outside this update's handling: the
    # worker goes on with residents' updates meanwhile.
    task = asyncio.get_running_loop().create_task(_finish_draft(context, actor, row))
    _drafting.add(task)
    task.add_done_callback(_drafted)


_drafting: set[asyncio.Task[None]] = set()  # kept until done, so none is collected early


def _drafted(task: asyncio.Task[None]) -> None:
    _drafting.discard(task)
    if not task.cancelled() and task.exception() is not None:
        log.error("drafting “what we heard” failed", exc_info=task.exception())


async def _finish_draft(context: Context, actor: Actor, row: RoundRow) -> None:
    svc = services(context)
    store = svc.store
    summary = await heard_text(svc.settings.db, row.id)
    if summary is None:
        await reply(context, actor.chat_id, "Sorry, the draft could not be made. Please try again.")
        return
    draft = await store.draft_results(row.id, summary, actor.pseudonym)
    await store.set_prompt(actor.pseudonym, "results", draft.id)
    await audit(context, actor, "results-draft", row.id, results=draft.id)
    hint = RENAME_HINT.format(round=row.id)
    await reply(context, actor.chat_id, f"{summary}\n\n———\n{hint}\n\n{ASK_NEXT}")


async def on_text(context: Context, actor: Actor, results_id: int, text: str) -> None:
    """The facilitator's “what happens next”: show the preview."""
    store = services(context).store
    if not await store.set_next_steps(results_id, text.strip()[: MAX_TEXT // 2]):
        await reply(context, actor.chat_id, "Those results were sent already.")
        return
    draft = await store.get_results(results_id)
    assert draft is not None
    count = await _count(await store.recipient_ids(draft.round_id))
    markup = preview_buttons("r", results_id, count, "s", ("Edit", "e"), ("Cancel", "c"))
    await reply(context, actor.chat_id, f"Preview (to {count} residents):\n\n{draft.text}", markup)


async def on_press(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or not query.data or not re.match(PATTERN, query.data):
        return
    _, raw_id, verb = query.data.split(":")
    results_id = int(raw_id)
    actor = await require(update, context, "results-send", target=results_id)
    if actor is None:
        return
    await answer_quietly(query)
    store = services(context).store
    if verb == "e":
        await store.set_prompt(actor.pseudonym, "results", results_id)
        await audit(context, actor, "results-edit", results_id)
        text = "Send me the new text for what happens next."
    elif verb == "c":
        await store.clear_prompt(actor.pseudonym)
        await audit(context, actor, "results-cancel", results_id)
        text = "Not sent. Send /results ROUND again when you are ready."
    else:
        pending = await store.get_results(results_id)
        who = await store.recipient_ids(pending.round_id) if pending is not None else []
        count = await store.send_results(results_id, actor.pseudonym)
        await audit(context, actor, "results-send", results_id, recipients=count)
        sent = await store.get_results(results_id)
        if count is None or sent is None or sent.broadcast_id is None:
            text = "These results were sent already."
        else:
            text = (
                f"Sending what we heard to {await _count(who)} residents… "
                "(this message shows progress)"
            )
            if query.message is not None:
                await store.set_progress_message(sent.broadcast_id, query.message.message_id)
    await replace_pressed(context, actor.chat_id, query.message, text)
