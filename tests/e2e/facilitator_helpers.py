"""Helpers for the facilitator end-to-end tests: a bot with an admin, seeded residents
who asked for updates, and reading what the bot said."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civicbot.engine.types import AnswerGiven, ConsentGiven, Finished, SessionState
from civicbot.script.load import load_script
from tests.e2e.conftest import ROOT, BotProcess
from tests.e2e.fakeapi import FakeTelegram, FakeUser
from tests.e2e.helpers import open_store

if TYPE_CHECKING:
    from civicbot.store.facilitators import AuditRow

JSON = dict[str, Any]
ADMIN_ID = 9001
FAST = {
    "CIVICBOT_ADMINS": str(ADMIN_ID),
    "CIVICBOT_SCHEDULER_SECONDS": "0.2",
}


def make_bot(
    tg: FakeTelegram, tmp_path: Path, db: Path | str | None = None, **env: str
) -> BotProcess:
    """A bot on ``db`` (an SQLite file in ``tmp_path`` by default, or a PostgreSQL URL)."""
    target = tmp_path / "civicbot.db" if db is None else db
    return BotProcess(tg.url, target, tmp_path / "bot.log", **{**FAST, **env})


async def say(
    tg: FakeTelegram, user: FakeUser, command: str, args: str = "", *, match: Any = None
) -> JSON:
    """Send ``/command args`` and return the bot's next message to that user."""
    tg.skip(user.chat_id)
    await user.send_command(command, args)
    return await tg.wait_for(user.chat_id, match)


def round_number(text: str) -> int:
    found = re.search(r"Round (\d+)", text)
    assert found, text
    return int(found[1])


async def seed_round(db: Path, user_ids: list[int], *, title: str = "Seeded") -> int:
    """A database with one open round whose residents (``user_ids``) finished and asked
    for updates: as if they had taken part before this bot process started."""
    loaded = load_script(ROOT / "prompts" / "values-and-services.yaml")
    async with await open_store(db) as store:
        round_id = await store.create_round(
            title=title,
            script_id=loaded.script.id,
            script_version=loaded.script.version,
            script_source=loaded.source,
            script_sha256=loaded.sha256,
            status="open",
        )
        for user_id in user_ids:
            resident = await store.register_identity(user_id, user_id, "en")
            await store.apply_outcome(
                update_id=None,
                round_id=round_id,
                resident=resident,
                state=SessionState(status="finished"),
                records=(
                    ConsentGiven(True, 1),
                    AnswerGiven("updates_opt_in", "yes"),
                    Finished(("updates_opt_in",)),
                ),
            )
    return round_id


def _leaves(value: object) -> Iterator[object]:
    """Every scalar inside ``value`` (dicts and lists opened)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _leaves(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def audit_leaks(row: AuditRow, telegram_id: int, names: tuple[str, ...]) -> list[object]:
    """The values in an audit row that give away a Telegram ID or a name.

    Exact, so that it cannot fire by chance: the row's own number and timestamp are not
    read (a timestamp may well contain the ID's digits), an ID counts only as a whole
    value or a whole word (a hex pseudonym may contain the digits too), and a name counts
    anywhere in a text, ignoring case (a pseudonym is hex, so no name can hide in one)."""
    digits = str(telegram_id)
    found: list[object] = []
    for value in _leaves([row.actor, row.action, row.target, row.details]):
        if value in (telegram_id, digits):
            found.append(value)
        elif isinstance(value, str):
            words = re.split(r"[^0-9A-Za-z]+", value)
            lowered = value.casefold()
            if digits in words or any(name.casefold() in lowered for name in names):
                found.append(value)
    return found
