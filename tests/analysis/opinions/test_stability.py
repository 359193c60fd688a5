"""The stability figure: how many residents keep their group across reruns."""

from __future__ import annotations

from pathlib import Path

import jinja2
import numpy as np

from civicbot_analysis.opinions import opinion_groups
from civicbot_analysis.opinions.stability import compare, matched
from civicbot_analysis.opinions.view import opinions_view
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
