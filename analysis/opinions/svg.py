"""The opinion map as inline SVG: one dot per resident, coloured by opinion group.

Nothing in the drawing identifies a resident: dots carry no ids, titles or labels, and their
order is sorted by position, not by resident. Only groups are named (a letter at each group's
centre). The SVG has ``role="img"`` with a title and a description for screen readers; the
report shows a table of group sizes beside it.
"""

from __future__ import annotations

from html import escape

import numpy as np

from civicbot_analysis.opinions.result import OpinionResult

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
UNGROUPED = "#BBBBBB"


def group_letter(group: int) -> str:
    return chr(ord("A") + group)


def group_colour(group: int) -> str:
    return PALETTE[group % len(PALETTE)]


def opinion_map_svg(
    result: OpinionResult,
    *,
    width: int = 480,
    height: int = 360,
    title: str = "Opinion map",
    desc: str | None = None,
) -> str:
    """Render the map. Residents who voted too little to be grouped are grey. ``desc``
    replaces the description (the report passes one with protected figures)."""
    pad = 24
    points = list(result.coords.items())
    desc = desc or (
        f"Each dot is one resident placed by how they voted; residents who voted alike sit "
        f"close together. {len(result.groups)} residents fall into {result.k} opinion "
        f"group{'s' if result.k != 1 else ''}"
        + "".join(f"; group {group_letter(g)}: {n}" for g, n in enumerate(result.group_sizes))
        + f". {len(points) - len(result.groups)} residents voted too little to be grouped."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="opinion-map-title '
        f'opinion-map-desc" class="opinion-map">',
        f'<title id="opinion-map-title">{escape(title)}</title>',
        f'<desc id="opinion-map-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff" stroke="#dddddd"/>',
    ]
    if points:
        xy = np.array([p for _, p in points], dtype=np.float64)
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        span = np.where(hi - lo > 0, hi - lo, 1.0)

        def place(x: float, y: float) -> tuple[float, float]:
            px = pad + (x - lo[0]) / span[0] * (width - 2 * pad)
            py = height - pad - (y - lo[1]) / span[1] * (height - 2 * pad)
            return round(float(px), 1), round(float(py), 1)

        dots = sorted((place(x, y), result.groups.get(r, -1)) for r, (x, y) in points)
        parts.append('<g stroke="#ffffff" stroke-width="0.5">')
        for (px, py), g in dots:
            fill = UNGROUPED if g < 0 else group_colour(g)
            radius = 2.5 if g < 0 else 4
            parts.append(f'<circle cx="{px}" cy="{py}" r="{radius}" fill="{fill}"/>')
        parts.append("</g>")
        for g in range(result.k):
            members = [result.coords[r] for r in result.members(g)]
            if not members:
                continue
            cx, cy = place(*np.mean(np.array(members), axis=0))
            parts.append(
                f'<text x="{cx}" y="{cy}" font-size="16" font-weight="bold" '
                f'text-anchor="middle" fill="#000000" stroke="#ffffff" stroke-width="3" '
                f'paint-order="stroke">{group_letter(g)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
