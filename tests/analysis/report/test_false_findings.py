"""The report publishes a difference between groups only when it holds after the false
discovery rate control (Benjamini-Hochberg) across every comparison of the report.

With one comparison the raw p-value and the adjusted decision agree, so a report that
decided by raw p-values would pass every single-comparison test. Here the report makes
twelve tests: a clear difference (which must be published) and a weak one at p = 0.034
(39% vs 52%) that is below 0.05 on its own but not once the twelve comparisons are
allowed for. Deciding by raw p-values would publish it as a finding; it must not appear.
"""

from __future__ import annotations

from functools import cache

import pytest

from civicbot_analysis.equity.differences import choice_outcomes, differences
from civicbot_analysis.report import build_report, render
from civicbot_analysis.report.model import Report
from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData

YES_NO = (("yes", "Yes"), ("no", "No"))
WEAK = "Were you treated as a person?"  # 39% vs 52%: p = 0.034 alone, not after BH
STRONG = "Did help come too late?"  # 60% vs 20%: clear however many tests
FALSE_FINDING = f"less likely than others to answer “Yes” to “{WEAK}”"
TRUE_FINDING = f"more likely than others to answer “Yes” to “{STRONG}”"


@cache
def round_with_many_comparisons() -> RoundData:
    disabled = [Resident(f"d{i:03d}", demographics={"disability": "yes_limited_lot"})
                for i in range(100)]  # fmt: skip
    others = [Resident(f"n{i:03d}", demographics={"disability": "no"}) for i in range(200)]
    questions = [Question("treated", "yes_no", WEAK, options=YES_NO),
                 Question("late", "yes_no", STRONG, options=YES_NO)]  # fmt: skip
    answers = [Answer(r.id, "treated", "yes" if i < 39 else "no") for i, r in enumerate(disabled)]
    answers += [Answer(r.id, "treated", "yes" if i < 104 else "no") for i, r in enumerate(others)]
    answers += [Answer(r.id, "late", "yes" if i < 60 else "no") for i, r in enumerate(disabled)]
    answers += [Answer(r.id, "late", "yes" if i < 40 else "no") for i, r in enumerate(others)]
    # Four questions on which the groups answer alike (half and half).
    for n in range(4):
        qid = f"same{n}"
        questions.append(Question(qid, "yes_no", f"Same question {n}?", options=YES_NO))
        answers += [Answer(r.id, qid, "yes" if i % 2 else "no") for i, r in enumerate(disabled)]
        answers += [Answer(r.id, qid, "yes" if i % 2 else "no") for i, r in enumerate(others)]
    return RoundData(
        round_id="many",
        title="Many comparisons",
        questions=tuple(questions),
        residents=tuple(disabled + others),
        answers=tuple(answers),
    )


@cache
def report() -> Report:
    return build_report(round_with_many_comparisons(), k_min=10)


def test_the_weak_difference_is_below_005_only_before_adjustment() -> None:
    """The premise: raw and adjusted decisions disagree on this round."""
    data = round_with_many_comparisons()
    result = differences(data, choice_outcomes(data))
    assert result.tests == 12
    weak = [c for c in result.comparisons if c.outcome_id == "treated=yes"]
    assert len(weak) == 1
    (c,) = weak
    assert c.p_value == pytest.approx(0.0336, abs=0.001)
    assert c.q_value is not None and c.q_value > 0.05
    assert not c.significant and c.sentence is None
    strong = next(c for c in result.comparisons if c.outcome_id == "late=yes")
    assert strong.significant and strong.q_value is not None and strong.q_value < 0.001


def test_the_report_publishes_the_real_difference_and_not_the_false_one() -> None:
    built = report()
    assert any(TRUE_FINDING in line for line in built.differences)
    assert not any(FALSE_FINDING in line for line in built.differences)
    assert not any(FALSE_FINDING in line for line in built.summary)
    assert {c.outcome_id for c in built.difference_rows} == {"late=yes", "late=no"}
    for form in ("html", "md", "json"):
        page = render(built, form)
        assert "Did help come too late" in page
        assert FALSE_FINDING not in page, form
