"""The report of a Pol.is export with known topics: it leads with topics, opinion groups and
common ground; sections with nothing to show collapse into one line of the method; JSON,
CSV, Markdown and HTML all carry the topics × groups view."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from civicbot_analysis.polis import write_polis
from civicbot_analysis.report import build_report, render
from tests.analysis.factory import small_round
from tests.analysis.topics.planted import planted_round, planted_topic

EMPTY_SENTENCES = (
    "There were no free-text questions",
    "nothing to read through this lens",
    "nothing to count here",
    "No “about you” answers were given",
    "could not be compared by group",
)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Pol.is export folder written from the planted round."""
    return write_polis(planted_round(noise=0.15), tmp_path_factory.mktemp("polis") / "planted")


def _report(export: Path, fmt: str, tmp: Path) -> str:
    out = tmp / f"report.{fmt}"
    args = ["report", "--from-polis", str(export), "--format", fmt, "--out", str(out), "--quiet"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_json_carries_topics_and_topics_by_groups(export: Path, tmp_path: Path) -> None:
    report = json.loads(_report(export, "json", tmp_path))
    assert report["sections"][:3] == ["summary", "topics", "opinions"]
    topics = report["topics"]["topics"]
    assert len(topics) == 3 and all(t["label"] and t["description"] for t in topics)
    kinds = [{planted_topic(s["id"]) for s in t["statements"]} for t in topics]
    assert sorted(k.pop() for k in kinds if len(k) == 1) == ["bus", "library", "park"]
    assert [g["letter"] for g in report["topics"]["groups"]] == ["A", "B"]
    # The same protected sizes as the opinion groups publish (one release key, one label).
    assert [g["size"] for g in report["topics"]["groups"]] == [
        g["size"] for g in report["opinions"]["groups"]
    ]
    for t in topics:
        for g in t["groups"]:
            assert g["share"]["suppressed"] is False and 0 <= g["share"]["value"] <= 1
            assert g["interval"]["value"][0] <= g["share"]["value"] <= g["interval"]["value"][1]
    # Moderated-out and never-shown statements are nowhere.
    ids = {s["id"] for t in topics for s in t["statements"]}
    assert "spam" not in ids and "pending" not in ids
    assert "Topics: the statements residents voted on" in " ".join(report["method"])


def test_empty_sections_collapse_into_one_method_line(export: Path, tmp_path: Path) -> None:
    md = _report(export, "md", tmp_path)
    html = _report(export, "html", tmp_path)
    for text in (md, html):
        assert not any(s in text for s in EMPTY_SENTENCES)
        assert "Themes in what residents said" not in text
        assert "Answers to scale and choice questions" not in text
        assert text.count("Not shown, because this round had nothing for them") == 1
        assert "themes of free-text answers (there were no free-text questions)" in text
    # Topics come before the opinion groups, which come before the method.
    assert md.index("## Topics of the statements") < md.index("## Opinion groups")
    assert md.index("## Opinion groups") < md.index("## How this report was made")
    assert md.index("## Summary") < md.index("## Topics of the statements")
    assert "| Topic | Statements | Everyone | Group A | Group B |" in md
    assert 'href="#topics-heading"' in html and 'href="#themes-heading"' not in html


def test_csv_has_topics_by_groups_rows(export: Path, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_report(export, "csv", tmp_path))))
    topic_rows = [r for r in rows if r["table"] == "topic_group"]
    assert {r["item_id"] for r in topic_rows} == {"all", "A", "B"}
    assert len(topic_rows) == 3 * 3
    assert all(r["share"] for r in topic_rows)
    # The values lens is not in this report, so not in its CSV either.
    assert not [r for r in rows if r["table"] in ("value", "principle")]


def test_a_round_of_answers_keeps_its_order_and_names_what_it_lacks() -> None:
    report = build_report(small_round(), k_min=5)
    assert report.sections[0] == "summary" and "topics" not in report.sections
    assert report.sections.index("participation") < report.sections.index("themes")
    assert "topics of the statements residents voted on" in report.not_shown
    md = render(report, "md")
    assert "## Topics of the statements" not in md and "## Opinion groups" not in md


def test_summary_names_the_topics(export: Path, tmp_path: Path) -> None:
    report = json.loads(_report(export, "json", tmp_path))
    summary = " ".join(report["summary"])
    assert "fall into 3 topics" in summary and "divided most on" in summary
    assert "answers" not in summary.split("took part")[1].split(".")[0]
