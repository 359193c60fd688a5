"""The opinion groups' make-up tables, protected across the groups as well as within each.

Each group's make-up by an "about you" answer is a protected table with its own secondary
suppression (:meth:`civicbot_analysis.disclosure_polis.VoteIndex.makeup`). But the report
also prints everyone's count for each answer (who took part), and that count is the sum of
the groups' cells for the answer plus the residents in no group shown. So a cell hidden in
one group's table could be worked out as everyone's count minus the other groups' cells
when few residents are outside them. Here the cells are completed in both directions, with
true counts, until neither leaks: along an answer (across the groups and the rest), the
hidden cells and the residents outside the groups hold 0 or at least k; down a group's
table, its hidden cells are none, or two or more holding 0 or at least k. The smallest
shown cell is hidden first, the groups the report exists to hear last (the same rule as
:func:`civicbot_analysis.suppress.suppress_table`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from civicbot_analysis.disclosure import heard_first
from civicbot_analysis.disclosure_polis import NOT_GIVEN
from civicbot_analysis.rounddata import PREFER_NOT, RoundData
from civicbot_analysis.suppress import SECONDARY, hidden_like

if TYPE_CHECKING:
    from civicbot_analysis.opinions import OpinionResult

__all__ = ["makeup_across"]

Cells = dict[tuple[int, str], int]  # (group, answer) -> true count


def makeup_across(opinions: Any, grouped: OpinionResult | None, data: RoundData, k: int) -> Any:
    """``opinions`` (an OpinionsView) with more make-up cells hidden where a hidden one
    could be worked out from everyone's count for the same answer."""
    if opinions is None or grouped is None:
        return opinions
    shown = [g for g, view in enumerate(opinions.groups) if view.makeup]
    if not shown:
        return opinions
    answers = {r.id: r.demographics for r in data.residents}
    members = {g: set(grouped.members(g)) for g in shown}
    inside = set().union(*members.values())
    fields = {field for g in shown for field in opinions.groups[g].makeup}
    hide: dict[tuple[int, str, str], None] = {}
    for field in sorted(fields):

        def value(resident: str, field: str = field) -> str:
            v = answers.get(resident, {}).get(field) or NOT_GIVEN
            return NOT_GIVEN if v == PREFER_NOT else v

        counts: Cells = {}
        for g in shown:
            for r in members[g]:
                counts[g, value(r)] = counts.get((g, value(r)), 0) + 1
        rest: dict[str, int] = {}
        for r in answers:
            if r not in inside:
                rest[value(r)] = rest.get(value(r), 0) + 1
        hidden = {
            (g, v)
            for g in shown
            for v, cell in opinions.groups[g].makeup.get(field, {}).items()
            if cell.suppressed
        }
        tables = {g: set(opinions.groups[g].makeup.get(field, {})) for g in shown}
        for g, v in _complete(counts, hidden, tables, rest, k, heard_first(field)):
            hide[g, field, v] = None
    if not hide:
        return opinions
    groups = list(opinions.groups)
    for g, field, v in hide:
        makeup = {f: dict(cells) for f, cells in groups[g].makeup.items()}
        makeup[field][v] = hidden_like("count", SECONDARY)
        groups[g] = replace(groups[g], makeup=makeup)
    return replace(opinions, groups=tuple(groups))


def _complete(
    counts: Cells,
    hidden: set[tuple[int, str]],
    tables: dict[int, set[str]],
    rest: dict[str, int],
    k: int,
    spared: frozenset[str],
) -> list[tuple[int, str]]:
    """The further cells to hide, until no answer's row and no group's table leaks."""
    added: list[tuple[int, str]] = []

    def take(options: list[tuple[int, str]]) -> bool:
        ranked = sorted((v in spared, counts.get((g, v), 0), g, v) for g, v in options)
        ranked = [x for x in ranked if x[1] > 0]
        if not ranked:
            return False
        cell = (ranked[0][2], ranked[0][3])
        hidden.add(cell)
        added.append(cell)
        return True

    changed = True
    while changed:
        changed = False
        for v in sorted({v for cells in tables.values() for v in cells}):
            row = [(g, v) for g in tables if v in tables[g]]
            mine = [c for c in row if c in hidden]
            mass = sum(counts.get(c, 0) for c in mine) + rest.get(v, 0)
            small = any(0 < counts.get(c, 0) < k for c in mine)
            if small and 0 < mass < k:
                changed |= take([c for c in row if c not in hidden])
        for g, cells in tables.items():
            mine = [(g, v) for v in cells if (g, v) in hidden]
            total = sum(counts.get(c, 0) for c in mine)
            if mine and not (len(mine) >= 2 and (total == 0 or total >= k)):
                changed |= take([(g, v) for v in cells if (g, v) not in hidden])
    return added
