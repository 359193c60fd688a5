"""How the series report asks the disclosure-control layer for its figures.

Every figure of the series report is a :class:`~analysis.suppress.Cell` made by a
:class:`~analysis.suppress.Suppressor`; no figure is published from a raw count. Where
:mod:`analysis.disclosure` (the cell-key method) is present, counts are perturbed with
the residents' record keys and the release key of the round (or, for figures about the
whole series, of everyone in the series), and means and intervals are worked out from
perturbed counts by value only. Without it the same calls give exact figures under the
same small-number rules; this indirection exists only while the two land separately.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Collection, Iterable, Mapping
from typing import Any

import numpy as np

from analysis.suppress import Cell, Suppressor

Z95 = 1.959963984540054


def _disclosure() -> Any:
    try:
        return importlib.import_module("analysis.disclosure")
    except ImportError:  # pragma: no cover - before the cell-key method landed
        return None


DC = _disclosure()


def hidden_rule(k: int) -> str:
    """Which small figures are hidden, in words: with the cell-key method a count of
    exactly k may be hidden too."""
    return f"{k} or fewer" if DC is not None else f"fewer than {k}"


def suppressor(resident_ids: Iterable[str], k: int) -> Suppressor:
    """The suppressor of one release (a round, or the whole series): cell-key protected."""
    make = getattr(Suppressor, "for_round", None)
    return make(list(resident_ids), k) if make is not None else Suppressor(k)


def key_sum(resident_ids: Iterable[str]) -> int | None:
    return int(DC.key_sum(resident_ids)) if DC is not None else None


def count_of(s: Suppressor, residents: Collection[str], label: str) -> Cell:
    """A protected count of these residents."""
    own = getattr(s, "count_of", None)
    return own(residents, label) if own is not None else s.count(len(residents))


def table_of(s: Suppressor, rows: Mapping[str, Collection[str]], label: str) -> dict[str, Cell]:
    """A protected table of residents by row (each resident in one row)."""
    own = getattr(s, "table_of", None)
    if own is not None:
        result: dict[str, Cell] = own(rows, label=label)
        return result
    counts = {key: len(who) for key, who in rows.items()}
    return s.table(counts, sum(counts.values()))


def moments(
    s: Suppressor, by_value: Mapping[float, Collection[str]]
) -> tuple[float, float, float] | None:
    """(mean, variance, n) of answers from their counts by value, each count perturbed by
    the key of the residents who gave it (answers, not residents, are counted)."""
    if not by_value:
        return None
    values = np.array(sorted(by_value), dtype=np.float64)
    counts = np.array([len(by_value[v]) for v in sorted(by_value)], dtype=np.int64)
    release = getattr(s, "release", None)
    if DC is not None and release is not None:
        keys = np.array([DC.key_sum(by_value[v]) for v in sorted(by_value)], dtype=np.int64)
        got = DC.protected_mean(values, counts, (keys + release) % DC.KEY_SPACE)
        return None if got is None else (float(got[0]), float(got[1]), float(got[2]))
    n = float(counts.sum())
    if n < 2:
        return None
    mean = float(np.dot(values, counts) / n)
    var = float(np.dot(counts, (values - mean) ** 2) / (n - 1))
    return mean, var, n


def mean_with_interval(
    s: Suppressor, by_value: Mapping[float, Collection[str]], people: int
) -> tuple[Cell, Cell, float | None]:
    """A protected mean, its 95% interval and its standard error (None when hidden).

    The interval treats each person as one observation (``people``, fewer than the
    answers when a person answered several tagged questions), which widens it to allow
    for one person's answers hanging together.
    """
    got = moments(s, by_value)
    if got is None or people < 2:
        return s.summary(float("nan"), people), s.interval(0.0, 0.0, 0), None
    mean, var, _ = got
    se = math.sqrt(max(var, 0.0) / people)
    mean_cell = s.summary(mean, people)
    if mean_cell.suppressed:
        return mean_cell, s.interval(0.0, 0.0, 0), None
    low, high = max(0.0, mean - Z95 * se), min(100.0, mean + Z95 * se)
    return mean_cell, s.interval(low, high, people), se
