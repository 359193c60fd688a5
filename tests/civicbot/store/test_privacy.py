"""Residents' rights: identity kept in one table, /mydata, /forget, tombstones."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from civicbot.engine.types import AnswerGiven, ConsentGiven, SessionState
from civicbot.store import Store, Tombstone
from civicbot.store.postgres import restore_dump

from .conftest import SECRET, Clock, new_round

TG_ID = 8812345678
OTHER_TG_ID = 7700112233
# A tombstone keeps the pseudonym (and time) by design: it is what a restore re-applies.
NOT_TOMBSTONES = frozenset({"tombstones"})


async def _take_part(store: Store, telegram_user_id: int, round_id: int, text: str) -> str:
    """Everything a resident leaves behind: identity, an inbox update, a session, a
    consent, an answer, an "about you" answer, a voice note."""
    resident = await store.register_identity(telegram_user_id, telegram_user_id, "en")
    update_id = abs(hash((telegram_user_id, round_id, text))) % 10**9
    payload = {
        "update_id": update_id,
        "message": {"from": {"id": telegram_user_id, "is_bot": False}, "text": text},
    }
    await store.inbox_add([(update_id, json.dumps(payload))])
    await store.record_unsupported(round_id, resident, "voice", f"file-{text}", update_id)
    await store.apply_outcome(
        update_id=update_id,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="active", step_id="which", answers={"matters": text}),
        records=(
            ConsentGiven(True, 1),
            AnswerGiven("matters", text),
            AnswerGiven("age", "18_34", demographic="age_band"),
        ),
    )
    return resident


def _walk(path: Path, *needles: str, skip: frozenset[str] = frozenset()) -> list[str]:
    """Every (table, column) whose value in some row contains one of ``needles``."""
    hits: list[str] = []
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            if table in skip:
                continue
            cursor = conn.execute(f"SELECT * FROM {table}")
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row, strict=True):
                    text = value.hex() if isinstance(value, bytes) else str(value)
                    if any(needle in text for needle in needles):
                        hits.append(f"{table}.{column}")
    return sorted(set(hits))


def _columns(path: Path) -> dict[str, list[str]]:
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}


async def test_only_identities_holds_telegram_ids(store: Store, db_path: Path) -> None:
    round_id = await new_round(store)
    await _take_part(store, TG_ID, round_id, "kindness")

    for table, columns in _columns(db_path).items():
        for column in columns:
            if any(
                word in column
                for word in (
                    "telegram",
                    "chat",
                    "user_id",
                    "username",
                    "first_name",
                    "last_name",
                    "phone",
                )
            ):
                assert table == "identities", f"{table}.{column}"
    # By value too: outside `identities` the ID appears only inside the raw inbox
    # updates, which are pruned once handled and deleted by /forget.
    assert _walk(db_path, str(TG_ID)) == [
        "identities.chat_id",
        "identities.telegram_user_id",
        "inbox.payload",
    ]


async def test_mydata_returns_every_row_about_them(store: Store, db_path: Path) -> None:
    round_id = await new_round(store)
    resident = await _take_part(store, TG_ID, round_id, "kindness")
    await _take_part(store, OTHER_TG_ID, round_id, "patience")

    data = await store.mydata(resident)
    json.dumps(data)  # ready to send as a file
    assert data["resident"] == resident
    with closing(sqlite3.connect(db_path)) as conn:
        for table in ("identities", "sessions", "answers", "demographics", "consents",
                      "unsupported_inputs", "inbox"):  # fmt: skip
            count = conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE resident = ?", (resident,)
            ).fetchone()[0]
            assert count >= 1, table
            assert len(data[table]) == count, table
            assert all(row["resident"] == resident for row in data[table])
    assert data["identities"][0]["telegram_user_id"] == TG_ID
    assert data["answers"][0]["value"] == "kindness"
    assert data["sessions"][0]["state"]["answers"] == {"matters": "kindness"}
    assert data["inbox"][0]["payload"]["message"]["text"] == "kindness"
    assert "patience" not in json.dumps(data)
    # Every table that has a resident column is covered.
    with_resident = {t for t, cols in _columns(db_path).items() if "resident" in cols}
    assert with_resident - {"tombstones"} <= set(data)


async def test_forget_leaves_nothing_but_a_tombstone(store: Store, db_path: Path) -> None:
    round_id = await new_round(store)
    resident = await _take_part(store, TG_ID, round_id, "unforgettable-words")
    other = await _take_part(store, OTHER_TG_ID, round_id, "patience")
    assert _walk(db_path, resident, str(TG_ID))  # the walk can find them

    deleted = await store.forget(resident)

    assert deleted == 7  # identity, inbox, session, consent, answer, demographic, voice note
    assert _walk(db_path, resident, str(TG_ID), "unforgettable-words", skip=NOT_TOMBSTONES) == []
    assert _walk(db_path, resident, str(TG_ID)) == ["tombstones.resident"]
    assert [t.resident for t in await store.tombstones()] == [resident]
    assert (await store.mydata(other))["answers"][0]["value"] == "patience"
    assert await store.round_counts(round_id) == {
        "started": 1, "consented": 1, "finished": 0, "declined": 0,
    }  # fmt: skip

    # Nor do the files keep the deleted words in free pages or the write-ahead log, while
    # the store is still open and after it closes.
    for _ in ("open", "closed"):
        for path in (db_path, db_path.with_name(db_path.name + "-wal")):
            if path.exists():
                assert b"unforgettable-words" not in path.read_bytes(), path.name
        await store.close()


async def test_forgotten_resident_may_come_back(store: Store) -> None:
    round_id = await new_round(store)
    resident = await _take_part(store, TG_ID, round_id, "first time")
    await store.forget(resident)
    assert await store.chat_id_for(resident) is None
    again = await _take_part(store, TG_ID, round_id, "second time")
    assert again == resident
    assert await store.chat_id_for(resident) == TG_ID
    assert [a["value"] for a in (await store.mydata(resident))["answers"]] == ["second time"]


async def test_register_identity_updates_chat_and_language(store: Store) -> None:
    resident = await store.register_identity(TG_ID, 1, "en")
    assert await store.register_identity(TG_ID, 2) == resident
    assert await store.chat_id_for(resident) == 2
    assert (await store.mydata(resident))["identities"][0]["language_code"] == "en"
    await store.register_identity(TG_ID, 2, "cy")
    assert (await store.mydata(resident))["identities"][0]["language_code"] == "cy"


async def test_restored_backup_does_not_bring_forgotten_residents_back(
    store: Store, tmp_path: Path, clock: Clock, request: pytest.FixtureRequest
) -> None:
    round_id = await new_round(store)
    leaver = await _take_part(store, TG_ID, round_id, "gone")
    stayer = await _take_part(store, OTHER_TG_ID, round_id, "staying")
    returner = await _take_part(store, 6600, round_id, "old words")
    clock.advance(60)
    older_backup = tmp_path / "older.db"
    await store.backup(older_backup)

    clock.advance(60)
    await store.forget(leaver)
    await store.forget(returner)
    clock.advance(60)
    await _take_part(store, 6600, round_id, "new words")
    clock.advance(60)
    newer_backup = tmp_path / "newer.db"
    await store.backup(newer_backup)
    live_tombstones = await store.tombstones()

    postgres = store._db.dialect == "postgresql"
    for backup in (older_backup, newer_backup):
        restored: str | Path = tmp_path / f"restored-{backup.name}"
        if postgres:  # pg_dump's file, restored into a database of its own
            restored = request.getfixturevalue("pg_server").new_database()
            restore_dump(str(restored), backup)
        else:  # a finished backup file is not live: copying is fine
            shutil.copyfile(backup, restored)
        voice = tmp_path / f"voice-{backup.name}" if postgres else None
        async with await Store.open(restored, secret=SECRET, clock=clock, voice_dir=voice) as again:
            await again.apply_tombstones(live_tombstones)
            if isinstance(restored, Path):
                assert _walk(restored, leaver, str(TG_ID), "gone", skip=NOT_TOMBSTONES) == []
            else:
                # Nothing is kept about them: their /mydata is a stranger's.
                left = {**await again.mydata(leaver), "resident": ""}
                assert left == {**await again.mydata("x" * 32), "resident": ""}
            assert (await again.mydata(stayer))["answers"][0]["value"] == "staying"
            # Someone who forgot and came back keeps their new participation only.
            answers = [a["value"] for a in (await again.mydata(returner))["answers"]]
            assert answers == ([] if backup is older_backup else ["new words"])
            assert {t.resident for t in await again.tombstones()} == {leaver, returner}
            # Applying again finds nothing more to delete.
            assert await again.apply_tombstones() == 0


async def test_apply_tombstones_keeps_the_latest_time(store: Store, clock: Clock) -> None:
    early, late = clock.now, clock.advance(100)
    await store.apply_tombstones([Tombstone("x" * 32, late)])
    await store.apply_tombstones([Tombstone("x" * 32, early)])
    assert await store.tombstones() == [Tombstone("x" * 32, late)]


async def _leave_every_trace(store: Store, round_id: int, telegram_user_id: int) -> str:
    """A resident who also facilitates: besides taking part, they were refused a command
    before being granted the role, then acted: granted someone, decided a moderation item,
    drafted a broadcast and results, made an invitation, left a pending prompt. A button
    they pressed carried a copy of a bot message quoting another resident."""
    resident = await _take_part(store, telegram_user_id, round_id, "unforgettable-words")
    await store.audit(resident, "stats", target=round_id, allowed=False)
    await store.grant_facilitator(resident, "admin-pseudonym")
    await store.grant_facilitator("someone-else", resident)
    await store.audit(resident, "grant", target="someone-else", details={"who": resident})
    await store.audit("admin-pseudonym", "grant", target=resident)
    await store.queue_for_moderation(
        round_id, "other-resident", "answer", "x", "[phone]", ["phone"]
    )
    item = await store.next_for_moderation(round_id)
    assert item is not None
    await store.decide(item.id, "approved", resident)
    await store.create_broadcast(round_id, resident, text="see you soon")
    await store.draft_results(round_id, "what we heard", resident)
    await store.create_invitation(round_id, "library", resident)
    await store.set_prompt(resident, "broadcast", 1)
    await store.record_safeguarding_event(round_id, resident, ["abuse"], 77, "matters")
    await store.queue_for_moderation(round_id, resident, "answer", "matters", "mine", ["phone"])
    # A facilitator's button press: Telegram sends the bot's message back with it.
    press = {
        "update_id": 424242,
        "callback_query": {
            "id": "1",
            "from": {"id": telegram_user_id, "is_bot": False, "first_name": "F"},
            "chat_instance": "1",
            "data": "m:1:a",
            "message": {
                "message_id": 9,
                "date": 1,
                "chat": {"id": telegram_user_id, "type": "private"},
                "text": "Answer to: what matters?\n\nanother-residents-words",
            },
        },
    }
    await store.inbox_add([(424242, json.dumps(press))])
    return resident


async def test_forget_walks_every_table_the_wal_and_a_backup(
    store: Store, db_path: Path, tmp_path: Path, clock: Clock
) -> None:
    round_id = await new_round(store)
    resident = await _leave_every_trace(store, round_id, TG_ID)
    other = await _take_part(store, OTHER_TG_ID, round_id, "patience")
    # The bot's copy of a message quoting residents is never stored.
    assert _walk(db_path, "another-residents-words") == []
    hits = _walk(db_path, resident)
    for where in ("audit.actor", "audit.target", "audit.details_json", "facilitators.actor",
                  "facilitators.granted_by", "facilitator_prompts.actor",
                  "moderation.decided_by", "broadcasts.created_by", "results.created_by",
                  "invitations.created_by"):  # fmt: skip
        assert where in hits, where  # the walk can find every kind of trace
    # /mydata lists each of them.
    data = await store.mydata(resident)
    for table in ("safeguarding_events", "moderation", "identities", "inbox", "answers"):
        assert data[table], table
    for table in ("audit", "facilitators", "facilitator_prompts", "moderation_decisions",
                  "broadcasts", "results", "invitations"):  # fmt: skip
        assert data[table], table
    assert "[phone]" not in json.dumps(data)  # another resident's answer is not theirs
    # ...and the message names every kind of record in plain words.
    from civicbot.bot.mydata import KINDS

    assert {t for t, rows in data.items() if isinstance(rows, list)} <= set(KINDS)
    clock.advance(60)
    backup = tmp_path / "before-forget.db"
    await store.backup(backup)
    clock.advance(60)

    await store.forget(resident)

    assert _walk(db_path, resident, str(TG_ID), "unforgettable-words", skip=NOT_TOMBSTONES) == []
    assert not await store.is_facilitator(resident)
    assert [r.action for r in await store.audit_log() if not r.allowed] == []
    assert (await store.mydata(other))["answers"][0]["value"] == "patience"
    wal = db_path.with_name(db_path.name + "-wal")
    for path in (db_path, wal):
        if path.exists():
            assert b"unforgettable-words" not in path.read_bytes(), path.name

    # A backup made before the forget, restored: the tombstone is re-applied to every table.
    live = await store.tombstones()
    restored = tmp_path / "restored.db"
    shutil.copyfile(backup, restored)
    async with await Store.open(restored, secret=SECRET, clock=clock) as again:
        assert _walk(restored, resident)  # it did hold them
        await again.apply_tombstones(live)
        assert _walk(restored, resident, str(TG_ID), "unforgettable-words",
                     skip=NOT_TOMBSTONES) == []  # fmt: skip
        assert not await again.is_facilitator(resident)
        assert await again.apply_tombstones() == 0


async def test_answered_updates_keep_only_their_id(store: Store, db_path: Path) -> None:
    round_id = await new_round(store)
    await _take_part(store, TG_ID, round_id, "kindness")
    (update_id,) = [u for u, _ in await store.inbox_unreplied()]
    await store.inbox_mark_replied_many([update_id])
    # Whatever the retention setting: no payload, no pseudonym, only the id and times.
    assert _walk(db_path, str(TG_ID)) == ["identities.chat_id", "identities.telegram_user_id"]
    with closing(sqlite3.connect(db_path)) as conn:
        row = conn.execute("SELECT resident, payload FROM inbox").fetchone()
    assert row == (None, "{}")
    # A repeat delivery is still absorbed.
    payload = {"update_id": update_id, "message": {"from": {"id": TG_ID}, "text": "again"}}
    assert await store.inbox_add([(update_id, json.dumps(payload))]) == 0
