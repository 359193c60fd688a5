"""`civicbot report --from-polis` on each of the nine real exports in ../shared/data/polis
shows topics with labels and statements, the topics × opinion groups view and no empty
section (skipped where that folder is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from tests.analysis.report.test_topics_report import EMPTY_SENTENCES
from tests.analysis.report.topics_checks import check_readings

# The shared data sit beside the repository (../shared), or beside a worktree's parent.
POLIS = next(
    (p / "shared/data/polis" for p in Path(__file__).resolve().parents
     if (p / "shared/data/polis").is_dir()),
    Path("/nonexistent"),
)  # fmt: skip
CONVERSATIONS = (
    "15-per-hour-seattle",
    "brexit-consensus",
    "canadian-electoral-reform",
    "football-concussions",
    "london.youth.policing",
    "scoop-hivemind.affordable-housing",
    "scoop-hivemind.freshwater",
    "scoop-hivemind.ubi",
    "ssis.land-bank-farmland.2rumnecbeh.2021-08-01",
)


@pytest.mark.parametrize("folder", CONVERSATIONS)
def test_polis_report_shows_topics_by_groups_and_no_empty_section(
    folder: str, tmp_path: Path
) -> None:
    source = POLIS / folder
    if not source.exists():
        pytest.skip(f"{source} is not here")
    texts = {}
    for fmt in ("json", "md", "html", "csv"):
        out = tmp_path / f"report.{fmt}"
        args = ["report", "--from-polis", str(source), "--format", fmt, "--out", str(out)]
        result = CliRunner().invoke(main, [*args, "--quiet"])
        assert result.exit_code == 0, result.output
        texts[fmt] = out.read_text(encoding="utf-8")
    report = json.loads(texts["json"])
    assert report["sections"][:3] == ["summary", "topics", "opinions"]
    topics = report["topics"]["topics"]
    assert len(topics) >= 2
    assert all(t["label"].strip() and t["statements"] for t in topics)
    assert all(s["text"].strip() for t in topics for s in t["statements"])
    groups = report["topics"]["groups"]
    assert len(groups) >= 2
    # Figures are shown for the groups large enough to show, each with its interval; a
    # hidden one says why. In london.youth.policing (28 voters: group A of 19, two small
    # groups, a few ungrouped) everyone minus group A would give the small groups away, so
    # group A is hidden to protect them and no group shows a figure.
    cells = [g for t in topics for g in t["groups"]]
    shown = [g for g in cells if not g["share"]["suppressed"]]
    assert all(not g["interval"]["suppressed"] for g in shown)
    assert shown or folder == "london.youth.policing"
    assert all(g["share"]["hidden_because"] for g in cells if g["share"]["suppressed"])
    md = texts["md"]
    assert not any(s in md for s in EMPTY_SENTENCES)
    assert md.count("Not shown, because this round had nothing for them") == 1
    assert "| Topic | Statements | Everyone | Group A |" in md
    # Every topic's sentence follows from the figures its row shows, in every format, and
    # no statement is called splitting the groups on a hidden figure.
    assert check_readings(report, texts) == len(topics)
