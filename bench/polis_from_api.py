"""Turn Pol.is conversations saved from its API (JSON) into export folders the benches read.

    python bench/polis_from_api.py MIRROR ID OUT_DIR [--compare EXPORT_FOLDER]
    python bench/polis_from_api.py MIRROR --all OUT_ROOT [--split FILE]

MIRROR is a checkout or bare git mirror of github.com/patcon/polis-community-open-data: its
``data/<id>/`` holds what red-dwarf's ``Loader`` saved from pol.is's API: ``conversation.json``,
``comments.json``, ``votes.json`` (each participant's latest vote per comment, ``modified`` in
ms) and ``math-pca2.json`` (Pol.is's live math at the fetch: ``group-clusters`` of base-cluster
ids, ``base-clusters`` of participant ids, ``in-conv``, ``mod-out``, ``lastVoteTimestamp``).
A conversation with a blob the mirror does not store is reported, not converted.

OUT_DIR becomes a Pol.is export folder (:mod:`civicbot_analysis.polis` reads it): ``votes.csv``
(every vote in ``votes.json``, oldest first, ``timestamp`` in milliseconds as in every export and
as ``read_polis`` and the replays read it; the API keeps no re-votes), ``comments.csv``
(``moderated`` and ``is-meta`` from ``comments.json``), ``participants-votes.csv`` (a row per
voter, ``group-id`` from the math's ``group-clusters`` through ``base-clusters``, blank for those
Pol.is did not group) and ``summary.csv`` (the usual keys, then the fetched math's last vote,
tick, who it grouped and how many of its votes ``votes.json`` lacks).

Vote signs: Pol.is's database and API store agree as -1, exports as +1, and the fetcher flipped
them in some versions only, so :func:`vote_sign` reads the sign from the comments' own agree and
disagree counts, and refuses a conversation where they do not settle it.

``--all`` converts every usable conversation, prints the facts :data:`INCLUSION` tests, and with
``--split FILE`` writes the included ids, each ``dev`` or ``heldout`` by :func:`half`, with the
rule and the mirror's commit in the header. ``--compare`` says how a converted folder agrees with
Pol.is's own CSV export of the same conversation (votes, signs, times, groups).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FILES = ("conversation.json", "comments.json", "votes.json", "math-pca2.json")
# Pol.is ids of exports scored before (development data): the nine in ../shared/data/polis, the
# five first unseen ones and the lead's three without votes.csv (bowling-green, austria 2vkx, 7z7e).
SEEN = frozenset({
    "2demo", "7wmvbjcjhp", "5mnfxu85hx", "2arcefpshi", "9xxwa9jpkm", "4hnmy3zeff", "5psrv8bm2a",
    "4yy3sh84js", "2rumnecbeh", "5twd2jsnfk", "3nemnipcrc", "3atycmhmer", "5sw7wa5dep",
    "3phdex2kjf", "9wtchdmmun", "2vkxcncppn", "7z7ejpbmv5",
})  # fmt: skip
MIN_GROUPED = 20  # grouped residents with votes: ARI on fewer is mostly noise
MIN_VOTE_SHARE = 0.95  # of the votes the math counted, votes.json must hold this share
MAX_GROUPED_WITHOUT_VOTES = 0.02  # share of Pol.is's grouped residents absent from votes.json
INCLUSION = (
    "usable (all four JSON files stored and readable, vote sign settled by the comments' counts);"
    f" not one of the {len(SEEN)} conversations scored before (SEEN); Pol.is shows >= 2 groups;"
    f" >= {MIN_GROUPED} grouped residents with votes; votes.json holds >= {MIN_VOTE_SHARE:.0%}"
    " of the votes the math counted (user-vote-counts) and all but"
    f" <= {MAX_GROUPED_WITHOUT_VOTES:.0%} of the residents it grouped; no vote after the math's"
    " lastVoteTimestamp"
)
HALF_RULE = "dev if int(sha256(id).hexdigest(), 16) is even, else heldout"


class Unusable(ValueError):
    """A conversation the mirror cannot give a faithful export of (one line: why)."""


@dataclass(frozen=True)
class Source:
    id: str
    conversation: dict[str, Any]
    comments: list[dict[str, Any]]
    votes: list[dict[str, Any]]
    math: dict[str, Any]


@dataclass(frozen=True)
class Facts:
    """What a conversion found, for the summary and the inclusion rule."""

    id: str
    sign: str  # "as stored" or "flipped"
    votes: int
    voters: int
    groups: int
    grouped: int  # residents Pol.is grouped
    grouped_with_votes: int
    math_votes: int  # sum of the math's user-vote-counts
    votes_after_math: int
    math_last_vote_ms: int

    @property
    def vote_share(self) -> float:  # of the votes the math counted
        return self.votes / self.math_votes if self.math_votes else 0.0

    @property
    def grouped_without_votes(self) -> float:  # share of the residents Pol.is grouped
        return 1 - self.grouped_with_votes / max(1, self.grouped)


def read_json(mirror: Path, cid: str, name: str) -> Any:
    """One file of ``data/<cid>/`` from a checkout (a folder) or a bare git mirror (HEAD)."""
    path = mirror / "data" / cid / name
    if path.is_file():
        text = path.read_bytes()
    else:
        cmd = ["git", "-C", str(mirror), "cat-file", "-p", f"HEAD:data/{cid}/{name}"]
        done = subprocess.run(cmd, capture_output=True)
        if done.returncode != 0:
            raise Unusable(f"{name} is not stored")
        text = done.stdout
    try:
        return json.loads(text)
    except ValueError as exc:
        raise Unusable(f"{name} is not JSON ({exc})") from None


def conversation_ids(mirror: Path) -> list[str]:
    """Every ``data/<id>`` of the mirror."""
    if (mirror / "data").is_dir():
        return sorted(p.name for p in (mirror / "data").iterdir() if p.is_dir())
    cmd = ["git", "-C", str(mirror), "ls-tree", "--name-only", "HEAD", "data/"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return sorted(line.rsplit("/", 1)[-1] for line in out.split())


def mirror_commit(mirror: Path) -> str:
    cmd = ["git", "-C", str(mirror), "rev-parse", "HEAD"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "not a git mirror"


def load(mirror: Path, cid: str) -> Source:
    conv, comments, votes, math = (read_json(mirror, cid, name) for name in FILES)
    if not isinstance(votes, list) or not isinstance(comments, list):
        raise Unusable("votes.json or comments.json is not a list")
    if not isinstance(math, dict) or "group-clusters" not in math or "base-clusters" not in math:
        raise Unusable("math-pca2.json has no group-clusters and base-clusters")
    return Source(cid, conv, comments, votes, math)


def vote_sign(src: Source) -> int:
    """+1 if ``votes.json`` already writes agree as +1 (as exports do), -1 if it writes agree as
    -1 (as Pol.is's database does): whichever reading lies nearer the agree and disagree counts
    ``comments.json`` gives each comment (summed absolute difference; votes missing from
    ``votes.json`` move both readings, a wrong sign moves every comment with unequal counts)."""
    got = Counter((v["statement_id"], int(v["vote"])) for v in src.votes)
    kept = flipped = 0
    for c in src.comments:
        tid, agree, disagree = c["statement_id"], c.get("agree_count"), c.get("disagree_count")
        if agree is None or disagree is None:
            continue
        kept += abs(got[(tid, 1)] - agree) + abs(got[(tid, -1)] - disagree)
        flipped += abs(got[(tid, -1)] - agree) + abs(got[(tid, 1)] - disagree)
    if kept == flipped:
        raise Unusable(
            f"the comments' counts do not settle the vote sign (off by {kept} both ways)"
        )
    return 1 if kept < flipped else -1


def math_groups(math: dict[str, Any]) -> dict[int, int]:
    """Participant id -> Pol.is group id, through the base clusters."""
    base = math["base-clusters"]
    if isinstance(base, dict):  # columnar: {"id": [...], "members": [[pid, ...], ...]}
        members = dict(zip(base["id"], base["members"], strict=True))
    else:
        members = {b["id"]: b["members"] for b in base}
    out: dict[int, int] = {}
    for group in math["group-clusters"]:
        for bid in group["members"]:
            for pid in members[bid]:
                if out.setdefault(int(pid), int(group["id"])) != int(group["id"]):
                    raise Unusable(f"participant {pid} is in two groups")
    return out


def _ms(iso: str | None) -> int:
    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000) if iso else 0


def _when(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%a %b %d %H:%M:%S UTC %Y")


def _write(path: Path, rows: list[list[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)


def convert(src: Source, out: Path) -> Facts:
    """Write ``out`` as an export folder (module docstring); return what was found."""
    sign = vote_sign(src)
    groups = math_groups(src.math)
    tids = sorted(int(c["statement_id"]) for c in src.comments)
    votes = sorted(
        ((int(v["modified"]), int(v["participant_id"]), int(v["statement_id"]),
          sign * int(v["vote"])) for v in src.votes),
    )  # fmt: skip
    latest = {(pid, tid): vote for _, pid, tid, vote in votes}
    unknown = {tid for _, tid in latest} - set(tids)
    if unknown or not set(latest.values()) <= {-1, 0, 1}:
        raise Unusable(f"votes on {len(unknown)} unknown comments, or votes not 1, -1 or 0")
    head = ["timestamp", "datetime", "comment-id", "voter-id", "vote"]
    files = {"votes.csv": [head] + [[at, _when(at), t, p, v] for at, p, t, v in votes]}
    counts = {v: Counter(t for (_, t), x in latest.items() if x == v) for v in (1, -1)}
    head = ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees"]
    rows: list[list[Any]] = [[*head, "moderated", "is-meta", "comment-body"]]
    for c in sorted(src.comments, key=lambda c: int(c["statement_id"])):
        at, tid = _ms(c.get("created")), int(c["statement_id"])
        rows.append([at, _when(at), tid, c.get("participant_id", ""), counts[1][tid],
                     counts[-1][tid], int(c.get("moderated", 0)),
                     str(bool(c.get("is_meta"))).lower(), c.get("txt", "")])  # fmt: skip
    files["comments.csv"] = rows
    mine: dict[int, dict[int, int]] = {}
    for (pid, tid), vote in latest.items():
        mine.setdefault(pid, {})[tid] = vote
    authored = Counter(int(c["participant_id"]) for c in src.comments if "participant_id" in c)
    head = ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"]
    rows = [head + tids]
    for pid in sorted(mine):
        got = list(mine[pid].values())
        fixed = [pid, groups.get(pid, ""), authored[pid], len(got), got.count(1), got.count(-1)]
        rows.append(fixed + [mine[pid].get(t, "") for t in tids])
    files["participants-votes.csv"] = rows
    last = int(src.math.get("lastVoteTimestamp") or 0)
    facts = Facts(
        id=src.id,
        sign="as stored" if sign == 1 else "flipped",
        votes=len(votes),
        voters=len(mine),
        groups=len(src.math["group-clusters"]),
        grouped=len(groups),
        grouped_with_votes=len(set(groups) & set(mine)),
        math_votes=sum(int(n) for n in (src.math.get("user-vote-counts") or {}).values()),
        votes_after_math=sum(1 for at, *_ in votes if at > last),
        math_last_vote_ms=last,
    )
    files["summary.csv"] = _summary(src, facts)
    out.mkdir(parents=True, exist_ok=True)  # only once every row is made: no half folders
    for name, body in files.items():
        _write(out / name, body)
    return facts


def _summary(src: Source, facts: Facts) -> list[list[Any]]:
    conv, math = src.conversation, src.math
    # fmt: off
    rows: list[list[Any]] = [
        ["topic", conv.get("topic") or src.id], ["url", f"https://pol.is/{src.id}"], ["views", ""],
        ["voters", facts.voters], ["voters-in-conv", len(math.get("in-conv") or [])],
        ["commenters", len({c.get("participant_id") for c in src.comments})],
        ["comments", len(src.comments)], ["groups", facts.groups],
        ["conversation-description", conv.get("description") or ""],
        ["source", "github.com/patcon/polis-community-open-data (Pol.is API JSON)"],
        ["math-last-vote-timestamp", facts.math_last_vote_ms],
        ["math-last-vote-datetime", _when(facts.math_last_vote_ms)],
        ["math-tick", math.get("math_tick", "")], ["math-n", math.get("n", "")],
        ["math-grouped", facts.grouped],
        ["math-grouped-without-votes", facts.grouped - facts.grouped_with_votes],
        ["math-votes-counted", facts.math_votes], ["votes-after-math", facts.votes_after_math],
        *([f"math-{k}", " ".join(map(str, math.get(k) or []))] for k in ("mod-out", "meta-tids")),
        ["vote-sign", f"{facts.sign} (agree +1 as in exports)"],
    ]
    # fmt: on
    return rows


def problems(facts: Facts) -> list[str]:
    """Why a usable conversation is left out of the benchmark (:data:`INCLUSION`); [] if in."""
    tests = [
        (facts.id in SEEN, "scored before (development data)"),
        (facts.groups < 2, f"{facts.groups} group"),
        (facts.grouped_with_votes < MIN_GROUPED, f"{facts.grouped_with_votes} grouped with votes"),
        (facts.vote_share < MIN_VOTE_SHARE, f"votes.json holds {facts.vote_share:.1%} of votes"),
        (facts.grouped_without_votes > MAX_GROUPED_WITHOUT_VOTES,
         f"{facts.grouped_without_votes:.1%} of the grouped have no votes"),
        (facts.votes_after_math > 0, f"{facts.votes_after_math} votes after the math"),
    ]  # fmt: skip
    return [why for failed, why in tests if failed]


def half(cid: str) -> str:
    """The split (:data:`HALF_RULE`): fixed per id, whatever else is included."""
    return "dev" if int(hashlib.sha256(cid.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


def _rows(folder: Path, name: str = "participants-votes.csv") -> list[dict[str, str]]:
    with (folder / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _latest(folder: Path) -> tuple[dict[tuple[str, str], tuple[int, int]], int]:
    """(voter, comment) -> (vote, time) of the latest vote in a folder's votes.csv, and rows."""
    out: dict[tuple[str, str], tuple[int, int]] = {}
    rows = _rows(folder, "votes.csv")
    for row in rows:
        key = (row["voter-id"].strip(), row["comment-id"].strip())
        at = int(float(row["timestamp"]))
        if key not in out or at >= out[key][1]:
            out[key] = (int(float(row["vote"])), at)
    return out, len(rows)


def compare(ours: Path, export: Path) -> list[str]:
    """How a converted folder agrees with Pol.is's own CSV export of the same conversation."""
    from sklearn.metrics import adjusted_rand_score

    a, a_rows = _latest(ours)
    b, b_rows = _latest(export)
    both = set(a) & set(b)
    same = sum(a[k][0] == b[k][0] for k in both)
    opp = sum(a[k][0] == -b[k][0] != 0 for k in both)
    timed = sum(a[k][1] == b[k][1] for k in both)
    ga, gb = ({r["participant"]: r["group-id"] for r in _rows(f) if r["group-id"]}
              for f in (ours, export))  # fmt: skip
    common = sorted(set(ga) & set(gb))
    ari = adjusted_rand_score([gb[p] for p in common], [ga[p] for p in common]) if common else 0
    pairs = Counter((gb[p], ga[p]) for p in common)
    return [
        f"votes: API {len(a)} latest (rows {a_rows}), export {len(b)} latest (rows {b_rows}); in "
        f"both {len(both)}, only API {len(set(a) - set(b))}, only export {len(set(b) - set(a))}",
        f"signs on votes in both: same {same}, opposite {opp}, other {len(both) - same - opp}",
        f"times on votes in both: equal to the ms {timed} of {len(both)}",
        f"groups: API k {len(set(ga.values()))} grouping {len(ga)}, export k "
        f"{len(set(gb.values()))} grouping {len(gb)}; both group {len(common)}; ARI {ari:.3f}; "
        f"only API {len(set(ga) - set(gb))}, only export {len(set(gb) - set(ga))}",
        "export group -> API group (residents): "
        + ", ".join(f"{x}->{y}: {n}" for (x, y), n in sorted(pairs.items())),
    ]


def split_text(mirror: Path, facts: list[Facts]) -> str:
    ids = sorted(f.id for f in facts if not problems(f))
    halves = Counter(half(i) for i in ids)
    head = [
        "# Fixed development / held-out split of Pol.is conversations from",
        f"# github.com/patcon/polis-community-open-data at commit {mirror_commit(mirror)}",
        "# (converted by bench/polis_from_api.py --all; written before any was scored).",
        f"# Inclusion: {INCLUSION}.",
        f"# Split: {HALF_RULE}.",
        f"# {len(ids)} included: {halves['dev']} dev, {halves['heldout']} heldout.",
        "# Tune only on dev; score heldout once per frozen method.",
    ]
    return "\n".join(head + [f"{i} {half(i)}" for i in ids]) + "\n"


def _why(exc: Exception) -> str:
    return str(exc) if isinstance(exc, Unusable) else f"malformed ({exc!r})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("mirror", type=Path)
    parser.add_argument("id", nargs="?", help="a conversation id (data/<id>/)")
    parser.add_argument("out", type=Path, help="OUT_DIR, or OUT_ROOT with --all")
    parser.add_argument("--all", action="store_true", help="convert every usable conversation")
    parser.add_argument("--split", type=Path, help="with --all: write the split list here")
    parser.add_argument("--compare", type=Path, metavar="EXPORT", help="a CSV export to compare")
    args = parser.parse_args(argv)
    if args.all == bool(args.id):
        parser.error("give either a conversation ID or --all")
    if not args.all:
        try:
            facts = convert(load(args.mirror, args.id), args.out)
        except (ValueError, KeyError, TypeError) as exc:  # Unusable, or a malformed file
            print(f"{args.id}: not converted: {_why(exc)}", file=sys.stderr)
            return 1
        print(f"{args.id}: {facts.votes} votes, {facts.voters} voters, signs {facts.sign}")
        for line in compare(args.out, args.compare) if args.compare else []:
            print("  " + line)
        return 0
    done: list[Facts] = []
    failed: list[tuple[str, str]] = []
    for cid in conversation_ids(args.mirror):
        try:
            done.append(convert(load(args.mirror, cid), args.out / cid))
        except (ValueError, KeyError, TypeError) as exc:
            failed.append((cid, _why(exc)))
    print(f"{'id':<11} {'votes':>6} {'voters':>6} {'k':>2} {'grouped':>7} {'w/ votes':>8} "
          f"{'vote share':>10}  sign       included?")  # fmt: skip
    for f in done:
        out = problems(f)
        print(f"{f.id:<11} {f.votes:>6} {f.voters:>6} {f.groups:>2} {f.grouped:>7} "
              f"{f.grouped_with_votes:>8} {f.vote_share:>10.1%}  {f.sign:<10} "
              f"{'yes: ' + half(f.id) if not out else 'no: ' + '; '.join(out)}")  # fmt: skip
    for cid, why in failed:
        print(f"{cid:<11} not converted: {why}")
    included = sum(1 for f in done if not problems(f))
    print(f"\n{len(done) + len(failed)} found, {len(done)} usable, {included} included")
    if args.split:
        args.split.write_text(split_text(args.mirror, done))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
