"""Equity findings ranked by importance for the summary."""

from __future__ import annotations

from civicbot_analysis.equity.ranking import Finding, importance, one_per_group


def _f(kind: str, text: str, effect: float, size: int, group: str) -> Finding:
    return Finding(kind, text, effect, size, importance(effect, size), group)


def test_importance_weighs_effect_by_group_size() -> None:
    assert importance(0.8, 20) == 0.4  # half weight at 20 residents
    assert importance(0.8, 180) > importance(1.0, 12)  # a large effect in 12 ranks lower
    assert importance(-0.5, 100) == importance(0.5, 100)


def test_summary_names_each_group_once_and_keeps_who_was_not_heard() -> None:
    found = sorted(
        [
            _f("difference", "disabled early", 0.9, 60, "disability:yes"),
            _f("difference", "disabled limited a lot, together", 0.85, 30, "disability:yes"),
            _f(
                "inverse care", "disabled: higher need, worse experience", 0.7, 60, "disability:yes"
            ),
            _f("difference", "carers together", 0.6, 40, "caring:yes"),
            _f("difference", "women safe", 0.3, 150, "sex:female"),
            _f("inverse care", "money: higher need, worse experience", 0.5, 30, "money_worries:x"),
            _f("representation", "men under-represented", 0.25, 120, "heard:sex"),
        ],
        key=lambda f: -f.importance,
    )
    top = one_per_group(found, 4)
    texts = [f.sentence for f in top]
    # Disabled residents once, through the inverse care sentence, at their strongest rank.
    assert texts[0] == "disabled: higher need, worse experience"
    assert "disabled early" not in texts and len(texts) == 4
    # Men's under-representation is kept although score differences are larger.
    assert "men under-represented" in texts
    assert "carers together" in texts
