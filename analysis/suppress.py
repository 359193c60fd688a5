"""Small-number suppression: no published figure rests on fewer than k people.

Every count, share, mean, interval or ratio the report publishes goes through a
:class:`Suppressor`, which returns a :class:`Cell`: the figure, or a suppressed cell that
holds no value at all (so a renderer or a JSON dump cannot leak it by mistake).

Rules (k defaults to 10, following the UK Longitudinal Linkage Collaboration; never
below 5):

- A count is shown if it is 0 or at least k. Zero is shown, as ONS and NHS statistics do:
  it describes no one.
- A share ``num / den`` is shown only if ``den >= k`` and both the numerator and its
  complement ``den - num`` are 0 or at least k (95% of 160 would reveal 8 people).
- A mean, interval, ratio or score is shown only if it rests on at least k people.
- Tables with a published total (:func:`suppress_table`): after the primary suppression
  above, the cells hidden from a table must never be recoverable from the total minus the
  published cells. So if any cell is hidden, at least two are, and the hidden cells
  together hold 0 or at least k people; otherwise the next smallest non-zero published
  cell is hidden too, and so on. A total below k hides every cell (and the total itself,
  through :meth:`Suppressor.count`); a total of 0 shows its cells, all 0. Rows passed in
  should cover the total (include "prefer not to say" and "not answered" as rows), so no
  remainder leaks a small number.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

DEFAULT_K = 10
MIN_K = 5
SUPPRESSED_MARK = "*"
SMALL = "small"
SECONDARY = "secondary"

# The kinds of figure a Cell may hold, which decide how it renders.
KINDS = ("count", "share", "mean", "ratio", "score", "share_interval", "mean_interval")


@dataclass(frozen=True, slots=True)
class Cell:
    """One publishable figure, or a suppressed one.

    ``value`` is a number (or a ``(low, high)`` pair for intervals), ``None`` when
    suppressed. ``n`` is the smallest number of people the figure rests on (zero parts
    ignored), also ``None`` when suppressed. ``reason`` is :data:`SMALL` (fewer than k
    people) or :data:`SECONDARY` (hidden so another hidden figure cannot be worked out).
    """

    value: float | tuple[float, float] | None
    n: int | None
    suppressed: bool
    kind: str = "count"
    reason: str = ""

    def render(self) -> str:
        """The figure as text (``"31%"``, ``"2.1"``, ``"1,204"``), or ``"*"`` if suppressed."""
        if self.suppressed or self.value is None:
            return SUPPRESSED_MARK
        v = self.value
        if isinstance(v, tuple):
            lo, hi = v
            if self.kind == "share_interval":
                return f"{100 * lo:.0f}%–{100 * hi:.0f}%"
            return f"{lo:.1f}–{hi:.1f}"
        if self.kind == "count":
            return f"{round(v):,}"
        if self.kind == "share":
            return f"{100 * v:.0f}%"
        if self.kind in ("ratio", "score"):
            return f"{v:.2f}"
        return f"{v:.1f}"

    def __str__(self) -> str:
        return self.render()

    @property
    def shown(self) -> bool:
        return not self.suppressed


def _hidden(kind: str, reason: str = SMALL) -> Cell:
    return Cell(value=None, n=None, suppressed=True, kind=kind, reason=reason)


class Suppressor:
    """Builds :class:`Cell` values under a threshold ``k`` (default 10, never below 5)."""

    def __init__(self, k: int = DEFAULT_K) -> None:
        if not isinstance(k, int) or isinstance(k, bool):
            raise TypeError(f"k must be a whole number, not {k!r}")
        if k < MIN_K:
            raise ValueError(f"k = {k} is too small: small-number suppression needs k >= {MIN_K}")
        self.k = k

    def ok(self, n: int) -> bool:
        """Whether a group of ``n`` people may be shown (0 or at least k)."""
        return n == 0 or n >= self.k

    def count(self, n: int) -> Cell:
        n = int(n)
        if not self.ok(n):
            return _hidden("count")
        return Cell(value=n, n=n, suppressed=False, kind="count")

    def share(self, num: int, den: int) -> Cell:
        num, den = int(num), int(den)
        if den < self.k or not self.ok(num) or not self.ok(den - num):
            return _hidden("share")
        parts = [x for x in (num, den - num) if x > 0]
        return Cell(value=num / den, n=min(parts), suppressed=False, kind="share")

    def mean(self, values: Iterable[float]) -> Cell:
        arr = np.fromiter(values, dtype=np.float64)
        return self.summary(float(arr.mean()) if arr.size else float("nan"), arr.size)

    def summary(self, value: float, n: int, kind: str = "mean") -> Cell:
        """A figure (mean, ratio, score) computed from ``n`` people."""
        n = int(n)
        if n < self.k or not np.isfinite(value):
            return _hidden(kind)
        return Cell(value=float(value), n=n, suppressed=False, kind=kind)

    def interval(self, low: float, high: float, n: int, kind: str = "mean_interval") -> Cell:
        n = int(n)
        if n < self.k or not (np.isfinite(low) and np.isfinite(high)):
            return _hidden(kind)
        return Cell(value=(float(low), float(high)), n=n, suppressed=False, kind=kind)

    def table(self, rows: Mapping[str, int], total: int) -> dict[str, Cell]:
        return suppress_table(rows, total, k=self.k)


def suppress_table(rows: Mapping[str, int], total: int, k: int = DEFAULT_K) -> dict[str, Cell]:
    """Primary and secondary suppression of the counts of one table with a total.

    See the module docstring for the rule. Keys keep their order.
    """
    if k < MIN_K:
        raise ValueError(f"k = {k} is too small: small-number suppression needs k >= {MIN_K}")
    counts = {key: int(v) for key, v in rows.items()}
    if 0 < total < k:
        return {key: _hidden("count") for key in counts}
    hidden = {key for key, v in counts.items() if 0 < v < k}
    while hidden:
        hidden_sum = sum(counts[key] for key in hidden)
        if len(hidden) >= 2 and hidden_sum >= k:
            break
        candidates = sorted((v, key) for key, v in counts.items() if key not in hidden and v > 0)
        if not candidates:
            break
        hidden.add(candidates[0][1])
    out: dict[str, Cell] = {}
    for key, v in counts.items():
        if key in hidden:
            out[key] = _hidden("count", SMALL if 0 < v < k else SECONDARY)
        else:
            out[key] = Cell(value=v, n=v, suppressed=False, kind="count")
    return out


def published_cells(result: Any) -> list[Cell]:
    """Every shown :class:`Cell` inside a result (dataclasses, lists, tuples, dicts)."""
    found: list[Cell] = []

    def walk(obj: Any) -> None:
        if isinstance(obj, Cell):
            if obj.shown:
                found.append(obj)
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            for f in dataclasses.fields(obj):
                walk(getattr(obj, f.name))
        elif isinstance(obj, Mapping):
            for v in obj.values():
                walk(v)
        elif isinstance(obj, list | tuple | set | frozenset):
            for v in obj:
                walk(v)

    walk(result)
    return found


def unsafe_cells(cells: Iterable[Cell], k: int) -> list[Cell]:
    """Shown cells that rest on fewer than ``k`` people (only a count of 0 may be below k)."""
    bad = []
    for c in cells:
        if c.suppressed:
            continue
        if c.n is None or c.value is None:
            bad.append(c)
        elif c.n == 0 and c.kind == "count":
            continue
        elif c.n < k:
            bad.append(c)
    return bad


def table_leaks(
    cells: Mapping[str, Cell], rows: Mapping[str, int], total: int, k: int
) -> list[str]:
    """Ways a hidden cell of a table could be worked back from its total; empty if none.

    ``rows`` are the true counts behind ``cells``. A reader who knows the total learns
    the sum of the hidden cells; that sum must be 0 or at least k and spread over at
    least two cells.
    """
    if 0 < total < k:
        return [
            f"{key}: shown although the total is below k" for key, c in cells.items() if c.shown
        ]
    hidden = [key for key, c in cells.items() if c.suppressed]
    problems = [
        f"{key}: shown value {c.value} differs from the count {rows[key]}"
        for key, c in cells.items()
        if c.shown and c.value != rows[key]
    ]
    if not hidden:
        return problems
    hidden_sum = total - sum(rows[key] for key, c in cells.items() if c.shown)
    hidden_sum -= total - sum(rows.values())  # a remainder outside the rows is known too
    if len(hidden) == 1:
        problems.append(f"{hidden[0]}: the only hidden cell, recoverable from the total")
    elif 0 < hidden_sum < k:
        problems.append(f"{hidden}: hidden cells sum to {hidden_sum}, fewer than {k}")
    return problems
