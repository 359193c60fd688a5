"""A resident's whole dialogue through the real bot process and the stand-in Bot API."""

from __future__ import annotations

import asyncio
import json

from tests.e2e import driver
from tests.e2e.conftest import BotProcess
from tests.e2e.fakeapi import FakeTelegram
from tests.e2e.helpers import every_cell, open_store, rows


async def test_resident_completes_default_script(tg: FakeTelegram, bot: BotProcess) -> None:
    sam = tg.user(4201, "Sam", username="sam_resident")
    answered = await driver.complete(tg, sam)
    assert answered >= 25
    async with await open_store(bot.db) as store:
        resident = store.resident_id(4201)
        round_id = await store.active_round_for(resident)
        assert round_id is not None
        data = await store.round_data(round_id)
    assert {r.id for r in data.residents} == {resident}
    (person,) = data.residents
    assert person.finished_at is not None
    # Every question Sam answered is stored exactly once, demographics apart from answers.
    stored = rows(bot.db, "SELECT step_id FROM answers WHERE resident = ?", (resident,))
    assert len(stored) == len({s for (s,) in stored})
    assert person.demographics  # the "about you" answers
    free_text = [a for a in data.answers if a.value.startswith("Being listened to")]
    assert free_text
    # The command menu was set with setMyCommands.
    assert {c["command"] for c in tg.commands()} >= {"start", "skip", "back", "mydata", "forget"}
    # No Telegram ID, username or name outside the identity table.
    for table, cell in every_cell(bot.db):
        if table != "identities":
            assert "4201" not in cell.split(":")[0] or table == "inbox"
            assert "sam_resident" not in cell and cell != "Sam"


async def test_two_residents_interleaved(tg: FakeTelegram, bot: BotProcess) -> None:
    ana, ben = tg.user(5101, "Ana"), tg.user(5102, "Ben")
    first_a = await driver.consent(tg, ana)
    first_b = await driver.consent(tg, ben)
    assert first_a["text"] == first_b["text"]
    # Ana answers the first question with one text, Ben with another, alternately.
    await ana.send_text("For me care means time.")
    await ben.send_text("Care is neighbours looking out.")
    next_a = await driver.next_prompt(tg, ana.chat_id)
    next_b = await driver.next_prompt(tg, ben.chat_id)
    assert next_a["text"] == next_b["text"]
    async with await open_store(bot.db) as store:
        round_id = await store.active_round_for(store.resident_id(5101))
        assert round_id is not None
        data = await store.round_data(round_id)
    said = {(a.resident, a.value) for a in data.answers}
    assert any(v == "For me care means time." for _, v in said)
    assert any(v == "Care is neighbours looking out." for _, v in said)
    assert len({r for r, _ in said}) == 2


async def test_back_and_skip(tg: FakeTelegram, bot: BotProcess) -> None:
    cat = tg.user(5201, "Cat")
    first = await driver.consent(tg, cat)
    await cat.send_text("First thoughts")
    second = await driver.next_prompt(tg, cat.chat_id)
    assert second["text"] != first["text"]
    await cat.send_command("back")
    again = await tg.wait_for(cat.chat_id, "First thoughts")  # "You said: First thoughts"
    assert driver.buttons(again)
    await cat.send_text("Second thoughts")
    await driver.next_prompt(tg, cat.chat_id)
    await cat.send_command("skip")
    await driver.next_prompt(tg, cat.chat_id)
    async with await open_store(bot.db) as store:
        resident = store.resident_id(5201)
        round_id = await store.active_round_for(resident)
        assert round_id is not None
        state = await store.get_session(round_id, resident)
    assert state is not None
    first_step, second_step = state.history[:2]
    assert state.answers[first_step] == "Second thoughts"  # the change replaced the answer
    assert state.answers[second_step] is None  # the skipped question is recorded as skipped
    stored = rows(bot.db, "SELECT value_json, skipped FROM answers WHERE resident = ?", (resident,))
    assert sorted(json.loads(v) or "" for v, _ in stored)[-1] == "Second thoughts"
    assert [s for _, s in stored].count(1) == 1


async def test_mydata_and_forget(tg: FakeTelegram, bot: BotProcess) -> None:
    dee = tg.user(5301, "Dee", username="dee_canary")
    await driver.consent(tg, dee)
    await dee.send_text("canary-answer-5301 about care")
    await driver.next_prompt(tg, dee.chat_id)
    await dee.send_command("mydata")
    summary = await tg.wait_for(dee.chat_id, "everything we hold about you")
    assert "canary-answer-5301" in summary["text"]
    document = await tg.wait_for(dee.chat_id, lambda m: "document" in m)
    payload = json.loads(tg.file_bytes(document))
    assert any("canary-answer-5301" in json.dumps(v) for v in payload.values())

    await dee.send_command("forget")
    confirm = await tg.wait_for(dee.chat_id, "Are you sure")
    await dee.press(confirm, "Yes, delete everything")
    await tg.wait_for(dee.chat_id, "Done. Everything about you", edits=True)
    await tg.wait_idle()
    async with await open_store(bot.db) as store:
        resident = store.resident_id(5301)
        assert [t.resident for t in await store.tombstones()] == [resident]
    for table, cell in every_cell(bot.db):
        if table == "tombstones":
            continue
        assert resident not in cell, table
        assert "canary-answer-5301" not in cell, table
        assert cell != "5301", table
        assert "dee_canary" not in cell, table


async def test_same_update_twice_changes_nothing(tg: FakeTelegram, bot: BotProcess) -> None:
    eve = tg.user(5401, "Eve")
    await driver.consent(tg, eve)
    # Lose the acknowledgement once, as when the poll carrying the new offset is lost:
    # Telegram then delivers the same updates again.
    world = tg.world
    original = world.confirm
    skipped = 0

    def lossy(offset: int) -> None:
        nonlocal skipped
        if skipped < 1 and world.updates:
            skipped += 1
            return
        original(offset)

    world.confirm = lossy  # type: ignore[method-assign]
    await eve.send_text("only once please")
    await driver.next_prompt(tg, eve.chat_id)
    await tg.wait_idle(quiet=1.5)
    world.confirm = original  # type: ignore[method-assign]
    assert skipped == 1
    async with await open_store(bot.db) as store:
        resident = store.resident_id(5401)
    stored = rows(bot.db, "SELECT value_json FROM answers WHERE resident = ?", (resident,))
    assert [json.loads(v) for (v,) in stored] == ["only once please"]
    replies = [m for m in tg.sent(eve.chat_id) if "only once" in (m.get("text") or "")]
    assert replies == []
    await asyncio.sleep(0)
