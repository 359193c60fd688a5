"""Replaying Pol.is's updates: the k smoother, warm starts, cadence batches, math eras, in-conv."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from civicbot_analysis.opinions import POLIS_2017, POLIS_CURRENT, opinion_groups
from civicbot_analysis.opinions import groups as g
from civicbot_analysis.opinions import replay as rp
from civicbot_analysis.opinions.result import math_at
from civicbot_analysis.polis import export_math, read_polis, write_polis
from civicbot_analysis.rounddata import Resident, Statement, Vote
from tests.analysis.opinions.factories import camps


def _blobs(centres: list[tuple[float, float]], n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.concatenate([rng.normal(c, 0.05, size=(n, 2)) for c in centres])


def test_k_smoother_switches_only_after_four_wins() -> None:
    state = g.KState()
    assert state.update(2) == 2  # the first update shows its best k at once
    shown = [state.update(k) for k in (3, 3, 3, 2, 3, 3, 3, 3)]
    # 3 wins three times, then 2 breaks the run; the fourth 3 in a row switches.
    assert shown == [2, 2, 2, 2, 2, 2, 2, 3]


def test_warm_started_updates_keep_k_until_the_buffer_fills() -> None:
    two = _blobs([(0, 0), (4, 0)], 40, seed=1)
    three = _blobs([(0, 0), (4, 0), (2, 5)], 40, seed=2)
    counted = np.ones(len(two), dtype=np.bool_)
    clustering = g.cluster_positions(two, counted)
    assert clustering.k == 2
    shown = []
    counted3 = np.ones(len(three), dtype=np.bool_)
    for _ in range(5):
        clustering = g.cluster_positions(three, counted3, clustering)
        shown.append(clustering.k)
    assert shown == [2, 2, 2, 3, 3]
    labels = g.labels_from(clustering, len(three))
    truth = np.repeat([0, 1, 2], 40)
    assert adjusted_rand_score(truth, labels) == 1.0
    # With no buffer the new k shows at once.
    fresh = g.cluster_positions(two, counted)
    assert g.cluster_positions(three, counted3, fresh, buffer=1).k == 3


def test_warm_start_carries_clusters_by_member_not_by_place() -> None:
    points = _blobs([(0, 0), (4, 0)], 30, seed=3)
    counted = np.ones(len(points), dtype=np.bool_)
    first = g.cluster_positions(points, counted)
    flipped = g.cluster_positions(-points, counted, first)  # a PCA sign flip between updates
    assert list(g.labels_from(flipped, len(points))) == list(g.labels_from(first, len(points)))


def test_batches_follow_the_cadence() -> None:
    at = [0, 500, 999, 1000, 5000, 5001]
    votes = [rp.TimedVote("r", str(i), 1, t) for i, t in enumerate(at)]
    assert rp.batches(votes, 1.0) == [3, 4, 6]
    assert rp.batches(votes, 1e9) == [6]
    assert rp.batches(votes, 0.0) == [1, 2, 3, 4, 5, 6]
    assert rp.batches([], 60.0) == []


def _timed(data, start: int = 1_600_000_000_000, step: int = 1000) -> list[rp.TimedVote]:
    return [
        rp.TimedVote(v.resident, v.statement, v.vote, start + i * step)
        for i, v in enumerate(data.votes)
    ]


def test_one_batch_is_pol_is_fresh_start() -> None:
    data = camps(noise=0.1, seed=5)
    votes = _timed(data)
    whole = rp.replay(votes, rejected={"gone"}, options=rp.ReplayOptions(cadence_s=1e12))
    assert whole.n_updates == 1
    fresh = opinion_groups(data, math=math_at(datetime.fromtimestamp(votes[-1].at / 1000, UTC)))
    groups = rp.replay_groups(whole)
    both = sorted(groups)
    assert set(both) == set(fresh.groups)
    assert adjusted_rand_score([groups[r] for r in both], [fresh.groups[r] for r in both]) == 1.0


def test_replay_of_many_updates_finds_the_camps() -> None:
    data = camps(noise=0.05, seed=6)
    result = rp.replay(_timed(data), rejected={"gone"}, options=rp.ReplayOptions(cadence_s=30))
    assert result.n_updates > 10
    assert result.k == 2 and result.k_history[-1] == 2
    groups = rp.replay_groups(result)
    truth = [r.startswith("a") for r in groups]
    assert adjusted_rand_score(truth, list(groups.values())) == 1.0


def test_reboot_resets_groups_and_smoother_but_keeps_in_conv() -> None:
    data = camps(n_a=10, n_b=10, seed=7)
    votes = _timed(data, step=3_600_000)  # an hour between votes
    options = rp.ReplayOptions(cadence_s=1.0, reboot_gap_s=60.0)
    result = rp.replay(votes, rejected={"gone"}, options=options)
    assert result.k == 2  # still found, every update starting its groups afresh


def test_eras_follow_pol_is_commit_dates() -> None:
    old = rp.era_at(int(datetime(2017, 8, 1, tzinfo=UTC).timestamp() * 1000))
    assert (old.impute, old.count_modded, old.base_iters) == ("zero", True, 20)
    new = rp.era_at(int(datetime(2019, 1, 1, tzinfo=UTC).timestamp() * 1000))
    assert new == rp.TODAY
    assert math_at(datetime(2017, 8, 1, tzinfo=UTC)) == POLIS_2017
    assert math_at(datetime(2021, 8, 1, tzinfo=UTC)) == POLIS_CURRENT


def test_old_counting_runs_until_the_fix_went_live_not_its_commit() -> None:
    # Committed on 2017-10-31; football-concussions' export still counts the old way on
    # 20 December 2017 and no longer on 6 January 2018.
    def era(day: datetime) -> rp.Era:
        return rp.era_at(int(day.timestamp() * 1000))

    assert era(datetime(2017, 12, 20, 21, 17, tzinfo=UTC)).count_modded
    assert not era(datetime(2018, 1, 6, 12, 57, tzinfo=UTC)).count_modded
    assert era(datetime(2017, 12, 20, tzinfo=UTC)).impute == "mean"  # from its commit


def test_old_counting_began_with_its_commit_not_before() -> None:
    # "reversibly ignore is_meta and moderated out comments" (2017-02-27) zeroed moderated-out
    # columns in the matrix that counted votes; before it only votes cast counted.
    def era(day: datetime) -> rp.Era:
        return rp.era_at(int(day.timestamp() * 1000))

    assert not era(datetime(2015, 7, 1, tzinfo=UTC)).count_modded
    assert not era(datetime(2017, 2, 26, tzinfo=UTC)).count_modded
    assert era(datetime(2017, 2, 27, 12, tzinfo=UTC)).count_modded
    assert era(datetime(2016, 6, 1, tzinfo=UTC)).impute == "zero"  # passes until late 2017


def _one_time(folder: Path) -> Path:
    """``folder``'s votes.csv with every vote stamped at the last vote's time."""
    path = folder / "votes.csv"
    lines = path.read_text().splitlines()
    last = max(int(line.split(",")[0]) for line in lines[1:])
    rows = [f"{last}," + line.split(",", 1)[1] for line in lines[1:]]
    path.write_text("\n".join([lines[0], *rows]) + "\n")
    return folder


def test_votes_at_one_time_cluster_whom_the_export_grouped(tmp_path: Path) -> None:
    folder = _export_with_one_vote_voter(tmp_path, datetime(2017, 12, 10, tzinfo=UTC))
    votes = rp.read_vote_times(folder)
    grouped = {f"a{i}" for i in range(12)} | {"one"}
    # With times, the history decides (old counting holds "one"), whatever the export says.
    assert rp.held_in_conv(votes, grouped, rejected={f"gone{i}" for i in range(6)}) == set(
        rp.history_in_conv(votes, rejected={f"gone{i}" for i in range(6)})
    )
    same = [dataclasses.replace(v, at=votes[-1].at) for v in votes]
    assert rp.held_in_conv(same, grouped) == grouped  # no history left: the export's record
    assert rp.held_in_conv(same, set()) == rp.history_in_conv(same)  # no record: the rule
    # export_math on such an export clusters exactly whom it grouped.
    data = read_polis(folder)
    truth = {r.id: int(r.id.startswith("b")) for r in data.residents if r.id != "one"}
    folder = write_polis(data, tmp_path / "timeless", groups=truth)
    math = export_math(_one_time(folder), read_polis(folder))
    assert math.clustered == frozenset(truth)


def test_poll_order_is_lowest_comment_then_participant() -> None:
    pairs = [("7", "2"), ("3", "5"), ("7", "1"), ("10", "1"), ("2", "5"), ("x", "9")]
    assert rp.poll_order(pairs) == ("7", "10", "2", "3", "x")
    data = camps(n_a=3, n_b=3, seed=1)
    order = [r.id for r in reversed(data.residents)][:4]
    assert [r.id for r in rp.reordered(data, order).residents][:4] == order
    assert len(rp.reordered(data, order).residents) == len(data.residents)


def _export_with_one_vote_voter(tmp_path: Path, opened: datetime) -> Path:
    """Two camps, seven rejected statements, and "one" who voted once, at ``opened``."""
    base = camps(n_a=12, n_b=12, seed=5)
    gone = [Statement(f"gone{i}", f"Rejected {i}", moderated=-1) for i in range(6)]
    votes = [*base.votes, *(Vote("a0", s.id, 1) for s in gone), Vote("one", "s0", 1)]
    data = dataclasses.replace(
        base,
        statements=(*base.statements, *gone),
        votes=tuple(votes),
        residents=(*base.residents, Resident("one")),
        opened_at=opened,
    )
    return write_polis(data, tmp_path / opened.strftime("%Y%m%d"))


@pytest.mark.parametrize(
    ("opened", "held"),
    [(datetime(2017, 12, 10, tzinfo=UTC), True), (datetime(2018, 2, 1, tzinfo=UTC), False)],
)
def test_export_math_clusters_whom_pol_is_history_holds(
    tmp_path: Path, opened: datetime, held: bool
) -> None:
    folder = _export_with_one_vote_voter(tmp_path, opened)
    data = read_polis(folder)  # as the report reads it: rejected statements left out
    math = export_math(folder, data)
    assert math.clustered is not None
    # The seven rejected columns still weigh in the projection, as in Pol.is's matrix.
    assert math.hidden_columns == 7
    assert export_math(folder, read_polis(folder, keep_rejected=True)).hidden_columns == 0
    # Under the old counting the seven rejected columns count as votes for everyone.
    assert ("one" in math.clustered) is held
    result = opinion_groups(data, math=math, stability_orders=0)
    assert ("one" in result.groups) is held
    assert len(result.groups) == 24 + held
    camp = {r: r[0] for r in result.groups if r != "one"}
    assert adjusted_rand_score(list(camp.values()), [result.groups[r] for r in camp]) == 1.0


def test_2017_counting_puts_one_vote_voters_in_conversation() -> None:
    rng = np.random.default_rng(0)
    raw = rng.choice([-1.0, 1.0], size=(30, 20))
    raw[20:, 1:] = np.nan  # ten residents with one vote each
    active = np.ones(20, dtype=np.bool_)
    today = rp.in_conv(raw, active, rp.TODAY, np.zeros(0, dtype=np.int64))
    assert today.sum() == 20
    active[10:17] = False  # seven columns moderated out
    bug = rp.era_at(int(datetime(2017, 6, 1, tzinfo=UTC).timestamp() * 1000))
    old = rp.in_conv(raw, active, bug, np.zeros(0, dtype=np.int64))
    assert old.all()
    # Once in, always in.
    kept = rp.in_conv(raw, np.ones(20, dtype=np.bool_), rp.TODAY, np.array([25]))
    assert kept[25] and kept.sum() == 21


def test_read_vote_times_sorts_and_refuses_bad_votes(tmp_path: Path) -> None:
    (tmp_path / "votes.csv").write_text(
        "timestamp,datetime,comment-id,voter-id,vote\n2000,x,1,7,-1\n1000,x,0,7,1\n",
        encoding="utf-8",
    )
    votes = rp.read_vote_times(tmp_path)
    assert [(v.statement, v.at, v.vote) for v in votes] == [("0", 1000, 1), ("1", 2000, -1)]
    (tmp_path / "votes.csv").write_text(
        "timestamp,datetime,comment-id,voter-id,vote\n1000,x,0,7,5\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="row 2: vote '5'"):
        rp.read_vote_times(tmp_path)


def test_in_conv_history_keeps_residents_counted_under_the_2017_rule() -> None:
    before = int(datetime(2017, 6, 1, tzinfo=UTC).timestamp() * 1000)
    after = int(datetime(2019, 6, 1, tzinfo=UTC).timestamp() * 1000)
    votes = [rp.TimedVote(f"r{i}", f"s{j}", 1, before + i) for i in range(20) for j in range(10)]
    votes += [rp.TimedVote("early", "s0", 1, before + 100)]  # one vote, 2017
    votes += [rp.TimedVote("late", "s0", 1, after)]  # one vote, 2019
    out = {f"s{j}" for j in range(3, 10)}  # seven columns moderated out
    held = rp.history_in_conv(votes, rejected=out, cadence_s=60.0)
    assert "early" in held and "late" not in held
    assert {f"r{i}" for i in range(20)} <= held


@pytest.mark.parametrize("seed", range(4))
def test_in_conv_history_equals_in_conv_rerun_at_every_update(seed: int) -> None:
    # Random voting across the 2017/2018 change of counting, with moderated-out columns
    # and early updates with fewer than 15 in: the incremental counts give the same residents
    # as rerunning :func:`in_conv` on the whole matrix at every update.
    rng = np.random.default_rng(seed)
    t0 = int(datetime(2017, 12, 31, 23, tzinfo=UTC).timestamp() * 1000)
    votes = sorted(
        (
            rp.TimedVote(
                f"r{rng.integers(40)}",
                f"s{rng.integers(12)}",
                int(rng.integers(-1, 2)),
                t0 + int(rng.integers(0, 2 * 3_600_000)),
            )
            for _ in range(150)
        ),
        key=lambda v: v.at,
    )
    out = {"s0", "s1", "s2"}
    rows = list(dict.fromkeys(v.resident for v in votes))
    cols = list(dict.fromkeys(v.statement for v in votes))
    raw = np.full((len(rows), len(cols)), np.nan)
    active = np.array([c not in out for c in cols], dtype=np.bool_)
    held = np.zeros(0, dtype=np.int64)
    start = 0
    for end in rp.batches(votes, 60.0):
        for v in votes[start:end]:
            raw[rows.index(v.resident), cols.index(v.statement)] = v.vote
        n_rows = len(set(rows[: max(rows.index(v.resident) for v in votes[:end]) + 1]))
        n_cols = max(cols.index(v.statement) for v in votes[:end]) + 1
        era = rp.era_at(votes[end - 1].at)
        held = np.flatnonzero(rp.in_conv(raw[:n_rows, :n_cols], active[:n_cols], era, held))
        start = end
    want = {rows[i] for i in held}
    assert rp.history_in_conv(votes, rejected=out, cadence_s=60.0) == want


def test_a_new_moderated_out_column_lets_in_residents_who_did_not_vote_again() -> None:
    # Under the 2017 counting every moderated-out column counts as a vote for everyone, so a
    # column that first appears later lifts residents who cast no vote in that update.
    t = int(datetime(2017, 12, 1, tzinfo=UTC).timestamp() * 1000)
    votes = [rp.TimedVote(f"r{i}", f"s{j}", 1, t + i) for i in range(20) for j in range(2, 9)]
    votes += [rp.TimedVote("x", f"s{j}", 1, t + 100) for j in range(2, 7)]  # five votes
    assert "x" not in rp.history_in_conv(votes, rejected={"s0", "s1"})
    later = t + 3_600_000
    votes += [rp.TimedVote("r0", "s0", 1, later), rp.TimedVote("r1", "s1", 1, later + 1)]
    assert "x" in rp.history_in_conv(votes, rejected={"s0", "s1"})


def test_a_resident_who_voted_only_on_rejected_comments_keeps_a_row(tmp_path: Path) -> None:
    base = camps(n_a=12, n_b=12, seed=6)
    gone = [Statement(f"gone{i}", f"Rejected {i}", moderated=-1) for i in range(8)]
    data = dataclasses.replace(
        base,
        statements=(*base.statements, *gone),
        votes=(*base.votes, *(Vote("ghost", s.id, 1) for s in gone)),
        residents=(Resident("ghost"), *base.residents),
        opened_at=datetime(2017, 12, 10, tzinfo=UTC),
    )
    folder = write_polis(data, tmp_path / "ghost")
    full = read_polis(folder, keep_rejected=True)
    report = read_polis(folder)  # rejected comments and their votes left out
    assert "ghost" not in {v.resident for v in report.votes}
    math = export_math(folder, report)
    assert math.clustered is not None and "ghost" in math.clustered
    assert math.hidden_columns >= 8
    ours = opinion_groups(report, math=math, stability_orders=0)
    theirs = opinion_groups(full, math=export_math(folder, full), stability_orders=0)
    # Pol.is's matrix has a row for "ghost", so the report's groups are the full export's.
    assert ours.groups == theirs.groups and "ghost" in ours.groups
