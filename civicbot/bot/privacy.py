"""Handlers for residents' rights and the fixed notices: /mydata, /forget, /help,
/privacy, and unknown commands."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from civicbot.bot import language, texts, voice
from civicbot.bot.facilitator import words
from civicbot.bot.facilitator.auth import quick_check
from civicbot.bot.mydata import summarise
from civicbot.bot.sending import answer_quietly, clip, with_retry
from civicbot.bot.services import services

Context = ContextTypes.DEFAULT_TYPE
FORGET_YES = "x:forget:yes"
FORGET_NO = "x:forget:no"


async def _say(update: Update, context: Context, text: str, markup: Any = None) -> None:
    chat = update.effective_chat
    if chat is not None:
        await with_retry(lambda: context.bot.send_message(chat.id, text, reply_markup=markup))


async def _language(update: Update, context: Context) -> str:
    user = update.effective_user
    return "en" if user is None else await language.for_resident(services(context), user)


async def on_help(update: Update, context: Context) -> None:
    """Residents see their own commands (in their language); a facilitator (or admin)
    sees theirs too."""
    svc = services(context)
    user = update.effective_user
    help_text = texts.say(await _language(update, context), "HELP")
    if user is None or not await quick_check(update, svc):
        await _say(update, context, help_text)
        return
    admin = user.id in svc.settings.admins
    await _say(update, context, clip(f"{help_text}\n\n{words.facilitator_help(admin=admin)}"))


async def on_privacy(update: Update, context: Context) -> None:
    """The full notice in the chat, naming the organiser of the resident's round (or of
    the round open now) and the retention period this deployment applies."""
    svc = services(context)
    user = update.effective_user
    row = None
    if user is not None:
        row = await svc.store.current_round_for(svc.store.resident_id(user.id))
    if row is None:
        row = await svc.store.latest_open_round()
    organiser = row.organiser if row is not None else None
    contact = row.contact if row is not None else None
    days = svc.settings.retention_days
    notice = texts.privacy_notice(organiser, contact, days, await _language(update, context))
    await _say(update, context, clip(notice))


async def on_unknown_command(update: Update, context: Context) -> None:
    await _say(update, context, texts.say(await _language(update, context), "UNKNOWN_COMMAND"))


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


async def on_mydata(update: Update, context: Context) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    store = services(context).store
    resident = store.resident_id(user.id)
    data = await store.mydata(resident)
    lang = await _language(update, context)
    if not any(isinstance(rows, list) and rows for rows in data.values()):
        await _say(update, context, texts.say(lang, "NOTHING_STORED"))
        return
    scripts = {}
    for row in data.get("sessions") or []:
        round_row = await store.get_round(int(row["round_id"]))
        if round_row is not None:
            scripts[round_row.id] = await services(context).script_for(round_row)
    await _say(update, context, clip(texts.say(lang, "MYDATA_INTRO") + summarise(data, scripts)))
    document = json.dumps(data, indent=2, ensure_ascii=False, default=_json_default)
    payload = InputFile(document.encode("utf-8"), filename="my-civicbot-data.json")
    await with_retry(lambda: context.bot.send_document(chat.id, payload))
    await voice.send_back(context, chat.id, data.get("voice_notes") or [])


async def on_forget(update: Update, context: Context) -> None:
    lang = await _language(update, context)
    markup = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(texts.say(lang, "FORGET_YES"), callback_data=FORGET_YES)],
            [InlineKeyboardButton(texts.say(lang, "FORGET_NO"), callback_data=FORGET_NO)],
        ]
    )
    await _say(update, context, texts.say(lang, "FORGET_CONFIRM"), markup)


async def on_forget_answer(update: Update, context: Context) -> None:
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    if query is None or user is None:
        return
    await answer_quietly(query)
    if chat is None or chat.type != ChatType.PRIVATE:
        return  # like every other button and command, only in a private chat
    lang = await _language(update, context)  # before /forget removes the session
    if query.data == FORGET_YES:
        store = services(context).store
        await store.forget(store.resident_id(user.id))
        text = texts.say(lang, "FORGET_DONE")
    else:
        text = texts.say(lang, "FORGET_KEPT")
    try:
        await with_retry(lambda: query.edit_message_text(text))
    except BadRequest as exc:
        # A second tap on the same button finds the message saying so already; a press
        # on a message that cannot be edited gets the words as a new message instead.
        if "not modified" not in str(exc).lower():
            await _say(update, context, text)
