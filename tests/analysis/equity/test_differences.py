"""Differences between groups: prevalence and scores, tested and worded."""

from __future__ import annotations

import pytest

from civicbot_analysis.equity.differences import (
    Outcome,
    ScaleOutcome,
    choice_outcomes,
    differences,
    group_label,
    scale_outcomes,
)
from civicbot_analysis.equity.labels import comparison_groups
from civicbot_analysis.rounddata import Answer, Question
from civicbot_analysis.suppress_checks import published_cells, unsafe_cells
from tests.analysis.equity.factories import people, round_data, scale_question


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        (
            "disability",
            "yes_limited_lot",
            "Disabled residents whose day-to-day activities are limited a lot",
        ),
        ("disability", "yes", "Disabled residents"),
        ("caring", "yes", "Carers"),
        (
            "money_worries",
            "finding_it_difficult",
            "Residents finding it difficult to manage financially",
        ),
        ("age_band", "16-24", "Residents aged 16-24"),
        ("age_band", "75+", "Residents aged 75 and over"),
        ("ethnicity", "black", "Black residents"),
        ("area", "north_ward", "Residents of North Ward"),
        ("sex", "prefer_not", "Residents who preferred not to give their sex"),
    ],
)
def test_group_labels(field: str, value: str, label: str) -> None:
    assert group_label(field, value) == label


def test_comparison_groups_skip_repeated_tests() -> None:
    groups = comparison_groups(
        "disability", ["no", "yes_limited_lot", "yes_limited_little", "prefer_not"]
    )
    assert [g.value for g in groups] == ["yes", "yes_limited_lot", "yes_limited_little"]
    assert [g.value for g in comparison_groups("caring", ["no", "yes"])] == ["yes"]


def _disability_round() -> tuple:
    disabled = people("d", 100, disability="yes_limited_lot")
    others = people("n", 200, disability="no")
    treated = {r.id for r in disabled[:31]} | {r.id for r in others[:104]}
    everyone = {r.id for r in disabled + others}
    outcome = Outcome("treated", "say they were treated as a person", treated, everyone)
    return round_data(disabled + others), outcome


def test_a_real_difference_is_found_and_worded() -> None:
    data, outcome = _disability_round()
    result = differences(data, [outcome], fields=["disability"])
    [c] = result.comparisons  # only two answers seen: one comparison
    assert c.group == "yes_limited_lot"
    assert c.group_estimate.value.value == pytest.approx(0.31)
    assert c.rest_estimate.value.value == pytest.approx(0.52)
    low, high = c.group_estimate.interval.value  # type: ignore[misc]
    assert low < 0.31 < high
    assert c.significant and c.q_value is not None and c.q_value < 0.05
    assert result.sentences() == [
        "Disabled residents whose day-to-day activities are limited a lot were less likely "
        "than others to say they were treated as a person (31% vs 52%)."
    ]


def test_no_difference_no_sentence() -> None:
    a, b = people("a", 100, caring="yes"), people("b", 100, caring="no")
    with_ = {r.id for r in a[:50]} | {r.id for r in b[:50]}
    outcome = Outcome("t", "mention waiting times", with_, {r.id for r in a + b})
    result = differences(round_data(a + b), [outcome], fields=["caring"])
    assert result.tests == 1 and not result.significant() and not result.sentences()


def test_scale_outcomes_and_sentence() -> None:
    carers, others = people("c", 40, caring="yes"), people("o", 60, caring="no")
    q = scale_question("early", "help came early")
    answers = [Answer(r.id, "early", "1" if i % 2 else "0") for i, r in enumerate(carers)]
    answers += [Answer(r.id, "early", "2" if i % 2 else "1") for i, r in enumerate(others)]
    data = round_data(carers + others, answers, [q])
    [outcome] = scale_outcomes(data)
    assert outcome.max_score == 5 and outcome.scores["c1"] == 2.0
    result = differences(data, [outcome], fields=["caring"])
    assert result.sentences() == [
        "Carers rated “help came early” lower than others (1.5 vs 2.5 out of 5)."
    ]


def test_small_groups_are_suppressed_and_not_tested() -> None:
    small, big = people("s", 6, ethnicity="black"), people("b", 94, ethnicity="white")
    mixed = people("m", 30, ethnicity="mixed")
    outcome = Outcome(
        "t", "mention racism", {r.id for r in small}, {r.id for r in small + big + mixed}
    )
    result = differences(round_data(small + big + mixed), [outcome], fields=["ethnicity"])
    black = next(c for c in result.comparisons if c.group == "black")
    assert black.group_estimate.value.suppressed and black.rest_estimate.value.suppressed
    assert black.p_value is None and black.sentence is None
    assert not unsafe_cells(published_cells(result), result.k)


def test_choice_outcomes_from_round_data() -> None:
    q = Question(
        "person", "yes_no", "Were you treated as a person?", options=(("yes", "Yes"), ("no", "No"))
    )
    rs = people("r", 3)
    answers = [
        Answer("r0", "person", "yes"),
        Answer("r1", "person", "no"),
        Answer("r2", "other", "yes"),
    ]
    yes, _no = choice_outcomes(round_data(rs, answers, [q]))
    assert yes.id == "person=yes" and yes.residents_with == {"r0"}
    assert yes.residents_asked == {"r0", "r1"}
    assert yes.label_phrase == "answer “Yes” to “Were you treated as a person?”"


def test_scale_outcome_accepts_residents_outside_the_round() -> None:
    data, _ = _disability_round()
    outcome = ScaleOutcome("x", "x", {"stranger": 3.0, "d1": 2.0}, 5.0)
    assert differences(data, [outcome], fields=["disability"]).tests == 0


def test_false_discovery_control_not_raw_p_values_decides() -> None:
    """Five comparisons with p = 0.001, 0.004, 0.034, 0.5 and 0.8. Benjamini-Hochberg keeps
    the first two only: 0.034 is third smallest and above 3/5 * 0.05 = 0.03. Deciding by the
    raw p-value (< 0.05) would also call the third difference clear."""
    carers, others = people("c", 40, caring="yes"), people("o", 60, caring="no")
    base = [0.0, 1.0, 2.0, 3.0, 4.0]
    outcomes = []
    for i, delta in enumerate((0.995, 0.864, 0.629, 0.198, 0.074)):
        scores = {r.id: base[j % 5] + delta for j, r in enumerate(carers)}
        scores |= {r.id: base[j % 5] for j, r in enumerate(others)}
        outcomes.append(ScaleOutcome(f"q{i}", f"question {i}", scores, 5.0))
    result = differences(round_data(carers + others), outcomes, fields=["caring"])
    assert result.tests == 5
    by = {c.outcome_id: c for c in result.comparisons}
    p = {q: by[q].p_value for q in by}
    assert p["q0"] == pytest.approx(0.001, abs=1e-4) and p["q2"] == pytest.approx(0.034, abs=1e-3)
    raw = {q for q, v in p.items() if v is not None and v < 0.05}
    assert raw == {"q0", "q1", "q2"}
    assert {c.outcome_id for c in result.significant()} == {"q0", "q1"}
    assert not by["q2"].significant and by["q2"].q_value == pytest.approx(0.034 * 5 / 3, abs=2e-3)
    # Each tested comparison carries its effect and the interval of the difference.
    low, high = by["q2"].diff_interval.value  # type: ignore[union-attr,misc]
    assert low < 0.629 < high and by["q2"].effect is not None
