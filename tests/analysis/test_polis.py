from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sklearn.metrics import adjusted_rand_score

from civicbot_analysis.opinions import opinion_groups
from civicbot_analysis.polis import read_polis, read_polis_groups, write_polis
from tests.analysis.opinions.factories import camps

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polis"


def _write(path: Path, rows: list[list[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def _tiny(folder: Path, *, with_votes: bool) -> Path:
    folder.mkdir()
    _write(
        folder / "comments.csv",
        [
            [
                "timestamp",
                "datetime",
                "comment-id",
                "author-id",
                "agrees",
                "disagrees",
                "moderated",
                "comment-body",
            ],
            [1000, "x", 0, 7, 1, 1, 1, "Parks matter"],
            [1001, "x", 1, 7, 1, 0, -1, "Spam"],
            [1002, "x", 2, 8, 0, 1, 0, "=SUM(A1)"],
        ],
    )
    if with_votes:
        _write(
            folder / "votes.csv",
            [
                ["timestamp", "datetime", "comment-id", "voter-id", "vote"],
                [2000, "x", 0, 5, -1],
                [1500, "x", 0, 3, 1],
                [2500, "x", 0, 5, 1],  # later vote by 5 wins
                [2600, "x", 1, 5, 1],  # on the rejected comment
                [2700, "x", 2, 3, -1],
                [2100, "x", 0, 4, -1],
            ],
        )
    _write(
        folder / "participants-votes.csv",
        [
            [
                "participant",
                "group-id",
                "n-comments",
                "n-votes",
                "n-agree",
                "n-disagree",
                "0",
                "1",
                "2",
            ],
            [3, 0, 0, 2, 1, 1, 1, "", -1],
            [4, "", 0, 1, 0, 1, -1, "", ""],
            [5, 1, 0, 2, 2, 0, 1, 1, ""],
        ],
    )
    return folder


def test_read_with_votes_csv(tmp_path: Path) -> None:
    data = read_polis(_tiny(tmp_path / "conv", with_votes=True))
    assert [s.id for s in data.statements] == ["0", "2"]
    assert data.statements[1].text == "=SUM(A1)" and data.statements[1].moderated == 0
    votes = {(v.resident, v.statement): v.vote for v in data.votes}
    assert votes == {("3", "0"): 1, ("5", "0"): 1, ("3", "2"): -1, ("4", "0"): -1}
    assert [r.id for r in data.residents] == ["3", "5", "4"]  # order of first vote
    assert data.answers == () and all(r.demographics == {} for r in data.residents)
    kept = read_polis(tmp_path / "conv", keep_rejected=True)
    assert ("5", "1", 1) in {(v.resident, v.statement, v.vote) for v in kept.votes}


def test_read_without_votes_csv(tmp_path: Path) -> None:
    data = read_polis(_tiny(tmp_path / "conv", with_votes=False))
    votes = {(v.resident, v.statement): v.vote for v in data.votes}
    assert votes == {("3", "0"): 1, ("3", "2"): -1, ("4", "0"): -1, ("5", "0"): 1}
    assert read_polis_groups(tmp_path / "conv") == {"3": 0, "5": 1}


def test_write_round_trips(tmp_path: Path) -> None:
    data = camps(n_a=12, n_b=12)
    groups = opinion_groups(data).groups
    folder = write_polis(data, tmp_path / "out", groups=groups)
    back = read_polis(folder, keep_rejected=True)
    assert back.statements == data.statements
    assert back.votes == data.votes
    assert [r.id for r in back.residents] == [r.id for r in data.residents]
    assert read_polis_groups(folder) == groups
    no_votes = tmp_path / "pv"
    write_polis(data, no_votes)
    (no_votes / "votes.csv").unlink()
    assert set(read_polis(no_votes, keep_rejected=True).votes) == set(data.votes)
    with (folder / "comments.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header[2:4] == ["comment-id", "author-id"]


def test_formula_text_is_guarded_and_restored(tmp_path: Path) -> None:
    data = read_polis(_tiny(tmp_path / "conv", with_votes=True))
    write_polis(data, tmp_path / "out")
    raw = (tmp_path / "out" / "comments.csv").read_text(encoding="utf-8")
    assert "'=SUM(A1)" in raw
    assert read_polis(tmp_path / "out").statements[1].text == "=SUM(A1)"


@pytest.mark.skipif(not (REAL / "london.youth.policing").exists(), reason="no shared data")
def test_real_conversation_matches_polis_groups() -> None:
    folder = REAL / "london.youth.policing"
    data = read_polis(folder, keep_rejected=True)
    # Pol.is's demographic "seed" statements (0-14) are meta and take no part.
    result = opinion_groups(data, meta={str(i) for i in range(15)})
    theirs = read_polis_groups(folder)
    both = sorted(set(theirs) & set(result.groups))
    assert len(both) == 24 and result.k == 3
    ari = adjusted_rand_score([theirs[r] for r in both], [result.groups[r] for r in both])
    assert ari == pytest.approx(1.0)
