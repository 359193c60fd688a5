"""``/series``: the discussion series and their rounds, for facilitators.

Read-only: series are made and filled with ``civicbot series create|add`` on the
organisers' machine, and compared with ``civicbot report --series NAME``.
"""

from __future__ import annotations

from telegram import Update

from civicbot.bot.facilitator.auth import audit, require
from civicbot.bot.facilitator.common import Context, reply
from civicbot.bot.services import services
from civicbot.store import Store

NO_SERIES = (
    "No series yet. A series groups rounds so the series report can compare them: "
    'civicbot series create "NAME", then civicbot series add "NAME" ROUND.'
)


async def series_lines(store: Store) -> list[str]:
    """Each series, then its rounds in order with their number, title and state."""
    lines: list[str] = []
    for row in await store.list_series():
        if lines:
            lines.append("")
        count = len(row.round_ids)
        lines.append(f"{row.name} ({count} round{'' if count == 1 else 's'})")
        for position, round_id in enumerate(row.round_ids, start=1):
            found = await store.get_round(round_id)
            if found is None:
                continue
            lines.append(f"{position}. Round {round_id}: {found.title} ({found.status})")
    return lines


async def on_series(update: Update, context: Context) -> None:
    actor = await require(update, context, "series")
    if actor is None:
        return
    lines = await series_lines(services(context).store)
    await audit(context, actor, "series")
    await reply(context, actor.chat_id, "\n".join(lines) if lines else NO_SERIES)
