"""Intervals for a difference, against published and independent figures: Newcombe's own
worked example for the hybrid score interval, and scipy's Welch t interval."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.stats as sps

from civicbot_analysis.equity.stats import proportion_difference_interval, welch_difference_interval


def test_newcombe_worked_example() -> None:
    # Newcombe (1998), Statistics in Medicine 17:873-890, example (a): 56/70 vs 48/80,
    # method 10 (score interval hybrid): 0.0524 to 0.3339.
    low, high = proportion_difference_interval(56, 70, 48, 80)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)


def test_welch_interval_matches_scipy() -> None:
    rng = np.random.default_rng(3)
    a, b = rng.normal(3.0, 1.0, 25), rng.normal(2.4, 2.0, 60)
    expected = sps.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    low, high = welch_difference_interval(
        float(a.mean()), float(a.var(ddof=1)), len(a), float(b.mean()), float(b.var(ddof=1)), len(b)
    )
    assert (low, high) == pytest.approx((expected.low, expected.high), rel=1e-9)
    assert welch_difference_interval(2.0, 0.0, 5, 1.5, 0.0, 5) == (0.5, 0.5)
