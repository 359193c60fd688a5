"""Inline SVG bar charts, accessible and printable, with no script and no external files.

Each chart is an ``<svg role="img">`` with ``<title>`` and ``<desc>`` (screen readers read
those, and the table printed beside every chart carries the same figures). Bars are drawn
only for figures that may be published; a suppressed figure is written as text instead of
a bar, so its size cannot be measured off the picture.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from analysis.report.model import Bar, Chart

WIDTH = 640
LABEL_W = 230
BAR_H = 22
GAP = 8
PAD = 10
BAR_COLOUR = "#1f5f8b"  # 7:1 contrast against white; prints well in greyscale
TEXT_COLOUR = "#1a1a1a"


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(
    chart_id: str, title: str, description: str, bars: Sequence[Bar], *, hidden_text: str
) -> Chart:
    """A horizontal bar chart of ``bars`` by their count; ``hidden_text`` marks suppressed bars."""
    shown = [b.count.value for b in bars if b.count.shown]
    top = max((float(v) for v in shown if isinstance(v, float | int)), default=0.0) or 1.0
    height = PAD * 2 + len(bars) * (BAR_H + GAP)
    span = WIDTH - LABEL_W - 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
    ]
    for i, bar in enumerate(bars):
        y = PAD + i * (BAR_H + GAP)
        mid = y + BAR_H / 2 + 5
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{mid:.0f}" text-anchor="end" font-size="13" '
            f'fill="{TEXT_COLOUR}">{escape(_short(bar.label))}</text>'
        )
        value = bar.count.value
        if bar.count.shown and isinstance(value, float | int):
            w = max(1.0, span * float(value) / top) if value else 0.0
            text = bar.count.render()
            if bar.share.shown:
                text += f" ({bar.share.render()})"
            parts.append(
                f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{BAR_H}" '
                f'fill="{BAR_COLOUR}"/>'
            )
            parts.append(
                f'<text x="{LABEL_W + w + 6:.1f}" y="{mid:.0f}" font-size="13" '
                f'fill="{TEXT_COLOUR}">{escape(text)}</text>'
            )
        else:
            parts.append(
                f'<text x="{LABEL_W}" y="{mid:.0f}" font-size="13" font-style="italic" '
                f'fill="{TEXT_COLOUR}">{escape(hidden_text)}</text>'
            )
    parts.append("</svg>")
    return Chart(chart_id, title, description, tuple(bars), Markup("".join(parts)))
