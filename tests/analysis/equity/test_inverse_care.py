"""The inverse care view: need set beside experience of services."""

from __future__ import annotations

import pytest

from civicbot_analysis.equity.inverse_care import inverse_care, need_groups
from civicbot_analysis.equity.reference import parse_reference
from civicbot_analysis.rounddata import Answer, Resident
from civicbot_analysis.suppress_checks import published_cells, unsafe_cells
from tests.analysis.equity.factories import people, round_data, scale_question

QUESTIONS = [
    scale_question("person", "treated as a person", ("relational", "respect")),
    scale_question("early", "help came early", ("preventative",)),
    scale_question("together", "services talked to each other", ("joined-up",)),
]


def _answers(residents: list[Resident], levels: dict[str, str]) -> list[Answer]:
    return [Answer(r.id, q, level) for r in residents for q, level in levels.items()]


def test_higher_need_and_worse_experience_is_flagged() -> None:
    disabled = people("d", 60, disability="yes_limited_little", caring="no")
    others = people("o", 140, disability="no", caring="no")
    answers = _answers(disabled[::2], {"person": "1", "early": "0", "together": "1"})
    answers += _answers(disabled[1::2], {"person": "2", "early": "1", "together": "1"})
    answers += _answers(others[::2], {"person": "3", "early": "2", "together": "3"})
    answers += _answers(others[1::2], {"person": "3", "early": "3", "together": "2"})
    result = inverse_care(round_data(disabled + others, answers, QUESTIONS))
    assert result.principles == ["relational", "preventative", "joined-up"]
    disabled_finding = next(f for f in result.findings if f.field == "disability")
    assert disabled_finding.flagged and disabled_finding.overall.significant
    # Overall 0-100: disabled (25+0+25 | 50+25+25)/3 -> 25; others (75+50+75 | 75+75+50)/3 -> 66.7
    assert disabled_finding.overall.group_estimate.value.value == pytest.approx(25.0)
    assert result.sentences()[0].startswith(
        "Higher need, worse experience: Disabled residents rated their experience of "
        "services lower than others (25 vs 67 out of 100), most of all help coming early"
    )
    carers = [f for f in result.findings if f.field == "caring"]
    assert carers == []  # no carers took part
    assert not unsafe_cells(published_cells(result), result.k)


def test_equal_experience_is_not_flagged() -> None:
    carers = people("c", 50, caring="yes")
    others = people("o", 50, caring="no")
    answers = _answers(carers + others, {"person": "2", "early": "3", "together": "2"})
    answers += _answers(carers[:25] + others[:25], {"early": "1"})
    result = inverse_care(round_data(carers + others, answers, QUESTIONS))
    [finding] = result.findings
    assert not finding.flagged and finding.sentence is None


def test_deprived_areas_come_from_the_reference() -> None:
    ref = parse_reference(
        "field,value,share,source,deprived\n"
        "area,eastfield,0.3,local,yes\narea,westfield,0.7,local,no\n"
    )
    east = people("e", 30, area="eastfield")
    west = people("w", 30, area="westfield")
    data = round_data(east + west, [], QUESTIONS)
    [group] = need_groups(data, ref)
    assert group.members == {"eastfield"} and group.label == "Residents of the most deprived areas"
    assert inverse_care(data, ref).findings == []  # no experience answers yet


def test_consistently_lower_without_a_certain_difference_is_flagged() -> None:
    carers = people("c", 10, caring="yes")
    others = people("o", 10, caring="no")
    answers = _answers(carers[::2], {"person": "0", "early": "0", "together": "0"})
    answers += _answers(carers[1::2], {"person": "4", "early": "4", "together": "4"})
    answers += _answers(others[::2], {"person": "1", "early": "1", "together": "1"})
    answers += _answers(others[1::2], {"person": "4", "early": "4", "together": "4"})
    [finding] = inverse_care(round_data(carers + others, answers, QUESTIONS)).findings
    assert not finding.overall.significant
    assert finding.flagged and finding.consistently_lower
    assert finding.sentence is not None
    assert finding.sentence.startswith(
        "Higher need, worse experience: Carers rated their experience of services lower "
        "than others on all 3 principles measured"
    )
