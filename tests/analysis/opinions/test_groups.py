from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from civicbot_analysis.opinions import PolisMath, opinion_groups
from civicbot_analysis.opinions import groups as g
from civicbot_analysis.opinions.matrix import build_vote_matrix
from civicbot_analysis.rounddata import Vote
from tests.analysis.opinions.factories import camps


def test_two_camps_make_two_groups() -> None:
    result = opinion_groups(camps())
    assert result.k == 2
    assert sorted(result.group_sizes) == [30, 30]
    a = {result.groups[f"a{i}"] for i in range(30)}
    b = {result.groups[f"b{i}"] for i in range(30)}
    assert len(a) == 1 and len(b) == 1 and a != b
    assert result.silhouettes[2] == max(result.silhouettes.values())


def test_same_seed_same_result() -> None:
    data = camps(noise=0.2, seed=4)
    math = PolisMath(restarts=5)
    first = opinion_groups(data, seed=3, math=math)
    second = opinion_groups(data, seed=3, math=math)
    assert first.groups == second.groups
    assert first.coords == second.coords


def test_matrix_keeps_latest_vote_and_zeroes_rejected() -> None:
    data = camps(n_a=3, n_b=3)
    data = dataclasses.replace(data, votes=(*data.votes, Vote("a0", "s0", -1)))
    m = build_vote_matrix(data)
    assert m.raw[m.residents.index("a0"), m.statements.index("s0")] == -1
    gone = m.statements.index("gone")
    assert not m.active[gone]
    assert np.all(m.rating()[:, gone] == 0)
    assert "gone" not in m.active_statements()


def test_bad_vote_value_is_refused() -> None:
    data = dataclasses.replace(camps(n_a=2, n_b=2), votes=(Vote("a0", "s0", 2),))
    with pytest.raises(ValueError, match="not 1, -1 or 0"):
        build_vote_matrix(data)


def test_who_counts_follows_polis() -> None:
    # 20 residents with 8 votes, 5 with 2 votes: only the 20 count (>= 15 qualify).
    data = camps(n_a=10, n_b=10)
    extra = tuple(Vote(f"late{i}", f"s{j}", 1) for i in range(5) for j in range(2))
    m = build_vote_matrix(dataclasses.replace(data, votes=data.votes + extra))
    counted = g.in_conversation(m)
    assert counted.sum() == 20
    # With only 6 qualifying residents the most active are added up to 15.
    small = camps(n_a=3, n_b=3)
    m2 = build_vote_matrix(dataclasses.replace(small, votes=small.votes + extra))
    assert g.in_conversation(m2).sum() == 11  # everyone there is


def test_projection_scaled_by_votes_cast() -> None:
    data = camps(n_a=10, n_b=10, noise=0.0)
    # A resident who only voted on s0 is pushed out by sqrt(n_statements / n_votes); as in
    # Pol.is the zeroed rejected column counts as seen by everyone, so n_votes is 2.
    m = build_vote_matrix(dataclasses.replace(data, votes=(*data.votes, Vote("x", "s0", 1))))
    p = g.pca(m)
    pos = g.project(m, p)
    row = m.residents.index("x")
    j = m.statements.index("s0")
    raw = (1 - p.center[j]) * p.comps[:, j]
    assert np.allclose(pos[row], raw * np.sqrt(m.n_statements / 2))


def test_polis_kmeans_starts_from_first_distinct_points() -> None:
    pts = np.array([[0.0, 0.0], [0.0, 0.0], [10.0, 0.0], [0.1, 0.0], [10.1, 0.0]])
    clusters = g.kmeans(pts, 2)
    assert [sorted(c.members) for c in clusters] == [[0, 1, 3], [2, 4]]


def test_silhouette_of_singleton_member_is_zero() -> None:
    pts = np.array([[0.0, 0.0], [1.0, 0.0], [5.0, 0.0]])
    clusters = [
        g.Cluster(0, (0, 1), pts[:2].mean(axis=0)),
        g.Cluster(1, (2,), pts[2]),
    ]
    a0 = (5.0 - 1) / 5.0  # a = 1 to its partner, b = 5 to the other cluster
    a1 = (4.0 - 1) / 4.0
    assert g.silhouette(pts, [0, 1, 2], clusters) == pytest.approx((a0 + a1 + 0) / 3)


def test_k_smoother_waits_for_four_updates() -> None:
    state = g.KState()
    assert state.update(2) == 2
    assert [state.update(3) for _ in range(4)] == [2, 2, 2, 3]


def test_too_few_voters_give_no_groups() -> None:
    data = dataclasses.replace(camps(n_a=1, n_b=0), votes=(Vote("a0", "s0", 1),))
    result = opinion_groups(data)
    assert result.k == 0 and result.groups == {}


def test_hidden_moderated_out_columns_project_as_if_present() -> None:
    # The report reads a Pol.is export without its rejected comments; Pol.is's matrix keeps
    # them as zeroed columns, which count as statements and as votes in the projection.
    data = camps(seed=4)
    full = build_vote_matrix(data)
    gone = [j for j, a in enumerate(full.active) if not a]
    assert len(gone) == 1
    keep = [j for j in range(full.n_statements) if j not in gone]
    rest = dataclasses.replace(
        full,
        statements=tuple(full.statements[j] for j in keep),
        raw=full.raw[:, keep],
        active=full.active[keep],
    )
    want = g.project(full, g.pca(full))
    assert not np.allclose(g.project(rest, g.pca(rest)), want)
    assert np.allclose(g.project(rest, g.pca(rest), hidden=1), want)
