"""``civicbot export polis``: a stored round's statements and votes as a Pol.is folder."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

from click.testing import CliRunner

from civicbot.cli import main
from civicbot.engine.types import (
    ConsentGiven,
    Record,
    SessionState,
    StatementWritten,
    VoteCast,
)
from civicbot.script.load import parse_script
from civicbot.store import Store
from civicbot_analysis.polis import read_polis
from tests.civicbot.store.test_deliberation import SCRIPT, new_round

SECRET = "export-test-secret-0123456789"


async def _make_round(db: Path) -> tuple[int, list[str]]:
    script = parse_script(SCRIPT, "talk.yaml").script
    state = SessionState(status="active", step_id="talk")
    async with await Store.open(db, secret=SECRET.encode()) as store:
        round_id = await new_round(store)
        await store.add_seed_statements(round_id, script)
        people = []
        for user_id, vote in ((1, 1), (2, -1), (3, 0)):
            resident = await store.register_identity(user_id, user_id)
            people.append(resident)
            records: list[Record] = [
                ConsentGiven(True, 1),
                StatementWritten("talk", f"Statement from {user_id}", f"Statement from {user_id}"),
                VoteCast("talk", 1, vote),
                VoteCast("talk", 2, 1),
            ]
            await store.apply_outcome(
                update_id=None, round_id=round_id, resident=resident, state=state, records=records
            )
    return round_id, people


def test_export_polis_writes_a_folder_read_polis_reads(tmp_path: Path) -> None:
    db = tmp_path / "civicbot.db"
    round_id, people = asyncio.run(_make_round(db))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["export", "polis", str(round_id), "--db", str(db), "--out", str(out)],
        env={"CIVICBOT_SECRET": SECRET},
    )
    assert result.exit_code == 0, result.output
    assert "wrote 5 statements, 6 votes by 3 residents" in result.output
    with (out / "comments.csv").open(encoding="utf-8") as f:
        comments = list(csv.DictReader(f))
    assert [c["comment-body"] for c in comments][:2] == [
        "Help should come early.",
        "Tell my story once.",
    ]
    assert {c["comment-id"]: (c["agrees"], c["disagrees"]) for c in comments}["1"] == ("1", "1")
    back = read_polis(out)
    assert {v.resident for v in back.votes} == set(people)
    assert {(v.resident, v.statement, v.vote) for v in back.votes} >= {(people[1], "1", -1)}
    assert len(back.statements) == 5


def test_export_polis_unknown_round(tmp_path: Path) -> None:
    db = tmp_path / "civicbot.db"
    asyncio.run(_make_round(db))
    result = CliRunner().invoke(
        main,
        ["export", "polis", "99", "--db", str(db), "--out", str(tmp_path / "out")],
        env={"CIVICBOT_SECRET": SECRET},
    )
    assert result.exit_code == 2 and "there is no round 99" in result.output
