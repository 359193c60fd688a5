"""Checks that published figures keep the small-number rule: walk a result for its cells,
find shown cells resting on fewer than k people or hidden ones with no stated reason, and
find ways a hidden cell of a table could be worked back from its total. Used by the tests
and benchmarks that hold the report, ``/stats`` and the series to
:mod:`civicbot_analysis.suppress`'s promise; nothing here changes a figure."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from civicbot_analysis.suppress import SECONDARY, SMALL, Cell


def published_cells(result: Any, shown: bool = True) -> list[Cell]:
    """Every shown :class:`Cell` inside a result (dataclasses, lists, tuples, dicts); with
    ``shown=False``, every hidden one instead."""
    found: list[Cell] = []

    def walk(obj: Any) -> None:
        if isinstance(obj, Cell):
            if obj.shown == shown:
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


def unexplained_cells(result: Any) -> list[Cell]:
    """Hidden cells inside a result that do not say why they are hidden."""
    return [c for c in published_cells(result, shown=False) if c.reason not in (SMALL, SECONDARY)]


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
    cells: Mapping[str, Cell], rows: Mapping[str, int], total: int, k: int, noise: int = 0
) -> list[str]:
    """Ways a hidden cell of a table could be worked back from its total; empty if none.

    ``rows`` are the true counts behind ``cells``. A reader who knows the total learns
    the sum of the hidden cells; that sum must be 0 or at least k and spread over at
    least two cells. A shown value may differ from its count by at most ``noise`` (the
    cell-key method's :data:`civicbot_analysis.disclosure.MAX_NOISE` for protected tables).
    """
    if 0 < total < k:
        return [
            f"{key}: shown although the total is below k" for key, c in cells.items() if c.shown
        ]
    hidden = [key for key, c in cells.items() if c.suppressed]
    problems = [
        f"{key}: shown value {c.value} differs from the count {rows[key]}"
        for key, c in cells.items()
        if c.shown and isinstance(c.value, int | float) and abs(c.value - rows[key]) > noise
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
