"""bench/polis_stability_check.py reads a printout's table and splits it at half stable."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import polis_stability_check as check

HEAD = "conversation   k pol.is k    ARI n both   stable: restarts cadences   both  +replays\n"


def _row(name: str, ari: float, stable: int) -> str:
    """One row laid out as bench/polis_agreement.py prints it."""
    return f"{name:<29} 2 {2:>8} {ari:>6.3f} {100:>6} {stable:>18}% {stable:>7}% {stable:>5}%  -\n"


def test_rows_are_read_and_split_at_half_stable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    printout = tmp_path / "p.txt"
    body = _row("aaa", 0.9, 90) + _row("bbb", 0.1, 20) + _row("ccc", 1.0, 99)
    printout.write_text(HEAD + body + "DEFAULT over all 3: median  0.900  min  0.100\n")
    assert check.rows(printout) == [("aaa", 0.9, 90), ("bbb", 0.1, 20), ("ccc", 1.0, 99)]
    assert check.main([str(printout)]) == 0
    out = capsys.readouterr().out
    assert "Spearman(ARI, stable) 1.00" in out
    assert "at least half stable: 2, ARI median 0.950, min 0.900" in out
    assert "under half stable: 1, ARI median 0.100" in out


def test_a_file_without_the_table_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "e.txt"
    empty.write_text("nothing here\n", encoding="utf-8")
    assert check.main([str(empty)]) == 1
    assert check.main([]) == 2
