"""The tests behind every difference the report states, against scipy done by hand: the
pooled z test where every expected cell is at least 5 and Fisher's exact test elsewhere
(including tables where a group almost always says yes), and Welch's t at its edges."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.stats as sps

from civicbot_analysis.equity.differences import ScaleOutcome, differences
from civicbot_analysis.equity.stats import two_proportion_p, welch_t
from tests.analysis.equity.factories import people, round_data


def _z(a: int, na: int, b: int, nb: int) -> float:
    pooled = (a + b) / (na + nb)
    se = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    return float(2 * sps.norm.sf(abs(a / na - b / nb) / se))


def _fisher(a: int, na: int, b: int, nb: int) -> float:
    return float(sps.fisher_exact([[a, na - a], [b, nb - b]])[1])


@pytest.mark.parametrize(
    ("table", "test"),
    [
        ((2, 20, 8, 20), "z"),  # smallest expected cell 20 x 0.25 = 5
        ((1, 20, 5, 20), "fisher"),  # 20 x 0.15 = 3: few say yes
        ((19, 20, 15, 20), "fisher"),  # 20 x (1 - 0.85) = 3: few say no
        ((30, 40, 20, 40), "z"),
        ((3, 12, 9, 60), "fisher"),
    ],
)
def test_z_or_fisher_by_expected_counts(table: tuple[int, int, int, int], test: str) -> None:
    (p,) = two_proportion_p(*(np.array([x]) for x in table))
    expected = _z(*table) if test == "z" else _fisher(*table)
    assert p == pytest.approx(expected, rel=1e-9)
    other = _fisher(*table) if test == "z" else _z(*table)
    assert abs(p - other) > 1e-6  # the two tests differ here, so the choice is checked


def test_welch_t_edges() -> None:
    _, _, p = welch_t(
        [2.0, 2.0, 2.0], [0.0, 0.0, 1.0], [5, 5, 1], [2.0, 3.0, 2.0], [0, 0, 1], [5, 5, 5]
    )
    assert p[0] == 1.0 and p[1] == 0.0 and math.isnan(p[2])


def test_scale_difference_under_one_point_is_worded_and_strangers_are_ignored() -> None:
    carers, others = people("c", 60, caring="yes"), people("o", 60, caring="no")
    scores = {r.id: 2.0 for r in carers} | {r.id: 2.5 + (i % 2) * 0.2 for i, r in enumerate(others)}
    # Scores from people who are not residents of the round count for no group.
    scores |= {f"stranger{i}": 5.0 for i in range(60)}
    outcome = ScaleOutcome("early", "help came early", scores, 5.0)
    result = differences(round_data(carers + others), [outcome], fields=["caring"])
    assert result.sentences() == [
        "Carers rated “help came early” lower than others (2.0 vs 2.6 out of 5)."
    ]
