"""Driving and observing the stand-in Bot API: the simulated users' updates as PTB parses them,
fault injection and flood limits, lost acknowledgements, waiting helpers, statistics, and the
standalone process with its control endpoints.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import os
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
import telegram
from telegram import ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from tests.e2e.fakeapi import CEILING, FakeTelegram
from tests.e2e.fakeapi.objects import image_size
from tests.e2e.fakeapi.users import TINY_PNG
from tests.e2e.test_fakeapi import ptb_bot

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _timedelta_durations(monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22 warns when durations are read as ints; opt in to timedeltas (warnings are errors).
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[telegram.Bot]:
    async with ptb_bot(tg) as client:
        yield client


async def test_every_user_helper_makes_a_valid_update(tg: FakeTelegram, bot: telegram.Bot) -> None:
    ann = tg.user(7, "Ann", language_code="cy")
    text = await ann.send_text("hi")
    await ann.send_command("start", "qr42")
    await ann.send_sticker()
    await ann.send_photo(caption="my street")
    await ann.send_voice(duration=4)
    await ann.send_document("letter.pdf")
    await ann.send_location(52.48, -1.89)
    await ann.send_contact()
    await ann.edit_message(text["message_id"], "hi again")
    await ann.send_in_group(-100, "/start@civicbot_test_bot", supergroup=True)
    await ann.channel_post("news")
    await ann.press_data(999, "forged:data")
    await ann.block_bot()
    await ann.raw_update({"update_id": 1, "future_kind": {"x": 1}})
    updates = await bot.get_updates(timeout=0)
    ids = [u.update_id for u in updates]
    assert ids == sorted(set(ids)) and len(ids) == 14
    start, sticker, photo, voice = (u.message for u in updates[1:5])
    assert start and start.text == "/start qr42" and start.entities[0].type == "bot_command"
    assert start.from_user and start.from_user.language_code == "cy"
    assert sticker and sticker.sticker and sticker.sticker.emoji == "🙂"
    assert photo and photo.photo and photo.caption == "my street"
    assert voice and voice.voice and voice.voice.duration == dtm.timedelta(seconds=4)
    document, location, contact = (u.message for u in updates[5:8])
    assert document and document.document and document.document.file_name == "letter.pdf"
    assert location and location.location and location.location.latitude == 52.48
    assert contact and contact.contact and contact.contact.user_id == 7
    edited, group, channel, forged, blocked, raw = updates[8:]
    assert edited.edited_message and edited.edited_message.text == "hi again"
    assert group.message and group.message.chat.type == "supergroup"
    assert channel.channel_post and channel.channel_post.sender_chat is not None
    assert forged.callback_query and forged.callback_query.data == "forged:data"
    assert blocked.my_chat_member and blocked.my_chat_member.new_chat_member.status == "kicked"
    assert raw.update_id == ids[-1] and raw.api_kwargs == {"future_kind": {"x": 1}}


async def test_injected_faults_map_to_ptb_errors(tg: FakeTelegram, bot: telegram.Bot) -> None:
    tg.register_chat(7)
    tg.register_chat(8)
    tg.fail_next("sendMessage", 429, retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(7, "hi")
    assert caught.value.retry_after == dtm.timedelta(seconds=3)
    tg.fail_next("sendmessage", 403, chat_id=8)
    await bot.send_message(7, "other chats are fine")
    with pytest.raises(Forbidden, match=r"(?i)Bot was blocked by the user"):
        await bot.send_message(8, "hi")
    tg.fail_next("*", 500, count=2)
    for _ in range(2):
        with pytest.raises(NetworkError) as network:
            await bot.send_message(7, "hi")
        assert not isinstance(network.value, BadRequest)
    tg.fail_next("sendMessage", 502)
    with pytest.raises(NetworkError, match=r"(?i)Bad Gateway"):
        await bot.send_message(7, "hi")
    tg.block(8)
    for _ in range(2):
        with pytest.raises(Forbidden):
            await bot.send_chat_action(8, "typing")
    tg.unblock(8)
    await bot.send_message(8, "welcome back")
    assert [c.status for c in tg.stats.errors()] == [429, 403, 500, 500, 502, 403, 403]
    assert [c.chat_id for c in tg.send_log] == [7, 8]


async def test_delay_and_send_statistics(tg: FakeTelegram, bot: telegram.Bot) -> None:
    for chat in (1, 2):
        tg.register_chat(chat)
    tg.delay("sendMessage", 0.2)
    started = time.monotonic()
    await bot.send_message(1, "slow")
    assert time.monotonic() - started >= 0.2
    tg.delay("sendMessage", 0)
    await asyncio.gather(*(bot.send_message(1 + i % 2, f"m{i}") for i in range(6)))
    assert tg.max_sends_in(1.0) == 7 and tg.max_sends_in(1.0, chat_id=2) == 3
    assert tg.call_counts["sendMessage"] == 7 and len(tg.send_log) == 7


async def test_wait_for_hands_out_each_message_once(tg: FakeTelegram, bot: telegram.Bot) -> None:
    tg.register_chat(7)
    await bot.send_message(7, "Hello")
    await bot.send_message(7, "Question one?")
    assert (await tg.wait_for(7))["text"] == "Hello"
    assert (await tg.wait_for(7, "one"))["text"] == "Question one?"

    async def later() -> None:
        await asyncio.sleep(0.1)
        await bot.send_message(7, "Question two?")

    task = asyncio.create_task(later())
    found = await tg.wait_for(7, lambda m: m["text"].endswith("?"), timeout=2)
    await task
    assert found["text"] == "Question two?"
    report = r"(?s)within 0.1s\.\nUnconfirmed updates for this chat: none.*Bot: Question two\?"
    with pytest.raises(AssertionError, match=report):
        await tg.wait_for(7, timeout=0.1)
    await tg.assert_silent(7, 0.05)
    await bot.edit_message_text("Question two, edited", chat_id=7, message_id=found["message_id"])
    assert (await tg.wait_for(7, "edited", edits=True, timeout=1))["edit_date"]
    await tg.wait_idle(quiet=0.05, timeout=2)


async def test_standalone_server_with_control_endpoints(tmp_path: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.e2e.fakeapi",
        "--port",
        "0",
        "--token",
        "42:T",
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 10)).decode()
        url = line.split("Bot API URL: ", 1)[1].strip()
        base = url.removesuffix("/bot")
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{base}/_fake/users/5/send_text", json={"text": "hi"}) as r:
                assert (await r.json())["chat"]["id"] == 5
            async with telegram.Bot("42:T", base_url=url) as bot:
                updates = await bot.get_updates(timeout=0)
                assert updates[0].message and updates[0].message.text == "hi"
                await bot.send_message(5, "hello from the bot")
            async with http.get(f"{base}/_fake/chats/5/transcript") as r:
                assert await r.text() == "You: hi\nBot: hello from the bot"
            async with http.get(f"{base}/_fake/stats") as r:
                assert (await r.json())["calls"]["sendMessage"] == 1
    finally:
        process.terminate()
        assert await asyncio.wait_for(process.wait(), 10) == 0


async def test_flood_limits_answer_429_until_the_window_frees(
    tg: FakeTelegram, bot: telegram.Bot
) -> None:
    for chat in (1, 2, -50):
        tg.register_chat(chat, chat_type="private" if chat > 0 else "group", title="C")
    tg.limit_rate(overall=3, per_chat=2, per_group_minute=1)
    await bot.send_message(1, "a")
    await bot.send_message(1, "b")
    with pytest.raises(RetryAfter) as per_chat:
        await bot.send_message(1, "c")
    assert per_chat.value.retry_after == dtm.timedelta(seconds=1)
    await bot.send_message(-50, "to the group")
    with pytest.raises(RetryAfter) as overall:
        await bot.send_message(2, "d")  # three sends within the second already
    with pytest.raises(RetryAfter) as group:
        await bot.send_message(-50, "again")
    assert overall.value.retry_after == dtm.timedelta(seconds=1)
    assert isinstance(group.value.retry_after, dtm.timedelta)
    assert group.value.retry_after > dtm.timedelta(seconds=50)
    await asyncio.sleep(1.0)
    await bot.send_message(2, "after the pause")
    assert tg.max_sends_in(1.0) == 3 and [c.status for c in tg.stats.errors()] == [429] * 3


async def test_lost_acknowledgement_redelivers(tg: FakeTelegram, bot: telegram.Bot) -> None:
    await tg.user(4).send_text("say it once")
    first = await bot.get_updates(timeout=0)
    tg.lose_acks(1)
    again = await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)
    assert [u.update_id for u in again] == [u.update_id for u in first]
    assert tg.confirmed_offset == 0
    assert await bot.get_updates(offset=first[-1].update_id + 1, timeout=0) == ()
    assert tg.confirmed_offset == first[-1].update_id + 1


async def test_reply_keyboard_is_kept_for_the_user_side(
    tg: FakeTelegram, bot: telegram.Bot
) -> None:
    tg.register_chat(9)
    choices = ReplyKeyboardMarkup([["North", "South"]], one_time_keyboard=True)
    sent = await bot.send_message(9, "Where do you live?", reply_markup=choices)
    assert sent.reply_markup is None  # Telegram echoes only inline keyboards on messages
    shown = tg.reply_keyboard(9) or {}
    assert [b["text"] for b in shown["keyboard"][0]] == ["North", "South"]
    await bot.send_message(9, "Thanks", reply_markup=ReplyKeyboardRemove())
    assert tg.reply_keyboard(9) is None


async def test_wait_idle_waits_for_confirmation_and_quiet(
    tg: FakeTelegram, bot: telegram.Bot
) -> None:
    await tg.user(3).send_text("hello")
    with pytest.raises(AssertionError, match="1 updates pending"):
        await tg.wait_idle(quiet=0.05, timeout=0.2)
    updates = await bot.get_updates(timeout=0)
    await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    started = time.monotonic()
    await tg.wait_idle(quiet=0.1, timeout=2)
    assert time.monotonic() - started < 1.5


def test_image_sizes_are_read_from_headers() -> None:
    jpeg = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffc0001108") + bytes(
        [0x01, 0xE0, 0x02, 0x80, 0x03]
    )
    gif = b"GIF89a" + (640).to_bytes(2, "little") + (480).to_bytes(2, "little")
    assert image_size(jpeg) == (640, 480)
    assert image_size(gif) == (640, 480)
    assert image_size(TINY_PNG) == (1, 1)
    assert image_size(b"plain text") is None


async def test_group_transcript_names_speakers(tg: FakeTelegram, bot: telegram.Bot) -> None:
    await tg.user(1, "Ann").send_in_group(-20, "/start@civicbot_test_bot")
    await tg.user(2, "Ben").send_in_group(-20, "hello")
    await bot.send_document(-20, b"%PDF", filename="report.pdf", caption="This week")
    assert tg.transcript(-20) == (
        "Ann: /start@civicbot_test_bot\nBen: hello\nBot: (document report.pdf) This week"
    )


async def test_waits_are_woken_by_the_bot_with_a_generous_ceiling(
    tg: FakeTelegram, bot: telegram.Bot
) -> None:
    assert CEILING >= 60 or "CIVICBOT_E2E_CEILING" in os.environ
    await tg.user(4).send_text("hi")
    confirmed = asyncio.create_task(tg.wait_confirmed())
    await asyncio.sleep(0)
    assert not confirmed.done()
    first = await bot.get_updates(timeout=0)
    started = time.monotonic()
    await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)  # the acknowledgement
    await asyncio.wait_for(confirmed, CEILING)
    assert time.monotonic() - started < 1.0  # woken by the poll, not by a clock
    tg.register_chat(4)
    sent = asyncio.create_task(bot.send_message(4, "later"))
    await tg.wait_until(lambda: tg.last(4) is not None, what="the bot's message")
    await sent
    with pytest.raises(AssertionError, match=r"not true within 0.05s: never"):
        await tg.wait_until(lambda: False, timeout=0.05, what="never")
