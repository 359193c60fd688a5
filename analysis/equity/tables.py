"""Small-number suppression of the equity tables, sparing the groups the report exists to hear.

:func:`analysis.suppress.suppress_table` hides the next smallest cell when a table's hidden
cells could be worked back from its total. In the equity tables the smallest cells are very
often the higher-need groups (carers, disabled residents, residents finding it difficult
to manage financially, minority ethnic groups), so hiding "the next smallest" hid exactly
the comparisons the report is for (issue #10: respect among residents finding it difficult,
1.72 vs 3.06 out of 5, n = 18 vs 70, vanished this way). :func:`protected_table` applies the
same rule (hidden cells at least two and together 0 or at least k) but takes complementary
cells from the other groups first, smallest first, and from the groups in
:data:`NEED_VALUES` only when nothing else is left.

Every hidden cell keeps its reason: ``"small"`` (fewer than k) or ``"secondary"`` (hidden so
that another small number cannot be worked out).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from analysis.suppress import SECONDARY, SMALL, Cell

# Answer values (field, value) of the groups the report exists to hear.
NEED_VALUES: frozenset[tuple[str, str]] = frozenset(
    {
        ("disability", "yes_limited_lot"),
        ("disability", "yes_limited_little"),
        ("caring", "yes"),
        ("money_worries", "finding_it_difficult"),
        ("ethnicity", "asian"),
        ("ethnicity", "black"),
        ("ethnicity", "mixed"),
        ("ethnicity", "other"),
    }
)


def need_values(field: str) -> frozenset[str]:
    """The answer values of ``field`` whose groups are spared when choosing cells to hide."""
    return frozenset(v for f, v in NEED_VALUES if f == field)


def protected_table(
    rows: Mapping[str, int],
    total: int,
    k: int,
    protect: Collection[str] = (),
    inner: Collection[str] | None = None,
) -> dict[str, Cell]:
    """Primary and secondary suppression of one table, sparing ``protect`` where it can.

    ``total`` is the published total of the rows (the rows should cover it). A total below
    k hides every cell. ``inner``, when given, names rows whose own sum may be published
    elsewhere (the residents who answered a question, the base of who-took-part's shares):
    the hidden cells among them must then obey the same rule on their own.
    """
    counts = {key: int(v) for key, v in rows.items()}
    if 0 < total < k:
        return {key: Cell(None, None, True, "count", SMALL) for key in counts}
    hidden = {key for key, v in counts.items() if 0 < v < k}
    _complete(counts, hidden, set(counts), k, protect)
    if inner is not None:
        _complete(counts, hidden, set(inner) & set(counts), k, protect)
    out: dict[str, Cell] = {}
    for key, v in counts.items():
        if key in hidden:
            out[key] = Cell(None, None, True, "count", SMALL if 0 < v < k else SECONDARY)
        else:
            out[key] = Cell(v, v, False, "count")
    return out


def _complete(
    counts: Mapping[str, int], hidden: set[str], within: set[str], k: int, protect: Collection[str]
) -> None:
    """Hide more cells of ``within`` until its hidden cells are none, or at least two holding
    at least k people together; other groups first, then ``protect``, smallest first."""
    while hidden & within:
        mine = hidden & within
        if len(mine) >= 2 and sum(counts[key] for key in mine) >= k:
            return
        candidates = sorted(
            (key in protect, v, key)
            for key, v in counts.items()
            if key in within - hidden and v > 0
        )
        if not candidates:
            return
        hidden.add(candidates[0][2])
