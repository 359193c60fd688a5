"""The report's equity parts on a round with planted effects: ranked summary, comparison
plan in every format, the denominator rule stated."""

from __future__ import annotations

import csv
import io
import json

import pytest

from civicbot_analysis.equity.planted import planted_round
from civicbot_analysis.report import build_report, render
from civicbot_analysis.report.model import Report


@pytest.fixture(scope="module")
def report() -> Report:
    pr = planted_round(1000, 11)
    return build_report(pr.data, reference=pr.reference)


def test_summary_names_the_strongest_equity_findings_first(report: Report) -> None:
    weights = [f.importance for f in report.findings]
    assert weights == sorted(weights, reverse=True) and len(weights) >= 5
    # The largest planted effect (respect, finding it difficult; d = -1, 129 residents) leads.
    first = report.findings[0]
    assert first.sentence.startswith("Residents finding it difficult to manage financially")
    equity = [line for line in report.summary if line in {f.sentence for f in report.findings}]
    assert equity[0] == first.sentence
    ranks = [next(i for i, f in enumerate(report.findings) if f.sentence == s) for s in equity]
    assert ranks == sorted(ranks)
    # Each group is named once in the summary, and under-representation competes too.
    groups = [next(f.group for f in report.findings if f.sentence == s) for s in equity]
    assert len(groups) == len(set(groups))
    assert any(f.kind == "representation" for f in report.findings)
    assert any("more equity findings follow" in line for line in report.summary)


def test_the_plan_is_in_every_format(report: Report) -> None:
    plan = report.plan
    assert plan is not None and len(plan.tested()) > 10 * len(plan.not_tested())
    html, md = render(report, "html"), render(report, "md")
    assert "Appendix: every planned comparison" in html
    assert "## Appendix: every planned comparison" in md
    assert json.loads(render(report, "json"))["plan"]["entries"][0]["tested"] is True
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    planned = [r for r in rows if r["table"] == "planned_comparison"]
    assert len(planned) == len(plan.entries)
    tested = [r for r in planned if r["suppressed"] == "false"]
    assert len(tested) == len(plan.tested())
    assert all("adjusted p" in r["detail"] for r in tested)


def test_not_tested_comparisons_are_listed_with_reasons_in_every_format() -> None:
    pr = planted_round(100, 11)
    report = build_report(pr.data, reference=pr.reference)
    assert report.plan is not None
    missing = report.plan.not_tested()
    assert missing and all(r.reason for r in missing)
    md, html = render(report, "md"), render(report, "html")
    assert "Why not tested" in md and "could not be tested, and why" in html
    assert "group too small: fewer than 10 residents in it answered" in md
    csv_rows = [r for r in csv.DictReader(io.StringIO(render(report, "csv")))]
    assert sum(r["detail"].startswith("not tested: ") for r in csv_rows) == len(missing)


def test_method_states_the_denominator_rule_and_the_power(report: Report) -> None:
    method = " ".join(report.method)
    assert "every share is of the residents who answered that question" in method
    assert "never inside it" in method
    assert "8 times in 10" in method and "Benjamini-Hochberg" in method
