"""A bare python-telegram-bot echo bot: the yardstick ``bot_throughput.py`` measures
civicbot against.

Nothing but PTB's own machinery: an ``Application`` with its normal ``Updater``
(``run_polling``) and one ``MessageHandler`` that replies with the same text. No database,
no durability, so it shows what the framework and the Bot API round trips cost alone.

    TELEGRAM_BOT_TOKEN=... TELEGRAM_API_URL=http://127.0.0.1:8081/bot python bench/echo_bot.py

``TELEGRAM_API_URL`` is PTB's ``base_url`` (the token is appended to it); it defaults to
Telegram's own. ``ECHO_POLL_TIMEOUT`` is the long-poll timeout in seconds (default 10).
SIGTERM or SIGINT stops it cleanly.
"""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

DEFAULT_API_URL = "https://api.telegram.org/bot"


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text is not None:
        await context.bot.send_message(message.chat_id, message.text)


def build(token: str, api_url: str) -> Application:
    application = Application.builder().token(token).base_url(api_url).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    return application


def main() -> None:
    token = os.environ.get("TELEGRAM_BOT_TOKEN")
    if not token:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set")
    api_url = os.environ.get("TELEGRAM_API_URL") or DEFAULT_API_URL
    timeout = int(os.environ.get("ECHO_POLL_TIMEOUT", "10"))
    build(token, api_url).run_polling(timeout=timeout, allowed_updates=["message"])


if __name__ == "__main__":
    main()
