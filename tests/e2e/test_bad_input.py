"""Every kind of bad input gets a clear short reply (or is ignored in groups), never
crashes the bot and never changes stored data wrongly."""

from __future__ import annotations

import json

from tests.e2e import driver
from tests.e2e.conftest import BotProcess
from tests.e2e.fakeapi import FakeTelegram
from tests.e2e.helpers import open_store, rows


async def answers_of(bot: BotProcess, user_id: int) -> list[tuple[str, object]]:
    async with await open_store(bot.db) as store:
        resident = store.resident_id(user_id)
    found = rows(
        bot.db,
        "SELECT step_id, value_json FROM answers WHERE resident = ? ORDER BY answered_at",
        (resident,),
    )
    return [(step, json.loads(value)) for step, value in found]


async def test_non_text_messages_get_kind_replies(tg: FakeTelegram, bot: BotProcess) -> None:
    fay = tg.user(6101, "Fay")
    first = await driver.consent(tg, fay)
    # The first question asks for words, where a voice note is an answer (test_voice.py):
    # type one, and try everything else on the button question after it.
    await driver.answer(tg, fay, first)
    question = await driver.next_prompt(tg, fay.chat_id)
    assert driver.buttons(question) != ["Skip"]
    cases = [
        (fay.send_voice, "voice note"),
        (fay.send_photo, "photos"),
        (fay.send_sticker, "sticker"),
        (fay.send_document, "files"),
        (fay.send_location, "location"),
        (fay.send_contact, "type your answer"),
    ]
    for send, expected in cases:
        await send()
        reply = await tg.wait_for(fay.chat_id, expected)
        # The kind note comes with the question again, buttons and all.
        assert reply["text"].endswith(question["text"].split("\n")[-1])
        assert driver.buttons(reply) == driver.buttons(question)
    assert [step for step, _ in await answers_of(bot, 6101)] == ["care_meaning"]
    # The voice note is not lost: its file id is kept with the session.
    async with await open_store(bot.db) as store:
        resident = store.resident_id(6101)
    kept = rows(
        bot.db, "SELECT kind, file_id FROM unsupported_inputs WHERE resident = ?", (resident,)
    )
    assert [kind for kind, file_id in kept if file_id] == ["voice"]


async def test_text_problems(tg: FakeTelegram, bot: BotProcess) -> None:
    gus = tg.user(6201, "Gus")
    await driver.consent(tg, gus)
    await gus.send_text("x" * 4096)  # the longest Telegram allows, over the script's limit
    await tg.wait_for(gus.chat_id, "a little long")
    await gus.send_text("   ")
    await tg.wait_for(gus.chat_id, "empty")
    await gus.send_command("frobnicate")
    await tg.wait_for(gus.chat_id, "don't know that command")
    sent = await gus.send_text("a real answer")
    await gus.edit_message(sent["message_id"], "an edited answer")
    await tg.wait_for(gus.chat_id, "edited messages")
    await tg.wait_idle()
    assert [value for _, value in await answers_of(bot, 6201)] == ["a real answer"]


async def test_buttons_old_and_forged(tg: FakeTelegram, bot: BotProcess) -> None:
    hal = tg.user(6301, "Hal")
    await driver.consent(tg, hal)
    await hal.send_text("care is kindness")
    scale = await driver.next_prompt(tg, hal.chat_id)  # a button question
    await hal.press(scale, driver.buttons(scale)[0])
    await driver.next_prompt(tg, hal.chat_id)
    before = await answers_of(bot, 6301)
    # The same, now old, button pressed again: nothing changes.
    await hal.press(scale, driver.buttons(scale)[1])
    await tg.wait_for(hal.chat_id, "no longer active")
    # Forged and foreign data: nothing changes, and the bot says so kindly.
    for data in ("1:o:999:1", "garbage", "99:o:1:0", "1:c:y", "x:forget:maybe", "💥" * 10):
        await hal.press_data(scale["message_id"], data)
    await tg.wait_idle(quiet=0.5)
    assert await answers_of(bot, 6301) == before
    async with await open_store(bot.db) as store:
        assert await store.tombstones() == []


async def test_groups_and_channels_are_ignored(tg: FakeTelegram, bot: BotProcess) -> None:
    ivy = tg.user(6401, "Ivy")
    await ivy.send_in_group(-100500, "/start")
    await ivy.send_in_group(-100500, "hello bot")
    await ivy.channel_post("news")
    await tg.wait_idle(quiet=0.5)
    assert tg.sent(-100500) == []
    async with await open_store(bot.db) as store:
        assert await store.active_round_for(store.resident_id(6401)) is None
    assert rows(bot.db, "SELECT COUNT(*) FROM answers") == [(0,)]


async def test_help_privacy_language_and_start_link(tg: FakeTelegram, bot: BotProcess) -> None:
    jo = tg.user(6501, "Jo")
    await jo.send_command("help")
    await tg.wait_for(jo.chat_id, "/forget")
    await jo.send_command("privacy")
    await tg.wait_for(jo.chat_id, "What we keep")
    async with await open_store(bot.db) as store:
        current = await store.latest_open_round()
    assert current is not None and current.code
    await jo.send_command("start", current.code)
    await tg.wait_for(jo.chat_id, lambda m: "Next ➡" in driver.buttons(m))
    kim = tg.user(6502, "Kim")
    await kim.send_command("start", "not-a-real-code")
    await tg.wait_for(kim.chat_id, "doesn't match a conversation")
    await jo.send_command("language", "xx")
    await tg.wait_for(jo.chat_id, "Available")
    assert "Traceback" not in bot.log_text()
