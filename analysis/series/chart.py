"""An inline SVG line chart of ratings over the rounds of a series, with intervals.

One line per value or principle, one point per round whose rating is shown, with its 95%
interval as a vertical bar; a hidden rating is a gap in the line (nothing is drawn that
could be measured). Lines differ by colour and by marker shape, so the chart reads in
greyscale too. ``<title>`` and ``<desc>`` describe it in words, and the report prints the
same figures in a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from civicbot_analysis.series.model import RatingSeries

WIDTH = 600
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 46, 150, 14, 40
FONT = 13
AXIS = "#595959"
TEXT = "#1a1a1a"
# Darkened Okabe-Ito hues (colour-blind-safe), each at least 4.5:1 against white, so the
# end labels written in them are readable text too.
COLOURS = ("#0b5f95", "#a44200", "#00704b", "#a3417a", "#6b5500", "#3f5a77")
MARKERS = ("circle", "square", "diamond", "triangle", "cross", "circle")


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "diamond":
        pts = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "triangle":
        pts = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if shape == "cross":
        return (
            f'<path d="M{x - 4:.1f} {y - 4:.1f}L{x + 4:.1f} {y + 4:.1f}M{x + 4:.1f} '
            f'{y - 4:.1f}L{x - 4:.1f} {y + 4:.1f}" stroke="{colour}" stroke-width="2.5"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/>'


def describe(lines: Sequence[RatingSeries], rounds: int) -> str:
    parts = []
    for r in lines:
        shown = [f"round {i + 1} {p.mean.render()}" for i, p in enumerate(r.points) if p.mean.shown]
        parts.append(f"{r.tag}: " + (", ".join(shown) if shown else "hidden in every round"))
    return (
        f"Average ratings (0 worst to 100 best) over {rounds} rounds, with 95% intervals. "
        + "; ".join(parts)
        + "."
    )


def line_chart(chart_id: str, title: str, lines: Sequence[RatingSeries], rounds: int) -> Markup:
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x_of(i: int) -> float:
        return LEFT + (plot_w * i / (rounds - 1) if rounds > 1 else plot_w / 2)

    def y_of(v: float) -> float:
        return TOP + plot_h * (1 - v / 100)

    cid = escape(chart_id)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="{cid}-title {cid}-desc">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(describe(lines, rounds))}</desc>',
        f"<g font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\" "
        f'font-size="{FONT}" fill="{TEXT}">',
    ]
    for v in (0, 25, 50, 75, 100):
        y = y_of(v)
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
            f'stroke="#d9d9d9" stroke-width="1"/>'
        )
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{v}</text>')
    for i in range(rounds):
        out.append(
            f'<text x="{x_of(i):.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle">'
            f"Round {i + 1}</text>"
        )
    out.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" '
        f'stroke="{AXIS}" stroke-width="1"/>'
    )
    ends: list[tuple[float, str, str]] = []
    for n, r in enumerate(lines):
        colour, shape = COLOURS[n % len(COLOURS)], MARKERS[n % len(MARKERS)]
        dash = "" if n < len(COLOURS) else ' stroke-dasharray="5 3"'
        segment: list[str] = []
        last_y = None
        for i, p in enumerate(r.points):
            value = p.mean.value
            if not p.mean.shown or not isinstance(value, int | float):
                if len(segment) > 1:
                    out.append(_polyline(segment, colour, dash))
                segment = []
                continue
            x, y = x_of(i), y_of(float(value))
            segment.append(f"{x:.1f},{y:.1f}")
            last_y = y
            if p.interval.shown and isinstance(p.interval.value, tuple):
                lo, hi = p.interval.value
                out.append(
                    f'<line x1="{x:.1f}" y1="{y_of(hi):.1f}" x2="{x:.1f}" y2="{y_of(lo):.1f}" '
                    f'stroke="{colour}" stroke-width="1.5"/>'
                )
            out.append(_marker(shape, x, y, colour))
        if len(segment) > 1:
            out.append(_polyline(segment, colour, dash))
        if last_y is not None:
            ends.append((last_y, colour, r.tag))
    # End labels, pushed apart so that lines ending close together stay readable.
    placed: list[float] = []
    for y, colour, tag in sorted(ends):
        y = max(y, placed[-1] + FONT + 2) if placed else y
        placed.append(y)
        out.append(
            f'<text x="{LEFT + plot_w + 10}" y="{y + 4:.1f}" fill="{colour}">{escape(tag)}</text>'
        )
    out.append("</g></svg>")
    return Markup("".join(out))


def _polyline(points: list[str], colour: str, dash: str) -> str:
    return (
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
        f'stroke-width="2"{dash}/>'
    )
