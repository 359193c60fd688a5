"""Who may do what: admins by numeric Telegram user ID (settings), facilitators by the
role an admin granted (stored by pseudonym). Usernames and names are never looked at.

Every refusal is audited and answered politely; allowed actions are audited by the
handler that carries them out, with what it did.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from civicbot.bot.facilitator import menu, words
from civicbot.bot.sending import with_retry
from civicbot.bot.services import Services, services

Context = ContextTypes.DEFAULT_TYPE


@dataclass(frozen=True)
class Actor:
    """The person behind an update: ``pseudonym`` is what the audit and the store see."""

    user_id: int
    chat_id: int
    pseudonym: str
    is_admin: bool
    is_facilitator: bool

    @property
    def may_facilitate(self) -> bool:
        return self.is_admin or self.is_facilitator


async def actor_of(update: Update, svc: Services) -> Actor | None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private":
        return None
    # Keep the chat in identities (the only place Telegram IDs live) so that progress
    # messages and alerts can reach this person.
    pseudonym = await svc.store.register_identity(user.id, chat.id, user.language_code)
    is_admin = user.id in svc.settings.admins
    is_facilitator = is_admin or await svc.store.is_facilitator(pseudonym)
    return Actor(user.id, chat.id, pseudonym, is_admin, is_facilitator)


async def quick_check(update: Update, svc: Services) -> bool:
    """Whether the sender may facilitate, without writing anything (for routing)."""
    user = update.effective_user
    if user is None:
        return False
    if user.id in svc.settings.admins:
        return True
    return await svc.store.is_facilitator(svc.store.resident_id(user.id))


async def require(
    update: Update,
    context: Context,
    action: str,
    *,
    admin: bool = False,
    target: str | int | None = None,
) -> Actor | None:
    """The actor if they may do ``action``; otherwise audit the attempt, refuse politely
    and return None."""
    svc = services(context)
    actor = await actor_of(update, svc)
    if actor is None:
        return None
    allowed = actor.is_admin if admin else actor.may_facilitate
    if allowed:
        await menu.ensure(context.bot, svc, actor.chat_id, admin=actor.is_admin)
        return actor
    await svc.store.audit(actor.pseudonym, action, target=target, allowed=False)
    text = words.ADMINS_ONLY if admin else words.FACILITATORS_ONLY
    if update.callback_query is not None:
        await with_retry(lambda: update.callback_query.answer(text, show_alert=True))  # type: ignore[union-attr]
    else:
        await with_retry(lambda: context.bot.send_message(actor.chat_id, text))
    return None


async def audit(
    context: Context,
    actor: Actor,
    action: str,
    target: str | int | None = None,
    **details: Any,
) -> None:
    await services(context).store.audit(
        actor.pseudonym, action, target=target, allowed=True, details=details
    )
