"""The equity tables of the report as tidy CSV rows: one file, one ``table`` column.

:func:`equity_rows` adds to the themes, values and choices rows of
:func:`civicbot_analysis.report.render.report_csv`: who took part against the population
(``representation``), the clear differences with their intervals and adjusted p-values
(``difference``), the inverse care view (``inverse_care``, overall and per principle),
residents by invitation source (``source``) and who each source reached
(``source_reach``). The comparison plan (``planned_comparison``) fills the same columns.

Every figure is a published :class:`~civicbot_analysis.suppress.Cell`, written to the precision the
report prints (shares to two places as fractions, averages and intervals to one decimal);
a hidden figure is an empty field with ``suppressed`` true. Adjusted p-values are given to
two significant figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from civicbot_analysis.equity.compare import Comparison
from civicbot_analysis.suppress import Cell

if TYPE_CHECKING:
    from civicbot_analysis.report.model import Report

EXTRA_HEADER = (
    "population_share",
    "estimate",
    "low",
    "high",
    "rest_estimate",
    "rest_low",
    "rest_high",
    "rest_residents",
    "difference",
    "difference_low",
    "difference_high",
    "adjusted_p",
)
Value = str | int | float | None
Row = list[Value]


def rounded(c: Cell | None) -> float | int | None:
    """A shown figure to the precision the report prints; None when hidden."""
    if c is None or not c.shown or isinstance(c.value, tuple) or c.value is None:
        return None
    v = float(c.value)
    if c.kind == "count":
        return round(v)
    if c.kind in ("share", "ratio", "score"):
        return round(v, 2)
    return round(v, 1)


def _bounds(c: Cell | None) -> tuple[float | None, float | None]:
    if c is None or not c.shown or not isinstance(c.value, tuple):
        return None, None
    places = 2 if c.kind == "share_interval" else 1
    return round(c.value[0], places), round(c.value[1], places)


def _p(q: float | None) -> float | None:
    return None if q is None or q != q else float(f"{q:.2g}")


def comparison_extra(c: Comparison) -> Row:
    """The extra columns of one comparison: both estimates, intervals, difference, q."""
    g, r = c.group_estimate, c.rest_estimate
    diff = c.difference
    lo, hi = _bounds(c.diff_interval)
    places = 2 if c.kind == "binary" else 1
    return [
        None,
        rounded(g.value),
        *_bounds(g.interval),
        rounded(r.value),
        *_bounds(r.interval),
        rounded(r.n),
        None if diff is None else round(diff, places),
        lo,
        hi,
        _p(c.q_value) if c.shown else None,
    ]


BASE_COLUMNS = ("table", "question_id", "question", "item_id", "item", "residents", "share",
                "suppressed", "detail")  # fmt: skip


def tidy_table(
    report: Report, header: Sequence[str], rows: Sequence[Row]
) -> tuple[tuple[str, ...], list[Row]]:
    """The report CSV's header and rows with the equity tables added.

    ``rows`` (themes, values, choices, the comparison plan) are padded to ``header`` and
    given the :data:`EXTRA_HEADER` columns (a tested planned comparison its figures); the
    rows of :func:`equity_rows` follow, each column placed by name, so a column another
    part of the report adds to ``header`` is kept (left empty in the equity rows unless
    it is ``hidden_because``).
    """
    full = (*header, *EXTRA_HEADER)
    blank: Row = [None] * len(EXTRA_HEADER)
    tested = iter(
        (e.comparison if e.tested else None) for e in (report.plan.entries if report.plan else ())
    )
    out: list[Row] = []
    for row in rows:
        base = [*row, *([None] * (len(header) - len(row)))]
        if row and row[0] == "planned_comparison":
            c = next(tested, None)
            out.append(base + (comparison_extra(c) if c is not None else blank))
        else:
            out.append(base + blank)
    for named in equity_rows(report):
        out.append([named.get(col) for col in full])
    return full, out


def _row(
    table: str,
    ids: tuple[str, str, str, str],
    figures: tuple[Value, Value, tuple[Cell | None, ...], str],
    extra: Row,
) -> dict[str, Any]:
    """One equity row by column: the table, (question id, question, item id, item),
    (residents, share, the cells whose hiding marks the row suppressed, detail), then the
    :data:`EXTRA_HEADER` columns. ``suppressed`` and ``hidden_because`` are filled in by
    :func:`equity_rows`, which knows k."""
    residents, share, cells, detail = figures
    columns = (*BASE_COLUMNS, *EXTRA_HEADER)
    values = (table, *ids, residents, share, "", detail, *extra)
    named: dict[str, Any] = dict(zip(columns, values, strict=True))
    named["_cells"] = cells
    return named


def _suppression(named: dict[str, Any], k: int) -> dict[str, Value]:
    cells = named.pop("_cells")
    hidden = [c for c in cells if c is None or not c.shown]
    named["suppressed"] = "true" if hidden else "false"
    named["hidden_because"] = next((c.why(k) for c in hidden if c is not None), "")
    return named


def _population(share: float | None) -> Row:
    return [None if share is None else round(share, 3), *([None] * (len(EXTRA_HEADER) - 1))]


def equity_rows(report: Report) -> list[dict[str, Value]]:
    """Every equity table of ``report`` as rows of the report CSV, by column name."""
    blank: Row = [None] * len(EXTRA_HEADER)
    out: list[dict[str, Any]] = []
    who = report.representation
    for f in who.fields if who is not None else ():
        for g in f.groups:
            flag = "under-represented" if g.under_represented else (
                "over-represented" if g.over_represented else "")  # fmt: skip
            out.append(_row("representation", (f.field, "", g.value, g.label),
                            (rounded(g.count), rounded(g.share), (g.count, g.share),
                             flag), _population(g.reference_share)))  # fmt: skip
        for item, cell, note in (
            ("answered", f.answered, "base of the shares"),
            ("prefer_not_to_say", f.prefer_not, "counted beside the shares, never inside"),
            ("not_answered", f.not_answered, "counted beside the shares, never inside"),
        ):
            out.append(_row("representation", (f.field, "", item, item.replace("_", " ")),
                            (rounded(cell), None, (cell,), note), blank))  # fmt: skip
    for c in report.difference_rows:
        unit = "share" if c.kind == "binary" else f"average out of {c.max_score:g}"
        out.append(_row("difference", (c.outcome_id, c.phrase, f"{c.field}:{c.group}",
                                       c.group_label),
                        (rounded(c.group_estimate.n), None,
                         (c.group_estimate.value,), unit),
                        comparison_extra(c)))  # fmt: skip
    for need in report.inverse_care_rows:
        for name, c in (("overall", need.overall), *sorted(need.principles.items())):
            note = (need.sentence or "") if name == "overall" else ""
            out.append(_row("inverse_care", (name, "experience of services, 0 (worst) to 100 "
                                             "(best)", f"{need.field}:{need.group}",
                                             need.group_label),
                            (rounded(c.group_estimate.n), None,
                             (c.group_estimate.value,), note),
                            comparison_extra(c)))  # fmt: skip
    sources = report.sources
    if sources is not None:
        for r in sources.table:
            out.append(_row("source", ("", "", r.source, r.source),
                            (rounded(r.residents), rounded(r.share),
                             (r.residents,), ""), blank))  # fmt: skip
        for sf in sources.fields:
            for sg in sf.groups:
                for r, cell in zip(sources.table, sg.by_source, strict=True):
                    out.append(_row("source_reach", (sf.field, "", r.source, sg.label),
                                    (None, rounded(cell), (cell,),
                                     "share of the source's residents who answered"),
                                    _population(sg.reference_share)))  # fmt: skip
    return [_suppression(named, report.k) for named in out]
