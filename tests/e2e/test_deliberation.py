"""Deliberation through the real bot process and the stand-in Bot API: three residents
write statements and vote on each other's; in a round that requires approval a
facilitator approves a statement in /moderate, and only then do others see it. The
round's votes then export in the Pol.is format and read back."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from civicbot_analysis.polis import read_polis
from tests.e2e import driver
from tests.e2e.conftest import ROOT, SECRET
from tests.e2e.facilitator_helpers import ADMIN_ID, make_bot, say
from tests.e2e.fakeapi import FakeTelegram, FakeUser
from tests.e2e.helpers import open_store

JSON = dict[str, Any]
SCRIPT = ROOT / "prompts" / "deliberation-example.yaml"
STOP = "Move on ➜"
AGREE, DISAGREE, PASS = "👍 Agree", "👎 Disagree", "Pass / unsure"
ANA_SAYS = "Youth clubs should stay open late in the summer."
CAT_SAYS = "Doctors and schools should talk to each other more."


def _other_than(text: str) -> Callable[[JSON], bool]:
    return lambda message: message.get("text") != text


def is_card(message: JSON) -> bool:
    return STOP in driver.buttons(message)


async def card(tg: FakeTelegram, user: FakeUser) -> JSON:
    """The next deliberation screen the bot sends ``user``."""
    return await tg.wait_for(user.chat_id, is_card)


async def arrive(tg: FakeTelegram, user: FakeUser) -> JSON:
    """Consent, answer the warm-up question, and return the first deliberation screen."""
    await driver.consent(tg, user)
    await user.send_text("A nurse who remembered my name.")
    return await card(tg, user)


async def vote_through(tg: FakeTelegram, user: FakeUser, screen: JSON, choice: str) -> JSON:
    """Vote ``choice`` on every statement offered until none is left; return that screen."""
    seen = 0
    while AGREE in driver.buttons(screen):
        await user.press(screen, choice)
        screen = await card(tg, user)
        seen += 1
        assert seen <= 20, tg.transcript(user.chat_id)[-3000:]
    assert "seen every statement" in screen["text"]
    return screen


async def test_three_residents_deliberate_and_a_facilitator_approves(
    tg: FakeTelegram, tmp_path: Path
) -> None:
    bot = make_bot(tg, tmp_path, CIVICBOT_DEFAULT_SCRIPT=str(SCRIPT))
    await bot.start()
    try:
        await bot.wait_ready()
        await _deliberate(tg, bot.db, tmp_path)
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text(), bot.log_text()[-4000:]


async def _deliberate(tg: FakeTelegram, db: Path, tmp_path: Path) -> None:
    async with await open_store(db) as store:
        (row,) = await store.list_rounds()
        round_id = row.id
        await store.set_round_options(round_id, requires_approval=True)
    ana, ben, cat = tg.user(7101, "Ana"), tg.user(7102, "Ben"), tg.user(7103, "Cat")
    fac = tg.user(ADMIN_ID, "Fran")

    # Ana arrives at the step: its introduction and a seed statement to vote on.
    first = await arrive(tg, ana)
    assert "hear from other people" in first["text"]
    assert {AGREE, DISAGREE, PASS, "✍ Write a statement"} <= set(driver.buttons(first))
    await ana.press(first, "✍ Write a statement")
    hint = await card(tg, ana)
    assert "up to 280 characters" in hint["text"]
    await ana.send_text(ANA_SAYS)
    after = await card(tg, ana)
    assert "read it before others see it" in after["text"]
    await ana.press(after, AGREE)
    again = await card(tg, ana)
    # She changes her mind about that vote.
    await ana.press(again, "↩ Change my last vote")
    shown_again = await card(tg, ana)
    assert "Your vote now: 👍 Agree" in shown_again["text"]
    await ana.press(shown_again, DISAGREE)
    changed = await card(tg, ana)
    assert "Vote changed." in changed["text"]

    # Ben votes on everything he is offered: the seeds, not Ana's (not approved yet).
    ben_screen = await vote_through(tg, ben, await arrive(tg, ben), AGREE)
    assert ANA_SAYS not in tg.transcript(ben.chat_id)

    # The facilitator approves Ana's statement in /moderate.
    # (The round requires approval, so the warm-up answers wait there too: skip those.)
    item = await say(tg, fac, "moderate")
    for _ in range(5):
        if ANA_SAYS in item["text"]:
            break
        await fac.press(item, "Skip")
        item = await tg.wait_for(fac.chat_id, _other_than(item["text"]), edits=True)
    assert ANA_SAYS in item["text"] and "Statement" in item["text"]
    await fac.press(item, "Approve")
    await tg.wait_for(fac.chat_id, lambda m: ANA_SAYS not in (m.get("text") or ""), edits=True)
    async with await open_store(db) as store:
        statements = {s.text: s.status for s in await store.statements(round_id)}
    assert statements[ANA_SAYS] == "approved"

    # Now Ben is offered Ana's statement, and agrees.
    await ben.send_command("start")
    resumed = await tg.wait_for(ben.chat_id, lambda m: ANA_SAYS in (m.get("text") or ""))
    await ben.press(resumed, AGREE)
    await card(tg, ben)
    assert "seen every statement" in ben_screen["text"]  # before the approval

    # Cat writes a statement and votes; Ana never sees her own statement.
    cat_first = await arrive(tg, cat)
    await cat.send_text(CAT_SAYS)
    await vote_through(tg, cat, await card(tg, cat), DISAGREE)
    assert ANA_SAYS in tg.transcript(cat.chat_id) and CAT_SAYS not in tg.transcript(ben.chat_id)
    assert "hear from other people" in cat_first["text"]

    # Ana moves on to the last question; her own statement was never offered to her.
    await ana.press(changed, STOP)
    last = await tg.wait_for(ana.chat_id, "Thank you for weighing in.")
    assert "change one thing" in last["text"]
    assert tg.transcript(ana.chat_id).count(ANA_SAYS) == 1  # only as she typed it

    async with await open_store(db) as store:
        ids = {u.id: store.resident_id(u.id) for u in (ana, ben, cat)}
        data = await store.round_data(round_id)
    texts = {s.id: s.text for s in data.statements}
    moderated = {s.text: s.moderated for s in data.statements}
    assert moderated[ANA_SAYS] == 1 and moderated[CAT_SAYS] == 0  # Cat's waits
    ana_id = next(k for k, v in texts.items() if v == ANA_SAYS)
    votes = {(v.resident, v.statement): v.vote for v in data.votes}
    assert votes[(ids[ben.id], ana_id)] == 1
    assert votes[(ids[cat.id], ana_id)] == -1
    assert (ids[ana.id], ana_id) not in votes
    assert -1 in {v for (who, _), v in votes.items() if who == ids[ana.id]}  # the change
    assert len({who for who, _ in votes}) == 3

    # The round's statements and votes export in the Pol.is format and read back.
    out = tmp_path / "polis"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICBOT_")}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "civicbot",
        "export",
        "polis",
        str(round_id),
        "--db",
        str(db),
        "--out",
        str(out),
        env={**env, "CIVICBOT_SECRET": SECRET},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode == 0, output.decode()
    assert b"votes by 3 residents" in output
    back = read_polis(out)
    assert {(v.resident, v.statement, v.vote) for v in back.votes} == {
        (v.resident, v.statement, v.vote) for v in data.votes
    }
    assert ANA_SAYS in {s.text for s in back.statements}
