from __future__ import annotations

import numpy as np
import pytest

from civicbot_analysis.opinions import opinion_groups
from civicbot_analysis.opinions.repness import (
    consensus,
    divisive,
    prop_test,
    representative,
    two_prop_test,
)
from tests.analysis.opinions.factories import camps


def test_polis_tests_match_hand_values() -> None:
    # prop-test: 2 sqrt(n+1) ((succ+1)/(n+1) - 0.5)
    assert prop_test(8, 10) == pytest.approx(2 * np.sqrt(11) * (9 / 11 - 0.5))
    # two-prop-test with +1 on every count
    pi1, pi2, hat = 9 / 11, 3 / 11, 12 / 22
    z = (pi1 - pi2) / np.sqrt(hat * (1 - hat) * (2 / 11))
    assert two_prop_test(8, 2, 10, 10) == pytest.approx(z)
    assert two_prop_test(10, 10, 10, 10) == 0.0


def test_representative_statements_are_the_planted_ones() -> None:
    result = opinion_groups(camps())
    group_a = result.groups["a0"]
    reps = result.representative[group_a]
    assert 1 <= len(reps) <= 5
    for r in reps:
        j = int(r.statement[1:])
        assert r.direction == ("agree" if j < 5 else "disagree")
    # Agrees come before disagrees, as in Pol.is.
    directions = [r.direction for r in reps]
    assert directions == sorted(directions)
    assert "common" not in {r.statement for g in result.representative for r in g}


def test_rejected_statement_never_shown() -> None:
    result = opinion_groups(camps())
    shown = {r.statement for g in result.representative for r in g}
    shown |= {c.statement for c in result.common_ground}
    shown |= {d.statement for d in result.divisive}
    assert "gone" not in shown


def test_common_ground_needs_enough_votes() -> None:
    result = opinion_groups(camps())
    common = {c.statement for c in result.common_ground}
    assert "common" in common
    assert "few" not in common  # 10 votes, all agreeing, but under 20
    lenient = opinion_groups(camps(), min_votes=5)
    assert "few" in {c.statement for c in lenient.common_ground}


def test_divisive_statements_split_the_groups() -> None:
    result = opinion_groups(camps())
    split = {d.statement for d in result.divisive}
    assert split and split <= {f"s{j}" for j in range(10)}
    assert all(d.spread >= 0.3 for d in result.divisive)


def test_functions_on_a_bare_matrix() -> None:
    # 6 residents in two groups, one statement splits them, one unites them.
    votes = np.array([[1, 1], [1, 1], [1, 1], [-1, 1], [-1, 1], [-1, np.nan]], dtype=float)
    members = [[0, 1, 2], [3, 4, 5]]
    reps = representative(votes, ["split", "unite"], members)
    assert reps[0][0].statement == "split" and reps[0][0].direction == "agree"
    assert consensus(votes, ["split", "unite"], members, min_votes=20) == []
    assert [c.statement for c in consensus(votes, ["split", "unite"], members, min_votes=5)] == [
        "unite"
    ]
    assert (
        divisive(votes, ["split", "unite"], members, min_votes=5, min_group_votes=2)[0].statement
        == "split"
    )
