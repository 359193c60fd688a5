"""The "Seen" button on a safeguarding alert.

Its data is ``sg:<token>``: the token is resolved by the database, and the presser is
checked on every press (an admin or a facilitator; in the facilitators' chat, any of its
members, since that chat is where alerts go), so forged, forwarded or stale data
(an alert deleted by ``/forget``) decides nothing. Every press, allowed or refused, is
audited. The first press stops the alert being repeated to every admin.
"""

from __future__ import annotations

import logging
import re

from telegram import CallbackQuery, Update

from civicbot.bot.alerts import PREFIX
from civicbot.bot.facilitator.auth import require
from civicbot.bot.facilitator.common import Context, replace_pressed
from civicbot.bot.sending import with_retry
from civicbot.bot.services import services
from civicbot.safeguarding.delivery import text_of

log = logging.getLogger(__name__)
PATTERN = rf"^{PREFIX}[0-9a-f]{{12}}$"
UNKNOWN = "That alert is not known here (it may have been deleted)."


async def _answer(query: CallbackQuery, text: str) -> None:
    await with_retry(lambda: query.answer(text, show_alert=True))


async def on_press(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or not query.data or not re.match(PATTERN, query.data):
        return
    token = query.data.removeprefix(PREFIX)
    svc = services(context)
    store = svc.store
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    if chat.type != "private" and chat.id == svc.settings.facilitator_chat:
        # The facilitators' chat: its members are the people alerts go to.
        who = store.resident_id(user.id)
    else:
        actor = await require(update, context, "alert-seen", target=token)
        if actor is None:
            return
        who = actor.pseudonym
    result = await store.mark_alert_seen(token)
    if result is None:
        await store.audit(who, "alert-seen", target=token, allowed=False)
        await _answer(query, UNKNOWN)
        return
    alert = result.alert
    await store.audit(
        who, "alert-seen", target=alert.event.id, allowed=True, details={"first": result.first}
    )
    seen_at = alert.seen_at
    when = f"{seen_at:%H:%M} UTC" if seen_at is not None else "just now"
    if result.first:
        log.info("safeguarding alert #%d marked seen", alert.event.id)
        await _answer(query, "Thank you: marked as seen. It will not be repeated to the admins.")
    else:
        await _answer(query, f"Someone already marked this alert as seen at {when}.")
    # The pressed message's own text is not kept (the inbox stores only ids of copied
    # messages), so the alert's words are made again from the database.
    text = await text_of(store, alert.event) + f"\n\n✓ Seen at {when}."
    await replace_pressed(context, chat.id, query.message, text)
