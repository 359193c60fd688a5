"""What happens when a message discloses a risk of harm, within the handling of its update.

1. The resident gets the fixed signposting reply (before anything else is sent).
2. A safeguarding event is recorded: kinds, round, step, update; no words.
3. The alert is left to :mod:`civicbot.safeguarding.delivery`, which the running bot keeps
   in the background: ``wake`` tells it there is a new event, and it delivers the alert
   (retrying until Telegram takes it) to the facilitators' chat (``CIVICBOT_FACILITATOR_CHAT``),
   or else every admin and facilitator who has talked to the bot, then repeats it to every
   admin if nobody presses "Seen" in time. The alert says where in the dialogue it happened
   and gives the pseudonym's first characters, enough to find the answer in the moderation
   queue or the database, and nothing that identifies the resident (no Telegram ID, name or
   words).

Handling is at-least-once: the event is unique per update and is committed before the
alert is attempted, and delivery retries every event not yet marked alerted, so a crash
between steps means a repeated reply at worst, never a lost alert. Sending the alert is
kept off the resident's path: a slow or failing Telegram delays no one's next question.
Telegram is reached only through the ``send`` callable given, so this module stays free of
``telegram``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from civicbot.safeguarding.detect import Detection, detect
from civicbot.safeguarding.signposts import load_signposting, reply_in
from civicbot.settings import Settings
from civicbot.store import Store
from civicbot.store.safety import SafeguardingEvent

log = logging.getLogger(__name__)

# Sends ``text`` to ``chat_id``; returns something truthy when it went out.
Send = Callable[[int, str], Awaitable[object]]
REASON = "safeguarding"
PSEUDONYM_PREFIX = 8

KIND_WORDS: dict[str, str] = {
    "suicide_self_harm": "suicide or self-harm",
    "abuse": "abuse",
    "domestic_violence": "domestic abuse or violence",
    "child_at_risk": "a child at risk",
    "immediate_danger": "immediate danger",
}


def moderation_reasons(text: str) -> list[str]:
    """A check for the moderation queue: ``["safeguarding"]`` when ``text`` discloses a
    risk of harm (one of :func:`civicbot.screening.standard`'s checks)."""
    return [REASON] if detect(text) else []


def alert_text(event: SafeguardingEvent, round_title: str | None) -> str:
    where = (
        f"in round {event.round_id}" + (f" ({round_title})" if round_title else "")
        if event.round_id is not None
        else "outside any round"
    )
    step = f" at step {event.step_id}" if event.step_id else ""
    kinds = ", ".join(KIND_WORDS.get(k, k) for k in event.kinds) or "a risk of harm"
    return (
        f"Safeguarding alert #{event.id}: a resident's message {where}{step} may disclose "
        f"{kinds}. It was sent the fixed signposting reply (999, Samaritans, Shout, NHS 111, "
        f"domestic abuse and child helplines). "
        f"Resident reference: {event.resident[:PSEUDONYM_PREFIX]}… "
        f"Time: {event.at:%Y-%m-%d %H:%M} UTC. "
        "Please follow your safeguarding procedure; the bot will not contact them about it."
    )


async def respond(
    store: Store,
    settings: Settings,
    send: Send,
    *,
    detection: Detection,
    chat_id: int,
    resident: str,
    round_id: int | None,
    update_id: int | None,
    language: str = "en",
    wake: Callable[[], None] = lambda: None,
) -> int | None:
    """Signpost (in the resident's ``language`` where a translation with the very same
    numbers exists), record, and ``wake`` the alert delivery. Returns the event id (None
    when already recorded)."""
    await send(chat_id, reply_in(language, load_signposting()))
    step_id = None
    if round_id is not None:
        state = await store.get_session(round_id, resident)
        step_id = None if state is None else state.step_id
    event_id = await store.record_safeguarding_event(
        round_id, resident, detection.kinds, update_id, step_id=step_id
    )
    log.warning(
        "safeguarding: disclosure (%s) in round %s; signposted", ",".join(detection.kinds), round_id
    )
    wake()
    return event_id
