"""The opinion groups' sizes as the report publishes them, under secondary suppression.

The report prints everyone who voted, the residents grouped, each group's size and the
residents not grouped (the opinion map draws no resident, see
:mod:`civicbot_analysis.opinions.svg`). "Residents grouped" is the groups added up, and
"voters" is the groups plus those not grouped, so a reader who subtracts the shown parts
from either total is left with the hidden parts. When those hold between 1 and k - 1
residents, hiding them protected nothing (london.youth.policing: two small groups of about
6 together).

:func:`group_sizes` therefore treats the groups and "not grouped" as the parts of one
table whose total (the voters) is always known, and hides, with
:func:`~civicbot_analysis.suppress_sums.also_hide`, the next smallest part until the hidden
ones hold 0 or at least k residents. "Residents grouped" and "not grouped" are shown or
hidden together (each is the voters less the other). A group whose size is hidden to
protect another shows nothing else either (the report's other sections read
:attr:`GroupSizes.groups`), nor is it drawn on the map, so neither its figures nor the map
count it off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from civicbot_analysis.suppress import SECONDARY, Cell, Suppressor, hidden_like
from civicbot_analysis.suppress_sums import also_hide

UNGROUPED = "ungrouped"


@dataclass(frozen=True, slots=True)
class GroupSizes:
    groups: tuple[Cell, ...]  # per group, its protected size (hidden: small or secondary)
    n_voters: Cell
    n_grouped: Cell
    n_ungrouped: Cell


def group_sizes(
    s: Suppressor, members: Sequence[Sequence[str]], voters: Sequence[str]
) -> GroupSizes:
    """The protected sizes of the groups ``members`` among ``voters``, with secondary
    suppression so no hidden size is the difference of shown ones."""
    grouped = sorted({r for who in members for r in who})
    inside = set(grouped)
    outside = [r for r in voters if r not in inside]
    sizes = [s.count_of(who, f"polis-group:{g}") for g, who in enumerate(members)]
    n_grouped = s.count_of(grouped, "polis:grouped")
    n_ungrouped = s.count_of(outside, "polis:ungrouped")
    parts = {str(g): (len(who),) for g, who in enumerate(members)}
    parts[UNGROUPED] = (len(outside),)
    hidden = {str(g): (c.suppressed,) for g, c in enumerate(sizes)}
    # "Grouped" is the voters less "not grouped": one hidden hides the other.
    hidden[UNGROUPED] = (n_grouped.suppressed or n_ungrouped.suppressed,)
    more = set(also_hide(parts, hidden, (0,), s.k))
    sizes = [hidden_like("count", SECONDARY) if str(g) in more else c for g, c in enumerate(sizes)]
    if UNGROUPED in more or hidden[UNGROUPED][0]:
        n_grouped = n_grouped if n_grouped.suppressed else hidden_like("count", SECONDARY)
        n_ungrouped = n_ungrouped if n_ungrouped.suppressed else hidden_like("count", SECONDARY)
    return GroupSizes(tuple(sizes), s.count_of(voters, "polis:voters"), n_grouped, n_ungrouped)
