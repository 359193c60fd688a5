"""/invite ROUND [SOURCE]: a deep link and a QR code (PNG) for posters and leaflets.
SOURCE is the rest of the message, made into a short tag (the reply says which).

Each call makes a fresh random code; the source tag (library, foodbank, ...) is kept
with every resident who joins through it, so /stats can show which outreach reaches whom.
"""

from __future__ import annotations

from telegram import Update

from civicbot.bot.facilitator import words
from civicbot.bot.facilitator.auth import audit, require
from civicbot.bot.facilitator.common import Context, args, reply, round_arg
from civicbot.bot.sending import with_retry
from civicbot.bot.services import services
from civicbot.facilitation import deep_link, qr_png


async def on_invite(update: Update, context: Context) -> None:
    actor = await require(update, context, "invite")
    if actor is None:
        return
    row = await round_arg(update, context, actor.chat_id, "/invite ROUND [SOURCE]")
    if row is None:
        return
    given = args(context)
    # Everything after the round is the source: "/invite 2 gp surgery" is gp-surgery.
    source = " ".join(given[1:]) or None
    try:
        invitation = await services(context).store.create_invitation(
            row.id, source, actor.pseudonym
        )
    except ValueError as exc:
        await reply(context, actor.chat_id, f"Sorry: {exc}.")
        return
    link = deep_link(context.bot.username, invitation.code)
    await audit(context, actor, "invite", row.id, source=invitation.source)
    where = f" for {invitation.source}" if invitation.source else ""
    note = "" if row.status == "open" else f"\nThe round is {row.status}: open it first."
    if source and invitation.source and invitation.source != source:
        note += "\n" + words.source_tag(source, invitation.source)
    await reply(context, actor.chat_id, f"Invitation to round {row.id}{where}:\n{link}{note}")
    png = qr_png(link)
    await with_retry(
        lambda: context.bot.send_photo(
            actor.chat_id, png, caption=f"QR code for round {row.id}{where}: {link}"
        )
    )
