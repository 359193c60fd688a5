"""The stability figure: how many residents keep their group across reruns."""

from __future__ import annotations

from pathlib import Path

import jinja2
import numpy as np

from civicbot_analysis.opinions import opinion_groups
from civicbot_analysis.opinions.matrix import build_vote_matrix
from civicbot_analysis.opinions.replay import Era
from civicbot_analysis.opinions.stability import (
    CADENCES,
    ORDERS,
    cadence_runs,
    compare,
    compare_kinds,
    matched,
)
from civicbot_analysis.opinions.view import FIRM, opinions_view
from civicbot_analysis.rounddata import Resident, RoundData, Statement, Vote
from tests.analysis.opinions.factories import camps

TEMPLATES = Path(__file__).resolve().parents[3] / "analysis" / "templates"


def test_matched_renames_groups_by_overlap() -> None:
    ref = np.array([0, 0, 0, 1, 1, 2, 2, -1])
    other = np.array([2, 2, 2, 0, 0, 1, 0, 1])
    assert list(matched(ref, other)) == [0, 0, 0, 1, 1, 2, 1, 2]
    # A run with more groups: the extra group has no partner.
    more = np.array([0, 0, 3, 1, 1, 2, 2, 0])
    assert list(matched(ref, more)) == [0, 0, -2, 1, 1, 2, 2, 0]


def test_compare_counts_residents_stable_in_every_run() -> None:
    ref = np.array([0] * 6 + [1] * 4 + [-1])
    same = ref.copy()
    moved = ref.copy()
    moved[0] = 1  # one resident moves
    split = np.array([0] * 3 + [2] * 3 + [1] * 4 + [-1])  # a third group appears
    st = compare(ref, [same, moved])
    assert st.share_stable == 0.9 and st.same_k == 1.0 and st.runs == 2
    assert st.by_group == (5 / 6, 1.0)
    st = compare(ref, [same, moved, split])
    assert st.share_stable == 0.6 and st.same_k == 2 / 3


def test_clear_camps_are_stable_and_said_to_be() -> None:
    data = camps()
    result = opinion_groups(data)
    assert result.stability is not None
    assert result.stability.share_stable == 1.0 and result.stability.same_k == 1.0
    view = opinions_view(result, data)
    assert view.stability is not None and view.stability.firm


def _noise(n: int = 80, m: int = 12, seed: int = 2) -> RoundData:
    rng = np.random.default_rng(seed)
    residents = tuple(Resident(id=f"r{i}") for i in range(n))
    statements = tuple(Statement(f"s{j}", f"Statement {j}", moderated=1) for j in range(m))
    votes = tuple(
        Vote(r.id, s.id, int(rng.choice([-1, 0, 1]))) for r in residents for s in statements
    )
    return RoundData(
        round_id="noise",
        title="noise",
        questions=(),
        residents=residents,
        answers=(),
        statements=statements,
        votes=votes,
    )


def test_groups_in_noise_are_flagged_as_unstable() -> None:
    data = _noise()
    result = opinion_groups(data)
    assert result.k >= 2 and result.stability is not None
    assert result.stability.share_stable < 0.9
    view = opinions_view(result, data)
    assert view.stability is not None and not view.stability.firm
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    html = env.get_template("_partials/opinions.html").render(opinions=view)
    assert "How firm these groups are" in html and "not a fixed fact" in html
    share = round(result.stability.share_stable * 100)
    assert f"{share}% of grouped residents stayed in the same group" in html


def test_stability_can_be_turned_off() -> None:
    assert opinion_groups(camps(), stability_orders=0).stability is None


def test_firm_camps_hold_across_restarts_and_cadences() -> None:
    """Planted firm case: every rerun from another start and every replay of the votes' history
    at 4, 8 and 16 updates finds the same two camps."""
    result = opinion_groups(camps(40, 40))
    st = result.stability
    assert st is not None
    assert (st.restarts, st.cadences, st.runs) == (ORDERS, len(CADENCES), ORDERS + len(CADENCES))
    assert st.share_restarts == 1.0 and st.share_cadences == 1.0 and st.share_stable == 1.0


def _late_third_camp() -> RoundData:
    """Camps A and B vote first; a clear third camp C arrives only in the last third of votes.
    Each camp agrees with its own 8 statements and disagrees with the other 16 (10% flipped)."""
    rng = np.random.default_rng(4)
    statements = tuple(Statement(f"s{j}", f"Statement {j}", moderated=1) for j in range(24))
    residents = [f"{camp}{i}" for camp in "abc" for i in range(50)]
    votes = []
    for r in residents:
        own = "abc".index(r[0])
        for j in range(24):
            v = 1 if j // 8 == own else -1
            votes.append(Vote(r, f"s{j}", -v if rng.random() < 0.1 else v))
    return RoundData(
        round_id="late",
        title="late",
        questions=(),
        residents=tuple(Resident(id=r) for r in residents),
        answers=(),
        statements=statements,
        votes=tuple(votes),
    )


def test_a_late_camp_is_firm_on_restarts_but_not_across_cadences() -> None:
    """Planted not-firm case that restarts alone miss: from the final votes every start finds
    three camps, but Pol.is's history (its k changes only after winning 4 updates running)
    shows two when the third camp arrives within the last few updates."""
    data = _late_third_camp()
    result = opinion_groups(data)
    st = result.stability
    assert result.k == 3 and st is not None
    assert st.share_restarts == 1.0
    assert st.share_cadences is not None and st.share_cadences < FIRM
    assert st.share_stable < FIRM
    view = opinions_view(result, data)
    assert view.stability is not None and not view.stability.firm
    html = _render(view)
    assert "replayed 3 times as if the votes had been counted at other update rates" in html
    assert "not a fixed fact" in html


def test_compare_kinds_keeps_each_kind_apart() -> None:
    ref = np.array([0] * 5 + [1] * 5)
    moved = ref.copy()
    moved[0] = 1
    st = compare_kinds(ref, [ref, ref], [moved])
    assert (st.restarts, st.cadences, st.runs) == (2, 1, 3)
    assert st.share_restarts == 1.0 and st.share_cadences == 0.9 and st.share_stable == 0.9


def test_cadence_runs_leave_residents_ungrouped_as_the_rule_says() -> None:
    data = camps()
    matrix = build_vote_matrix(data)
    row = {r: i for i, r in enumerate(matrix.residents)}
    col = {c: j for j, c in enumerate(matrix.statements)}
    arrivals = [(row[v.resident], col[v.statement]) for v in data.votes]
    runs = cadence_runs(matrix, arrivals, Era(), cadences=(1, 4))
    assert len(runs) == 2
    for labels in runs:
        assert len(labels) == matrix.n_residents and set(labels.tolist()) == {0, 1}
    assert cadence_runs(matrix, [], Era()) == []


def _render(view: object) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return " ".join(env.get_template("_partials/opinions.html").render(opinions=view).split())
