"""How the series report asks the disclosure-control layer for its figures.

Every figure of the series report is a :class:`~civicbot_analysis.suppress.Cell` made by a
:class:`~civicbot_analysis.suppress.Suppressor` built with :meth:`Suppressor.for_round`: counts
are perturbed by the cell-key method (:mod:`civicbot_analysis.disclosure`) with the residents'
record keys and the release key of the round (or, for figures about the whole series, of
everyone in the series), and means and intervals are worked out from perturbed counts by
value only. No figure is published from a raw count.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping

import numpy as np

from civicbot_analysis import disclosure as dc
from civicbot_analysis.suppress import Cell, Suppressor

Z95 = 1.959963984540054


def hidden_rule(k: int) -> str:
    """Which small figures are hidden, in words (a count of exactly k may be too)."""
    return f"{k} or fewer"


def suppressor(resident_ids: Iterable[str], k: int) -> Suppressor:
    """The suppressor of one release (a round, or the whole series)."""
    return Suppressor.for_round(list(resident_ids), k)


def count_of(s: Suppressor, residents: Collection[str], label: str) -> Cell:
    """A protected count of these residents."""
    return s.count_of(residents, label)


def table_of(
    s: Suppressor,
    rows: Mapping[str, Collection[str]],
    label: str,
    inner: Collection[str] | None = None,
) -> dict[str, Cell]:
    """A protected table of residents by row (each resident in one row); ``inner`` names
    rows whose sum is published as well, so their hidden cells are protected on their own."""
    return s.table_of(rows, label=label, inner=inner)


def moments(
    s: Suppressor, by_value: Mapping[float, Collection[str]]
) -> tuple[float, float, float] | None:
    """(mean, variance, n) from the counts of residents by score, each count perturbed by
    the key of the residents in it."""
    if not by_value:
        return None
    order = sorted(by_value)
    values = np.array(order, dtype=np.float64)
    counts = np.array([len(by_value[v]) for v in order], dtype=np.int64)
    keys = None
    if s.release is not None:
        own = np.array([dc.key_sum(by_value[v]) for v in order], dtype=np.int64)
        keys = (own + s.release) % dc.KEY_SPACE
    got = dc.protected_mean(values, counts, keys)
    return None if got is None else (float(got[0]), float(got[1]), float(got[2]))


def mean_with_interval(
    s: Suppressor, by_value: Mapping[float, Collection[str]], people: int
) -> tuple[Cell, Cell, float | None]:
    """A protected mean, its 95% interval and its standard error (None when hidden).

    The interval treats each person as one observation (``people``, fewer than the
    counts' total when a person gave several tagged answers), which widens it to allow
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
