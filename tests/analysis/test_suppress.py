"""Small-number suppression: primary rules, secondary suppression, and its checks."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicbot_analysis.suppress import Cell, Suppressor, suppress_table
from civicbot_analysis.suppress_checks import published_cells, table_leaks, unsafe_cells


def test_k_defaults_to_ten_and_never_goes_below_five() -> None:
    assert Suppressor().k == 10
    assert Suppressor(5).k == 5
    for bad in (4, 0, -1):
        with pytest.raises(ValueError, match="k >= 5"):
            Suppressor(bad)
    with pytest.raises(ValueError):
        suppress_table({"a": 20}, 20, k=3)
    with pytest.raises(TypeError):
        Suppressor(True)


def test_counts() -> None:
    s = Suppressor(10)
    assert s.count(0).render() == "0"
    assert s.count(9).suppressed and s.count(9).value is None and s.count(9).n is None
    assert s.count(10).render() == "10"
    assert s.count(12345).render() == "12,345"


def test_shares_need_both_parts_large() -> None:
    s = Suppressor(10)
    assert s.share(31, 100).render() == "31%"
    assert s.share(0, 50).shown and s.share(0, 50).n == 50
    assert s.share(50, 50).shown
    assert s.share(5, 100).suppressed  # five people
    assert s.share(95, 100).suppressed  # ...or five people who did not
    assert s.share(5, 9).suppressed  # base below k
    assert s.share(0, 0).suppressed


def test_means_and_intervals() -> None:
    s = Suppressor(10)
    assert s.mean([3.0] * 9).suppressed
    assert s.mean([1.0, 3.0] * 5).render() == "2.0"
    assert s.interval(0.25, 0.375, 40, "share_interval").render() == "25%–38%"
    assert s.interval(2.04, 2.36, 40).render() == "2.0–2.4"
    assert s.interval(1.0, 2.0, 9).suppressed
    assert s.summary(float("nan"), 100).suppressed
    assert s.summary(0.5, 20, "score").render() == "0.50"


def test_suppressed_cells_carry_no_value_even_in_json() -> None:
    cell = Suppressor().count(3)
    dumped = json.dumps(asdict(cell))
    assert "3" not in dumped
    assert str(cell) == "*"


def test_a_lone_small_cell_takes_the_next_smallest_with_it() -> None:
    cells = suppress_table({"a": 3, "b": 40, "c": 25, "d": 0}, 68, k=10)
    assert [k for k, c in cells.items() if c.suppressed] == ["a", "c"]
    assert cells["a"].reason == "small" and cells["c"].reason == "secondary"
    assert cells["d"].render() == "0"


def test_hidden_cells_must_together_hold_k() -> None:
    # Two small cells (2 + 3 = 5) would reveal five people between them.
    cells = suppress_table({"a": 2, "b": 3, "c": 30, "d": 50}, 85, k=10)
    assert {k for k, c in cells.items() if c.suppressed} == {"a", "b", "c"}


def test_small_total_hides_everything() -> None:
    cells = suppress_table({"a": 6, "b": 3}, 9, k=10)
    assert all(c.suppressed for c in cells.values())


def test_empty_table_shows_its_zeros() -> None:
    # Nobody at all: every cell is 0, which the total (0, shown) says anyway.
    cells = suppress_table({"a": 0, "b": 0}, 0, k=10)
    assert [c.render() for c in cells.values()] == ["0", "0"]
    assert not table_leaks(cells, {"a": 0, "b": 0}, 0, 10)


def test_nothing_hidden_when_nothing_small() -> None:
    cells = suppress_table({"a": 10, "b": 0, "c": 90}, 100, k=10)
    assert not any(c.suppressed for c in cells.values())


def test_table_leaks_catches_a_recoverable_cell() -> None:
    rows = {"a": 3, "b": 40, "c": 25}
    s = Suppressor()
    naive = {k: s.count(v) for k, v in rows.items()}  # primary suppression only
    assert table_leaks(naive, rows, 68, 10)
    assert not table_leaks(suppress_table(rows, 68), rows, 68, 10)


def test_unsafe_cells_finds_small_published_figures() -> None:
    bad = Cell(value=0.5, n=4, suppressed=False, kind="share")
    good = Cell(value=0.5, n=40, suppressed=False, kind="share")
    zero = Cell(value=0, n=0, suppressed=False, kind="count")
    assert unsafe_cells([bad, good, zero], 10) == [bad]


def test_published_cells_walks_nested_results() -> None:
    s = Suppressor()
    result = {"x": [s.count(20), s.count(2)], "y": (s.share(30, 60),)}
    assert len(published_cells(result)) == 2


@settings(max_examples=300, deadline=None)
@given(
    rows=st.dictionaries(
        st.text("abcdefgh", min_size=1, max_size=2), st.integers(0, 60), max_size=8
    ),
    k=st.integers(5, 15),
)
def test_no_table_cell_can_be_worked_back(rows: dict[str, int], k: int) -> None:
    total = sum(rows.values())
    cells = suppress_table(rows, total, k)
    assert not table_leaks(cells, rows, total, k)
    assert not unsafe_cells(cells.values(), k)
    for key, cell in cells.items():
        if 0 < rows[key] < k:
            assert cell.suppressed
