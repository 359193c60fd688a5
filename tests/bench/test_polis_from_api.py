"""The Pol.is API JSON converter on a tiny conversation written here: two camps of residents,
a rejected and a meta comment, Pol.is's groups through base clusters, votes in either sign.
The converted folder must read back through ``read_polis`` with the same votes and groups."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from bench import polis_from_api as pa
from civicbot_analysis.polis import read_polis, read_polis_groups

T0 = 1_600_000_000_000  # ms


def fixture(n: int = 24, *, db_sign: bool = True) -> dict[str, Any]:
    """Residents 0..n/2-1 agree with comments 0 and 1 and disagree with 2, the rest the
    opposite; everyone passes on comment 3 (meta) and agrees with 4 (rejected). Pol.is's math
    puts the camps in groups 0 and 1 through four base clusters."""
    agree = -1 if db_sign else 1  # Pol.is's database writes agree as -1
    half = n // 2
    votes = []
    for pid in range(n):
        side = 1 if pid < half else -1
        for tid, lean in ((0, side), (1, side), (2, -side), (3, 0), (4, 1)):
            at = T0 + 1000 * (pid * 5 + tid)
            votes.append({"participant_id": pid, "statement_id": tid,
                          "vote": lean * agree, "modified": float(at)})  # fmt: skip
    counts = {t: [sum(1 for v in votes if v["statement_id"] == t and v["vote"] == s * agree)
                  for s in (1, -1)] for t in range(5)}  # fmt: skip
    comments = [
        {"statement_id": t, "txt": f"comment {t}", "participant_id": t % 3,
         "created": "2020-09-13T12:26:40.000000Z", "moderated": -1 if t == 4 else 1,
         "is_meta": t == 3, "agree_count": counts[t][0], "disagree_count": counts[t][1]}
        for t in range(5)
    ]  # fmt: skip
    quarter = [list(range(i, min(i + n // 4, n))) for i in range(0, n, n // 4)]
    math = {
        "base-clusters": {"id": [10, 11, 12, 13], "members": quarter},
        "group-clusters": [{"id": 0, "members": [10, 11]}, {"id": 1, "members": [12, 13]}],
        "in-conv": list(range(n)), "mod-out": [4, 3], "meta-tids": [3], "n": n,
        "user-vote-counts": {str(p): 5 for p in range(n)}, "math_tick": 7,
        "lastVoteTimestamp": int(max(v["modified"] for v in votes)),
    }  # fmt: skip
    conv = {"topic": "Two camps", "description": "a test"}
    return {"conversation.json": conv, "comments.json": comments, "votes.json": votes,
            "math-pca2.json": math}  # fmt: skip


def write(mirror: Path, cid: str, files: dict[str, Any]) -> Path:
    folder = mirror / "data" / cid
    folder.mkdir(parents=True)
    for name, body in files.items():
        (folder / name).write_text(json.dumps(body))
    return mirror


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("db_sign", [True, False])
def test_converts_to_an_export_the_loader_reads(tmp_path: Path, db_sign: bool) -> None:
    mirror = write(tmp_path / "m", "abc", fixture(db_sign=db_sign))
    facts = pa.convert(pa.load(mirror, "abc"), tmp_path / "out")
    assert facts.sign == ("flipped" if db_sign else "as stored")
    assert (facts.votes, facts.voters, facts.groups, facts.grouped) == (120, 24, 2, 24)
    votes = rows(tmp_path / "out" / "votes.csv")
    stamps = [int(v["timestamp"]) for v in votes]
    assert stamps == sorted(stamps) and stamps[0] == T0  # milliseconds, as exports
    # Resident 0 (first camp) agrees (+1, export sign) with comment 0, disagrees with 2.
    first = {v["comment-id"]: v["vote"] for v in votes if v["voter-id"] == "0"}
    assert first == {"0": "1", "1": "1", "2": "-1", "3": "0", "4": "1"}
    comments = {c["comment-id"]: c for c in rows(tmp_path / "out" / "comments.csv")}
    assert comments["4"]["moderated"] == "-1" and comments["3"]["is-meta"] == "true"
    assert (comments["0"]["agrees"], comments["0"]["disagrees"]) == ("12", "12")

    data = read_polis(tmp_path / "out", keep_rejected=True)
    assert len(data.votes) == 120 and data.title == "Two camps"
    assert data.closed_at is not None and data.closed_at.timestamp() * 1000 == stamps[-1]
    groups = read_polis_groups(tmp_path / "out")
    assert groups == {str(p): int(p >= 12) for p in range(24)}
    with (tmp_path / "out" / "summary.csv").open(newline="") as fh:
        summary = dict(csv.reader(fh))
    assert summary["math-last-vote-timestamp"] == str(stamps[-1])
    assert summary["math-meta-tids"] == "3" and summary["groups"] == "2"


def test_reads_a_bare_git_mirror_and_names_missing_blobs(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    work = write(tmp_path / "work", "abc", fixture())
    files = fixture()
    del files["votes.json"]
    write(work, "novotes", files)
    git = ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git[:3], "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "data"], check=True)
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True)
    assert pa.conversation_ids(bare) == ["abc", "novotes"]
    assert pa.convert(pa.load(bare, "abc"), tmp_path / "out").votes == 120
    with pytest.raises(pa.Unusable, match=r"votes\.json is not stored"):
        pa.load(bare, "novotes")
    assert len(pa.mirror_commit(bare)) == 40


def test_refuses_bad_input_without_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = fixture()
    for c in files["comments.json"]:  # counts that fit neither sign
        c["agree_count"] = c["disagree_count"] = 5
    mirror = write(tmp_path / "m", "even", files)
    with pytest.raises(pa.Unusable, match="do not settle the vote sign"):
        pa.convert(pa.load(mirror, "even"), tmp_path / "out")
    files = fixture()
    files["votes.json"][0]["vote"] = 3
    write(mirror, "three", files)
    with pytest.raises(pa.Unusable, match="not 1, -1 or 0"):
        pa.convert(pa.load(mirror, "three"), tmp_path / "out")
    files = fixture()
    files["math-pca2.json"]["group-clusters"][1]["members"].append(10)
    write(mirror, "twice", files)
    with pytest.raises(pa.Unusable, match="in two groups"):
        pa.convert(pa.load(mirror, "twice"), tmp_path / "out")
    files = fixture()
    files["comments.json"][-1]["created"] = "last tuesday"  # fails after the votes are read
    write(mirror, "when", files)
    assert pa.main([str(mirror), "when", str(tmp_path / "out")]) == 1
    assert "when: not converted: malformed (ValueError(" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_all_applies_the_inclusion_rule_and_writes_the_split(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mirror = write(tmp_path / "m", "big", fixture(24))
    write(mirror, "small", fixture(8))  # 8 grouped residents: under MIN_GROUPED
    write(mirror, "2demo", fixture(24))  # a conversation scored before
    files = fixture(24)
    files["votes.json"] = [v for v in files["votes.json"] if v["participant_id"] != 23]
    write(mirror, "lacking", files)  # one grouped resident in 24 has no votes: over 2%
    files = fixture(24)
    del files["votes.json"][5]["modified"]
    write(mirror, "broken", files)
    split = tmp_path / "split.txt"
    assert pa.main([str(mirror), "--all", str(tmp_path / "out"), "--split", str(split)]) == 0
    out = capsys.readouterr().out
    assert "5 found, 4 usable, 1 included" in out
    assert "broken      not converted: malformed (KeyError('modified'))" in out
    assert "scored before" in out and "8 grouped with votes" in out and "4.2% of the grouped" in out
    lines = split.read_text().splitlines()
    assert any(line.startswith("# Inclusion: usable") for line in lines)
    assert [line for line in lines if not line.startswith("#")] == [f"big {pa.half('big')}"]
    assert {pa.half(c) for c in ("a", "b", "c", "d", "e", "f")} == {"dev", "heldout"}
    assert (tmp_path / "out" / "small" / "votes.csv").exists()  # converted, not included


def test_compare_with_the_conversations_own_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mirror = write(tmp_path / "m", "abc", fixture())
    pa.convert(pa.load(mirror, "abc"), tmp_path / "export")
    export = tmp_path / "export"
    pv = rows(export / "participants-votes.csv")
    with (export / "participants-votes.csv").open("w", newline="") as fh:  # relabel, drop 23
        w = csv.DictWriter(fh, fieldnames=list(pv[0]))
        w.writeheader()
        w.writerows({**r, "group-id": str(1 - int(r["group-id"]))} for r in pv[:-1])
    argv = [str(mirror), "abc", str(tmp_path / "api"), "--compare", str(export)]
    assert pa.main(argv) == 0
    out = capsys.readouterr().out
    assert "signs on votes in both: same 120, opposite 0" in out
    assert "equal to the ms 120 of 120" in out
    assert "both group 23; ARI 1.000; only API 1, only export 0" in out
