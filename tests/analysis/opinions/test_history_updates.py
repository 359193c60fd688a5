"""Replaying Pol.is's updates where an export says how many its math ran (``math-tick``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from civicbot_analysis.opinions import POLIS_CURRENT, opinion_groups
from civicbot_analysis.opinions.matrix import build_vote_matrix
from civicbot_analysis.opinions.replay import Era
from civicbot_analysis.opinions.stability import cadence_runs, history
from civicbot_analysis.polis import export_math, meta_statements, read_polis, write_polis
from civicbot_analysis.polis_era import MAX_UPDATES, MAX_VOTES_PER_UPDATE, math_updates
from tests.analysis.opinions.test_stability import _late_third_camp


def test_a_replay_keeps_pol_is_k_where_a_fresh_start_does_not() -> None:
    """A third camp that arrives in the last update: Pol.is's k smoother shows it only after it
    has won 4 updates running, so Pol.is (and a replay of its 8 updates) shows two groups where
    a fresh start on the final votes finds three."""
    data = _late_third_camp()
    assert opinion_groups(data, stability_orders=0).k == 3
    replayed = opinion_groups(
        data, math=dataclasses.replace(POLIS_CURRENT, updates=8), stability_orders=0
    )
    assert replayed.k == 2
    assert set(replayed.silhouettes) == {2, 3, 4, 5}


def test_the_replay_is_the_history_the_stability_figure_replays() -> None:
    data = _late_third_camp()
    result = opinion_groups(
        data, math=dataclasses.replace(POLIS_CURRENT, updates=16), stability_orders=0
    )
    matrix = build_vote_matrix(data)
    row = {r: i for i, r in enumerate(matrix.residents)}
    col = {c: j for j, c in enumerate(matrix.statements)}
    arrivals = [(row[v.resident], col[v.statement]) for v in data.votes]
    labels, clustering = history(matrix, arrivals, Era(), 16)
    assert clustering is not None
    assert np.array_equal(labels, cadence_runs(matrix, arrivals, Era(), cadences=(16,))[0])
    # the same partition, numbered by size in the result
    pairs = {(labels[row[r]], g) for r, g in result.groups.items()}
    assert len(pairs) == len({g for _, g in pairs}) == result.k


def _summary_with(folder: Path, tick: str | None) -> None:
    path = folder / "summary.csv"
    lines = path.read_text().splitlines()
    if tick is not None:
        lines.append(f"math-tick,{tick}")
    path.write_text("\n".join(lines) + "\n")


def test_math_updates_reads_the_tick_where_recorded(tmp_path: Path) -> None:
    data = _late_third_camp()
    votes = len(data.votes)  # 3,600
    for name, tick, want in [
        ("csv", None, None),  # openData's CSV exports say nothing
        ("few", "80", 80),
        ("many", "12716", MAX_UPDATES),
        ("junk", "soon", None),
        ("zero", "0", None),
        ("recomputed", "6", None),  # 600 votes per update: rebuilt after the voting
    ]:
        folder = write_polis(data, tmp_path / name)
        _summary_with(folder, tick)
        assert math_updates(folder, votes) == want, name
    assert votes == 3600 and 3600 // MAX_VOTES_PER_UPDATE == 72


def test_export_math_replays_an_export_that_records_its_updates(tmp_path: Path) -> None:
    data = _late_third_camp()
    folder = write_polis(data, tmp_path / "api")
    read = read_polis(folder)
    assert export_math(folder, read, meta_statements(read)).updates is None
    _summary_with(folder, "80")
    math = export_math(folder, read, meta_statements(read))
    assert math.updates == 80
