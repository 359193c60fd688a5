"""A facilitator runs a whole round through the real bot: granted by an admin, creates,
opens, invites, watches, moderates, broadcasts, closes, sends what we heard, and puts the
round in a series whose report an organiser builds from the live database. The
transcripts in docs/facilitators.md come from this test (CIVICBOT_TRANSCRIPTS=folder)."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path

from tests.e2e import driver
from tests.e2e.conftest import voice_dir_of
from tests.e2e.facilitator_helpers import ADMIN_ID, audit_leaks, make_bot, round_number, say
from tests.e2e.fakeapi import FakeTelegram, FakeUser
from tests.e2e.helpers import open_store, rows

FACILITATOR_COMMANDS = [
    ("newround", "values-and-services.yaml Sneaky"),
    ("rounds", ""),
    ("openround", "1"),
    ("closeround", "1"),
    ("invite", "1 library"),
    ("stats", "1"),
    ("moderate", ""),
    ("broadcast", "1"),
    ("results", "1"),
    ("report", "1"),
    ("series", ""),
    ("grant", "5555"),
    ("revoke", "5555"),
]


async def _take_part(
    tg: FakeTelegram, user: FakeUser, first_answer: str, code: str, helped: str | None = None
) -> None:
    await user.send_command("start", code)
    notice = await driver.to_notice(tg, user)
    await user.press(notice, "I agree")
    prompt = await driver.next_prompt(tg, user.chat_id)
    await user.send_text(first_answer)
    prompt = await driver.next_prompt(tg, user.chat_id)
    steps = 0
    while driver.FINISH_MARK not in (prompt.get("text") or ""):
        asked = prompt.get("text") or ""
        text = helped if helped and "What did they do that helped?" in asked else None
        await driver.answer(tg, user, prompt, **({"text": text} if text else {}))
        steps += 1
        assert steps < 80
        prompt = await driver.next_prompt(tg, user.chat_id)


async def test_a_whole_round(tg: FakeTelegram, tmp_path: Path, db_target: Path | str) -> None:
    """On SQLite and on PostgreSQL (the ``backend`` parameter)."""
    bot = make_bot(tg, tmp_path, db_target)
    await bot.start()
    try:
        await bot.wait_ready()
        await _whole_round(tg, bot.db, tmp_path)
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text(), bot.log_text()[-4000:]


async def _whole_round(tg: FakeTelegram, db: Path | str, folder: Path) -> None:
    voice = voice_dir_of(db, folder / "bot.log")
    admin = tg.user(ADMIN_ID, "Ada")
    fac = tg.user(9002, "Femi", username="femi_admin")  # a username is never trusted
    eve = tg.user(9101, "Eve")
    joan = tg.user(9102, "Joan")

    # Not a facilitator yet: refused, politely.
    refused = await say(tg, fac, "rounds")
    assert "Sorry, that is a command for the people running this project" in refused["text"]
    granted = await say(tg, admin, "grant", "9002")
    assert "facilitator now" in granted["text"]
    # Menus follow the role: residents see their own commands, a facilitator theirs too,
    # only an admin sees /grant.
    residents_menu = {c["command"] for c in tg.commands()}
    fac_menu = {c["command"] for c in tg.commands({"type": "chat", "chat_id": fac.chat_id})}
    admin_menu = {c["command"] for c in tg.commands({"type": "chat", "chat_id": admin.chat_id})}
    assert "stats" not in residents_menu and "grant" not in residents_menu
    assert {"start", "stats", "moderate", "report"} <= fac_menu and "grant" not in fac_menu
    assert {"start", "stats", "grant", "revoke"} <= admin_menu

    # /help: a facilitator sees their commands, an admin /grant too, a resident neither.
    fac_help = (await say(tg, fac, "help"))["text"]
    assert "For facilitators:" in fac_help and "/stats ROUND" in fac_help
    assert "/skip" in fac_help and "/grant" not in fac_help
    assert "\n/rounds  List rounds with their numbers\n" in fac_help
    assert "/grant USER_ID" in (await say(tg, admin, "help"))["text"]
    eve_help = (await say(tg, eve, "help"))["text"]
    assert "/skip" in eve_help and "For facilitators" not in eve_help and "/stats" not in eve_help

    # The round the bot opened by itself on this fresh install is where /start leads now.
    default = rows(db, "SELECT id, status, is_default FROM rounds")
    assert default == [(1, "open", 1)]

    # A window that has already passed is refused, not left a silent draft.
    past = "values-and-services.yaml Old --opens=2020-01-01T09:00 --closes=2020-02-01"
    old = await say(tg, fac, "newround", past)
    assert "already passed" in old["text"] and "Nothing was created" in old["text"]
    assert len(rows(db, "SELECT id FROM rounds")) == 1

    created = await say(tg, fac, "newround", "values-and-services.yaml Library pilot")
    round_id = round_number(created["text"])
    assert "draft" in created["text"] and "stays a draft until you open it" in created["text"]
    opened = await say(tg, fac, "openround", str(round_id))
    assert "is open" in opened["text"]
    # Opening it decides what happens to the default round: it closes, and says so.
    assert "Round 1 “Values and services”" in opened["text"]
    assert "is now closed" in opened["text"]
    assert "/start without a link join this round" in opened["text"]
    assert rows(db, "SELECT status FROM rounds WHERE id = 1") == [("closed",)]
    # A resident who sends plain /start lands in the facilitator's round.
    kim = tg.user(9103, "Kim")
    await driver.consent(tg, kim)
    kim_id = rows(db, "SELECT round_id FROM sessions")
    assert kim_id == [(round_id,)], kim_id

    invite = await say(tg, fac, "invite", f"{round_id} library")
    link = re.search(r"https://t\.me/civicbot_test_bot\?start=([A-Za-z0-9_-]+)", invite["text"])
    assert link, invite["text"]
    photo = await tg.wait_for(fac.chat_id, lambda m: "photo" in m)
    assert tg.file_bytes(photo).startswith(b"\x89PNG")

    # A source of several words becomes one tag, and the reply says which.
    surgery = await say(tg, fac, "invite", f"{round_id} GP surgery")
    assert "for gp-surgery" in surgery["text"] and "kept as the tag gp-surgery" in surgery["text"]
    assert rows(db, "SELECT source FROM invitations WHERE source LIKE 'gp%'") == [("gp-surgery",)]

    # Two residents join through the invitation; each gives a phone number.
    await _take_part(tg, eve, "Call me on 07700 900123, care means time", link[1])
    await _take_part(tg, joan, "Care is neighbours looking out for each other", link[1],
                     helped="My neighbour, ring her on 07700 900456")  # fmt: skip
    found = rows(db, "SELECT source FROM sessions WHERE round_id = ? AND source IS NOT NULL",
                 (round_id,))  # fmt: skip
    assert found == [("library",), ("library",)]

    # /stats speaks in question words and tells those still answering (Kim, part-way)
    # from those who stopped; never a step id.
    stats = await say(tg, fac, "stats", str(round_id))
    assert "library" in stats["text"] and "Started: 10 or fewer" in stats["text"]
    assert "waiting for moderation: 2" in stats["text"]
    assert "Still answering (answered in the last hour): 10 or fewer" in stats["text"]
    assert "Stopped part-way (nothing for longer):" in stats["text"]
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", stats["text"]), stats["text"]  # no step ids

    # Moderation: the flagged answers, masked; the question as the resident read it.
    item = await say(tg, fac, "moderate")
    assert "[phone]" in item["text"] and "07700" not in item["text"]
    assert "What does care mean to you?" in item["text"]
    await fac.press(item, "Approve")
    second = await tg.wait_for(
        fac.chat_id, lambda m: "What did they do" in (m.get("text") or ""), edits=True
    )
    assert 'You chose "A public service, like the NHS". What did they do' in second["text"]
    assert "{{" not in second["text"] and "answers." not in second["text"]
    assert "[phone]" in second["text"] and "900456" not in second["text"]
    await fac.press(second, "Reject")
    await tg.wait_for(fac.chat_id, lambda m: "last one" in (m.get("text") or ""), edits=True)
    async with await open_store(db, voice) as store:
        resident = store.resident_id(eve.id)
        status = await store.moderation_status(round_id, "answer", "care_meaning", resident)
        data = await store.round_data(round_id)
    assert status == "approved"
    flagged = [a for a in data.answers if a.resident == resident and "07700" in a.value]
    assert flagged and all(a.quotable for a in flagged)

    # Broadcast to those who asked for updates (the driver says yes to everything).
    await say(tg, fac, "broadcast", str(round_id), match="Send me the message")
    tg.skip(fac.chat_id)
    await fac.send_text("Thank you for taking part! We meet the council on 3 June.")
    preview = await tg.wait_for(fac.chat_id, "Preview")
    # Two recipients: fewer than 10, so never shown as a number.
    assert "Preview (to 10 or fewer residents)" in preview["text"]
    await fac.press(preview, "Send to 10 or fewer")
    for person in (eve, joan):
        await tg.wait_for(person.chat_id, "We meet the council")
    await tg.wait_for(fac.chat_id, "Sent (10 or fewer residents)", edits=True)

    closed = await say(tg, fac, "closeround", str(round_id))
    assert "closed" in closed["text"] and "No round is open now" in closed["text"]
    heard = await say(tg, fac, "results", str(round_id), match="what happens next")
    assert "What we heard" in heard["text"]
    tg.skip(fac.chat_id)
    await fac.send_text("We will take what you said to the council's June meeting.")
    preview = await tg.wait_for(fac.chat_id, "Preview")
    await fac.press(preview, "Send to 10 or fewer")
    for person in (eve, joan):
        await tg.wait_for(person.chat_id, "June meeting")
    later = await say(tg, joan, "results")
    assert "What we heard" in later["text"] and "June meeting" in later["text"]

    # The series: the round joins one, the facilitator sees it with /series, and an
    # organiser builds the series report from the live database (no secret needed to read).
    async with await open_store(db, voice) as store:
        await store.create_series("Our year")
        await store.add_to_series("Our year", round_id)
    listed = (await say(tg, fac, "series", ""))["text"]
    assert listed.splitlines()[0] == "Our year (1 round)" and f"Round {round_id}" in listed
    out = folder / "series.md"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICBOT_")}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "civicbot", "report", "--series", "Our year", "--db", str(db),
        "--format", "md", "--out", str(out), env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await process.communicate()
    assert process.returncode == 0, output.decode()
    assert "Our year" in out.read_text(encoding="utf-8")

    # A resident is refused every facilitator command, and each attempt is audited.
    for command, args in FACILITATOR_COMMANDS:
        answer = await say(tg, eve, command, args)
        assert "Sorry" in answer["text"], (command, answer["text"])
    # Forged button data cannot approve anything.
    async with await open_store(db, voice) as store:
        await store.queue_for_moderation(round_id, "someone", "answer", "x", "text", ["phone"])
        pending = await store.next_for_moderation()
        assert pending is not None
        await eve.press_data(1, f"m:{pending.id}:a")
        await tg.wait_idle(quiet=0.3)
        assert await store.moderation_status(round_id, "answer", "x", "someone") == "pending"
        log = await store.audit_log()
        eve_p = store.resident_id(eve.id)
        fac_p = store.resident_id(fac.id)
    refused_rows = [r for r in log if r.actor == eve_p and not r.allowed]
    assert len(refused_rows) == len(FACILITATOR_COMMANDS) + 1
    assert all(not r.allowed for r in log if r.actor == eve_p)
    assert {"grant", "newround", "openround", "invite", "moderation-decision", "broadcast-send",
            "results-send", "closeround"} <= {r.action for r in log if r.allowed}  # fmt: skip
    # No Telegram ID or username in the audit: the grant names the pseudonym instead.
    assert [r.target for r in log if r.action == "grant" and r.allowed] == [fac_p]
    for r in log:
        assert audit_leaks(r, fac.id, ("femi", "femi_admin")) == [], r

    # Revoked: the facilitator menu goes and the commands are refused again.
    revoked = await say(tg, admin, "revoke", str(fac.id))
    assert "no longer a facilitator" in revoked["text"]
    assert tg.commands({"type": "chat", "chat_id": fac.chat_id}) == []
    assert "Sorry" in (await say(tg, fac, "rounds"))["text"]

    folder = os.environ.get("CIVICBOT_TRANSCRIPTS")
    if folder:
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        for name, person in (("admin", admin), ("facilitator", fac), ("resident", eve)):
            (out / f"{name}.txt").write_text(tg.transcript(person.chat_id), encoding="utf-8")
