"""The statistics, checked against scipy's reference implementations and known values."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from civicbot_analysis.equity.stats import (
    benjamini_hochberg,
    mean_interval,
    two_proportion_p,
    welch_t,
    wilson_interval,
)


def test_wilson_interval_known_values() -> None:
    low, high = wilson_interval(0, 10)
    assert low == pytest.approx(0.0) and high == pytest.approx(0.2775, abs=1e-4)
    low, high = wilson_interval([50], [100])
    assert low[0] == pytest.approx(0.4038, abs=1e-4) and high[0] == pytest.approx(0.5962, abs=1e-4)
    low, high = wilson_interval(3, 0)
    assert np.isnan(low) and np.isnan(high)


def test_wilson_matches_scipy_binomtest() -> None:
    ci = sps.binomtest(17, 60).proportion_ci(method="wilson")
    low, high = wilson_interval(17, 60)
    assert (float(low), float(high)) == pytest.approx((ci.low, ci.high), abs=1e-9)


def test_two_proportion_z_matches_chi_square() -> None:
    table = np.array([[40, 60], [60, 40]])
    chi2 = sps.chi2_contingency(table, correction=False)
    assert float(two_proportion_p(40, 100, 60, 100)) == pytest.approx(chi2.pvalue)


def test_two_proportion_uses_fisher_for_small_counts() -> None:
    expected = sps.fisher_exact([[1, 9], [8, 2]]).pvalue
    assert float(two_proportion_p(1, 10, 8, 10)) == pytest.approx(expected)


def test_two_proportion_vectorised_and_edge_cases() -> None:
    p = two_proportion_p([40, 0, 5], [100, 50, 0], [60, 0, 1], [100, 50, 10])
    assert p[1] == 1.0 and np.isnan(p[2])


def test_welch_matches_scipy() -> None:
    rng = np.random.default_rng(1)
    a, b = rng.normal(2.0, 1.0, 40), rng.normal(2.6, 1.7, 25)
    t, _df, p = welch_t(a.mean(), a.var(ddof=1), a.size, b.mean(), b.var(ddof=1), b.size)
    ref = sps.ttest_ind(a, b, equal_var=False)
    assert float(t) == pytest.approx(ref.statistic) and float(p) == pytest.approx(ref.pvalue)
    assert np.isnan(welch_t(1.0, 1.0, 1, 2.0, 1.0, 10)[2])


def test_mean_interval_matches_scipy() -> None:
    a = np.array([1.0, 2.0, 4.0, 4.0, 5.0, 3.0])
    low, high = mean_interval(a.mean(), a.var(ddof=1), a.size)
    ref = sps.t.interval(0.95, a.size - 1, loc=a.mean(), scale=sps.sem(a))
    assert (float(low), float(high)) == pytest.approx(ref)


def test_benjamini_hochberg() -> None:
    p = [0.01, 0.04, 0.03, 0.005, np.nan, 0.5]
    rejected, adjusted = benjamini_hochberg(p, 0.05)
    # m = 5 tests: sorted 0.005, 0.01, 0.03, 0.04, 0.5 -> 0.025, 0.025, 0.05, 0.05, 0.5
    assert list(rejected) == [True, True, True, True, False, False]
    assert adjusted[:4] == pytest.approx([0.025, 0.05, 0.05, 0.025])
    assert np.isnan(adjusted[4])
    assert not benjamini_hochberg([0.02, 0.04, 0.9], 0.05)[0].any()
    assert benjamini_hochberg([], 0.05)[0].size == 0
