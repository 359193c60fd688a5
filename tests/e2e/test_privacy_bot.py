"""Issue #9 through the real bot: a phone number hidden with zero-width spaces is masked on
the moderation screen; an old Approve button cannot approve a later resident's answer
after /forget; a safeguarding item needs a second confirmation before it can be quoted;
numbers that are not ASCII digits get a clear reply; /forget's button works only in a
private chat."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e import driver
from tests.e2e.facilitator_helpers import ADMIN_ID, make_bot, say, seed_round
from tests.e2e.fakeapi import FakeTelegram, FakeUser
from tests.e2e.helpers import open_store, rows
from tests.e2e.test_safeguarding import DISCLOSURE, first_free_text_question

ZW = "\u200b"
FAC_ID = 9002
CRASHED = "something went wrong"


async def _with_facilitator(tg: FakeTelegram, tmp_path: Path) -> tuple[Any, FakeUser, int]:
    round_id = await seed_round(tmp_path / "civicbot.db", [])
    bot = make_bot(tg, tmp_path)
    await bot.start()
    await bot.wait_ready()
    admin = tg.user(ADMIN_ID, "Ada")
    fac = tg.user(FAC_ID, "Femi")
    assert "facilitator now" in (await say(tg, admin, "grant", str(FAC_ID)))["text"]
    return bot, fac, round_id


async def _answer_words(tg: FakeTelegram, user: FakeUser, words: str) -> None:
    await first_free_text_question(tg, user)
    await user.send_text(words)
    await driver.next_prompt(tg, user.chat_id)


async def test_moderation_screen_masks_hidden_phone_and_stale_buttons_decide_nothing(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    bot, fac, round_id = await _with_facilitator(tg, tmp_path)
    try:
        eve = tg.user(9101, "Eve")
        await _answer_words(tg, eve, f"ring me on 0770{ZW}0 900{ZW}123 about the damp")
        item = await say(tg, fac, "moderate")
        # The live bot case: it reached this screen unmasked before.
        assert "[phone]" in item["text"], item["text"]
        plain = item["text"].replace(ZW, "")
        assert "07700" not in plain and "900123" not in plain
        keyboard = item["reply_markup"]["inline_keyboard"]
        stale = next(b["callback_data"] for row in keyboard for b in row if b["text"] == "Approve")

        # Eve asks to be forgotten; her item goes. Joan's later answer is queued.
        await eve.send_command("forget")
        confirm = await tg.wait_for(eve.chat_id, lambda m: "x:forget:yes" in str(m))
        await eve.press(confirm, "x:forget:yes")
        await tg.wait_for(eve.chat_id, "deleted", edits=True)
        joan = tg.user(9102, "Joan")
        await _answer_words(tg, joan, "call 07700 900456, my own words")
        # The old Approve button, pressed now, must not approve Joan's unseen answer.
        await fac.press_data(item["message_id"], stale)
        await tg.wait_idle(quiet=0.5)
        async with await open_store(bot.db) as store:
            resident = store.resident_id(joan.id)
            assert await store.moderation_status(round_id, "answer", "care_meaning", resident) in (
                "pending",
                None,
            )
            statuses = rows(bot.db, "SELECT status FROM moderation")
        assert statuses == [("pending",)]
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text(), bot.log_text()[-3000:]


async def test_safeguarding_item_needs_a_second_confirmation(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    bot, fac, _ = await _with_facilitator(tg, tmp_path)
    try:
        rae = tg.user(9201, "Rae")
        await _answer_words(tg, rae, DISCLOSURE)
        item = await say(tg, fac, "moderate")
        assert "safeguarding" in item["text"]
        await fac.press(item, "Approve")
        check = await tg.wait_for(fac.chat_id, "Approve it for quoting anyway?", edits=True)
        assert rows(bot.db, "SELECT status FROM moderation") == [("pending",)]
        await fac.press(check, "Back")
        back = await tg.wait_for(fac.chat_id, lambda m: "Approve" in driver.buttons(m), edits=True)
        await fac.press(back, "Approve")
        check = await tg.wait_for(fac.chat_id, "Approve it for quoting anyway?", edits=True)
        await fac.press(check, "Yes, approve for quoting")
        await tg.wait_for(fac.chat_id, "last one", edits=True)
        assert rows(bot.db, "SELECT status FROM moderation") == [("approved",)]
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text(), bot.log_text()[-3000:]


async def test_unicode_digits_get_clear_replies_and_forget_is_private_only(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    bot, fac, _ = await _with_facilitator(tg, tmp_path)
    try:
        stats = await say(tg, fac, "stats", "²")
        assert "round number" in stats["text"] and CRASHED not in stats["text"].lower()
        for number in ("٣", "１"):
            reply = await say(tg, fac, "stats", number)
            assert "round number" in reply["text"], reply["text"]
        hal = tg.user(9301, "Hal")
        prompt = await driver.consent(tg, hal)
        tg.skip(hal.chat_id)
        await hal.press_data(prompt["message_id"], "²:c:y")
        reply = await tg.wait_for(hal.chat_id)
        assert CRASHED not in (reply.get("text") or "").lower(), reply
        assert "no longer active" in reply["text"]
        # x:forget:yes pressed in a group: nothing is forgotten.
        said = await hal.send_in_group(-100500, "hello")
        await hal.press_data(said["message_id"], "x:forget:yes", chat_id=-100500)
        await tg.wait_idle(quiet=0.5)
        async with await open_store(bot.db) as store:
            assert await store.tombstones() == []
            assert await store.chat_id_for(store.resident_id(hal.id)) == hal.chat_id
        assert tg.sent(-100500) == []
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text(), bot.log_text()[-3000:]
