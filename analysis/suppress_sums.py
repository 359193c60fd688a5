"""Secondary suppression of figures published beside their total: "everyone" beside each
opinion group, where the parts need not cover the total (residents in no group).

:func:`civicbot_analysis.suppress.suppress_table` protects one table of counts that adds up
to its total. The topics × opinion groups view publishes, for each topic and each divisive
statement, everyone's figure beside each group's, and each figure rests on several counts of
residents (those who voted, those who agreed, those who did not). Each such count is
additive over the groups, so "everyone minus the shown groups" is the hidden groups' count
plus the residents in no group. When that difference holds between 1 and k - 1 residents,
a reader can work out (to within the cell-key noise) what the hiding was meant to protect.
:func:`also_hide` says which further parts to hide so that it cannot happen: the smallest
shown part first, deterministically (ties broken by key), until every such difference holds
0 or at least k residents, or nothing is left to hide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Counts = Sequence[int]


def unknown_mass(
    parts: Mapping[str, Counts], hidden: Mapping[str, Sequence[bool]], rest: Counts
) -> list[int]:
    """For each count, what a reader who subtracts the shown parts from the total is left
    with: the count of the parts hidden from it, plus ``rest`` (the residents in no part).
    ``hidden[key][i]`` says whether part ``key``'s count ``i`` is kept from the reader."""
    return [
        sum(counts[i] for key, counts in parts.items() if hidden[key][i]) + rest[i]
        for i in range(len(rest))
    ]


def leaks(
    parts: Mapping[str, Counts], hidden: Mapping[str, Sequence[bool]], rest: Counts, k: int
) -> list[int]:
    """Indices of the counts whose "total minus shown parts" would give a hidden part
    away: some part hides that count and the difference holds between 1 and k - 1."""
    mass = unknown_mass(parts, hidden, rest)
    return [i for i, m in enumerate(mass) if 0 < m < k and any(hidden[key][i] for key in parts)]


def also_hide(
    parts: Mapping[str, Counts], hidden: Mapping[str, Sequence[bool]], rest: Counts, k: int
) -> list[str]:
    """The parts to hide wholly too, in the order chosen.

    ``parts`` maps each part (an opinion group, say) to its true counts, one per kind of
    count the published figures rest on, in a fixed order (the first decides which part is
    smallest); ``hidden`` says, per part and count, whether the reader is kept from it
    (a hidden share keeps every count it rests on); ``rest`` holds the same counts for the
    residents in no part (the total is the parts plus ``rest``). A part is taken only if it
    adds residents to a count that still leaks; when no part can help, the list stops short
    and the caller hides the total instead.
    """
    mine = {key: tuple(h) for key, h in hidden.items()}
    extra: list[str] = []
    while bad := leaks(parts, mine, rest, k):
        candidates = sorted(
            (counts[0], key)
            for key, counts in parts.items()
            if any(counts[i] > 0 and not mine[key][i] for i in bad)
        )
        if not candidates:
            break
        key = candidates[0][1]
        mine[key] = (True,) * len(rest)
        extra.append(key)
    return extra
