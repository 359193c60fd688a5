"""The comparison plan: every planned comparison tested or listed with its reason."""

from __future__ import annotations

import pytest

from civicbot_analysis.equity import differences, inverse_care, scale_outcomes
from civicbot_analysis.equity.plan import comparison_plan
from civicbot_analysis.rounddata import Answer
from tests.analysis.equity.factories import people, round_data, scale_question


def _issue_10_round() -> tuple:
    """Issue #10: respect among residents finding it difficult to manage financially,
    1.72 vs 3.06 out of 5 (n = 18 vs 70). "Prefer not to say" (4) and "not answered" (3)
    hide together fewer than 10, so one more cell must be hidden; the smallest was
    "finding it difficult" (18), and the comparison vanished without a word."""
    hard = people("h", 18, money_worries="finding_it_difficult")
    rest = people("j", 25, money_worries="just_about") + people(
        "c", 38, money_worries="comfortable"
    )
    rest += people("p", 4, money_worries="prefer_not") + people("n", 3)
    hard_scores = [0] * 8 + [1] * 7 + [2] * 3  # options 0-4 score 1-5: mean 1.72
    rest_scores = [1] * 16 + [2] * 34 + [3] * 20  # mean 3.06
    answers = [Answer(r.id, "respect", str(v)) for r, v in zip(hard, hard_scores, strict=True)]
    answers += [Answer(r.id, "respect", str(v)) for r, v in zip(rest, rest_scores, strict=True)]
    q = scale_question("respect", "How often are you treated with respect?", ("respect",))
    return round_data(hard + rest, answers, [q])


def test_issue_10_respect_for_residents_finding_it_difficult_is_tested() -> None:
    data = _issue_10_round()
    outcomes = scale_outcomes(data)
    diffs = differences(data, outcomes, fields=["money_worries"])
    by = {c.group: c for c in diffs.comparisons}
    hard = by["finding_it_difficult"]
    assert hard.shown and hard.significant
    assert hard.group_estimate.value.value == pytest.approx(31 / 18 + 0, abs=0.01)
    assert hard.rest_estimate.value.value == pytest.approx(3.06, abs=0.01)
    assert hard.group_estimate.n.value == 18 and hard.rest_estimate.n.value == 70
    # The complementary cell is taken from another group, and said so.
    assert not by["just_about"].shown and by["just_about"].reason == "secondary"
    plan = comparison_plan(data, outcomes, diffs, None, ["money_worries"])
    rows = {r.group: r for r in plan.entries}
    assert rows["finding_it_difficult"].tested
    assert rows["just_about"].reason == "hidden so that another small number cannot be worked out"
    assert set(rows) == {"finding_it_difficult", "just_about", "comfortable"}


def test_groups_too_small_and_questions_without_groups_are_listed() -> None:
    carers = people("c", 6, caring="yes") + people("o", 60, caring="no")
    disabled = people("d", 40, disability="no")
    residents = carers + disabled
    q = scale_question("early", "Did help come early?", ("preventative",))
    answers = [Answer(r.id, "early", str(i % 5)) for i, r in enumerate(residents)]
    data = round_data(residents, answers, [q])
    outcomes = scale_outcomes(data)
    fields = ["caring", "disability"]
    diffs = differences(data, outcomes, fields=fields)
    care = inverse_care(data)
    plan = comparison_plan(data, outcomes, diffs, care, fields)
    reasons = {(r.part, r.field, r.group, r.outcome_id): r.reason for r in plan.entries}
    assert reasons[("differences", "caring", "yes", "early")] == (
        "group too small: fewer than 10 residents in it answered"
    )
    assert reasons[("differences", "disability", "", "early")].startswith("no groups to compare")
    # Inverse care: carers too few; no disabled resident took part; both still planned.
    assert reasons[("inverse care", "caring", "yes", "overall")].startswith("group too small")
    assert reasons[("inverse care", "disability", "yes", "overall")] == (
        "no resident in this group took part"
    )
    assert all(r.tested or r.reason for r in plan.entries)
