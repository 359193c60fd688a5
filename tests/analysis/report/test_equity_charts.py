"""Dot plots of the differences and of need against experience, group sizes in the tables,
results by invitation source, and the equity tables in the CSV export."""

from __future__ import annotations

import csv
import dataclasses
import io
import re

import pytest

from civicbot_analysis.equity.compare import Comparison, Estimate
from civicbot_analysis.report import build_report, render
from civicbot_analysis.report.equity_views import NO_SOURCE
from civicbot_analysis.report.model import Report
from civicbot_analysis.report.plots import comparison_row, dot_plot
from civicbot_analysis.rounddata import RoundData
from civicbot_analysis.suppress import Cell
from tests.analysis.report.brief_round import brief_round


@pytest.fixture(scope="module")
def built() -> tuple[RoundData, Report]:
    data, pr = brief_round()
    return data, build_report(data, reference=pr.reference)


def _csv(report: Report) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render(report, "csv"))))


def test_one_dot_plot_row_per_clear_difference(built: tuple[RoundData, Report]) -> None:
    _, report = built
    rows = [r for p in report.difference_plots for r in p.rows]
    assert len(rows) == len(report.difference_rows) >= 3
    for plot in report.difference_plots:
        svg = str(plot.svg)
        assert svg.startswith("<svg") and 'role="img"' in svg
        assert f'<title id="{plot.id}-title">' in svg and f'<desc id="{plot.id}-desc">' in svg
        drawn = min(len(plot.rows), 12)
        assert svg.count('class="group"') == drawn  # one filled dot per group drawn
        assert svg.count('class="rest"') == drawn  # and one open diamond for everyone else
    care = report.care_plot
    assert care is not None and len(care.rows) == len(report.inverse_care_rows)
    assert "Need against experience" in care.title


def test_a_hidden_estimate_is_never_placed_on_the_axis() -> None:
    shown = Estimate(
        Cell(0.5, 40, False, "share"), Cell((0.4, 0.6), 40, False, "share_interval"),
        Cell(40, 40, False, "count"),
    )  # fmt: skip
    hidden = Estimate(
        Cell(None, None, True, "share", "small"),
        Cell(None, None, True, "share_interval", "small"),
        Cell(None, None, True, "count", "small"),
    )
    c = Comparison("o", "binary", "age_band", "16-24", "Young people", "say so", hidden, shown)
    plot = dot_plot("t", "T", "D", [comparison_row(c)], hidden_text="fewer than 10")
    svg = str(plot.svg)
    assert 'class="group"' not in svg and 'class="rest"' not in svg
    assert "fewer than 10" in svg
    both = dataclasses.replace(c, group_estimate=shown)
    svg2 = str(dot_plot("t", "T", "D", [comparison_row(both)], hidden_text="x").svg)
    assert svg2.count('class="group"') == 1 and svg2.count('class="rest"') == 1


def test_every_equity_table_gives_group_sizes(built: tuple[RoundData, Report]) -> None:
    _, report = built
    html = render(report, "html")
    assert html.count("Residents in group") == len(report.difference_plots) + 1
    for c in report.difference_rows:
        assert f'<td class="num">{c.group_estimate.n.render()}</td>' in html
    f = report.inverse_care_rows[0]
    assert f'<td class="num">{f.overall.group_estimate.n.render()}</td>' in html


def test_results_by_invitation_source(built: tuple[RoundData, Report]) -> None:
    data, report = built
    src = report.sources
    assert src is not None
    names = [r.source for r in src.table]
    assert names == ["foodbank", "gp-surgery", "leaflet", NO_SOURCE]
    raw = {n: sum(1 for r in data.residents if (r.source or NO_SOURCE) == n) for n in names}
    for r in src.table:  # counts come through the suppressor, and are right
        # (the cell-key method may move a count by up to 2, never more)
        assert r.residents.shown and abs(float(r.residents.value) - raw[r.source]) <= 2
    # The GP surgery reached disabled residents far beyond their population share.
    disability = next(f for f in src.fields if f.field == "disability")
    gp = names.index("gp-surgery")
    little = next(g for g in disability.groups if g.label.endswith("limited a little"))
    assert little.everyone.shown and float(little.everyone.value) < 0.2
    assert little.by_source[gp].shown and float(little.by_source[gp].value) > 0.4
    html = render(report, "html")
    assert 'id="sources-heading"' in html and "gp-surgery" in html


def test_a_small_source_is_hidden_everywhere() -> None:
    data, pr = brief_round(300)
    few = {r.id for r in data.residents[:4]}
    data = dataclasses.replace(
        data,
        residents=tuple(
            dataclasses.replace(r, source="market-stall" if r.id in few else r.source)
            for r in data.residents
        ),
    )
    report = build_report(data, reference=pr.reference)
    assert report.sources is not None
    stall = next(r for r in report.sources.table if r.source == "market-stall")
    assert not stall.residents.shown and not stall.share.shown
    rows = [r for r in _csv(report) if r["table"] == "source" and r["item"] == "market-stall"]
    assert rows and rows[0]["residents"] == "" and rows[0]["suppressed"] == "true"
    html = render(report, "html")
    cell = re.search(r"market-stall</th><td class=\"num\">([^<]*)<", html)
    assert cell is not None and not cell.group(1).strip().isdigit()


def test_no_sources_no_section() -> None:
    data, pr = brief_round(200)
    plain = dataclasses.replace(
        data, residents=tuple(dataclasses.replace(r, source=None) for r in data.residents)
    )
    report = build_report(plain, reference=pr.reference)
    assert report.sources is None
    assert 'id="sources-heading"' not in render(report, "html")


def test_csv_carries_every_table_of_the_report(built: tuple[RoundData, Report]) -> None:
    _, report = built
    rows = _csv(report)
    tables = {r["table"] for r in rows}
    assert {"theme", "representation", "difference", "inverse_care", "source", "source_reach",
            "planned_comparison", "value", "principle", "scale"} <= tables  # fmt: skip
    diffs = [r for r in rows if r["table"] == "difference"]
    assert len(diffs) == len(report.difference_rows)
    for r, c in zip(diffs, report.difference_rows, strict=True):
        assert r["item"] == c.group_label
        assert float(r["estimate"]) == pytest.approx(c.group_estimate.value.value, abs=0.051)
        lo, hi = c.group_estimate.interval.value
        assert float(r["low"]) == pytest.approx(lo, abs=0.051)
        assert float(r["high"]) == pytest.approx(hi, abs=0.051)
        assert float(r["adjusted_p"]) <= 0.05
        assert int(r["residents"]) == c.group_estimate.n.value
        assert float(r["difference_low"]) <= float(r["difference"]) <= float(r["difference_high"])
    rep = [r for r in rows if r["table"] == "representation" and r["population_share"]]
    assert rep and all(0 <= float(r["population_share"]) <= 1 for r in rep)
    care = [r for r in rows if r["table"] == "inverse_care" and r["question_id"] == "overall"]
    assert len(care) == len(report.inverse_care_rows)
    # Every row has every column: one tidy table.
    assert len({len(r) for r in rows}) == 1


def test_hidden_figures_are_empty_in_the_csv(built: tuple[RoundData, Report]) -> None:
    _, report = built
    for r in _csv(report):
        if r["table"] in ("representation", "source", "source_reach") and r["suppressed"] == "true":
            assert r["share"] == "" or r["residents"] == ""


def test_markdown_has_the_group_sizes_and_the_sources(built: tuple[RoundData, Report]) -> None:
    _, report = built
    md = render(report, "md")
    assert md.count("| Residents in group |") == 2  # differences and inverse care
    assert "## Who each invitation reached" in md and "| gp-surgery |" in md
    for c in report.difference_rows:
        assert f"| {c.group_estimate.n.render()} |" in md


def test_json_carries_the_sources_and_the_plots_figures(built: tuple[RoundData, Report]) -> None:
    import json

    _, report = built
    doc = json.loads(render(report, "json"))
    table = doc["sources"]["table"]
    assert [r["source"] for r in table] == [r.source for r in report.sources.table]
    assert all(isinstance(r["residents"]["value"], int) for r in table)
    assert doc["care_plot"]["title"].startswith("Need against experience")
    assert "svg" not in doc["care_plot"]


def test_hidden_equity_figures_say_why_in_the_csv() -> None:
    data, pr = brief_round(300)
    few = {r.id for r in data.residents[:4]}
    data = dataclasses.replace(
        data,
        residents=tuple(
            dataclasses.replace(r, source="market-stall" if r.id in few else r.source)
            for r in data.residents
        ),
    )
    rows = _csv(build_report(data, reference=pr.reference))
    stall = next(r for r in rows if r["table"] == "source" and r["item"] == "market-stall")
    assert stall["suppressed"] == "true" and stall["hidden_because"] == "10 or fewer"
    shown = [r for r in rows if r["table"] == "difference"]
    assert shown and all(r["hidden_because"] == "" for r in shown)
