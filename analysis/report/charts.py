"""Inline SVG bar charts, accessible and printable, with no script and no external files.

Each chart is an ``<svg role="img">`` with ``<title>`` and ``<desc>`` (screen readers read
those, and the table printed beside every chart carries the same figures). Bars are drawn
only for figures that may be published; a suppressed figure is written as text instead of
a bar, so its size cannot be measured off the picture.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from civicbot_analysis.report.model import Bar, Chart
from civicbot_analysis.suppress import SECONDARY

WIDTH = 560  # fits beside its table on a 60rem page, and across an A4 page in print
BAR_H = 22
GAP = 8
PAD = 10
FONT = 14  # px; the report's body text is 16px, chart labels stay readable when scaled down
CHAR_W = 7.6  # average glyph width at FONT in a sans-serif face, to size the label column
MAX_LABEL = 32  # characters; longer labels are cut with an ellipsis (the table has them whole)
VALUE_W = 110  # room right of the longest bar for "1,234 (100%)"
BAR_COLOUR = "#1f5f8b"  # 7:1 contrast against white; prints well in greyscale
AXIS_COLOUR = "#595959"  # 7:1 against white
TEXT_COLOUR = "#1a1a1a"


def _short(label: str, limit: int = MAX_LABEL) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(
    chart_id: str, title: str, description: str, bars: Sequence[Bar], *, hidden_text: str
) -> Chart:
    """A horizontal bar chart of ``bars`` by their count; ``hidden_text`` marks suppressed bars."""
    shown = [b.count.value for b in bars if b.count.shown]
    top = max((float(v) for v in shown if isinstance(v, float | int)), default=0.0) or 1.0
    height = PAD * 2 + len(bars) * (BAR_H + GAP) - GAP
    longest = max((len(_short(b.label)) for b in bars), default=0)
    # The label column is as wide as the longest label needs, so short scale labels
    # ("Never", "Always") leave the room to the bars.
    label_w = int(min(WIDTH * 0.5, max(60.0, longest * CHAR_W + 12)))
    span = WIDTH - label_w - VALUE_W
    cid = escape(chart_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{cid}-title {cid}-desc">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
        f"<g font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\" "
        f'font-size="{FONT}" fill="{TEXT_COLOUR}">',
    ]
    for i, bar in enumerate(bars):
        y = PAD + i * (BAR_H + GAP)
        mid = y + BAR_H / 2 + FONT * 0.35
        parts.append(
            f'<text x="{label_w - 8}" y="{mid:.0f}" text-anchor="end">'
            f"{escape(_short(bar.label))}</text>"
        )
        value = bar.count.value
        if bar.count.shown and isinstance(value, float | int):
            w = max(1.0, span * float(value) / top) if value else 0.0
            text = bar.count.render()
            if bar.share.shown:
                text += f" ({bar.share.render()})"
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{BAR_H}" '
                f'fill="{BAR_COLOUR}"/>'
            )
            parts.append(f'<text x="{label_w + w + 6:.1f}" y="{mid:.0f}">{escape(text)}</text>')
        else:
            # A bar hidden to protect another says so, not "10 or fewer" (issue #10).
            why = "hidden to protect another" if bar.count.reason == SECONDARY else hidden_text
            parts.append(
                f'<text x="{label_w + 6}" y="{mid:.0f}" font-style="italic">{escape(why)}</text>'
            )
    # A baseline makes zero-length bars read as "none" rather than as missing.
    parts.append(
        f'<line x1="{label_w}" y1="{PAD - 4}" x2="{label_w}" y2="{height - PAD + 4}" '
        f'stroke="{AXIS_COLOUR}" stroke-width="1"/>'
    )
    parts.append("</g></svg>")
    return Chart(chart_id, title, description, tuple(bars), Markup("".join(parts)))
