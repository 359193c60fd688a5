"""Regression tests: hidden counts that figures published elsewhere once gave away.

Each builds the smallest round of a shape that leaked and checks the hidden count can
no longer be worked back, and that what is safe is still shown.
"""

from __future__ import annotations

from civicbot_analysis.equity import choice_outcomes, differences, representation
from civicbot_analysis.equity.differences import Outcome
from civicbot_analysis.rounddata import Answer, Question, Resident
from civicbot_analysis.suppress import Suppressor
from tests.analysis.equity.factories import round_data

K = 10


def _residents(plan: dict[str, dict[str, int]]) -> tuple[list[Resident], dict[str, str]]:
    """Residents by disability answer, and the answer (or theme) each has, from counts."""
    residents: list[Resident] = []
    answer: dict[str, str] = {}
    for value, per in plan.items():
        for option, n in per.items():
            for _ in range(n):
                rid = f"r{len(residents)}"
                residents.append(Resident(rid, demographics={"disability": value}))
                answer[rid] = option
    return residents, answer


def test_combined_group_n_does_not_uncover_a_part_who_took_part_hides() -> None:
    # Once, who took part hid "limited a little" (5) with "prefer not" (10) and showed
    # "limited a lot" (25). The theme's with/without tables hide only disabled cells, so
    # the old rule showed all disabled residents together: n = 30, and 30 - 25 = 5.
    plan = {
        "yes_limited_lot": {"with": 8, "without": 17},
        "yes_limited_little": {"with": 2, "without": 3},
        "no": {"with": 20, "without": 20},
        "prefer_not": {"with": 10, "without": 0},
    }
    residents, answer = _residents(plan)
    data = round_data(residents)
    s = Suppressor(K)
    rep = representation(data, None, s, fields=["disability"]).field("disability")
    shown = {g.value: g.count.value for g in rep.groups if g.count.shown}
    # Shares are of those who answered (70, published): "limited a little" (5) is hidden
    # with "no" (40), not with "limited a lot", a higher-need group.
    assert shown == {"yes_limited_lot": 25}

    everyone = {r.id for r in residents}
    theme = Outcome(
        "theme", "mention waiting", {r for r in everyone if answer[r] == "with"}, everyone
    )
    diff = differences(data, [theme], s, fields=["disability"])
    by = {c.group: c for c in diff.comparisons}
    assert set(by) == {"yes", "yes_limited_lot", "yes_limited_little"}
    assert not any(c.shown for c in by.values())


def test_options_of_one_question_do_not_give_each_other_away() -> None:
    # "limited a little" chose A 3 times, B 15, C 15: A's table hides it, but B and C
    # showed the group with its n (33), so A = 33 - 15 - 15 = 3. (The property test in
    # test_properties.py checks the same by rank over random rounds.)
    plan = {
        "yes_limited_lot": {"a": 12, "b": 12, "c": 12},
        "yes_limited_little": {"a": 3, "b": 15, "c": 15},
        "no": {"a": 20, "b": 20, "c": 20},
    }
    residents, answer = _residents(plan)
    q = Question("pick", "single_choice", "Pick one", options=(("a", "A"), ("b", "B"), ("c", "C")))
    answers = [Answer(rid, "pick", v) for rid, v in answer.items()]
    data = round_data(residents, answers, [q])
    diff = differences(data, choice_outcomes(data), Suppressor(K), fields=["disability"])
    by = {(c.outcome_id, c.group): c for c in diff.comparisons}
    for option in "abc":
        assert not by[(f"pick={option}", "yes_limited_little")].shown
        # A's complementary cell is taken from "no" (20), sparing "limited a lot" (12), a
        # higher-need group; so all disabled residents together (lot + little) must stay
        # hidden, or together minus "limited a lot" would give "limited a little".
        assert by[(f"pick={option}", "yes_limited_lot")].shown
        assert not by[(f"pick={option}", "yes")].shown
        assert by[(f"pick={option}", "yes")].reason == "secondary"
        assert by[(f"pick={option}", "yes_limited_lot")].group_estimate.n.value == 36


def test_overlapping_options_are_judged_one_by_one() -> None:
    # A multiple-choice question: options overlap, so no option is the others' rest, and
    # a rare option does not hide the groups of a common one.
    residents, _ = _residents({"yes_limited_lot": {"x": 30}, "no": {"x": 40}})
    q = Question("many", "multi_choice", "Pick any", options=(("a", "A"), ("b", "B")))
    answers = [Answer(r.id, "many", "a") for r in residents]
    answers += [Answer(r.id, "many", "b") for r in residents[:3]]
    data = round_data(residents, answers, [q])
    diff = differences(data, choice_outcomes(data), Suppressor(K), fields=["disability"])
    by = {(c.outcome_id, c.group): c for c in diff.comparisons}
    assert not by[("many=b", "yes_limited_lot")].shown
    assert by[("many=a", "yes_limited_lot")].shown


def test_secondary_cells_spare_the_groups_the_report_exists_to_hear() -> None:
    # Issue #10: to protect a small cell the report hid the smallest other cell, which was
    # a higher-need group ("limited a lot" 16), and labelled it "fewer than 10". Now the
    # complementary cell comes from the other groups, and says why it is hidden.
    from civicbot_analysis.report.templating import cell_text
    from civicbot_analysis.suppress import SECONDARY, SMALL

    plan = {"yes_limited_lot": 16, "yes_limited_little": 4, "no": 40}
    residents = [
        Resident(f"{value}{i}", demographics={"disability": value})
        for value, n in plan.items()
        for i in range(n)
    ]
    data = round_data(residents)
    for published in (False, True):
        s = Suppressor.for_round((r.id for r in residents), K) if published else Suppressor(K)
        rep = representation(data, None, s, fields=["disability"]).field("disability")
        by = {g.value: g.count for g in rep.groups}
        assert by["yes_limited_lot"].shown  # a higher-need group is not sacrificed
        assert by["yes_limited_little"].suppressed and by["yes_limited_little"].reason == SMALL
        assert by["no"].suppressed and by["no"].reason == SECONDARY
        assert cell_text(by["no"], K) == "hidden to protect another"
        assert by["no"].why(K) == "hidden so that another small number cannot be worked out"
        assert cell_text(by["yes_limited_little"], K) == "10 or fewer"
