"""The five cases of issue #17, with the exact line a user sees, and the CLI's error rules:
one line and exit status 2, the traceback only with ``--debug``, and no pseudonym secret
needed to read answers."""

from __future__ import annotations

import asyncio
import codecs
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from civicbot.store import Store
from civicbot_analysis.csv_input import write_csv
from tests.analysis.factory import small_round
from tests.civicbot.files.helpers import SECRET, one_line_error, run
from tests.civicbot.store.conftest import new_round


def test_csv_not_utf8(tmp_path: Path) -> None:
    src = tmp_path / "answers.csv"
    src.write_bytes(b"resident,question_id,value\nr1,q1,caf\xe9\n")
    result = run(["report", "--from-csv", str(src), "--out", str(tmp_path / "r.html")])
    assert one_line_error(result) == (
        "Error: answers.csv is not UTF-8 (byte 0xe9 at line 2): save it as UTF-8 CSV, "
        "or pass --encoding cp1252"
    )
    assert not (tmp_path / "r.html").exists()


def test_polis_folder_lacking_a_column(tmp_path: Path) -> None:
    folder = tmp_path / "polis"
    folder.mkdir()
    (folder / "comments.csv").write_text("timestamp,comment-id,moderated,comment-body\n1,1,1,Hi\n")
    (folder / "votes.csv").write_text("timestamp,voter-id,vote\n1,p1,1\n")
    result = run(["report", "--from-polis", str(folder), "--out", str(tmp_path / "r.html")])
    assert one_line_error(result) == (
        f"Error: {folder / 'votes.csv'} lacks the column(s) comment-id: export the "
        "conversation again from Pol.is, or add the column to the header"
    )


@pytest.mark.parametrize("content", [b"title: not a database\n", bytes(range(256)) * 8])
def test_db_that_is_not_sqlite(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "notes.yaml"
    db.write_bytes(content)
    result = run(["report", "1", "--db", str(db), "--out", str(tmp_path / "r.html")])
    assert one_line_error(result) == (
        f"Error: {db} is not an SQLite database: pass the bot's database file with --db "
        "(or set CIVICBOT_DB)"
    )
    assert db.read_bytes() == content  # never opened for writing


def test_db_of_another_program_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE t (x)")
    before = db.read_bytes()
    result = run(["report", "1", "--db", str(db), "--out", str(tmp_path / "r.html")])
    assert "is an SQLite database, but not civicbot's" in one_line_error(result)
    assert db.read_bytes() == before


def test_out_into_missing_folder(tmp_path: Path) -> None:
    src = tmp_path / "answers.csv"
    src.write_text(write_csv(small_round(12)), encoding="utf-8")
    out = tmp_path / "nowhere" / "report.html"
    result = run(["report", "--from-csv", str(src), "--out", str(out)])
    assert one_line_error(result) == (
        f"Error: {out} cannot be written: the folder {out.parent} does not exist: create "
        "the folder first, or choose another --out"
    )


async def _round_with_answers(db: Path) -> None:
    async with await Store.open(db, secret=SECRET.encode()) as store:
        await new_round(store)


def test_report_export_stats_from_a_copy_without_the_secret(tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    asyncio.run(_round_with_answers(db))
    out = tmp_path / "r.json"
    result = run(["report", "1", "--db", str(db), "--format", "json", "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["round_id"] == "1"
    assert run(["stats", "1", "--db", str(db)]).exit_code == 0
    assert (
        run(["export", "polis", "1", "--db", str(db), "--out", str(tmp_path / "p")]).exit_code == 0
    )
    # Making things in the database still needs the key.
    made = run(["round", "close", "1", "--db", str(db)])
    assert "CIVICBOT_SECRET" in one_line_error(made)


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    src = tmp_path / "answers.csv"
    src.write_bytes(b"\xff\xfe\xfd")
    args = ["report", "--from-csv", str(src), "--out", str(tmp_path / "r.html")]
    assert run(["--debug", *args]).exception is not None
    assert isinstance(run(args).exception, SystemExit)


@pytest.mark.parametrize(
    ("encode", "sep", "extra", "said"),
    [
        (lambda t: t.encode("utf-8"), ",", [], "UTF-8, separated by commas"),
        (
            lambda t: codecs.BOM_UTF8 + t.encode(),
            ";",
            [],
            "UTF-8 with a byte-order mark, separated by semicolons",
        ),
        (lambda t: t.encode("utf-16"), "\t", [], "UTF-16, separated by tabs"),
        (
            lambda t: t.encode("cp1252"),
            ";",
            ["--encoding", "cp1252"],
            "cp1252, separated by semicolons",
        ),
    ],
)
def test_spreadsheet_encodings_and_separators(tmp_path: Path, encode, sep, extra, said) -> None:  # type: ignore[no-untyped-def]
    rows = (
        ["resident", "question_id", "value"],
        *([f"r{i}", "q", f"Le café était {'bon' if i % 2 else 'fermé'}, merci"] for i in range(12)),
    )
    text = "\r\n".join(sep.join(f'"{c}"' for c in row) for row in rows) + "\r\n"
    src = tmp_path / "answers.csv"
    src.write_bytes(encode(text))
    out = tmp_path / "r.json"
    args = [
        "report",
        "--from-csv",
        str(src),
        *extra,
        "--format",
        "json",
        "--out",
        str(out),
        "--quiet",
    ]
    result = run(args)
    assert result.exit_code == 0, result.output
    assert f"Read answers.csv as {said}." in result.stderr
    assert "café" in out.read_text(encoding="utf-8")
