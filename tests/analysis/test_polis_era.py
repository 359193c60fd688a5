"""Reading from a Pol.is export which math its own groups came from (analysis/polis_era)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from civicbot_analysis.polis import export_math, meta_statements, read_polis, write_polis
from civicbot_analysis.polis_era import MARGIN, MapFit, later_math, separation
from civicbot_analysis.rounddata import Resident, RoundData, Statement, Vote
from tests.analysis.opinions.factories import camps

POLIS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polis"


def test_a_later_map_is_read_only_for_an_era_before_today_and_by_a_clear_margin() -> None:
    assert MapFit("zero", 0.1, 0.1 + MARGIN).later
    assert not MapFit("zero", 0.1, 0.1 + MARGIN - 0.01).later
    assert not MapFit("zero", 0.9, 0.2).later
    assert not MapFit("mean", 0.1, 0.9).later  # nothing later than today's math


def test_groups_that_split_the_camps_lie_on_both_maps() -> None:
    data = camps()
    truth = {r.id: int(r.id.startswith("b")) for r in data.residents}
    assert separation(data, truth, (), "mean") == 1.0
    assert separation(data, truth, (), "zero") == 1.0
    assert not later_math(data, truth, (), "zero").later
    # Groups drawn at random are told apart on neither map.
    rng = np.random.default_rng(0)
    noise = {r: int(rng.integers(2)) for r in truth}
    assert separation(data, noise, (), "mean") < 0.3


def _sparse_camps() -> tuple[RoundData, dict[str, int]]:
    """Two camps that differ only in which statements they skip: each camp sees its own six
    statements (and agrees with all) plus the shared four, where votes are a coin toss. With
    unseen votes as passes the camps sit apart; with the column mean they do not, so groups
    drawn along the skipping lie on the 2017 map and not on today's."""
    rng = np.random.default_rng(3)
    statements = tuple(Statement(f"s{j}", f"Statement {j}", moderated=1) for j in range(16))
    residents = tuple(Resident(id=f"{c}{i}") for c in "ab" for i in range(40))
    votes = []
    for r in residents:
        own = range(0, 6) if r.id[0] == "a" else range(6, 12)
        for j in [*own, 12, 13, 14, 15]:
            votes.append(Vote(r.id, f"s{j}", 1 if j < 12 else int(rng.choice([-1, 1]))))
    data = RoundData("sparse", "sparse", (), residents, (), statements, tuple(votes))
    return data, {r.id: int(r.id[0] == "b") for r in residents}


def test_the_map_the_groups_were_drawn_on_is_the_one_that_tells_them_apart() -> None:
    data, truth = _sparse_camps()
    assert separation(data, truth, (), "zero") == 1.0
    assert separation(data, truth, (), "mean") < separation(data, truth, (), "zero") - MARGIN
    assert not later_math(data, truth, (), "zero").later


def test_export_math_marks_an_export_only_when_its_groups_lie_on_a_later_map(
    tmp_path: Path,
) -> None:
    for year, expect_impute in ((2017, "zero"), (2024, "mean")):
        data = dataclasses.replace(camps(), opened_at=datetime(year, 3, 1, tzinfo=UTC))
        truth = {r.id: int(r.id.startswith("b")) for r in data.residents}
        folder = write_polis(data, tmp_path / str(year), groups=truth)
        read = read_polis(folder)
        math = export_math(folder, read, meta_statements(read))
        assert math.impute == expect_impute and not math.later_recompute


@pytest.mark.skipif(not POLIS.exists(), reason=f"{POLIS} is not here")
def test_of_the_nine_shared_exports_only_affordable_housing_was_recomputed_later() -> None:
    marked = set()
    for folder in sorted(p for p in POLIS.iterdir() if p.is_dir()):
        data = read_polis(folder)
        math = export_math(folder, data, meta_statements(data))
        if math.later_recompute:
            marked.add(folder.name)
            assert math.impute == "mean" and not math.count_modded  # today's math
            assert math.clustered is not None and len(math.clustered) == 381  # as Pol.is held
            # Rows as a recompute reads them (every vote in one poll, by comment then voter):
            # the order Pol.is's own export lists its participants in.
            listed = (folder / "participants-votes.csv").read_text().splitlines()[1:]
            assert math.row_order == tuple(line.split(",")[0] for line in listed)
        else:
            assert math.row_order is None
    assert marked == {"scoop-hivemind.affordable-housing"}


@pytest.mark.skipif(not POLIS.exists(), reason=f"{POLIS} is not here")
def test_affordable_housing_read_as_a_recompute_finds_pol_is_two_groups() -> None:
    from sklearn.metrics import adjusted_rand_score

    from civicbot_analysis.opinions import opinion_groups
    from civicbot_analysis.polis import read_polis_groups

    folder = POLIS / "scoop-hivemind.affordable-housing"
    data = read_polis(folder, keep_rejected=True)
    meta = meta_statements(data)
    math = export_math(folder, data, meta)
    theirs = read_polis_groups(folder)
    found = {}
    for name, chosen in (("poll", math), ("first vote", dataclasses.replace(math, row_order=None))):
        res = opinion_groups(data, meta=meta, math=chosen, stability_orders=0)
        both = sorted(set(res.groups) & set(theirs))
        ari = adjusted_rand_score([theirs[r] for r in both], [res.groups[r] for r in both])
        found[name] = (res.k, round(float(ari), 3))
    # In the order a recompute reads its rows, Pol.is's two groups; in first-vote order, five.
    assert found["poll"][0] == 2 and found["poll"][1] > 0.5
    assert found["first vote"][0] == 5 and found["first vote"][1] < 0.2


def test_an_export_without_vote_dates_clusters_whom_it_grouped(tmp_path: Path) -> None:
    data = camps(n_a=12, n_b=12, seed=3)
    truth = {r.id: int(r.id.startswith("b")) for r in data.residents if r.id not in {"a0", "b0"}}
    folder = write_polis(data, tmp_path / "undated", groups=truth)
    (folder / "votes.csv").unlink()  # participants-votes.csv alone: no dates at all
    read = read_polis(folder)
    assert read.closed_at is None
    math = export_math(folder, read, meta_statements(read))
    assert math.clustered == frozenset(truth) and math.impute == "mean"
    # Every voter grouped, including one who cast a single vote: Pol.is's 2017 counting.
    one = dataclasses.replace(
        data,
        residents=(*data.residents, Resident("one")),
        votes=(*data.votes, Vote("one", data.statements[0].id, 1)),
    )
    every = {r.id: int(r.id.startswith("b")) for r in one.residents}
    folder = write_polis(one, tmp_path / "undated2017", groups=every)
    (folder / "votes.csv").unlink()
    read = read_polis(folder)
    math = export_math(folder, read, meta_statements(read))
    assert math.impute == "zero" and math.clustered == frozenset(every)
    assert not math.later_recompute
