"""`civicbot report --from-polis` finds Pol.is's own number of opinion groups on the real
exports in ../shared/data/polis (skipped where that folder is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main

POLIS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polis"


@pytest.mark.parametrize(
    ("folder", "their_k"),
    [("15-per-hour-seattle", 2), ("london.youth.policing", 3), ("scoop-hivemind.ubi", 4)],
)
def test_report_from_polis_finds_their_groups(folder: str, their_k: int, tmp_path: Path) -> None:
    source = POLIS / folder
    if not source.exists():
        pytest.skip(f"{source} is not here")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        main,
        ["report", "--from-polis", str(source), "--format", "json", "--out", str(out), "--quiet"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["opinions"]["k"] == their_k


@pytest.mark.parametrize(
    ("folder", "recomputed"),
    [("scoop-hivemind.affordable-housing", True), ("scoop-hivemind.ubi", False)],
)
def test_report_says_how_firm_the_groups_are_and_when_polis_recomputed_them(
    folder: str, recomputed: bool, tmp_path: Path
) -> None:
    """The opinion groups' section states the share stable across restarts and cadences, and
    for an export whose own groups came from a later Pol.is math, that they cannot be rebuilt."""
    source = POLIS / folder
    if not source.exists():
        pytest.skip(f"{source} is not here")
    out = tmp_path / "report.md"
    result = CliRunner().invoke(
        main,
        ["report", "--from-polis", str(source), "--format", "md", "--out", str(out), "--quiet"],
    )
    assert result.exit_code == 0, result.output
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert "rerun 10 times from other starting points and replayed 3 times" in text
    # Neither conversation's groups are firm (see bench/polis_agreement.py), and the report says so.
    assert "These groups are not firm" in text
    assert ("cannot be rebuilt from the export" in text) is recomputed
