"""/report ROUND: the round's full report (HTML) as a document in the chat.

The report is built in a worker thread, so residents' dialogues carry on meanwhile.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import InputFile, Update

from analysis.equity import Reference
from analysis.rounddata import RoundData
from analysis.themes import Edit
from civicbot.bot.facilitator.auth import audit, require
from civicbot.bot.facilitator.common import Context, reply, round_arg
from civicbot.bot.sending import with_retry
from civicbot.bot.services import services
from civicbot.counts import residents_text
from civicbot.facilitation import edits_for, reference_for


def build_html(
    data: RoundData, reference: Reference | None, edits: list[Edit] | None = None
) -> str:
    from threadpoolctl import threadpool_limits  # a dependency of scikit-learn

    from analysis.report import build_report, render

    # One thread for the numeric libraries: the bot shares the machine with the dialogue.
    with threadpool_limits(limits=1):
        built = build_report(data, k_min=10, reference=reference, edits=edits or ())
    return render(built, "html")


async def on_report(update: Update, context: Context) -> None:
    actor = await require(update, context, "report")
    if actor is None:
        return
    row = await round_arg(update, context, actor.chat_id, "/report ROUND")
    if row is None:
        return
    await reply(context, actor.chat_id, f"Building the report of round {row.id}: “{row.title}”…")
    store = services(context).store
    data = await store.round_data(row.id)
    edits = edits_for(await store.theme_edits(row.id))  # the names /results uses too
    html = await asyncio.to_thread(build_html, data, reference_for(row), edits)
    await audit(context, actor, "report", row.id)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    document = InputFile(html.encode("utf-8"), filename=f"round-{row.id}-report-{stamp}.html")
    caption = (
        f"Report of round {row.id}, “{row.title}”: "
        f"{residents_text([r.id for r in data.residents])} residents. "
        "Open it in a browser; it prints well too."
    )
    await with_retry(
        lambda: context.bot.send_document(actor.chat_id, document, caption=caption[:1024])
    )
