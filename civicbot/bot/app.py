"""Builds the python-telegram-bot ``Application``: handlers, the command menu, errors.

The application has no ``Updater``: ``civicbot.bot.runner`` fetches updates itself into
the durable inbox and hands them over with ``process_update``, so that nothing is
acknowledged to Telegram before it is committed.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from civicbot.bot import dialogue, flood, privacy
from civicbot.bot.facilitator import menu, routing
from civicbot.bot.request import BoundedRequest
from civicbot.bot.services import KEY, Services
from civicbot.bot.voice import file_url_for
from civicbot.settings import Settings

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log without the update's content (it may hold a resident's words), and say sorry."""
    error = context.error
    log.error("handler failed: %s", type(error).__name__, exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        if update.effective_chat.type != "private":
            return
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(
                update.effective_chat.id,
                "Sorry, something went wrong on our side. Please try again in a moment.",
            )


def add_handlers(application: Application) -> None:
    private = filters.ChatType.PRIVATE
    new_messages = filters.UpdateType.MESSAGE
    # Flood control runs first, in its own group, and can stop an update going further.
    application.add_handler(TypeHandler(Update, flood.check), group=-1)
    application.add_handler(MessageHandler(filters.UpdateType.EDITED & private, dialogue.on_edited))
    commands = {
        "start": dialogue.on_start,
        "skip": dialogue.on_skip,
        "back": dialogue.on_back,
        "pause": dialogue.on_pause,
        "language": dialogue.on_language,
        "help": privacy.on_help,
        "privacy": privacy.on_privacy,
        "mydata": privacy.on_mydata,
        "forget": privacy.on_forget,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=private & new_messages))
    # Facilitators' tools: after the residents' commands, before the catch-alls.
    application.add_handlers(routing.handlers())
    application.add_handler(
        MessageHandler(private & new_messages & filters.COMMAND, privacy.on_unknown_command)
    )
    application.add_handler(MessageHandler(private & new_messages & filters.TEXT, dialogue.on_text))
    application.add_handler(MessageHandler(private & new_messages, dialogue.on_other))
    application.add_handler(
        CallbackQueryHandler(privacy.on_forget_answer, pattern=r"^x:forget:(yes|no)$")
    )
    application.add_handler(CallbackQueryHandler(dialogue.on_press))
    application.add_error_handler(on_error)


def build_application(settings: Settings, services: Services) -> Application:
    application = (
        ApplicationBuilder()
        .token(settings.require_token())
        .base_url(settings.api_url)
        .base_file_url(file_url_for(settings.api_url))
        .request(BoundedRequest())
        .updater(None)
        .build()
    )
    application.bot_data[KEY] = services
    add_handlers(application)
    return application


async def set_command_menu(application: Application) -> None:
    """Residents' menu for all; admins and facilitators get theirs in their own chat."""
    await menu.set_all(application.bot, application.bot_data[KEY])
