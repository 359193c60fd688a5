"""The round a fresh install opens by itself closes when a facilitator's round opens
(issue #13), so /start leads residents to the facilitator's round, never to a leftover."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from civicbot.store import Store
from civicbot.store.migrate import available

from .conftest import SCRIPT, SECRET, Clock, new_round


async def _default(store: Store) -> int:
    return await store.create_round(
        title="Values and services",
        script_id="test-round",
        script_version=2,
        script_source=SCRIPT,
        script_sha256=hashlib.sha256(SCRIPT.encode()).hexdigest(),
        status="open",
        is_default=True,
    )


async def test_opening_a_round_closes_the_default(store: Store, clock: Clock) -> None:
    default = await _default(store)
    ada = await store.register_identity(1, 1)
    assert (await store.current_round_for(ada)).id == default  # type: ignore[union-attr]
    pilot = await new_round(store, status="draft", title="Pilot")
    clock.advance(60)
    closed = await store.open_round(pilot)
    assert [(r.id, r.status, r.is_default) for r in closed] == [(default, "closed", True)]
    assert (await store.get_round(default)).status == "closed"  # type: ignore[union-attr]
    assert (await store.current_round_for(ada)).id == pilot  # type: ignore[union-attr]
    # A second round opening closes nothing more; nor does re-opening the default.
    second = await new_round(store, status="draft", title="Second")
    assert await store.open_round(second) == []
    assert await store.open_round(default) == []
    assert (await store.get_round(pilot)).status == "open"  # type: ignore[union-attr]
    # Once the facilitators' rounds close, /start finds no round, not the old default.
    await store.close_round(default)
    await store.close_round(pilot)
    await store.close_round(second)
    assert await store.current_round_for(ada) is None


async def test_rounds_are_not_default_unless_made_so(store: Store) -> None:
    first = await new_round(store, status="open")
    other = await new_round(store, status="draft")
    assert await store.open_round(other) == []
    assert (await store.get_round(first)).status == "open"  # type: ignore[union-attr]
    assert not (await store.get_round(first)).is_default  # type: ignore[union-attr]


async def test_the_migration_marks_an_older_install_s_default(tmp_path: Path) -> None:
    """A database from before the mark: its first round, created open by the bot itself
    (never a draft, no invitation), is its default; a first round made as a draft is not."""
    for made_open, expected in ((True, True), (False, False)):
        db = tmp_path / f"old-{made_open}.db"
        before = [m for m in available() if m.version < 38]
        with sqlite3.connect(db) as conn:
            for m in before:
                conn.executescript(m.sql)
            now = "2025-05-01T09:00:00+00:00"
            later = now if made_open else "2025-05-02T09:00:00+00:00"
            conn.execute(
                "INSERT INTO rounds (title, script_id, script_version, script_source,"
                " script_sha256, status, allow_restart, simulated, created_at, opened_at, code)"
                " VALUES ('Values', 'x', 1, ?, 'h', 'open', 0, 0, ?, ?, 'c')",
                (SCRIPT, now, later),
            )
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                " name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            conn.executemany(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [(m.version, m.name, now) for m in before],
            )
        async with await Store.open(db, secret=SECRET) as store:
            (row,) = await store.list_rounds()
            assert row.is_default is expected
