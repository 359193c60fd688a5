"""``civicbot report`` from a CSV file, with theme edits kept in a JSON file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from civicbot_analysis.csv_input import write_csv
from tests.analysis.factory import small_round


def test_report_from_csv_with_edits(tmp_path: Path) -> None:
    src = tmp_path / "round.csv"
    src.write_text(write_csv(small_round(40)), encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "report.json"
    args = ["report", "--from-csv", str(src), "--format", "json", "--out", str(out), "--quiet"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    theme = doc["theme_sets"][0]["themes"][0]
    edits = tmp_path / "edits.json"
    result = runner.invoke(
        main, [*args, "--edits", str(edits), "--rename", theme["id"], "Waiting and phones"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(edits.read_text())["edits"][0]["name"] == "Waiting and phones"
    html = tmp_path / "report.html"
    result = runner.invoke(
        main, ["report", "--from-csv", str(src), "--out", str(html), "--edits", str(edits),
               "--quiet"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Waiting and phones" in html.read_text(encoding="utf-8")


def test_k_below_five_and_missing_source_are_refused(tmp_path: Path) -> None:
    runner = CliRunner()
    out = str(tmp_path / "r.html")
    assert runner.invoke(main, ["report", "--out", out]).exit_code == 2
    src = tmp_path / "round.csv"
    src.write_text(write_csv(small_round(12)), encoding="utf-8")
    r = runner.invoke(main, ["report", "--from-csv", str(src), "--out", out, "--k", "4"])
    assert r.exit_code == 2


def test_embeddings_flag_explains_the_missing_extra(tmp_path: Path) -> None:
    from civicbot_analysis.themes.embeddings import available

    if available():
        pytest.skip("the embeddings extra is installed here")
    source = tmp_path / "answers.csv"
    source.write_text(write_csv(small_round()), encoding="utf-8")
    arguments = ["report", "--from-csv", str(source), "--embeddings"]
    result = CliRunner().invoke(main, [*arguments, "--out", str(tmp_path / "r.html")])
    assert result.exit_code != 0
    assert "civicbot[embeddings]" in result.output
