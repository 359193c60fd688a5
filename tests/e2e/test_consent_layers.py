"""Consent in layers through the real bot: first who runs this (from the round's
settings), how long and who may take part; then what is kept and published; then
"I agree". /privacy shows the whole notice in the chat. A fresh install without an
organiser refuses to open its default round; a facilitator's round names its own
organiser and areas, and a typed postcode gives its area without being kept."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.e2e import driver
from tests.e2e.conftest import BotProcess
from tests.e2e.facilitator_helpers import ADMIN_ID, make_bot, round_number, say, seed_round
from tests.e2e.fakeapi import FakeTelegram
from tests.e2e.helpers import every_cell, rows

ORGANISER, CONTACT = "Wigan Together", "hello@wigantogether.example"


async def test_layers_in_order_then_privacy_then_progress(
    tg: FakeTelegram, bot: BotProcess
) -> None:
    await bot.wait_ready()
    ana = tg.user(7301, "Ana")
    await ana.send_command("start")
    await driver.pick(tg, ana)  # the language picker comes first
    hello = await tg.wait_for(ana.chat_id, lambda m: "Next ➡" in driver.buttons(m))
    text = hello["text"]
    assert driver.buttons(hello) == ["Next ➡"]
    for fact in (ORGANISER, CONTACT, "about 5 minutes", "aged 16 or over", "skip any question"):
        assert fact in text, text
    assert "I agree" not in text
    # Nothing is stored before consent, not even the layer the resident is reading.
    assert rows(bot.db, "SELECT COUNT(*) FROM consents") == [(0,)]

    await ana.press(hello, "Next ➡")
    notice = await tg.wait_for(ana.chat_id, lambda m: "I agree" in driver.buttons(m))
    for fact in ("not your name", "short quotes", "danger", "tell the organisers", "/privacy"):
        assert fact in notice["text"], notice["text"]
    assert "until the organisers delete them" in notice["text"]  # no retention period set

    await ana.send_command("privacy")
    full = await tg.wait_for(ana.chat_id, "Privacy notice")
    for fact in (f"run by {ORGANISER}", CONTACT, "fewer than 10 people", "/forget", "116 123"):
        assert fact in full["text"], full["text"]
    assert "docs/privacy.md" not in full["text"]

    # The notice is still there to agree to; the first question shows where they are.
    await ana.press(notice, "I agree")
    first = await driver.next_prompt(tg, ana.chat_id)
    assert "Question 1 of 14" in first["text"], first["text"]
    assert rows(bot.db, "SELECT agreed, version FROM consents") == [(1, 2)]
    assert rows(bot.db, "SELECT organiser, contact FROM rounds") == [(ORGANISER, CONTACT)]


async def test_retention_days_reach_the_notice(tg: FakeTelegram, tmp_path: Path) -> None:
    bot = BotProcess(tg.url, tmp_path / "c.db", tmp_path / "bot.log", CIVICBOT_RETENTION_DAYS="90")
    await bot.start()
    try:
        await bot.wait_ready()
        bo = tg.user(7302, "Bo")
        await bo.send_command("start")
        await driver.pick(tg, bo)
        hello = await tg.wait_for(bo.chat_id, lambda m: "Next ➡" in driver.buttons(m))
        await bo.press(hello, "Next ➡")
        notice = await tg.wait_for(bo.chat_id, lambda m: "I agree" in driver.buttons(m))
        assert "After 90 days we take names and numbers out" in notice["text"]
        await bo.send_command("privacy")
        await tg.wait_for(bo.chat_id, "After 90 days")
    finally:
        await bot.kill()


async def test_no_organiser_no_default_round(tg: FakeTelegram, tmp_path: Path) -> None:
    bot = BotProcess(
        tg.url,
        tmp_path / "c.db",
        tmp_path / "bot.log",
        CIVICBOT_ORGANISER="",
        CIVICBOT_ORGANISER_CONTACT="",
    )
    await bot.start()
    assert bot.process is not None
    code = await asyncio.wait_for(bot.process.wait(), 60)
    log = bot.log_text()
    assert code != 0
    assert "CIVICBOT_ORGANISER" in log and "Traceback" not in log


async def test_a_round_with_its_own_organiser_and_areas(tg: FakeTelegram, tmp_path: Path) -> None:
    bot = make_bot(tg, tmp_path, CIVICBOT_ORGANISER="", CIVICBOT_ORGANISER_CONTACT="")
    # The fresh install has no organiser, so give the database a round first.
    await seed_round(tmp_path / "civicbot.db", [])
    await bot.start()
    try:
        await bot.wait_ready()
        admin = tg.user(ADMIN_ID, "Ada")
        # Without an organiser the round is made but does not open.
        made = await say(tg, admin, "newround", "values-and-services.yaml Plain")
        refused = await say(tg, admin, "openround", str(round_number(made["text"])))
        assert "needs an organiser and a contact" in refused["text"]
        bad = await say(
            tg, admin, "newround", "values-and-services.yaml X --areas=north --organiser=A"
        )
        assert "VALUE=Label" in bad["text"]
        made = await say(
            tg,
            admin,
            "newround",
            "values-and-services.yaml Wigan wards --organiser=Wigan_Together"
            " --contact=hello@wt.example --areas=pemberton=Pemberton,wigan_central=Wigan_Central"
            " --postcodes=WN5=pemberton,WN1=wigan_central",
        )
        round_id = round_number(made["text"])
        opened = await say(tg, admin, "openround", str(round_id))
        assert "is open" in opened["text"]
        code = rows(bot.db, "SELECT code FROM rounds WHERE id = ?", (round_id,))[0][0]

        cy = tg.user(7303, "Cy")
        await cy.send_command("start", code)
        await driver.pick(tg, cy)
        hello = await tg.wait_for(cy.chat_id, lambda m: "Next ➡" in driver.buttons(m))
        assert "Wigan Together run it" in hello["text"] and "hello@wt.example" in hello["text"]
        await cy.press(hello, "Next ➡")
        notice = await tg.wait_for(cy.chat_id, lambda m: "I agree" in driver.buttons(m))
        await cy.press(notice, "I agree")
        prompt = await driver.next_prompt(tg, cy.chat_id)
        while "Which part of the area" not in prompt["text"]:
            await cy.press(prompt, "Skip")
            prompt = await tg.wait_for(cy.chat_id, lambda m: "Skip" in driver.buttons(m))
        assert {"Pemberton", "Wigan Central"} <= set(driver.buttons(prompt))
        assert "North" not in driver.buttons(prompt)
        await cy.send_text("wn5 7ab")
        await tg.wait_for(cy.chat_id, "How old are you?")
        stored = rows(bot.db, "SELECT value FROM demographics WHERE field = 'area'")
        assert stored == [("pemberton",)]
        # The postcode is kept nowhere (the inbox keeps only handled updates' ids).
        await tg.wait_idle()
        for table, cell in every_cell(bot.db):
            assert "7AB" not in cell.upper(), table
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text()
