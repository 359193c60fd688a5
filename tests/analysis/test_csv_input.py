"""CSV in and out: the documented format round-trips, formulas are guarded."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from civicbot_analysis.csv_input import CsvFormatError, read_csv, read_csv_text, write_csv
from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData


def sample() -> RoundData:
    questions = (
        Question("q1", "free_text", "Say, \"anything\"", ("care", "respect")),
        Question("q2", "scale", "How was it?", (),
                 (("bad", "Bad"), ("ok", "OK"), ("good", "Good"))),
        Question("q3", "yes_no", "Nobody answered this", ()),
    )  # fmt: skip
    residents = (
        Resident("p1", demographics={"age_band": "18-34", "disability": "prefer_not"}),
        Resident("p2", demographics={}),
        Resident("p3", demographics={"area": "north"}),  # gave no answers
    )
    answers = (
        Answer("p1", "q1", "=SUM(A1:A2) line\nbreak, comma", datetime(2025, 1, 2, 3, 4, 5)),
        Answer("p1", "q2", "good"),
        Answer("p2", "q1", "'quoted already"),
        Answer("p2", "q2", "bad", datetime(2025, 1, 3)),
    )
    return RoundData("r9", "A round", questions, residents, answers, simulated=True)


def test_round_trip(tmp_path: Path) -> None:
    data = sample()
    path = tmp_path / "round.csv"
    path.write_text(write_csv(data), encoding="utf-8")
    back = read_csv(path)
    assert back.round_id == data.round_id and back.title == data.title and back.simulated
    assert back.questions == data.questions
    assert back.answers == data.answers
    assert {r.id: r.demographics for r in back.residents} == {
        r.id: r.demographics for r in data.residents
    }


def test_formula_cells_are_guarded() -> None:
    text = write_csv(sample())
    assert "'=SUM" in text
    assert "''quoted already" in text


def test_missing_columns_are_named() -> None:
    with pytest.raises(CsvFormatError, match="question_id"):
        read_csv_text("resident,value\np1,hi\n")


def test_bad_date_says_which_line() -> None:
    text = "resident,question_id,value,answered_at\np1,q,hi,yesterday\n"
    with pytest.raises(CsvFormatError, match="line 2"):
        read_csv_text(text)
