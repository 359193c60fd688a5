"""The opinion map as inline SVG: each opinion group drawn as two shaded ovals, never as
one dot per resident.

A dot per resident let a reader count a group's residents exactly, whatever the report
printed: the cell-key noise on a group's size, and the hiding of small groups (or of groups
hidden to protect them), protected nothing against a reader with a magnifier. So the map
draws no resident. Each group whose size the report shows is summarised by where it sits
(its centre, marked with its letter) and how it spreads (its covariance on the map):
the inner oval is where about half of a bell-shaped group would sit, the outer where
about nine in ten would (Mahalanobis radii ``sqrt(2 ln 2)`` and ``sqrt(2 ln 10)``). Two
ovals per group, whatever its size, so nothing on the map can be counted; a group whose
size is hidden, and the residents not grouped, are not drawn at all, and the map's extent
is that of the drawn ovals, so it says nothing about them either. Centres and radii are
rounded to :data:`GRID` pixels and angles to :data:`TURN` degrees, so that a report made
after one more resident voted moves an oval by little that can be read back.
:data:`MAP_METHOD` is the sentence the report's method section gives.

The SVG has ``role="img"`` with a title and a description for screen readers; the report
shows a table of (protected) group sizes beside it.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from html import escape

import numpy as np

from civicbot_analysis.opinions.result import OpinionResult

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
UNGROUPED = "#BBBBBB"
# Mahalanobis radii holding 50% and 90% of a two-dimensional normal cloud.
INNER = math.sqrt(2 * math.log(2))
OUTER = math.sqrt(2 * math.log(10))
# A group whose residents all voted alike still gets an oval this wide (share of the map).
MIN_SPREAD = 0.02
GRID = 4  # pixels (of 480 by 360)
TURN = 5  # degrees

MAP_METHOD = (
    "The opinion map (in the HTML report) draws each opinion group as two ovals around its "
    "centre (its letter), worked out from where its residents sit: the darker oval is where "
    "about half of the group would sit and the lighter one where about nine in ten would, if "
    "the group were spread like a bell curve (a group of another shape is only roughly "
    "summarised). No resident is drawn, so no group can be counted off the map: groups "
    "whose size is hidden, and residents not grouped, are left off it, and the sizes shown "
    "are those of the table, with their noise."
)


def group_letter(group: int) -> str:
    return chr(ord("A") + group)


def group_colour(group: int) -> str:
    return PALETTE[group % len(PALETTE)]


def _spread(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A group's centre and covariance on the map."""
    centre = points.mean(axis=0)
    cov = np.cov(points, rowvar=False) if len(points) > 1 else np.zeros((2, 2))
    return centre, np.atleast_2d(cov)


def opinion_map_svg(
    result: OpinionResult,
    *,
    shown: Collection[int] | None = None,
    width: int = 480,
    height: int = 360,
    title: str = "Opinion map",
    desc: str | None = None,
) -> str:
    """Render the map of the groups in ``shown`` (all groups when None). ``desc``
    replaces the description (the report passes one with protected figures)."""
    pad = 16
    drawn = [g for g in range(result.k) if (shown is None or g in shown) and result.members(g)]
    desc = desc or (
        "Each opinion group is drawn as two ovals around its centre: residents who voted "
        "alike sit close together, so groups far apart voted differently. No resident is "
        "drawn."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="opinion-map-title '
        f'opinion-map-desc" class="opinion-map">',
        f'<title id="opinion-map-title">{escape(title)}</title>',
        f'<desc id="opinion-map-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff" stroke="#dddddd"/>',
    ]
    spreads = {
        g: _spread(np.array([result.coords[r] for r in result.members(g)], dtype=np.float64))
        for g in drawn
    }
    if not spreads:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" font-size="14" text-anchor="middle" '
            'fill="#555555">No group is large enough to draw</text></svg>'
        )
        return "".join(parts)
    # The extent of the outer ovals only: nothing undrawn moves the frame.
    boxes = []
    for centre, cov in spreads.values():
        half = OUTER * np.sqrt(np.clip(np.diag(cov), 0.0, None))
        boxes += [centre - half, centre + half]
    lo, hi = np.min(boxes, axis=0), np.max(boxes, axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    scale = np.array([(width - 2 * pad) / span[0], -(height - 2 * pad) / span[1]])
    floor = (MIN_SPREAD * min(width, height)) ** 2

    def snap(v: float, step: int = GRID) -> int:
        return step * round(v / step)

    def place(x: float, y: float) -> tuple[int, int]:
        return snap(pad + (x - lo[0]) * scale[0]), snap(height - pad - (y - lo[1]) * -scale[1])

    for layer, radius, opacity in (("outer", OUTER, 0.18), ("inner", INNER, 0.45)):
        parts.append(f'<g class="opinion-{layer}" stroke-width="1.5">')
        for g, (centre, cov) in spreads.items():
            # The covariance in pixels (y points down), then its axes and their angle.
            pix = cov * np.outer(scale, scale) + np.eye(2) * floor
            values, vectors = np.linalg.eigh(pix)
            rx, ry = (radius * math.sqrt(max(float(v), 0.0)) for v in values[::-1])
            major = vectors[:, 1]
            angle = snap(math.degrees(math.atan2(float(major[1]), float(major[0]))), TURN)
            cx, cy = place(*centre)
            colour = group_colour(g)
            rx, ry = max(snap(rx), GRID), max(snap(ry), GRID)
            parts.append(
                f'<ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}" '
                f'transform="rotate({angle} {cx} {cy})" fill="{colour}" '
                f'fill-opacity="{opacity}" stroke="{colour}"/>'
            )
        parts.append("</g>")
    for g, (centre, _) in spreads.items():
        cx, cy = place(*centre)
        parts.append(
            f'<text x="{cx}" y="{cy + 6}" font-size="16" font-weight="bold" '
            f'text-anchor="middle" fill="#000000" stroke="#ffffff" stroke-width="3" '
            f'paint-order="stroke">{group_letter(g)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
