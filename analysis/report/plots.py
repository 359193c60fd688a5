"""Dot plots with 95% intervals, as inline SVG: differences between groups, and inverse care.

Each row sets one group (a filled dot and its interval) beside everyone else (an open
diamond and its interval) on one scale: a share from 0% to 100%, an average from 1 to the
number of options, or an experience score from 0 to 100. Like
:mod:`civicbot_analysis.report.charts`, every chart is an ``<svg role="img">`` with ``<title>`` and
``<desc>``, the table beside it carries the same figures, and only published cells are drawn: a
suppressed estimate is written as text, never placed on the axis, so its value cannot be read off
the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from civicbot_analysis.equity.compare import Comparison, Estimate
from civicbot_analysis.report.charts import AXIS_COLOUR, BAR_COLOUR, CHAR_W, FONT, TEXT_COLOUR

WIDTH = 680  # wider than a bar chart: the labels name a group and what was compared
ROW_H = 40
PAD = 12
AXIS_H = 30  # room under the rows for the scale's ticks
LABEL_MAX = 40  # characters of the row label (the table beside the chart has it whole)
SUB_MAX = 48  # characters of the smaller second line
REST_COLOUR = "#8a4b08"  # 6.5:1 against white: everyone else, drawn as an open diamond
FONT_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class DotRow:
    """One chart row: a label, and the group's and everyone else's estimates on one scale."""

    label: str
    group: Estimate
    rest: Estimate
    low: float  # the scale this row is drawn on
    high: float
    unit: str  # "share" (0-1 drawn as %) or "score"
    sub: str = ""  # a second, smaller line under the label (what was compared)


@dataclass(frozen=True)
class DotPlot:
    id: str
    title: str
    description: str
    rows: tuple[DotRow, ...]
    svg: Markup


def _short(text: str, limit: int = LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _number(x: object) -> float | None:
    return float(x) if isinstance(x, int | float) else None


def _scale(row: DotRow, x0: float, span: float, v: float) -> float:
    width = row.high - row.low or 1.0
    return x0 + span * (min(max(v, row.low), row.high) - row.low) / width


def _tick(row: DotRow, v: float) -> str:
    return f"{100 * v:.0f}%" if row.unit == "share" else f"{v:g}"


def _marker(x: float, y: float, filled: bool, cls: str = "key") -> str:
    """A filled dot (the group) or an open diamond (everyone else); ``cls`` tells a plotted
    figure ("group", "rest") from the key."""
    if filled:
        return f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{BAR_COLOUR}"/>'
    return (
        f'<path class="{cls}" d="M{x:.1f} {y - 7:.1f} L{x + 7:.1f} {y:.1f} L{x:.1f} {y + 7:.1f} '
        f'L{x - 7:.1f} {y:.1f} Z" fill="#fff" stroke="{REST_COLOUR}" stroke-width="2"/>'
    )


def _estimate(row: DotRow, e: Estimate, y: float, x0: float, span: float, filled: bool) -> str:
    value = _number(e.value.value) if e.value.shown else None
    if value is None:
        return ""
    colour = BAR_COLOUR if filled else REST_COLOUR
    out = []
    interval = e.interval.value if e.interval.shown else None
    if isinstance(interval, tuple):
        lo, hi = (_scale(row, x0, span, float(v)) for v in interval)
        out.append(
            f'<line x1="{lo:.1f}" y1="{y:.1f}" x2="{hi:.1f}" y2="{y:.1f}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
        for x in (lo, hi):
            out.append(
                f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x:.1f}" y2="{y + 4:.1f}" '
                f'stroke="{colour}" stroke-width="2"/>'
            )
    out.append(_marker(_scale(row, x0, span, value), y, filled, "group" if filled else "rest"))
    return "".join(out)


def dot_plot(
    plot_id: str,
    title: str,
    description: str,
    all_rows: Sequence[DotRow],
    *,
    hidden_text: str,
    limit: int | None = None,
) -> DotPlot:
    """One row per group: its estimate and interval (filled) beside everyone else's (open).

    Only the first ``limit`` rows are drawn; the plot keeps them all for its table.
    """
    rows = list(all_rows)[:limit] if limit is not None else list(all_rows)
    longest = max((len(_short(r.label)) for r in rows), default=0)
    sub = max((len(_short(r.sub, SUB_MAX)) for r in rows), default=0)
    label_w = int(min(WIDTH * 0.5, max(80.0, longest * CHAR_W + 12, sub * CHAR_W * 0.86 + 12)))
    x0, span = label_w + 10, WIDTH - label_w - 30
    height = PAD + len(rows) * ROW_H + AXIS_H + 22
    pid = escape(plot_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart dot-plot" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{pid}-title {pid}-desc">',
        f'<title id="{pid}-title">{escape(title)}</title>',
        f'<desc id="{pid}-desc">{escape(description)}</desc>',
        f'<g font-family="{FONT_STACK}" font-size="{FONT}" fill="{TEXT_COLOUR}">',
    ]
    for i, row in enumerate(rows):
        y = PAD + i * ROW_H + ROW_H / 2
        top = y - 3 if row.sub else y + FONT * 0.35
        parts.append(
            f'<text x="{label_w}" y="{top:.0f}" text-anchor="end">'
            f"{escape(_short(row.label))}</text>"
        )
        if row.sub:
            parts.append(
                f'<text x="{label_w}" y="{y + 12:.0f}" text-anchor="end" font-size="12" '
                f'fill="{AXIS_COLOUR}">{escape(_short(row.sub, SUB_MAX))}</text>'
            )
        parts.append(
            f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + span}" y2="{y:.1f}" stroke="#e3e3e3"/>'
        )
        if not (row.group.value.shown and row.rest.value.shown):
            parts.append(
                f'<text x="{x0 + 6}" y="{y + FONT * 0.35:.0f}" font-style="italic">'
                f"{escape(hidden_text)}</text>"
            )
            continue
        parts.append(_estimate(row, row.rest, y, x0, span, filled=False))
        parts.append(_estimate(row, row.group, y, x0, span, filled=True))
    axis_y = PAD + len(rows) * ROW_H + 4
    parts.append(_axis(rows, x0, span, axis_y))
    key_y = axis_y + AXIS_H + 6
    parts.append(_marker(PAD + 6, key_y - 5, True))
    parts.append(f'<text x="{PAD + 18}" y="{key_y}">this group</text>')
    parts.append(_marker(PAD + 120, key_y - 5, False))
    parts.append(f'<text x="{PAD + 132}" y="{key_y}">everyone else (lines: 95% intervals)</text>')
    parts.append("</g></svg>")
    return DotPlot(plot_id, title, description, tuple(all_rows), Markup("".join(parts)))


def _axis(rows: Sequence[DotRow], x0: float, span: float, y: float) -> str:
    """The scale under the rows, when every row shares it (else each row's table says)."""
    if not rows:
        return ""
    first = rows[0]
    same = all((r.low, r.high, r.unit) == (first.low, first.high, first.unit) for r in rows)
    out = [f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + span}" y2="{y:.1f}" stroke="{AXIS_COLOUR}"/>']
    if same:
        for j in range(5):
            v = first.low + (first.high - first.low) * j / 4
            x = _scale(first, x0, span, v)
            out.append(
                f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y + 5:.1f}" '
                f'stroke="{AXIS_COLOUR}"/>'
                f'<text x="{x:.1f}" y="{y + 20:.1f}" text-anchor="middle" font-size="12">'
                f"{escape(_tick(first, v))}</text>"
            )
    else:
        out.append(
            f'<text x="{x0}" y="{y + 20:.1f}" font-size="12">each row on its own scale '
            "(left: lowest, right: highest; see the table)</text>"
        )
    return "".join(out)


def comparison_row(c: Comparison) -> DotRow:
    """A difference as a row: shares on 0-100%, averages on 1 to the number of options."""
    g, r = c.group_estimate, c.rest_estimate
    if c.kind == "binary":
        return DotRow(c.group_label, g, r, 0.0, 1.0, "share", sub=c.phrase)
    top = float(c.max_score or 100.0)
    return DotRow(c.group_label, g, r, 1.0 if top < 100 else 0.0, top, "score", sub=c.phrase)


def scale_key(row: DotRow) -> tuple[str, float, float]:
    """Rows sharing a key share an axis, so they go in one chart."""
    return (row.unit, row.low, row.high)
