"""Renders a :class:`~civicbot_analysis.report.model.Report` as HTML, Markdown, JSON or CSV.

HTML and Markdown come from Jinja2 templates in ``analysis/templates`` (``report.html``
extends ``base.html`` and includes ``_partials``), rendered in the environment of
:mod:`civicbot_analysis.report.templating`. JSON and CSV are
written from the same model: suppressed figures carry no value, only the mark.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from markupsafe import Markup

from civicbot_analysis.report.brief import render_brief
from civicbot_analysis.report.csv_tables import tidy_table
from civicbot_analysis.report.csvsafe import write_rows
from civicbot_analysis.report.model import Report
from civicbot_analysis.report.templating import cell_fn, environment
from civicbot_analysis.suppress import DEFAULT_K, Cell

FORMATS = ("html", "md", "json", "csv", "brief")
# Kept out of JSON: pictures (the figures are in the model already) and per-resident data.
_SKIP_FIELDS = frozenset({"svg", "rows", "resident_ids", "residents_with", "residents_asked"})


def render(
    report: Report, fmt: str, *, next_steps: str | None = None, next_source: str | None = None
) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`); ``brief`` is the one-page brief,
    whose "what happens next" is ``next_steps`` (from ``next_source``) when given."""
    if fmt == "brief":
        return render_brief(report, next_steps, next_source)
    if fmt == "html":
        env = environment(True)
        return env.get_template("report.html").render(report=report, cell=cell_fn(report.k))
    if fmt == "md":
        env = environment(False)
        return env.get_template("report.md").render(report=report, cell=cell_fn(report.k))
    if fmt == "json":
        return json.dumps(to_plain(report, report.k), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return report_csv(report)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def to_plain(obj: Any, k: int = DEFAULT_K) -> Any:
    """The report as JSON-ready values; a Cell becomes value/text/suppressed (and, when
    suppressed, ``hidden_because``). Shown values are the protected ones, rounded as the
    report shows them, so no more precision leaves than a reader sees."""
    if isinstance(obj, Cell):
        value = _rounded(obj) if not obj.suppressed else None
        out = {
            "value": list(value) if isinstance(value, tuple) else value,
            "text": obj.render(),
            "suppressed": obj.suppressed,
        }
        if obj.suppressed:
            out["hidden_because"] = obj.why(k)
        return out
    if isinstance(obj, Markup):
        return None
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            f.name: _p_value(getattr(obj, f.name))
            if f.name in _TEST_FIELDS
            else to_plain(getattr(obj, f.name), k)
            for f in dataclasses.fields(obj)
            if f.name not in _SKIP_FIELDS
        }
    if isinstance(obj, dict):
        return {str(key): to_plain(v, k) for key, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_plain(v, k) for v in obj]
    if isinstance(obj, set | frozenset):
        return None
    if isinstance(obj, float) and obj != obj:  # NaN is not JSON
        return None
    return obj


# Test results come from raw counts: to two significant figures they say how strong a
# difference is without letting the exact counts behind them be searched out.
_TEST_FIELDS = frozenset({"p_value", "q_value"})


def _p_value(x: Any) -> Any:
    if not isinstance(x, float) or x != x:
        return None if isinstance(x, float) else x
    return float(f"{x:.2g}")


def _rounded(c: Cell) -> Any:
    """A shown value to the precision the report prints (whole percent as a fraction to
    two places, averages and intervals to one decimal, ratios to two)."""
    v = c.value
    if v is None:
        return None
    if isinstance(v, tuple):
        places = 2 if c.kind == "share_interval" else 1
        return (round(v[0], places), round(v[1], places))
    if c.kind == "count":
        return round(v)
    if c.kind == "share":
        return round(v, 2)
    if c.kind in ("ratio", "score"):
        return round(v, 2)
    return round(v, 1)


CSV_HEADER = (
    "table",
    "question_id",
    "question",
    "item_id",
    "item",
    "residents",
    "share",
    "suppressed",
    "detail",
    "hidden_because",
)


def report_csv(report: Report) -> str:
    """The report's tables in one CSV: themes, values lens, and scale/choice answers."""
    rows: list[list[str | int | float | None]] = []

    def number(c: Cell) -> int | float | None:
        v = _rounded(c)
        return v if c.shown and isinstance(v, int | float) else None

    def why(c: Cell) -> str:
        return c.why(report.k)

    for ts in [*report.theme_sets, *([report.across] if report.across else [])]:
        for t in ts.themes:
            rows.append(
                [
                    "theme",
                    ts.scope,
                    ts.title,
                    t.id,
                    t.label,
                    number(t.residents),
                    number(t.share),
                    "true" if not t.residents.shown else "false",
                    "; ".join(t.terms),
                    why(t.residents),
                ]
            )
    # The values lens has rows only where the report shows it (not for a Pol.is export).
    for lr in report.lens if "values" in report.sections or not report.sections else ():
        tagged = "; ".join(lr.questions)
        rows.append(
            [lr.kind, "", "", lr.name, lr.name, number(lr.residents), number(lr.share),
             "true" if not lr.residents.shown else "false", tagged, why(lr.residents)]
        )  # fmt: skip
    for ch in report.choices:
        for bar in ch.chart.bars:
            rows.append(
                [ch.kind, ch.question_id, ch.text, "", bar.label, number(bar.count),
                 number(bar.share), "true" if not bar.count.shown else "false", "",
                 why(bar.count)]
            )  # fmt: skip
        if ch.mean is not None:
            rows.append(
                ["scale_mean", ch.question_id, ch.text, "", "mean (0 = worst)", None,
                 number(ch.mean), "true" if not ch.mean.shown else "false",
                 f"out of {ch.max_score}", why(ch.mean)]
            )  # fmt: skip
    rows += _plan_rows(report)
    rows += _topic_rows(report, number, why)
    # Padded, with the equity tables' columns and rows (civicbot_analysis.report.csv_tables).
    return write_rows(*tidy_table(report, CSV_HEADER, rows))


def _topic_rows(report: Report, number: Any, why: Any) -> list[list[str | int | float | None]]:
    """Topics × opinion groups: per topic (and subtopic), everyone's and each group's share
    of agree votes on its statements, with the 95% interval in the detail."""
    if report.topics is None:
        return []
    out: list[list[str | int | float | None]] = []
    for topic in report.topics.topics:
        for t in (topic, *topic.subtopics):
            for g in (t.overall, *t.groups):
                who = "everyone" if g.letter == "all" else f"group {g.letter}"
                interval = g.interval.render() if g.interval.shown else "not shown"
                detail = (
                    f"{t.n_statements} statements; residents = voters on them; share of "
                    f"their votes that were agree votes, 95% interval {interval}"
                )
                if g.letter == "all" and t.reading:  # the section's sentence on the topic
                    detail += f"; {t.reading}"
                out.append(
                    ["topic_group", t.id, t.label, g.letter, who, number(g.voters),
                     number(g.share), "true" if not g.share.shown else "false", detail,
                     why(g.share)]
                )  # fmt: skip
    return out


def _plan_rows(report: Report) -> list[list[str | int | float | None]]:
    """The comparison plan: every planned comparison, tested (with its figures) or not (why)."""
    if report.plan is None:
        return []
    out: list[list[str | int | float | None]] = []
    for r in report.plan.entries:
        c = r.comparison
        item = f"{r.field}:{r.group}"
        if r.tested and c is not None:
            n = c.group_estimate.n.value
            # A tested comparison has all three (civicbot_analysis.equity.differences).
            assert c.effect is not None and c.diff_interval is not None and c.q_value is not None
            detail = (
                f"group {c.group_estimate.value.render()} vs everyone else "
                f"{c.rest_estimate.value.render()}; difference {c.difference:+.2f} "
                f"({c.diff_interval.render()}); effect {c.effect.render()} SD; "
                f"adjusted p {c.q_value:.4f}{'; clear' if c.significant else ''}"
            )
            size = n if isinstance(n, int | float) else None
            out.append(["planned_comparison", r.outcome_id, r.outcome, item, r.group_label,
                        size, None, "false", detail])  # fmt: skip
        else:
            out.append(["planned_comparison", r.outcome_id, r.outcome, item, r.group_label,
                        None, None, "true", f"not tested: {r.reason}"])  # fmt: skip
    return out
