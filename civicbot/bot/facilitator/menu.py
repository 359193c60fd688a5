"""The command menu facilitators and admins see in their own chat with the bot.

Residents see :data:`civicbot.bot.texts.COMMANDS` (the default scope). An admin or a
facilitator gets a menu for their private chat alone (``BotCommandScopeChat``) that adds
the facilitator commands, so residents are never shown commands they cannot use. The menu
follows the role: set when the bot starts, on ``/grant`` and on a facilitator's first
command since the start; removed on ``/revoke``.

Telegram only knows chats of people who have written to the bot; setting a menu for
anyone else fails with "chat not found", which is ignored (they get it on the next start).
"""

from __future__ import annotations

import contextlib
import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import BadRequest, Forbidden

from civicbot import i18n
from civicbot.bot import texts
from civicbot.bot.facilitator import words
from civicbot.bot.services import Services

log = logging.getLogger(__name__)
ADMIN_ONLY = words.ADMIN_ONLY


def commands(*, admin: bool) -> list[BotCommand]:
    """A facilitator's menu: the residents' commands, then the facilitator ones."""
    tools = [(n, d) for n, d in words.FACILITATOR_COMMANDS if admin or n not in ADMIN_ONLY]
    return [BotCommand(name, description) for name, description in (*texts.COMMANDS, *tools)]


async def show(bot: Bot, chat_id: int, *, admin: bool) -> bool:
    """Give ``chat_id`` the facilitator menu; False if Telegram does not know the chat."""
    with contextlib.suppress(BadRequest, Forbidden):
        return bool(
            await bot.set_my_commands(commands(admin=admin), scope=BotCommandScopeChat(chat_id))
        )
    return False


async def ensure(bot: Bot, services: Services, chat_id: int, *, admin: bool) -> None:
    """Show the menu once per run of the bot to someone who just used a facilitator
    command (an admin's chat is unknown to Telegram until they first write)."""
    if chat_id not in services.menus_shown and await show(bot, chat_id, admin=admin):
        services.menus_shown.add(chat_id)


async def hide(bot: Bot, chat_id: int) -> bool:
    """Back to the residents' menu for ``chat_id``."""
    with contextlib.suppress(BadRequest, Forbidden):
        return bool(await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id)))
    return False


async def set_all(bot: Bot, services: Services) -> None:
    """At start: the residents' menu for everyone, the facilitator menu for each admin and
    each facilitator whose chat we know."""
    await bot.set_my_commands([BotCommand(name, text) for name, text in texts.COMMANDS])
    for language in i18n.available():
        # Telegram shows these to residents whose app is set to that language.
        menu = [BotCommand(name, text) for name, text in texts.commands(language)]
        await bot.set_my_commands(menu, language_code=language)
    admins = services.settings.admins
    for user_id in sorted(admins):
        await ensure(bot, services, user_id, admin=True)
    store = services.store
    for actor in await store.facilitators():
        chat_id = await store.chat_id_for(actor)
        if chat_id is not None and chat_id not in admins:
            await ensure(bot, services, chat_id, admin=False)
