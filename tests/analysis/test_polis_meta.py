"""Pol.is meta statements as "about you" answers, and the report of a Pol.is conversation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from civicbot_analysis.polis import meta_statements, read_polis
from civicbot_analysis.polis_meta import demographics_from_meta, read_statement
from civicbot_analysis.report import build_report, render
from civicbot_analysis.rounddata import Resident, RoundData, Statement, Vote

# The shared data sit beside the repository (../shared), or beside a worktree's parent.
LONDON = next(
    (
        p / "shared/data/polis/london.youth.policing"
        for p in Path(__file__).resolve().parents
        if (p / "shared/data/polis/london.youth.policing").exists()
    ),
    Path("/nonexistent"),
)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("My ethnicity is Black, Black British, Caribbean or African.", ("ethnicity", "black")),
        ("My ethnicity is Mixed (Multiple ethnic groups).", ("ethnicity", "mixed")),
        ("My ethnicity is Arab.", ("ethnicity", "other")),
        ("I identify as female.", ("sex", "female")),
        ("I am male", ("sex", "male")),
        ("I am between 20 and 25 years old.", ("age_band", "20-25")),
        ("I am under 30 years of age", ("age_band", "under 30")),
        ("I am 30 years of age or older but less than 55", ("age_band", "30-54")),
        ("I am 55 years of age or older", ("age_band", "55+")),
        ("I live in a rural area", ("area", "rural")),
        ("I live in an urban (not a rural) area", ("area", "urban")),
        ("English is my first language.", None),
        ("My gender has changed since birth.", None),
        ("I am pleased with the current electoral system.", None),
    ],
)
def test_statements_read_as_about_you(text: str, read: tuple[str, str] | None) -> None:
    assert read_statement(text) == read


def test_one_agreed_statement_per_field_gives_the_answer() -> None:
    statements = (
        Statement("1", "I identify as female."),
        Statement("2", "I identify as male."),
        Statement("3", "I am under 30 years of age"),
        Statement("4", "I am 30 years of age or older but less than 55"),
        Statement("5", "We need more buses"),
    )
    votes = (
        Vote("a", "1", 1), Vote("a", "3", 1),  # a woman under 30
        Vote("b", "2", -1),  # disagreeing says nothing
        Vote("c", "3", 1), Vote("c", "4", 1),  # two ages cannot both hold: none
        Vote("c", "2", 1),
    )  # fmt: skip
    data = RoundData("r", "t", (), tuple(Resident(x) for x in "abc"), (), statements, votes)
    mapped, mapping = demographics_from_meta(data, {"1", "2", "3", "4"})
    by = {r.id: r.demographics for r in mapped.residents}
    assert by == {"a": {"sex": "female", "age_band": "under 30"}, "b": {}, "c": {"sex": "male"}}
    assert mapping.residents_with == 2 and not mapping.unmapped


@pytest.mark.skipif(not LONDON.exists(), reason="no shared Pol.is data")
def test_a_polis_report_uses_meta_statements_votes_and_common_ground() -> None:
    data = read_polis(LONDON)
    report = build_report(data, opinion_meta=meta_statements(data))
    text = render(report, "md")
    # The 12 statements about the voter: 9 become "about you" answers, 3 are named.
    assert report.representation is not None
    assert {f.field for f in report.representation.fields} == {"age_band", "sex", "ethnicity"}
    assert any("English is my first language" in n for n in report.notices)
    assert "No “about you” answers were given" not in text
    # Votes are the answers of a Pol.is conversation; common ground is in the summary.
    assert "gave 0 answers" not in text and "gave 0 answers" not in render(report, "html")
    # 26 residents, protected by the cell-key method (within 2 of the truth).
    took_part = re.match(r"(\d+) residents took part", report.summary[0])
    assert took_part is not None and abs(int(took_part.group(1)) - 26) <= 2
    assert "votes" in report.summary[0]
    assert any(line.startswith("Common ground:") for line in report.summary)
    assert not re.search(r"(?<!\d)0% (dis)?agreed \(everyone else: 0%\)", text)


def _export(folder: Path, *, with_column: bool) -> Path:
    """A tiny export whose comments.csv marks meta statements (as bench/polis_from_api.py
    writes it from Pol.is's API), or leaves the column out (as openData's CSV exports do)."""
    folder.mkdir()
    head = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,"
    rows = [
        ("0", "Ich bin unter 30 Jahre alt", "true"),  # meta, not English: wording misses it
        ("1", "I am sure the buses must run later", "false"),  # an opinion worded "I am"
        ("2", "We need more buses", "false"),
        ("3", "I live in a rural area", ""),  # unmarked: not meta where the column is present
    ]
    lines = [head + ("is-meta," if with_column else "") + "comment-body"]
    for cid, text, mark in rows:
        lines.append(f"1,x,{cid},0,1,0,1," + (f"{mark}," if with_column else "") + f'"{text}"')
    (folder / "comments.csv").write_text("\n".join(lines) + "\n")
    votes = ["timestamp,datetime,comment-id,voter-id,vote"]
    votes += [f"{1000 + i},x,{i % 4},{i // 4},1" for i in range(12)]
    (folder / "votes.csv").write_text("\n".join(votes) + "\n")
    return folder


def test_the_is_meta_column_decides_where_present(tmp_path: Path) -> None:
    data = read_polis(_export(tmp_path / "api", with_column=True))
    assert [s.meta for s in data.statements] == [True, False, False, None]
    assert meta_statements(data) == {"0"}
    assert meta_statements(data, marked=False) == {"1", "3"}  # wording alone


def test_without_the_column_meta_statements_are_found_by_wording(tmp_path: Path) -> None:
    data = read_polis(_export(tmp_path / "csv", with_column=False))
    assert all(s.meta is None for s in data.statements)
    assert meta_statements(data) == {"1", "3"}
