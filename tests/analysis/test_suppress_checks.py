"""The checkers the suppression tests rely on (``published_cells``, ``unsafe_cells``,
``table_leaks``) find what they must, and hidden cells say why they are hidden.

The property tests prove "no published figure rests on fewer than k people" with these
checkers; a checker that missed cells in a dict, or a leak from a single hidden cell,
would let those tests pass on a report that leaks.
"""

from __future__ import annotations

from dataclasses import dataclass

from civicbot_analysis.suppress import SECONDARY, SMALL, Cell, suppress_table
from civicbot_analysis.suppress_checks import published_cells, table_leaks, unsafe_cells


@dataclass(frozen=True)
class Nested:
    table: dict[str, Cell]
    rows: list[Cell]
    pair: tuple[Cell, ...]


def test_published_cells_are_found_everywhere() -> None:
    small, big, hidden = Cell(3, 3, False), Cell(40, 40, False), Cell(None, None, True)
    found = published_cells(Nested({"a": small}, [big, hidden], (Cell(12, 12, False),)))
    assert found == [small, big, Cell(12, 12, False)]
    assert unsafe_cells(found, 10) == [small]
    assert unsafe_cells([Cell(0, 0, False), Cell(0.5, None, False)], 10) == [Cell(0.5, None, False)]


def test_hidden_cells_say_why() -> None:
    cells = suppress_table({"a": 1, "b": 9, "c": 30, "d": 40}, 80, k=10)
    assert (cells["a"].reason, cells["b"].reason) == (SMALL, SMALL)
    assert cells["c"].shown and cells["d"].shown
    cells = suppress_table({"a": 1, "b": 20, "c": 30}, 51, k=10)
    assert cells["a"].reason == SMALL and cells["b"].reason == SECONDARY


def test_table_leaks_are_found() -> None:
    rows = {"a": 3, "b": 30, "c": 40}
    shown = {key: Cell(v, v, False) for key, v in rows.items()}
    one_hidden = {**shown, "a": Cell(None, None, True)}
    assert table_leaks(one_hidden, rows, 73, 10) == [
        "a: the only hidden cell, recoverable from the total"
    ]
    two_small = {"a": Cell(None, None, True), "b": Cell(None, None, True), "c": shown["c"]}
    leaks = table_leaks(two_small, {"a": 3, "b": 4, "c": 40}, 47, 10)
    assert leaks == ["['a', 'b']: hidden cells sum to 7, fewer than 10"]
    # A remainder outside the rows is known to the reader too.
    assert table_leaks(two_small, {"a": 3, "b": 4, "c": 40}, 60, 10) == leaks
    assert table_leaks(two_small, {"a": 5, "b": 5, "c": 40}, 50, 10) == []
    one = table_leaks(two_small, {"a": 1, "b": 0, "c": 40}, 41, 10)
    assert one == ["['a', 'b']: hidden cells sum to 1, fewer than 10"]
    assert table_leaks(shown, rows, 73, 10) == []
    wrong = {**shown, "c": Cell(41, 41, False)}
    assert table_leaks(wrong, rows, 73, 10) == ["c: shown value 41 differs from the count 40"]
    assert table_leaks(shown, {"a": 3, "b": 3, "c": 2}, 8, 10) != []
