"""The second tier: what happens when a message *may* disclose a risk of harm.

A message that reads as hopeless, not coping, or an indirect goodbye
(:func:`civicbot.safeguarding.detect.screen` tier 2) is not clear enough for the emergency
reply and an alert, but too important to pass by. Within the handling of its update:

1. the resident gets the gentle check-in from ``signposting.yaml`` (``check_in``): short,
   warm, one signpost (Samaritans), no counselling, and honest that a person may read it;
2. a check-in row is recorded (round, step, update; no words);
3. a free-text answer goes to the facilitators' moderation queue with the reason
   :data:`REASON` (through :func:`check_in_reasons`, a moderation check), so a person
   reads it; deciding it there marks the check-in reviewed. A deliberation statement is
   held for review the same way.

No alert is sent: tier 1 (:mod:`civicbot.safeguarding.respond`) is for disclosures.
Like tier 1 it is at-least-once: the check-in goes out before the row is written, so a
crash in between repeats a kind message at worst. Telegram is reached only through the
``send`` callable given, so this module stays free of ``telegram``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from civicbot.safeguarding.detect import may_disclose
from civicbot.safeguarding.signposts import load_signposting
from civicbot.store import Store

log = logging.getLogger(__name__)

Send = Callable[[int, str], Awaitable[object]]
REASON = "may disclose a risk (check-in sent)"


def check_in_reasons(text: str) -> list[str]:
    """A moderation check: :data:`REASON` when ``text`` may disclose a risk (tier 2)."""
    return [REASON] if may_disclose(text) else []


async def check_in(
    store: Store,
    send: Send,
    *,
    chat_id: int,
    resident: str,
    round_id: int | None,
    update_id: int | None,
) -> int | None:
    """Send the check-in and record it. Returns the row's id (None when already recorded)."""
    await send(chat_id, load_signposting().check_in)
    step_id = None
    if round_id is not None:
        state = await store.get_session(round_id, resident)
        step_id = None if state is None else state.step_id
    found = await store.record_check_in(round_id, resident, update_id, step_id=step_id)
    log.info("safeguarding: a message may disclose a risk in round %s; checked in", round_id)
    return found
