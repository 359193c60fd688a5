"""Property: no cell of any CSV civicbot writes can start a formula, and every cell reads
back as written (report CSV, the RoundData CSV, the Pol.is export).

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return runs as a
formula in a spreadsheet; a plain number such as ``-1`` (a disagree vote) is a number,
not a formula, and is allowed.
"""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicbot_analysis.csv_input import read_csv_text, write_csv
from civicbot_analysis.polis import read_polis, write_polis
from civicbot_analysis.report.csvsafe import guard, safe_cell, unguard, write_rows
from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData, Statement, Vote

FORMULA = ("=", "+", "-", "@", "\t", "\r")
chars = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
tricky = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "'=", "''-", " ", "\n", '"', ","])
texts = st.lists(st.one_of(tricky, st.text(chars, max_size=8)), max_size=5).map("".join)
# Ids and names are read back stripped of surrounding space, as a spreadsheet would.
ids = texts.map(str.strip).filter(bool)


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return cell.strip() == cell


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_safe(table: list[list[str]]) -> None:
    for row in table:
        for cell in row:
            assert not cell.startswith(FORMULA) or is_number(cell), repr(cell)


@given(st.lists(st.lists(st.one_of(texts, st.integers(), st.none()), min_size=3, max_size=3)))
def test_report_rows_are_safe_and_round_trip(rows: list[list[str | int | None]]) -> None:
    table = cells(write_rows(("a", "=b", "c"), rows))
    assert_safe(table)
    assert [unguard(c) for c in table[0]] == ["a", "=b", "c"]
    for written, read in zip(rows, table[1:], strict=True):
        expected = ["" if c is None else str(c) for c in written]
        back = [c if isinstance(w, int) else unguard(c) for w, c in zip(written, read, strict=True)]
        assert back == expected


def test_each_kind_of_cell() -> None:
    """Booleans are words, missing values empty, numbers numbers, text guarded."""
    assert safe_cell(None) == "" and safe_cell(True) == "true" and safe_cell(False) == "false"
    assert safe_cell(3) == 3 and safe_cell(-2.5) == -2.5 and safe_cell("=1+1") == "'=1+1"
    table = cells(write_rows(("x",), [[True], [None], [-1], ["@SUM(A1)"]]))
    assert table[1:] == [["true"], [""], ["-1"], ["'@SUM(A1)"]]


@given(texts)
def test_guard_unguard(text: str) -> None:
    assert not guard(text).startswith(FORMULA)
    assert unguard(guard(text)) == text


@st.composite
def rounds(draw: st.DrawFn) -> RoundData:
    qids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    questions = tuple(
        Question(qid, "free_text", draw(texts) or "Q", tags=("care",), section=draw(texts))
        for qid in qids
    )
    people = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    residents = tuple(Resident(p) for p in people)
    when = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)
    answers = tuple(
        Answer(p, q, draw(texts), when) for p in people for q in qids if draw(st.booleans())
    )
    sids = draw(st.lists(ids, max_size=3, unique=True))
    statements = tuple(
        Statement(s, draw(texts), author=draw(st.sampled_from(people))) for s in sids
    )
    votes = tuple(Vote(p, s, draw(st.sampled_from([-1, 0, 1]))) for p in people for s in sids)
    return RoundData(draw(ids), draw(texts), questions, residents, answers, statements, votes,
                     opened_at=when)  # fmt: skip


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(rounds())
def test_round_csv_is_safe_and_round_trips(data: RoundData) -> None:
    text = write_csv(data)
    table = cells(text)
    assert_safe(table)
    back = read_csv_text(text)
    assert back.round_id == data.round_id
    assert back.title == (data.title or "CSV")
    assert {(a.resident, a.question, a.value) for a in back.answers} == {
        (a.resident, a.question, a.value) for a in data.answers
    }
    for q in data.questions:
        assert back.question(q.id).text == q.text and back.question(q.id).section == q.section


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=60)
@given(rounds())
def test_polis_export_is_safe_and_round_trips(data: RoundData) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_polis(data, Path(tmp) / "export")
        for path in sorted(folder.glob("*.csv")):
            assert_safe(cells(path.read_text(encoding="utf-8")))
        back = read_polis(folder, keep_rejected=True)
    assert [(s.id, s.text, s.author) for s in back.statements] == [
        (s.id, s.text, s.author) for s in data.statements
    ]
    assert sorted((v.resident, v.statement, v.vote) for v in back.votes) == sorted(
        (v.resident, v.statement, v.vote) for v in data.votes
    )
