"""Migrations 0017 and 0018 on a database written before them: moderation ids kept and
never reused afterwards; answered inbox rows lose their payload and pseudonym."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from civicbot.store import migrate
from civicbot.store.migrate import available, statements


def _old_database(path: Path) -> None:
    """Every migration before 0017 applied, as an older civicbot left it."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL)"
        )
        for m in available():
            if m.version >= 17:
                break
            for statement in statements(m.sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01T00:00:00+00:00')",
                (m.version, m.name),
            )
        conn.execute(
            "INSERT INTO rounds (id, title, script_id, script_version, script_source,"
            " script_sha256, status, created_at) VALUES (1, 't', 's', 1, '', '', 'open', 'x')"
        )
        for item in (1, 2):
            conn.execute(
                "INSERT INTO moderation (id, round_id, resident, kind, ref, text, created_at)"
                " VALUES (?, 1, ?, 'answer', 'q', 'words', 'x')",
                (item, f"r{item}"),
            )
        conn.execute("DELETE FROM moderation WHERE id = 2")  # e.g. /forget
        conn.execute(
            "INSERT INTO inbox VALUES (5, 'r1', '{\"message\": {\"text\": \"hi\"}}', 'x', 'x', 'x')"
        )
        conn.execute("INSERT INTO inbox VALUES (6, 'r1', '{\"message\": {}}', 'x', NULL, NULL)")
        conn.commit()


async def test_old_rows_survive_and_ids_are_not_reused(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _old_database(db)
    applied = await migrate(db)
    assert {m.version for m in applied} >= {17, 18}
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT id, resident FROM moderation").fetchall() == [(1, "r1")]
        conn.execute(
            "INSERT INTO moderation (round_id, resident, kind, ref, text, created_at)"
            " VALUES (1, 'r3', 'answer', 'q', 'later', 'x')"
        )
        later = conn.execute("SELECT MAX(id) FROM moderation").fetchone()[0]
        # Item 2 was deleted before the upgrade and may sit on an old button: not reused.
        assert later > 2
        conn.execute("DELETE FROM moderation WHERE id = ?", (later,))
        conn.execute(
            "INSERT INTO moderation (round_id, resident, kind, ref, text, created_at)"
            " VALUES (1, 'r4', 'answer', 'q', 'later still', 'x')"
        )
        ids = [r[0] for r in conn.execute("SELECT id FROM moderation ORDER BY id")]
        assert ids == [1, later + 1]  # a deleted id is not given out again
        inbox = conn.execute("SELECT update_id, resident, payload FROM inbox").fetchall()
    # The answered update keeps only its id; the one not yet handled keeps its payload.
    assert inbox == [(5, None, "{}"), (6, "r1", '{"message": {}}')]
