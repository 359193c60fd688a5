"""How the bot states numbers of residents to facilitators (broadcast recipients, sending
progress): under the same disclosure control as the report.

A number of residents is protected by the cell-key method (:mod:`civicbot_analysis.disclosure`),
keyed by the residents' pseudonyms where the bot has them, and a number of 10 or fewer (k)
is never shown, so a preview cannot tell a facilitator that, say, 3 residents of a small
group asked for updates, and a preview before and after one more resident does not say
that one more did.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping

from civicbot_analysis.disclosure import release_key
from civicbot_analysis.suppress import DEFAULT_K, Cell, Suppressor


def _text(cell: Cell, k: int) -> str:
    return cell.render() if cell.shown else cell.why(k, short=True)


def _whole(cell: Cell) -> int:
    return int(cell.value) if isinstance(cell.value, int | float) else 0


def residents_text(residents: Collection[str], k: int = DEFAULT_K) -> str:
    """How many of these residents (pseudonyms) there are, as a facilitator may see it."""
    s = Suppressor.for_round(residents, k)
    return _text(s.count_of(residents, "recipients"), k)


async def residents_text_off_loop(residents: Collection[str], k: int = DEFAULT_K) -> str:
    """:func:`residents_text` worked out in a thread: a round's recipients may be a
    hundred thousand pseudonyms to hash, which the event loop must not do."""
    return await asyncio.to_thread(residents_text, residents, k)


def progress_text(counts: Mapping[str, int], done: bool, key: str = "", k: int = DEFAULT_K) -> str:
    """A broadcast's progress from its outbox counts by status; ``key`` is a secret of the
    broadcast (its author's pseudonym and id) that fixes the noise of its figures."""
    s = Suppressor(k, release_key([key]))
    total = sum(counts.values())
    total_cell = s.count(total, None, "total")
    sent = counts.get("sent", 0)
    sent_cell = total_cell if sent == total else s.count(sent, None, "sent")
    if not total_cell.shown:
        who = f"{_text(total_cell, k)} residents"
        text = f"Sent ({who})." if done else f"Sending… ({who})"
    else:
        if sent_cell.shown:
            of = f"{min(_whole(sent_cell), _whole(total_cell)):,} of {total_cell.render()}"
        else:
            of = f"{_text(sent_cell, k)} of {total_cell.render()}"
        text = f"Sent to {of} residents." if done else f"Sending… {of} sent so far."
    unreachable = counts.get("blocked", 0) + counts.get("failed", 0)
    if unreachable:
        gone = s.count(unreachable, None, "unreachable")
        who = gone.render() if gone.shown else "Some"
        text += f" {who} could not be reached (most had blocked the bot)."
    return text
