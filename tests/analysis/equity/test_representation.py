"""Who took part against the reference population."""

from __future__ import annotations

import pytest

from analysis.equity.reference import load_reference, parse_reference
from analysis.equity.representation import representation
from analysis.suppress import Suppressor, published_cells, unsafe_cells
from tests.analysis.equity.factories import people, resident, round_data

AGE_REF = parse_reference(
    "field,value,share,source\n"
    "age_band,16-24,0.2,test\nage_band,25-64,0.5,test\nage_band,65+,0.3,test\n"
)


def test_shares_ratios_score_and_plain_sentences() -> None:
    residents = (
        people("y", 10, age_band="16-24")
        + people("m", 60, age_band="25-64")
        + people("o", 30, age_band="65+")
    )
    rep = representation(round_data(residents), AGE_REF)
    age = rep.field("age_band")
    young = age.groups[0]
    assert (young.value, young.count.value, young.share.value) == ("16-24", 10, 0.1)
    assert young.ratio.value == pytest.approx(0.5)
    assert young.under_represented and not age.groups[1].under_represented
    # Participation rates 0.5, 1.2, 1.0: score = 0.5 / 1.2.
    assert age.score.value == pytest.approx(0.5 / 1.2)
    assert age.share_base == "answered"
    assert rep.sentences() == [
        "People aged 16-24 were under-represented: 10% of those who answered, "
        "20% of the population."
    ]


def test_groups_nobody_came_from_are_named() -> None:
    residents = people("m", 70, age_band="25-64") + people("o", 30, age_band="65+")
    age = representation(round_data(residents), AGE_REF).field("age_band")
    assert age.groups[0].count.value == 0
    assert age.sentences() == [
        "People aged 16-24 were under-represented: none took part, 20% of the population."
    ]


def test_small_groups_are_suppressed_but_still_named_when_certain() -> None:
    residents = (
        people("y", 4, age_band="16-24")
        + people("m", 66, age_band="25-64")
        + people("o", 30, age_band="65+")
    )
    age = representation(round_data(residents), AGE_REF).field("age_band")
    young = age.groups[0]
    assert young.count.suppressed and young.share.suppressed and young.ratio.suppressed
    # The lone small cell takes the next smallest (65+) with it.
    assert age.groups[2].count.suppressed
    assert age.score.suppressed
    assert age.sentences()[0] == (
        "People aged 16-24 were under-represented: fewer than 10 took part, 20% of the population."
    )


def test_prefer_not_and_missing_reported_apart() -> None:
    residents = (
        people("a", 40, caring="yes")
        + people("b", 40, caring="no")
        + people("p", 12, caring="prefer_not")
        + people("q", 15)
    )
    caring = representation(round_data(residents), load_reference("england")).field("caring")
    assert caring.prefer_not.value == 12 and caring.not_answered.value == 15
    assert caring.answered.value == 80 and caring.total.value == 107
    assert caring.groups[0].share.value == pytest.approx(0.5)
    assert "Census 2021" in (caring.reference_source or "")


def test_small_prefer_not_switches_the_base_to_everyone() -> None:
    residents = people("a", 50, caring="yes") + people("b", 47, caring="no")
    residents += [resident(f"p{i}", caring="prefer_not") for i in range(3)]
    rep = representation(round_data(residents), load_reference("england"))
    caring = rep.field("caring")
    assert caring.prefer_not.suppressed and caring.answered.suppressed
    assert caring.share_base == "everyone"
    shown = [g for g in caring.groups if g.share.shown]
    assert all(g.share.value == g.count.value / 100 for g in shown)  # type: ignore[operator]
    assert not unsafe_cells(published_cells(rep), 10)


def test_fields_nobody_was_asked_are_left_out_and_k_is_used() -> None:
    residents = people("a", 30, sex="female") + people("b", 7, sex="male")
    rep = representation(round_data(residents), None, Suppressor(5))
    assert [f.field for f in rep.fields] == ["sex"]
    assert rep.field("sex").groups[1].count.value == 7
    assert rep.field("sex").groups[0].reference_share is None
    assert rep.k == 5
