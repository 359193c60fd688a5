"""Who may run each facilitator and admin command, tried against the real bot: every
command × (admin by numeric ID, granted facilitator, resident, a resident with the
admin's username, the admin in a group, a channel post). Refusals are polite and
audited; groups and channels are ignored; forged moderation and broadcast buttons
pressed by a non-facilitator decide and send nothing."""

from __future__ import annotations

from pathlib import Path

from civicbot.bot.facilitator import words
from tests.e2e.facilitator_helpers import ADMIN_ID, make_bot, say, seed_round
from tests.e2e.fakeapi import FakeTelegram, FakeUser
from tests.e2e.helpers import open_store, rows

FACILITATOR = 9002
RESIDENT = 9101
SPOOF = 9666  # a resident who took the admin's username
USERNAME = "ada_admin"
GROUP, SUPERGROUP, CHANNEL = -100777, -1001777, -1001000000001
OPTED_IN = [8801, 8802]

# (command, arguments, admins only). Arguments that make an allowed call do its work:
# round 1 is the seeded open round, round 2 is made for opening and closing.
COMMANDS: list[tuple[str, str, bool]] = [
    ("grant", "5555", True),
    ("revoke", "5555", True),
    ("newround", "values-and-services.yaml Matrix", False),
    ("rounds", "", False),
    ("openround", "2", False),
    ("closeround", "2", False),
    ("invite", "1 library", False),
    ("stats", "1", False),
    ("moderate", "", False),
    ("transcribe", "", False),
    ("broadcast", "1", False),
    ("results", "1", False),
    ("report", "1", False),
    ("series", "", False),
]
REFUSALS = {words.FACILITATORS_ONLY, words.ADMINS_ONLY}


def audit_counts(db: Path, actor: str) -> tuple[int, int]:
    """(allowed, refused) audit rows of ``actor``."""
    found = rows(
        db, "SELECT allowed, COUNT(*) FROM audit WHERE actor = ? GROUP BY allowed", (actor,)
    )
    counts = {bool(allowed): n for allowed, n in found}
    return counts.get(True, 0), counts.get(False, 0)


def state(db: Path) -> list[object]:
    """What a command could change: rounds, roles, invitations, broadcasts, outbox."""
    return [
        rows(db, "SELECT id, status FROM rounds ORDER BY id"),
        rows(db, "SELECT actor FROM facilitators ORDER BY actor"),
        rows(db, "SELECT COUNT(*) FROM invitations"),
        rows(db, "SELECT id, status FROM broadcasts ORDER BY id"),
        rows(db, "SELECT COUNT(*) FROM outbox"),
        rows(db, "SELECT id, status FROM moderation ORDER BY id"),
        rows(db, "SELECT id, transcript, claimed_by FROM voice_notes ORDER BY id"),
        rows(db, "SELECT series_id, round_id FROM series_rounds ORDER BY round_id"),
    ]


async def try_all(
    tg: FakeTelegram, db: Path, user: FakeUser, pseudonym: str, *, admin: bool, facilitator: bool
) -> None:
    for command, arguments, admins_only in COMMANDS:
        allowed = admin or (facilitator and not admins_only)
        before_state = state(db)
        before = audit_counts(db, pseudonym)
        reply = await say(tg, user, command, arguments)
        text = reply.get("text") or reply.get("caption") or ""
        if command == "report" and allowed:  # the report itself follows as a document
            await tg.wait_for(user.chat_id, lambda m: "document" in m, timeout=120)
        await tg.wait_idle(quiet=0.2)
        after = audit_counts(db, pseudonym)
        who = (user.id, command)
        if allowed:
            assert text not in REFUSALS, who
            assert after[1] == before[1], who  # no refusal recorded
        else:
            expected = words.ADMINS_ONLY if admins_only else words.FACILITATORS_ONLY
            assert text == expected and text.startswith("Sorry"), (who, text)
            assert after == (before[0], before[1] + 1), who  # the attempt is audited
            assert state(db) == before_state, who  # and changed nothing


async def test_every_command_for_every_kind_of_sender(tg: FakeTelegram, tmp_path: Path) -> None:
    bot = make_bot(tg, tmp_path)
    await seed_round(bot.db, OPTED_IN)
    for person in OPTED_IN:
        tg.register_chat(person)
    await bot.start()
    try:
        await bot.wait_ready()
        await _matrix(tg, bot.db)
        await _forged_buttons(tg, bot.db)
    finally:
        await bot.kill()
    assert "Traceback" not in bot.log_text(), bot.log_text()[-4000:]


async def _matrix(tg: FakeTelegram, db: Path) -> None:
    admin = tg.user(ADMIN_ID, "Ada", username=USERNAME)
    fac = tg.user(FACILITATOR, "Femi")
    resident = tg.user(RESIDENT, "Eve")
    spoof = tg.user(SPOOF, "Ada", username=USERNAME)
    async with await open_store(db) as store:
        p = {u.id: store.resident_id(u.id) for u in (admin, fac, resident, spoof)}
    assert "facilitator now" in (await say(tg, admin, "grant", str(FACILITATOR)))["text"]
    made = await say(tg, admin, "newround", "values-and-services.yaml Second")
    assert "Round 2" in made["text"]

    await try_all(tg, db, admin, p[ADMIN_ID], admin=True, facilitator=True)
    await try_all(tg, db, fac, p[FACILITATOR], admin=False, facilitator=True)
    await try_all(tg, db, resident, p[RESIDENT], admin=False, facilitator=False)
    await try_all(tg, db, spoof, p[SPOOF], admin=False, facilitator=False)
    assert rows(db, "SELECT COUNT(*) FROM facilitators WHERE actor = ?", (p[SPOOF],)) == [(0,)]

    # The admin's own ID, but in a group or supergroup, and channel posts: ignored,
    # nothing said anywhere, nothing audited, nothing changed.
    before_state = state(db)
    before_audit = rows(db, "SELECT COUNT(*) FROM audit")
    tg.skip(admin.chat_id)
    for command, arguments, _ in COMMANDS:
        text = f"/{command} {arguments}".strip()
        await admin.send_in_group(GROUP, text)
        await admin.send_in_group(SUPERGROUP, f"/{command}@civicbot_test_bot {arguments}".strip(),
                                  supergroup=True)  # fmt: skip
        await admin.channel_post(text, channel_id=CHANNEL)
    await tg.wait_idle(quiet=0.5)
    for chat in (GROUP, SUPERGROUP, CHANNEL, admin.chat_id):
        assert tg.sent(chat) == [] or chat == admin.chat_id, chat
    await tg.assert_silent(admin.chat_id, 0.1)
    assert rows(db, "SELECT COUNT(*) FROM audit") == before_audit
    assert state(db) == before_state


async def _forged_buttons(tg: FakeTelegram, db: Path) -> None:
    fac = tg.user(FACILITATOR)
    # A real draft broadcast, previewed with its Send button, and a flagged answer.
    await say(tg, fac, "broadcast", "1", match="Send me the message")
    tg.skip(fac.chat_id)
    await fac.send_text("Forged presses must never send this.")
    preview = await tg.wait_for(fac.chat_id, "Preview")
    send_data = next(
        b["callback_data"]
        for row in preview["reply_markup"]["inline_keyboard"]
        for b in row
        if b["text"].startswith("Send")
    )
    broadcast_id = int(send_data.split(":")[1])
    async with await open_store(db) as store:
        await store.queue_for_moderation(1, "someone", "answer", "x", "07700 900123", ["phone"])
        item = await store.next_for_moderation()
        assert item is not None
        pseudonyms = [store.resident_id(u) for u in (RESIDENT, SPOOF)]
    before_state = state(db)
    refused_before = [audit_counts(db, p)[1] for p in pseudonyms]
    forged = [
        f"m:{item.id}:a",
        f"m:{item.id}:r",
        f"b:{broadcast_id}:y",
        f"b:{broadcast_id}:n",
        f"r:{broadcast_id}:s",
        f"m:{item.id}:a:extra",
        f"b:-{broadcast_id}:y",
        f"m:{item.id + 1000}:a",
        "t:1:s",
        "t:1:p",
        "t:1:s:extra",
    ]
    for user_id in (RESIDENT, SPOOF):
        user = tg.user(user_id)
        for data in forged:
            # On the facilitator's own preview message, and on a message of their own.
            await user.press_data(preview["message_id"], data, chat_id=fac.chat_id)
            await user.press_data(1, data)
    await tg.wait_idle(quiet=0.5)
    assert state(db) == before_state
    for person in OPTED_IN:
        assert tg.sent(person) == []
    assert not any("Forged presses" in (m.get("text") or "") for m in tg.sent(RESIDENT))
    # Every forged press is refused on the record.
    refused_after = [audit_counts(db, p)[1] for p in pseudonyms]
    assert [a - b for a, b in zip(refused_after, refused_before, strict=True)] == [
        2 * len(forged)
    ] * 2
    # The real facilitator's press still works: the buttons were not spoiled.
    await fac.press(preview, send_data)
    for person in OPTED_IN:
        await tg.wait_for(person, "Forged presses must never send this")
