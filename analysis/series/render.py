"""Renders a :class:`~civicbot_analysis.series.model.SeriesReport` as HTML, Markdown or JSON.

HTML extends the report base (``base.html``: autoescape, a Content-Security-Policy that
allows no request, no script); its line chart is inline SVG with a text alternative and
the same figures in a table. JSON carries every figure as the report's JSON does: a
hidden figure has no value, only its mark.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from civicbot_analysis.report.render import to_plain
from civicbot_analysis.report.templating import cell_text, environment
from civicbot_analysis.series.chart import line_chart
from civicbot_analysis.series.model import SeriesReport
from civicbot_analysis.suppress import Cell

FORMATS = ("html", "md", "json")


def _charts(report: SeriesReport) -> list[tuple[str, str, Markup]]:
    out = []
    for kind, title in (("value", "Values"), ("principle", "Service principles")):
        lines = [r for r in report.ratings if r.kind == kind]
        if lines:
            chart_title = f"{title}: average rating in each round"
            out.append(
                (
                    kind,
                    chart_title,
                    line_chart(f"chart-{kind}", chart_title, lines, len(report.rounds)),
                )
            )
    return out


def render_series(report: SeriesReport, fmt: str) -> str:
    """The series report in ``fmt`` (one of :data:`FORMATS`)."""

    def cell(c: Cell | None) -> str:
        return "not found" if c is None else cell_text(c, report.k)

    if fmt == "html":
        env = environment(True)
        return env.get_template("series.html").render(
            report=report, cell=cell, charts=_charts(report)
        )
    if fmt == "md":
        env = environment(False)
        return env.get_template("series.md").render(report=report, cell=cell)
    if fmt == "json":
        plain: Any = to_plain(report, report.k)
        return json.dumps(plain, indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
