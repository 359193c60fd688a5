"""Estimates a report publishes (a share or mean score, its interval, the group size),
worked out from counts protected by the cell-key method (:mod:`civicbot_analysis.disclosure`).

:func:`share_estimate` takes the protected count with an outcome over the protected count
asked; :func:`mean_estimate` reads a mean and its variance from the protected counts of
each score (a continuous score is first put in twentieths of its scale by
:func:`score_bins`). With a bare :class:`~civicbot_analysis.suppress.Suppressor` (no release key)
the figures are the exact ones, for the statistics' own tests. The tests, effects and
intervals of a comparison use the same published inputs (:func:`share_inputs`,
:func:`moments`), so nothing about a comparison is computed from raw counts. A hidden
estimate says why:
``small`` (too few people) or ``secondary`` (hidden so that a hidden cell of one of its
tables, or the other side's small figure, stays hidden).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from civicbot_analysis import disclosure as dc
from civicbot_analysis.equity.stats import mean_interval, wilson_interval
from civicbot_analysis.suppress import SECONDARY, SMALL, Cell, Suppressor


@dataclass(frozen=True, slots=True)
class Estimate:
    """A share (binary outcome) or mean score, its 95% interval, and the group size."""

    value: Cell
    interval: Cell
    n: Cell


def hidden_estimate(kind: str, reason: str = SMALL) -> Estimate:
    """A hidden estimate: ``small`` (too few people) or ``secondary`` (hidden so that a
    hidden cell of one of its tables, or the other side's small figure, stays hidden)."""
    return Estimate(
        value=Cell(None, None, True, kind, reason),
        interval=Cell(None, None, True, f"{kind}_interval", reason),
        n=Cell(None, None, True, "count", reason),
    )


def share_estimate(
    s: Suppressor,
    with_: int,
    asked: int,
    show: bool,
    with_key: int,
    asked_key: int,
    reason: str = SECONDARY,
) -> Estimate:
    """A share, its Wilson interval and ``n``, all from protected counts; hidden for
    ``reason`` when ``show`` is false."""
    value = s.share(with_, asked, with_key, asked_key)
    if not show:
        return hidden_estimate("share", reason)
    if value.suppressed:
        return hidden_estimate("share", value.reason)
    top, base = share_inputs(s, with_, asked, with_key, asked_key)
    low, high = wilson_interval(top, base)
    return Estimate(
        value,
        s.interval(float(low), float(high), asked, "share_interval"),
        s.count(asked, asked_key),
    )


def mean_estimate(
    s: Suppressor,
    bins: npt.NDArray[np.float64],
    counts: npt.NDArray[np.int64],
    keys: npt.NDArray[np.float64],
    show: bool,
    raw: tuple[float, float],
    reason: str = SECONDARY,
) -> Estimate:
    """A mean score, its t interval and ``n``, from protected counts by score."""
    n = int(counts.sum())
    if not show:
        return hidden_estimate("mean", reason)
    if n < s.k:
        return hidden_estimate("mean", SMALL)
    got = moments(s, bins, counts, keys, raw)
    if got is None:
        return hidden_estimate("mean")
    mean, var, n_protected = got
    low, high = mean_interval(mean, var, n_protected)
    return Estimate(
        s.summary(mean, n),
        s.interval(float(low), float(high), n, "mean_interval"),
        s.count(n, int(keys.sum()) % dc.KEY_SPACE),
    )


def moments(
    s: Suppressor,
    bins: npt.NDArray[np.float64],
    counts: npt.NDArray[np.int64],
    keys: npt.NDArray[np.float64],
    raw: tuple[float, float],
) -> tuple[float, float, float] | None:
    """(mean, sample variance, n) of a score as published: from the protected counts of
    each score, or from the raw sums (score, squared score) when not perturbing."""
    n = int(counts.sum())
    if n < 2:
        return None
    if s.release is None:  # exact figures (the statistics' unit tests): raw sums
        return raw[0] / n, max(raw[1] - raw[0] ** 2 / n, 0.0) / (n - 1), float(n)
    full = (keys.astype(np.int64) + s.release) % dc.KEY_SPACE
    return dc.protected_mean(bins, counts, full)


def share_inputs(
    s: Suppressor, with_: int, asked: int, with_key: int, asked_key: int
) -> tuple[int, int]:
    """(with, asked) as published: the protected counts a shown share is worked out from."""
    base = s.protected(asked, asked_key)
    if with_ == asked:
        return base, base
    top = 0 if with_ == 0 else s.protected(with_, with_key)
    return min(top, base), base


SCORE_BINS = 20  # a continuous score is published from counts in twentieths of its scale


def score_bins(
    scores: npt.NDArray[np.float64], max_score: float
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Each score's bin and the bins' values: whole scores as they are, others rounded to
    the nearest twentieth of ``max_score``."""
    if scores.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(1)
    if np.all(scores == np.round(scores)):
        low = int(scores.min())
        values = np.arange(low, int(scores.max()) + 1, dtype=np.float64)
        return (scores - low).astype(np.int64), values
    step = max_score / SCORE_BINS
    index = np.clip(np.round(scores / step), 0, SCORE_BINS).astype(np.int64)
    return index, np.arange(SCORE_BINS + 1, dtype=np.float64) * step
