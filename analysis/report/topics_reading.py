"""The sentences the topics section says about its figures, each following from the figures
the table shows (after disclosure control) by the section's own tests, and nothing else.

"Divide": two shown groups' 95% intervals do not overlap (:func:`widest_gap`); the sentence
names which group agreed more. "Alike": every pair of shown intervals overlaps and the
shares lie within :data:`ALIKE` of each other. Shares are of *votes* on the topic's
statements (a resident votes on many), never of residents. A group whose share or interval
is hidden is named as hidden and nothing is said of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from civicbot_analysis.equity.stats import wilson_interval
from civicbot_analysis.suppress import Cell
from civicbot_analysis.topics import ALIKE

if TYPE_CHECKING:
    from civicbot_analysis.report.topics_view import GroupShare, TopicsView

__all__ = ["ALIKE", "reading", "statement_bounds", "topics_sentence", "widest_gap"]

Bounds = tuple[str, float, float, float]  # group letter, share, interval low, interval high


def _shown(x: float) -> float:
    """A share as the reader sees it: whole percentage points (as ``Cell.render``)."""
    return int(f"{100 * x:.0f}") / 100


def _bounds(g: GroupShare) -> Bounds | None:
    """A group's share and 95% interval as the table shows them (whole percentage points,
    so a sentence never rests on a difference the reader cannot see), or None when either
    is hidden."""
    v, iv = g.share.value, g.interval.value
    if not (g.share.shown and g.interval.shown and isinstance(v, int | float)):
        return None
    if not isinstance(iv, tuple):
        return None
    return g.letter, _shown(float(v)), _shown(float(iv[0])), _shown(float(iv[1]))


def widest_gap(
    shown: Sequence[Bounds],
) -> tuple[float, tuple[str, float], tuple[str, float]] | None:
    """Of every pair of shown groups, the one whose 95% intervals lie furthest apart:
    (the gap between the intervals, (higher group, share), (lower group, share)); None
    when every pair's intervals overlap. This is the section's test of "divide"."""
    best: tuple[float, tuple[str, float], tuple[str, float]] | None = None
    for hi in shown:
        for lo in shown:
            gap = hi[2] - lo[3]  # the higher's low end above the lower's high end
            if gap > 0 and (best is None or gap > best[0]):
                best = (gap, (hi[0], hi[1]), (lo[0], lo[1]))
    return best


def statement_bounds(shares: Sequence[tuple[str, Cell]], votes: Sequence[Cell]) -> list[Bounds]:
    """Each group's shown agree share of one statement with its Wilson 95% interval on the
    group's protected number of voters; groups with either figure hidden are left out."""
    out: list[Bounds] = []
    for (letter, share), n in zip(shares, votes, strict=True):
        v, m = share.value, n.value
        if share.shown and n.shown and isinstance(v, int | float) and isinstance(m, int | float):
            low, high = wilson_interval(float(v) * float(m), float(m))
            out.append((letter, float(v), float(low), float(high)))
    return out


def _pct(v: float) -> str:
    return f"{100 * v:.0f}%"


def _hidden_words(letters: Sequence[str]) -> str:
    """ "group A’s figure is hidden", "the figures of groups A and C are hidden"."""
    if len(letters) == 1:
        return f"group {letters[0]}’s figure is hidden"
    names = ", ".join(letters[:-1]) + f" and {letters[-1]}"
    return f"the figures of groups {names} are hidden"


def reading(groups: Sequence[GroupShare]) -> str:
    """One sentence on the topic from the figures the table shows, and only those: the
    groups divide where two groups' 95% intervals do not overlap (naming which agreed more);
    they vote alike only where every pair of intervals overlaps and the shares lie within
    :data:`ALIKE` of each other. Nothing is said of a group whose figure is hidden."""
    shown = [b for g in groups if (b := _bounds(g)) is not None]
    hidden = [g.letter for g in groups if _bounds(g) is None]
    if len(shown) < 2:
        if hidden and groups:
            words = _hidden_words(hidden)
            return f"{words[0].upper()}{words[1:]}, so this topic does not compare the groups."
        return ""
    tail = f" ({_hidden_words(hidden)} and not compared)" if hidden else ""
    values = [v for _, v, _, _ in shown]
    gap = widest_gap(shown)
    if gap is not None:
        _, (hi, hv), (lo, lv) = gap
        return (
            f"The groups divide here: {_pct(hv)} of group {hi}’s votes on these statements "
            f"were agree votes, against {_pct(lv)} of group {lo}’s, and their 95% intervals "
            f"do not overlap{tail}."
        )
    spread = max(values) - min(values)
    if spread >= ALIKE:
        return (
            f"The groups’ shares of agree votes differ ({_pct(min(values))} to "
            f"{_pct(max(values))}), but their 95% intervals overlap, so the figures do not "
            f"show a clear division{tail}."
        )
    if all(low > 0.5 for _, _, low, _ in shown):
        majority = "in every group most votes were agree votes"
    elif all(high < 0.5 for _, _, _, high in shown):
        majority = "in every group fewer than half the votes were agree votes"
    else:
        majority = "in no group are agree votes clearly more or clearly fewer than half"
    return (
        f"The groups voted alike here (agree votes {_pct(min(values))} to "
        f"{_pct(max(values))}, 95% intervals overlapping): {majority}{tail}."
    )


def topics_sentence(view: TopicsView) -> str:
    """One sentence for the summary: how many topics, and (with opinion groups) the topic
    the groups divided on most and one every group mostly agreed on, from shown figures and
    the section's own tests only (:func:`widest_gap`, intervals above one half)."""
    if not view.topics:
        return ""
    n = len(view.topics)
    head = f"The {view.n_statements} statements fall into {n} topic{'s' if n != 1 else ''}"
    compared = [
        (t, shown) for t in view.topics
        if len(shown := [b for g in t.groups if (b := _bounds(g)) is not None]) >= 2
    ]  # fmt: skip
    if not compared:
        listed = "; ".join(f"“{t.label}”" for t in view.topics[:3])
        return f"{head}, the largest: {listed}."
    divided = [
        (hv - lv, t, hi, hv, lo, lv)
        for t, shown in compared
        if (gap := widest_gap(shown)) is not None
        for (hi, hv), (lo, lv) in [gap[1:]]
    ]
    if divided:
        _, t, hi, hv, lo, lv = max(divided, key=lambda x: x[0])
        tail = (
            f"; the opinion groups divided most on “{t.label}” (agree votes: group {hi} "
            f"{_pct(hv)}, group {lo} {_pct(lv)})"
        )
    else:
        tail = "; on no topic do the shown figures clearly divide the opinion groups"
    agreed = [
        (min(v for _, v, _, _ in shown), t)
        for t, shown in compared
        if len(shown) == len(t.groups)  # "every group": none of them hidden
        and all(low > 0.5 for _, _, low, _ in shown)
        and widest_gap(shown) is None
    ]
    if agreed:
        best = max(agreed, key=lambda x: x[0])[1]
        tail += f", and most votes in every group agreed on “{best.label}”"
    return head + tail + "."
