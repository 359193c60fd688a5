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
