"""The topics section's sentence on a topic
(:func:`civicbot_analysis.report.topics_reading.reading`): "divide" only where two shown intervals
are apart, naming the group that agreed more; "alike" only where all overlap and the shares are
close; a hidden group is named as hidden and given no figure, and with fewer than two groups shown
nothing is compared."""

from __future__ import annotations

from civicbot_analysis.report.topics_reading import reading
from civicbot_analysis.report.topics_view import GroupShare
from civicbot_analysis.suppress import SECONDARY, SMALL, Cell, hidden_like


def _share(letter: str, value: float | None, low: float = 0, high: float = 0) -> GroupShare:
    voters = Cell(50, 50, False, "count")
    if value is None:
        return GroupShare(letter, voters, hidden_like("share", SMALL),
                          hidden_like("share_interval", SMALL))  # fmt: skip
    return GroupShare(
        letter,
        voters,
        Cell(value, 20, False, "share"),
        Cell((low, high), 20, False, "share_interval"),
    )


def test_a_hidden_group_is_named_and_nothing_is_said_of_it() -> None:
    alone = reading([_share("A", None), _share("B", 0.7, 0.6, 0.8)])
    assert alone == "Group A’s figure is hidden, so this topic does not compare the groups."
    three = reading([_share("A", 0.3, 0.25, 0.35), _share("B", 0.7, 0.6, 0.8), _share("C", None)])
    assert three.startswith("The groups divide here: 70% of group B’s votes")
    assert "group C’s figure is hidden" in three and "group C’s votes" not in three
    secondary = GroupShare("C", Cell(50, 50, False), hidden_like("share", SECONDARY),
                           hidden_like("share_interval", SECONDARY))  # fmt: skip
    close = reading([_share("A", 0.52, 0.45, 0.6), _share("B", 0.58, 0.5, 0.66), secondary])
    assert close.startswith("The groups voted alike here") and "group C’s figure" in close
    apart = reading([_share("A", 0.45, 0.35, 0.55), _share("B", 0.6, 0.5, 0.7)])
    assert "alike" not in apart and "do not show a clear division" in apart
