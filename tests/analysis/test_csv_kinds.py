"""Question kinds read from the answers when a CSV file does not give them (issue #10),
and the report saying so; a single theme of everything is never shown as a finding."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from civicbot_analysis.csv_input import read_answers
from civicbot_analysis.csv_kinds import kind_from_values

STORIES = [
    "The GP surgery never called me back about my test results",
    "My housing officer changed three times and nobody knew my case",
    "The library helped my son with homework club every week",
    "Waiting for the bus to the hospital took longer than the appointment",
    "The food bank volunteers treated me with real respect",
    "Social services did not talk to the school about my daughter",
    "I had to tell my story again to every new person at the council",
    "The youth centre closed and there is nowhere for teenagers to go",
]


@pytest.mark.parametrize(
    ("values", "repeated", "kind", "n_options"),
    [
        (["1", "5", "3", "2", "4"], False, "scale", 5),
        (["3", "5", "4"], False, "scale", 5),  # a 1-5 scale whose 1 and 2 nobody chose
        (["0", "10", "7"], False, "scale", 11),
        (["12", "40", "31"], False, "free_text", 0),  # ages are not a scale
        (["yes", "No", "yes", "no"], False, "yes_no", 2),
        (["GP", "Council", "GP", "Council", "GP"], False, "single_choice", 2),
        (["GP", "Council", "GP", "Council"], True, "multi_choice", 2),
        (STORIES, False, "free_text", 0),
        ([], False, "free_text", 0),
    ],
)
def test_kind_from_values(values: list[str], repeated: bool, kind: str, n_options: int) -> None:
    found, options = kind_from_values(values, repeated)
    assert (found, len(options)) == (kind, n_options)


def _fifty_rows(path: Path) -> None:
    """The issue's file: only the three required columns, 50 rows, 12 residents,
    1-5 scores and 8 different stories."""
    rows = []
    for i in range(12):
        rows += [(f"r{i}", "rating", str(1 + i % 5)), (f"r{i}", "story", STORIES[i % 8])]
        rows += [(f"r{i}", "service", ["GP", "Council", "Library"][i % 3])]
        rows += [(f"r{i}", "respect", str(1 + (i * 3) % 5))]
    rows = rows[:50] + [(f"r{i}", "extra", "4") for i in range(50 - len(rows))]
    out = io.StringIO()
    csv.writer(out).writerows([("resident", "question_id", "value"), *rows])
    path.write_text(out.getvalue(), encoding="utf-8")


def test_the_issue_file_infers_kinds_and_says_so(tmp_path: Path) -> None:
    src = tmp_path / "fifty.csv"
    _fifty_rows(src)
    read = read_answers(src)
    kinds = {q.id: q.kind for q in read.data.questions}
    assert kinds == {"rating": "scale", "story": "free_text", "service": "single_choice",
                     "respect": "scale", "extra": "scale"}  # fmt: skip
    assert "rating as a scale from 1 to 5" in read.notes[0]
    out = tmp_path / "r.json"
    args = ["report", "--from-csv", str(src), "--format", "json", "--out", str(out), "--quiet"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert any("read from the answers" in n for n in doc["notices"])
    (story,) = [ts for ts in doc["theme_sets"] if ts["scope"] == "story"]
    # 12 stories are too few to split: one group, never shown as a silent 100% theme.
    assert len(story["themes"]) == 1
    assert "Too little variety to find themes" in story["note"]
    assert any("too little variety" in line for line in doc["summary"])
    assert not any("100%" in line for line in doc["summary"])


def test_given_kinds_are_kept(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text("resident,question_id,question_kind,value\nr1,q,free_text,3\nr2,q,,4\n")
    read = read_answers(src)
    assert read.data.questions[0].kind == "free_text" and read.notes == ()
