"""The stand-in Bot API against the real python-telegram-bot: if PTB works here unchanged, the
end-to-end tests exercise the bot's real Telegram code.

Covers the methods civicbot calls, Telegram's validation errors as PTB's exceptions, tokens and
unknown methods, the wire formats (form, multipart, JSON, query string), long polling, offsets
and conflicts, webhooks, and PTB's own ``Application``/``Updater`` polling against it.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
import telegram
from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    InvalidToken,
    TelegramError,
)
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes
from telegram.request import HTTPXRequest

from tests.e2e.fakeapi import FakeTelegram
from tests.e2e.fakeapi.users import TINY_PNG


@pytest.fixture(autouse=True)
def _timedelta_durations(monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22 warns when durations are read as ints; opt in to timedeltas (warnings are errors).
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


def ptb_bot(tg: FakeTelegram, token: str | None = None) -> telegram.Bot:
    """A real PTB Bot aimed at the stand-in. Plain HTTP needs no certificates, and skipping
    loading them makes each client ~0.1 s cheaper to build (PTB builds two per Bot)."""
    return telegram.Bot(
        token or tg.token,
        base_url=tg.url,
        base_file_url=tg.file_url,
        request=HTTPXRequest(httpx_kwargs={"verify": False}),
        get_updates_request=HTTPXRequest(httpx_kwargs={"verify": False}),
    )


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[telegram.Bot]:
    async with ptb_bot(tg) as client:
        yield client


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=f"r1:{label.lower()}") for label in labels]]
    )


async def test_get_me_describes_the_bot(tg: FakeTelegram, bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username) == (123456789, True, "civicbot_test_bot")
    assert me.can_join_groups is True and me.supports_inline_queries is False
    assert tg.call_counts["getMe"] == 2  # Bot.initialize() calls it once itself


async def test_send_message_with_keyboard_round_trips(tg: FakeTelegram, bot: telegram.Bot) -> None:
    ann = tg.user(7, "Ann")
    await ann.send_command("start")
    first = await bot.send_message(7, "How was your visit?", reply_markup=keyboard("Good", "Bad"))
    second = await bot.send_message("7", "  Take your time.  ")
    assert first.chat.id == 7 and first.from_user is not None and first.from_user.is_bot
    assert first.reply_markup == keyboard("Good", "Bad")
    assert (first.message_id, second.message_id) == (2, 3)  # shared with the user's message 1
    assert second.text == "Take your time."  # Telegram trims surrounding blanks
    assert [m["text"] for m in tg.sent(7)] == ["How was your visit?", "Take your time."]
    assert tg.transcript(7) == (
        "You: /start\nBot: How was your visit?\n  [Good] [Bad]\nBot: Take your time."
    )


async def test_unknown_chat_and_bad_text_are_rejected(tg: FakeTelegram, bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)Chat not found"):
        await bot.send_message(99, "hello?")
    tg.register_chat(99)
    with pytest.raises(BadRequest, match=r"(?i)Message text is empty"):
        await bot.send_message(99, "   ")
    with pytest.raises(BadRequest, match=r"(?i)Message is too long"):
        await bot.send_message(99, "x" * 4097)
    assert (await bot.send_message(99, "é" * 4096)).text == "é" * 4096
    with pytest.raises(BadRequest, match=r"(?i)Can't parse entities: unsupported start tag"):
        await bot.send_message(99, "<p>hi</p>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)Can't parse entities: unexpected end of name"):
        await bot.send_message(99, "2 < 3", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)reserved and must be escaped"):
        await bot.send_message(99, "Thanks.", parse_mode="MarkdownV2")
    shown = await bot.send_message(99, "<b>Hi</b> &amp; welcome", parse_mode="HTML")
    assert shown.text == "Hi & welcome"


async def test_callback_data_is_limited_in_bytes(tg: FakeTelegram, bot: telegram.Bot) -> None:
    tg.register_chat(7)
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="é" * 32)]])  # 64 bytes
    await bot.send_message(7, "fits", reply_markup=ok)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="é" * 33)]])
    with pytest.raises(BadRequest, match=r"(?i)Button_data_invalid"):
        await bot.send_message(7, "does not fit", reply_markup=too_long)
    ascii_65 = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="x" * 65)]])
    with pytest.raises(BadRequest, match=r"(?i)Button_data_invalid"):
        await bot.send_message(7, "does not fit", reply_markup=ascii_65)
    text_only = InlineKeyboardMarkup([[{"text": "x"}]])  # type: ignore[list-item]
    with pytest.raises(BadRequest, match=r"(?i)Text buttons are unallowed"):
        await bot.send_message(7, "no", reply_markup=text_only)
    assert len(tg.sent(7)) == 1


async def test_edit_message_text_and_markup(tg: FakeTelegram, bot: telegram.Bot) -> None:
    ann = tg.user(7)
    own = await ann.send_text("hello")
    sent = await bot.send_message(7, "Pick one", reply_markup=keyboard("A", "B"))
    edited = await bot.edit_message_text("Picked A", chat_id=7, message_id=sent.message_id)
    assert isinstance(edited, telegram.Message)
    assert edited.text == "Picked A" and edited.reply_markup is None  # no markup: keyboard gone
    assert edited.edit_date is not None
    with pytest.raises(BadRequest, match=r"(?i)Message is not modified"):
        await bot.edit_message_text("Picked A", chat_id=7, message_id=sent.message_id)
    marked = await bot.edit_message_reply_markup(7, sent.message_id, reply_markup=keyboard("C"))
    assert isinstance(marked, telegram.Message) and marked.reply_markup == keyboard("C")
    with pytest.raises(BadRequest, match=r"(?i)Message is not modified"):
        await bot.edit_message_reply_markup(7, sent.message_id, reply_markup=keyboard("C"))
    with pytest.raises(BadRequest, match=r"(?i)Message to edit not found"):
        await bot.edit_message_text("x", chat_id=7, message_id=999)
    with pytest.raises(BadRequest, match=r"(?i)Message can't be edited"):
        await bot.edit_message_text("x", chat_id=7, message_id=own["message_id"])
    assert tg.sent(7) == [tg.last(7)] and tg.sent(7)[0]["text"] == "Picked A"
    assert await bot.delete_message(7, sent.message_id) is True
    assert tg.sent(7) == []
    with pytest.raises(BadRequest, match=r"(?i)Message to delete not found"):
        await bot.delete_message(7, sent.message_id)


async def test_callback_query_is_delivered_and_answered_once(
    tg: FakeTelegram, bot: telegram.Bot
) -> None:
    ann = tg.user(7, "Ann", username="ann")
    await ann.send_command("start")
    question = await bot.send_message(7, "Ready?", reply_markup=keyboard("Yes", "No"))
    query_id = await ann.press(question.to_dict(), "No")
    updates = await bot.get_updates(timeout=0)
    query = updates[-1].callback_query
    assert query is not None and query.id == query_id and query.data == "r1:no"
    assert query.from_user.username == "ann" and query.message is not None
    assert query.message.message_id == question.message_id and query.chat_instance
    assert await bot.answer_callback_query(query_id, text="Noted") is True
    assert tg.callback_answer(query_id) == {
        "text": "Noted",
        "show_alert": False,
        "url": None,
        "cache_time": 0,
    }
    with pytest.raises(BadRequest, match=r"(?i)Query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(BadRequest, match=r"(?i)Query is too old"):
        await bot.answer_callback_query("12345")
    with pytest.raises(AssertionError, match=r"(?i)no button 'Maybe'"):
        await ann.press(question.message_id, "Maybe")


async def test_documents_and_photos_keep_their_bytes(tg: FakeTelegram, bot: telegram.Bot) -> None:
    tg.register_chat(7)
    sent = await bot.send_document(7, b"theme,count\ncare,12\n", filename="r.csv", caption="Data")
    assert sent.document is not None and sent.document.file_name == "r.csv"
    assert sent.caption == "Data" and sent.document.file_size == 20
    assert tg.file_bytes(tg.sent(7)[0]) == b"theme,count\ncare,12\n"
    again = await bot.send_document(7, sent.document.file_id)  # re-send by file_id
    assert again.document is not None and again.document.file_id == sent.document.file_id
    with pytest.raises(BadRequest, match=r"(?i)Message caption is too long"):
        await bot.send_document(7, b"x", filename="x.txt", caption="c" * 1025)
    photo = await bot.send_photo(7, TINY_PNG, caption="QR")
    assert photo.photo[-1].width == 1 and tg.file_bytes(tg.last(7) or {}) == TINY_PNG
    with pytest.raises(BadRequest, match=r"(?i)Image_process_failed"):
        await bot.send_photo(7, b"not an image")
    file = await bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"theme,count\ncare,12\n"


async def test_voice_notes_upload_download_and_count(tg: FakeTelegram, bot: telegram.Bot) -> None:
    tg.register_chat(7)
    sent = await bot.send_voice(7, b"OggS voice bytes", caption="Listen", duration=4)
    assert sent.voice is not None and sent.caption == "Listen"
    assert sent.voice.duration == dtm.timedelta(seconds=4)
    # A resident's voice note: fetched the way the bot fetches it, and counted.
    user = tg.user(8, "Vi")
    message = await user.send_voice(duration=2, content=b"OggS from a resident")
    file_id = message["voice"]["file_id"]
    found = await bot.get_file(file_id)
    assert found.file_path is not None and "/file/bot" in found.file_path
    assert bytes(await found.download_as_bytearray()) == b"OggS from a resident"
    assert tg.world.downloads[file_id] == 1
    big = await user.send_voice(content=b"x" * (20 * 1024 * 1024 + 1))
    with pytest.raises(BadRequest, match=r"(?i)file is too big"):
        await bot.get_file(big["voice"]["file_id"])


async def test_commands_are_stored_and_validated(tg: FakeTelegram, bot: telegram.Bot) -> None:
    commands = [BotCommand("start", "Begin"), BotCommand("privacy", "How we use your answers")]
    assert await bot.set_my_commands(commands) is True
    assert tuple(await bot.get_my_commands()) == tuple(commands)
    assert tg.commands() == [c.to_dict() for c in commands]
    with pytest.raises(BadRequest, match=r"(?i)Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Start", "Begin")])
    with pytest.raises(BadRequest, match=r"(?i)Command description must be non-empty"):
        await bot.set_my_commands([BotCommand("start", "")])


async def test_long_poll_returns_early_and_offset_confirms(
    tg: FakeTelegram, bot: telegram.Bot
) -> None:
    ann = tg.user(7)
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await tg.wait_until(lambda: tg.world.polls_waiting, what="the poll arrived")
    await ann.send_text("one")
    await ann.send_text("two")
    updates = await poll
    assert time.monotonic() - started < 2
    assert [u.message.text for u in updates if u.message] in (["one"], ["one", "two"])
    assert len(tg.pending_updates()) == 2 and tg.confirmed_offset == 0
    again = await bot.get_updates(offset=updates[0].update_id + 1, limit=1, timeout=0)
    assert [u.message.text for u in again if u.message] == ["two"]
    assert tg.confirmed_offset == updates[0].update_id + 1 and len(tg.pending_updates()) == 1
    started = time.monotonic()
    short = dtm.timedelta(seconds=0.3)
    assert await bot.get_updates(offset=again[0].update_id + 1, timeout=short) == ()
    assert 0.25 < time.monotonic() - started < 2 and tg.pending_updates() == []


async def test_second_poller_gets_conflict(tg: FakeTelegram, bot: telegram.Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=3))
    await tg.wait_until(lambda: tg.world.polls_waiting, what="the first poll arrived")
    async with ptb_bot(tg) as second_instance:
        second = asyncio.create_task(
            second_instance.get_updates(timeout=dtm.timedelta(seconds=0.2))
        )
        with pytest.raises(Conflict, match=r"(?i)terminated by other getUpdates"):
            await first
        assert await second == ()


async def test_tokens_and_unknown_methods(tg: FakeTelegram, bot: telegram.Bot) -> None:
    # PTB turns the 404 for an unknown method into EndPointNotFound.
    with pytest.raises(EndPointNotFound, match="noSuchMethod"):
        await bot.do_api_request("noSuchMethod")
    with pytest.raises(InvalidToken, match="rejected by the server"):
        async with ptb_bot(tg, "999:wrong"):
            pass  # entering calls getMe
    async with aiohttp.ClientSession() as http:
        base = f"http://127.0.0.1:{tg.port}"
        async with http.post(f"{base}/bot999:wrong/getMe") as response:
            assert response.status == 401
            assert await response.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }
        async with http.get(f"{base}/bot{tg.token}/nosuchmethod") as response:
            body = await response.json()
            assert (response.status, body["description"]) == (404, "Not Found")


async def test_plain_http_json_body_and_query_string(tg: FakeTelegram) -> None:
    tg.register_chat(5)
    async with aiohttp.ClientSession() as http:
        base = f"http://127.0.0.1:{tg.port}/bot{tg.token}"
        markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
        payload = {"chat_id": 5, "text": "json body", "reply_markup": markup}
        async with http.post(f"{base}/sendMessage", json=payload) as response:
            body = await response.json()
        assert body["ok"] and body["result"]["reply_markup"] == markup
        async with http.get(f"{base}/sendMessage", params={"chat_id": "5", "text": "q"}) as r:
            assert (await r.json())["result"]["text"] == "q"
        form = {"chat_id": "5", "text": "form", "reply_markup": json.dumps(markup)}
        async with http.post(f"{base}/sendMessage", data=form) as response:
            assert (await response.json())["result"]["message_id"] == 3


async def test_ptb_application_polls_handles_and_confirms(tg: FakeTelegram) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text("Welcome! Shall we begin?", reply_markup=keyboard("Yes"))

    async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Thanks")
        await query.edit_message_text(f"You chose {query.data}")

    app = Application.builder().token(tg.token).base_url(tg.url).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(button))
    ann = tg.user(21, "Ann")
    await ann.send_command("start")  # queued before the bot starts, delivered on its first poll
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=dtm.timedelta(seconds=1))
        welcome = await tg.wait_for(21, "Welcome")
        query_id = await ann.press(welcome, "Yes")
        assert (await tg.wait_answer(query_id))["text"] == "Thanks"
        assert (await tg.wait_for(21, "You chose r1:yes", edits=True))["text"]
        await tg.wait_confirmed()
        await app.updater.stop()
        await app.stop()
    assert tg.pending_updates() == [] and tg.confirmed_offset == 1002
    assert tg.transcript(21) == (
        "You: /start\nBot: Welcome! Shall we begin?\n  [Yes]\nYou: [Yes]\n"
        "Bot (edited): You chose r1:yes"
    )


async def test_setting_a_webhook_blocks_polling(tg: FakeTelegram, bot: telegram.Bot) -> None:
    await tg.user(3).send_text("queued")
    assert await bot.set_webhook("https://example.invalid/hook", secret_token="s3cret") is True
    assert (await bot.get_webhook_info()).pending_update_count == 1
    with pytest.raises(Conflict, match=r"(?i)webhook is active"):
        await bot.get_updates()
    with pytest.raises(TelegramError, match=r"(?i)Https url must be provided"):
        await bot.set_webhook("http://plain.invalid/hook")
    assert await bot.delete_webhook(drop_pending_updates=True) is True
    assert await bot.get_updates(timeout=0) == ()
