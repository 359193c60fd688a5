"""The statistics behind the equity view: intervals, difference tests, false discovery control.

Every function works on numpy arrays as well as on single numbers, so a report with
thousands of group comparisons costs a handful of vectorised calls. Methods:

- Wilson score interval for a proportion (better than the normal interval near 0 and 1
  and for small groups).
- Two-proportion z test (pooled), with Fisher's exact test where an expected cell count
  is below 5, where the normal approximation is poor.
- Welch's t test from summary statistics (means, variances, sizes): groups of residents
  differ in size and spread, so equal variances are not assumed.
- Benjamini-Hochberg step-up procedure controlling the false discovery rate across all
  the tests of one report.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import stats as sps

FloatArray = npt.NDArray[np.float64]
Z95 = 1.959963984540054  # two-sided 95% normal quantile


def _f(x: Any) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def wilson_interval(successes: Any, n: Any, z: float = Z95) -> tuple[FloatArray, FloatArray]:
    """Wilson score interval (low, high) for ``successes`` out of ``n``; NaN where n == 0."""
    k, nn = _f(successes), _f(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / nn
        z2 = z * z
        centre = (p + z2 / (2 * nn)) / (1 + z2 / nn)
        half = (z / (1 + z2 / nn)) * np.sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn))
    low = np.clip(centre - half, 0.0, 1.0)
    high = np.clip(centre + half, 0.0, 1.0)
    return low, high


def two_proportion_p(k1: Any, n1: Any, k2: Any, n2: Any) -> FloatArray:
    """Two-sided p-value that two proportions are equal.

    The pooled z test is used where every expected cell count of the 2x2 table is at
    least 5; elsewhere Fisher's exact test. NaN where a group is empty.
    """
    a, na, b, nb = _f(k1), _f(n1), _f(k2), _f(n2)
    a, na, b, nb = np.broadcast_arrays(a, na, b, nb)
    out = np.full(a.shape, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (a + b) / (na + nb)
        se = np.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
        z = (a / na - b / nb) / se
        p_z = 2 * sps.norm.sf(np.abs(z))
        expected = np.minimum.reduce(
            [na * pooled, na * (1 - pooled), nb * pooled, nb * (1 - pooled)]
        )
    valid = (na > 0) & (nb > 0)
    # No variation at all (everyone or no one in both groups): no evidence of a difference.
    flat = valid & ((pooled == 0) | (pooled == 1))
    out[flat] = 1.0
    use_z = valid & ~flat & (expected >= 5)
    out[use_z] = p_z[use_z]
    for i in np.flatnonzero(valid & ~flat & (expected < 5)):
        table = [[a.flat[i], na.flat[i] - a.flat[i]], [b.flat[i], nb.flat[i] - b.flat[i]]]
        out.flat[i] = float(sps.fisher_exact(np.asarray(table, dtype=np.int64))[1])
    return out


def welch_t(
    mean1: Any, var1: Any, n1: Any, mean2: Any, var2: Any, n2: Any
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Welch's t test from summary statistics: (t, degrees of freedom, two-sided p).

    ``var`` is the sample variance (ddof=1). NaN where either group has fewer than 2.
    Where both variances are 0 the test is undefined; p is 1 if the means are equal
    and 0 otherwise (a difference with no spread at all).
    """
    m1, v1, c1, m2, v2, c2 = (_f(x) for x in (mean1, var1, n1, mean2, var2, n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        s1, s2 = v1 / c1, v2 / c2
        se2 = s1 + s2
        t = (m1 - m2) / np.sqrt(se2)
        df = se2 * se2 / (s1 * s1 / (c1 - 1) + s2 * s2 / (c2 - 1))
        p = 2 * sps.t.sf(np.abs(t), df)
    p = np.where(se2 == 0, np.where(m1 == m2, 1.0, 0.0), p)
    bad = (c1 < 2) | (c2 < 2)
    return np.where(bad, np.nan, t), np.where(bad, np.nan, df), np.where(bad, np.nan, p)


def mean_interval(
    mean: Any, var: Any, n: Any, level: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """t-based confidence interval for a mean from summary statistics; NaN where n < 2."""
    m, v, c = _f(mean), _f(var), _f(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = sps.t.ppf(0.5 + level / 2, c - 1)
        half = q * np.sqrt(v / c)
    half = np.where(c < 2, np.nan, half)
    return m - half, m + half


def benjamini_hochberg(p_values: Any, q: float = 0.05) -> tuple[npt.NDArray[np.bool_], FloatArray]:
    """Benjamini-Hochberg: (which hypotheses are rejected at FDR ``q``, adjusted p-values).

    NaN p-values are not tests: they are never rejected and do not count towards the
    number of tests.
    """
    p = _f(p_values).ravel()
    adjusted = np.full(p.shape, np.nan)
    rejected = np.zeros(p.shape, dtype=bool)
    idx = np.flatnonzero(~np.isnan(p))
    m = idx.size
    if m == 0:
        return rejected, adjusted
    order = idx[np.argsort(p[idx], kind="stable")]
    ranked = p[order] * m / np.arange(1, m + 1)
    # Step-up: the adjusted value is the running minimum from the largest p downwards.
    adj = np.minimum.accumulate(ranked[::-1])[::-1]
    adjusted[order] = np.minimum(adj, 1.0)
    rejected[order] = adj <= q
    return rejected, adjusted


def cohens_d(mean1: float, var1: float, n1: int, mean2: float, var2: float, n2: float) -> float:
    """Standardised difference of two means (pooled standard deviation); 0 with no spread."""
    pooled = ((n1 - 1) * var1 + (n2 - 1) * var2) / max(n1 + n2 - 2, 1)
    return (mean1 - mean2) / np.sqrt(pooled) if pooled > 0 else 0.0


def cohens_h(p1: float, p2: float) -> float:
    """Standardised difference of two proportions (arcsine transform)."""
    return float(2 * np.arcsin(np.sqrt(p1)) - 2 * np.arcsin(np.sqrt(p2)))


def welch_difference_interval(
    mean1: float, var1: float, n1: int, mean2: float, var2: float, n2: int, level: float = 0.95
) -> tuple[float, float]:
    """Welch interval for the difference of two means (group minus rest)."""
    se2 = var1 / n1 + var2 / n2
    if se2 <= 0:
        return mean1 - mean2, mean1 - mean2
    df = se2 * se2 / ((var1 / n1) ** 2 / (n1 - 1) + (var2 / n2) ** 2 / (n2 - 1))
    half = float(sps.t.ppf(0.5 + level / 2, df)) * np.sqrt(se2)
    return mean1 - mean2 - half, mean1 - mean2 + half


def proportion_difference_interval(
    k1: float, n1: float, k2: float, n2: float, z: float = Z95
) -> tuple[float, float]:
    """Newcombe's hybrid score interval for p1 - p2 (from two Wilson intervals)."""
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = (float(x) for x in wilson_interval(k1, n1, z))
    l2, u2 = (float(x) for x in wilson_interval(k2, n2, z))
    d = p1 - p2
    low = d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return float(low), float(high)


def detectable_effect(n1: float, n2: float, alpha: float = 0.05, power: float = 0.8) -> float:
    """The smallest standardised difference (Cohen's d or h) a two-sided test at ``alpha``
    finds with probability ``power``, for groups of ``n1`` and ``n2`` (normal approximation):
    (z[1 - alpha/2] + z[power]) * sqrt(1/n1 + 1/n2). Infinite where a group is empty."""
    if n1 <= 0 or n2 <= 0:
        return float("inf")
    z = float(sps.norm.ppf(1 - alpha / 2) + sps.norm.ppf(power))
    return z * float(np.sqrt(1 / n1 + 1 / n2))
