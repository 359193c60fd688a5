"""Who took part against the reference population."""

from __future__ import annotations

import pytest

from civicbot_analysis.equity.reference import parse_reference
from civicbot_analysis.equity.reference_select import load_reference
from civicbot_analysis.equity.representation import representation
from civicbot_analysis.suppress import Suppressor
from civicbot_analysis.suppress_checks import published_cells, unsafe_cells
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
        "People aged 16-24 were under-represented: none took part, 20% of the population.",
        "People aged 25-64 were over-represented: 70% of those who answered, "
        "50% of the population.",
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
        "People aged 16-24 were under-represented: 10 or fewer took part, 20% of the population."
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


def test_small_prefer_not_keeps_the_base_of_those_who_answered() -> None:
    residents = people("a", 50, caring="yes") + people("b", 47, caring="no")
    residents += [resident(f"p{i}", caring="prefer_not") for i in range(3)]
    rep = representation(round_data(residents), load_reference("england"))
    caring = rep.field("caring")
    assert caring.prefer_not.suppressed and caring.answered.value == 97
    assert caring.share_base == "answered"
    assert [g.share.value for g in caring.groups] == [50 / 97, 47 / 97]
    assert not unsafe_cells(published_cells(rep), 10)


def test_issue_10_forty_residents_white_is_not_called_under_represented() -> None:
    """31 of 40 answered ethnicity, 25 of them White: 81% of those who answered, as in the
    population (81%). The old rule took 25 / 40 = 62% and flagged White residents."""
    residents = people("w", 25, ethnicity="white") + people("a", 4, ethnicity="asian")
    residents += people("b", 2, ethnicity="black") + people("p", 3, ethnicity="prefer_not")
    residents += people("n", 6)
    rep = representation(round_data(residents), load_reference("england"))
    ethnicity = rep.field("ethnicity")
    assert ethnicity.answered.value == 31
    assert not any("White" in line for line in rep.sentences())
    white = next(g for g in ethnicity.groups if g.value == "white")
    assert not white.under_represented
    assert white.share.suppressed or white.share.value == pytest.approx(25 / 31)
    # Nobody is hidden behind the small "prefer not" cell: it is reported beside the shares.
    assert ethnicity.prefer_not.suppressed and ethnicity.not_answered.suppressed


def test_issue_10_carers_share_is_of_those_who_answered() -> None:
    """/stats mid-round: many have not reached the question yet; the share is of those who
    answered it (81%), not of everyone who started (61%)."""
    residents = people("c", 12, caring="yes") + people("n", 50, caring="no")
    residents += people("x", 20)
    rep = representation(round_data(residents), load_reference("england"))
    carers, others = rep.field("caring").groups
    assert others.share.value == pytest.approx(50 / 62)  # 81%, not 50 / 82 = 61%
    assert carers.share.value == pytest.approx(12 / 62)
    assert carers.over_represented and not others.under_represented


def test_over_representation_is_named() -> None:
    residents = people("m", 70, sex="male") + people("f", 30, sex="female")
    rep = representation(round_data(residents), load_reference("england"))
    sex = rep.field("sex")
    assert sex.groups[1].over_represented
    assert any(line.startswith("Men were over-represented: 70%") for line in rep.sentences())
    assert any(line.startswith("Women were under-represented: 30%") for line in rep.sentences())
    assert [line[:34] for line in rep.under_sentences()] == ["Women were under-represented: 30% "]


def test_fields_nobody_was_asked_are_left_out_and_k_is_used() -> None:
    residents = people("a", 30, sex="female") + people("b", 7, sex="male")
    rep = representation(round_data(residents), None, Suppressor(5))
    assert [f.field for f in rep.fields] == ["sex"]
    assert rep.field("sex").groups[1].count.value == 7
    assert rep.field("sex").groups[0].reference_share is None
    assert rep.k == 5
