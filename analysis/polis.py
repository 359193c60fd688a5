"""Pol.is export folders in and out.

A Pol.is export (as in compdemocracy/openData) is a folder of CSV files:

- ``comments.csv``: timestamp, datetime, comment-id, author-id, agrees, disagrees, moderated
  (1 accepted, 0 unmoderated, -1 rejected), comment-body;
- ``votes.csv``: timestamp, datetime, comment-id, voter-id, vote, every vote ever cast; in
  exports 1 is agree and -1 disagree (Pol.is's database stores agree as -1; the export flips
  it), and a later vote replaces an earlier one;
- ``participants-votes.csv``: participant, [xid,] group-id, n-comments, n-votes, n-agree,
  n-disagree, then one column per comment with the participant's latest vote; a blank
  group-id means Pol.is did not cluster the participant;
- ``summary.csv``: key, value rows (topic, url, voters, ...).

:func:`read_polis` turns a folder into :class:`~civicbot_analysis.rounddata.RoundData` so our
analysis runs on Pol.is conversations; :func:`write_polis` writes a round in the same format so
Pol.is tooling (and :func:`read_polis`) can read ours.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from civicbot_analysis.errors import FileError, check_input_folder
from civicbot_analysis.polis_files import (
    COMMENTS,
    NOT_COMMENT_COLUMNS,
    PARTICIPANT_FIXED,
    PARTICIPANTS,
    SUMMARY,
    VOTES,
    PolisFormatError,
)
from civicbot_analysis.polis_files import read_rows as _rows
from civicbot_analysis.polis_files import read_summary as _summary
from civicbot_analysis.polis_files import to_flag as _flag
from civicbot_analysis.polis_files import to_int as _int
from civicbot_analysis.rounddata import Resident, RoundData, Statement, Vote
from civicbot_analysis.textfile import write_atomic

COMMENT_HEADER = (
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
)
VOTE_HEADER = ("timestamp", "datetime", "comment-id", "voter-id", "vote")
# A cell starting with one of these could run as a formula in a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class _TimedVote:
    at: int  # milliseconds since the epoch; file order breaks ties
    order: int
    vote: Vote


def _when(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def _unguard(text: str) -> str:
    """Undo :func:`_guard` so that a round trip gives back the text as written. Only an
    apostrophe before (more apostrophes and) a formula character is ours: a real export's
    "'quoted" comment keeps its apostrophe."""
    if len(text) > 1 and text[0] == "'" and text[1:].lstrip("'").startswith(_FORMULA_START):
        return text[1:]
    return text


def _guard(text: str) -> str:
    # Text already shaped like a guarded cell gets one more apostrophe, so that
    # :func:`_unguard` restores it exactly.
    return "'" + text if text.lstrip("'").startswith(_FORMULA_START) else text


def _votes_from_votes_csv(path: Path) -> tuple[list[_TimedVote], dict[str, int]]:
    """The latest vote per voter and comment, and when each voter first voted."""
    latest: dict[tuple[str, str], _TimedVote] = {}
    first: dict[str, tuple[int, int]] = {}
    for i, row in enumerate(_rows(path)):
        tv = _TimedVote(
            at=_int(row.get("timestamp")),
            order=i,
            vote=Vote(
                resident=_unguard(row["voter-id"].strip()),
                statement=_unguard(row["comment-id"].strip()),
                vote=_int(row["vote"]),
            ),
        )
        key = (tv.vote.resident, tv.vote.statement)
        if tv.vote.resident not in first or (tv.at, i) < first[tv.vote.resident]:
            first[tv.vote.resident] = (tv.at, i)
        if key not in latest or (tv.at, tv.order) >= (latest[key].at, latest[key].order):
            latest[key] = tv
    ordered = sorted(latest.values(), key=lambda t: (t.at, t.order))
    return ordered, {r: at for r, (at, _) in sorted(first.items(), key=lambda kv: kv[1])}


def _votes_from_participants(path: Path) -> tuple[list[_TimedVote], dict[str, int]]:
    out: list[_TimedVote] = []
    for row in _rows(path):
        pid = _unguard(row["participant"].strip())
        for column, cell in row.items():
            if column is None or column in NOT_COMMENT_COLUMNS or cell is None:
                continue
            if cell.strip():
                vote = Vote(resident=pid, statement=_unguard(column.strip()), vote=_int(cell))
                out.append(_TimedVote(at=0, order=len(out), vote=vote))
    return out, {t.vote.resident: 0 for t in out}


def read_polis(folder: str | Path, *, keep_rejected: bool = False) -> RoundData:
    """Read a Pol.is export folder.

    Rejected comments (``moderated == -1``) and the votes on them are left out unless
    ``keep_rejected``; our opinion groups then treat them as Pol.is does (see
    :mod:`civicbot_analysis.opinions.matrix`). Votes come from ``votes.csv`` (latest per voter and
    comment), or from ``participants-votes.csv`` when there is no ``votes.csv``. Residents
    are the participants, in the order of their first vote; there are no answers and no
    demographics.
    """
    folder = Path(folder)
    check_input_folder(folder, "folder of a Pol.is export")
    if not (folder / VOTES).exists() and not (folder / PARTICIPANTS).exists():
        raise PolisFormatError(folder, f"has neither {VOTES} nor {PARTICIPANTS}",
                               "pass the folder of a Pol.is export")  # fmt: skip
    statements: list[Statement] = []
    for row in _rows(folder / COMMENTS):
        author = _unguard((row.get("author-id") or "").strip())
        statements.append(
            Statement(
                id=_unguard(row["comment-id"].strip()),
                text=_unguard(row.get("comment-body") or ""),
                author=author or None,
                moderated=_int(row.get("moderated")),
                meta=_flag(row.get("is-meta")),
            )
        )
    if all(s.id.isascii() and s.id.isdigit() for s in statements):
        statements.sort(key=lambda s: int(s.id))
    rejected = {s.id for s in statements if s.moderated == -1}
    if not keep_rejected:
        statements = [s for s in statements if s.moderated != -1]

    timed, first_vote = (
        _votes_from_votes_csv(folder / VOTES)
        if (folder / VOTES).exists()
        else _votes_from_participants(folder / PARTICIPANTS)
    )
    if not keep_rejected:
        timed = [t for t in timed if t.vote.statement not in rejected]
    # Residents in the order Pol.is added their rows: by their first vote of any kind.
    voters = {t.vote.resident for t in timed}
    order = [r for r in first_vote if r in voters]
    if (folder / PARTICIPANTS).exists():
        order += [p for p in _participant_ids(folder / PARTICIPANTS) if p not in voters]
    residents = tuple(
        Resident(id=p, started_at=_when(first_vote[p]) if first_vote.get(p) else None)
        for p in order
    )
    stamps = [t.at for t in timed if t.at > 0]
    summary = _summary(folder)
    return RoundData(
        round_id=folder.name,
        title=summary.get("topic", folder.name),
        questions=(),
        residents=residents,
        answers=(),
        statements=tuple(statements),
        votes=tuple(t.vote for t in timed),
        opened_at=_when(min(stamps)) if stamps else None,
        closed_at=_when(max(stamps)) if stamps else None,
    )


def _participant_ids(path: Path) -> list[str]:
    return [_unguard(row["participant"].strip()) for row in _rows(path)]


def read_polis_groups(folder: str | Path) -> dict[str, int]:
    """Pol.is's own opinion group per participant (``group-id``), clustered ones only
    (none when the export has no participants-votes.csv)."""
    out: dict[str, int] = {}
    if not (Path(folder) / PARTICIPANTS).exists():
        return out
    for row in _rows(Path(folder) / PARTICIPANTS):
        gid = (row.get("group-id") or "").strip()
        if gid:
            out[_unguard(row["participant"].strip())] = _int(gid)
    return out


def _stamp(at: datetime | None) -> int:
    return int(at.timestamp() * 1000) if at else 0


def _datetime_text(ms: int) -> str:
    return _when(ms).strftime("%a %b %d %H:%M:%S UTC %Y")


def _write(path: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> None:
    out = io.StringIO(newline="")
    w = csv.writer(out)
    w.writerow(list(header))
    w.writerows(rows)
    write_atomic(path, out.getvalue())  # whole or not at all


def write_polis(
    data: RoundData, folder: str | Path, *, groups: Mapping[str, int] | None = None
) -> Path:
    """Write the round's statements and votes as a Pol.is export folder.

    ``votes.csv`` gets one row per latest vote, stamped one millisecond apart from the
    round's opening so that their order (and so the order residents first voted) survives.
    ``groups`` fills the ``group-id`` column. Returns the folder.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileError(folder, f"cannot be made into a folder ({exc.strerror})",
                        "choose another --out folder") from exc  # fmt: skip
    base = _stamp(data.opened_at)
    latest: dict[tuple[str, str], Vote] = {}
    for v in data.votes:
        latest.pop((v.resident, v.statement), None)
        latest[(v.resident, v.statement)] = v
    votes = list(latest.values())

    agrees: dict[str, int] = {}
    disagrees: dict[str, int] = {}
    for v in votes:
        if v.vote == 1:
            agrees[v.statement] = agrees.get(v.statement, 0) + 1
        elif v.vote == -1:
            disagrees[v.statement] = disagrees.get(v.statement, 0) + 1
    _write(
        folder / COMMENTS,
        COMMENT_HEADER,
        (
            (
                base,
                _datetime_text(base),
                _guard(s.id),
                _guard(s.author or ""),
                agrees.get(s.id, 0),
                disagrees.get(s.id, 0),
                s.moderated,
                _guard(s.text),
            )
            for s in data.statements
        ),
    )
    _write(
        folder / VOTES,
        VOTE_HEADER,
        (
            (base + i, _datetime_text(base + i), _guard(v.statement), _guard(v.resident), v.vote)
            for i, v in enumerate(votes)
        ),
    )
    _write_participants(data, folder, votes, groups or {})
    _write_summary(data, folder, votes, groups or {})
    return folder


def _write_participants(
    data: RoundData, folder: Path, votes: list[Vote], groups: Mapping[str, int]
) -> None:
    columns = [s.id for s in data.statements]
    known = set(columns)
    columns += sorted({v.statement for v in votes} - known)
    by_resident: dict[str, dict[str, int]] = {}
    for v in votes:
        by_resident.setdefault(v.resident, {})[v.statement] = v.vote
    order = [r.id for r in data.residents if r.id in by_resident]
    order += [r for r in by_resident if r not in set(order)]
    authored: dict[str, int] = {}
    for s in data.statements:
        if s.author:
            authored[s.author] = authored.get(s.author, 0) + 1
    rows = []
    for pid in order:
        mine = by_resident[pid]
        values = list(mine.values())
        gid = groups.get(pid)
        rows.append(
            [
                _guard(pid),
                "" if gid is None else gid,
                authored.get(pid, 0),
                len(values),
                values.count(1),
                values.count(-1),
            ]
            + [mine.get(c, "") for c in columns]
        )
    _write(folder / PARTICIPANTS, list(PARTICIPANT_FIXED) + [_guard(c) for c in columns], rows)


def _write_summary(
    data: RoundData, folder: Path, votes: list[Vote], groups: Mapping[str, int]
) -> None:
    voters = {v.resident for v in votes}
    rows = [
        ("topic", _guard(data.title)),
        ("url", ""),
        ("views", ""),
        ("voters", len(voters)),
        ("voters-in-conv", len(voters)),
        ("commenters", len({s.author for s in data.statements if s.author})),
        ("comments", len(data.statements)),
        ("groups", len(set(groups.values()))),
        ("conversation-description", ""),
    ]
    _write(folder / SUMMARY, (str(c) for c in rows[0]), rows[1:])


# Pol.is "meta" statements (about the voter: "I am under 30") take no part in its math. Its API
# marks them (``is-meta`` in comments.csv); CSV exports do not, so there their wording tells.
META_PATTERN = (
    r"^\s*(I am|I'm|I identify|I live in|I have lived|I had|I've had|My (ethnicity|gender|age)|"
    r"English is my first|Are you (between|over|under))\b"
)


def meta_statements(
    data: RoundData, pattern: str = META_PATTERN, *, marked: bool = True
) -> set[str]:
    """Ids of Pol.is's meta statements: those an ``is-meta`` column marks (``Statement.meta``;
    Pol.is's math leaves out just those) when present and ``marked``, else by ``pattern``."""
    if marked and any(s.meta is not None for s in data.statements):
        return {s.id for s in data.statements if s.meta}
    rx = re.compile(pattern, re.IGNORECASE)
    return {s.id for s in data.statements if rx.search(s.text)}


def export_math(folder: str | Path, data: RoundData, meta: Iterable[str] | None = None) -> Any:
    """The Pol.is math an export's own groups came from: Pol.is's math as its repository had
    it at the export's last vote (:func:`civicbot_analysis.opinions.result.math_at`; before late
    2017, unseen votes as passes and moderated-out columns counted as votes), clustering the
    residents Pol.is's ``in-conv`` holds after replaying its history from ``votes.csv``
    (:func:`civicbot_analysis.opinions.replay.history_in_conv`: each update's rule, once in, always
    in; ``meta`` defaults to :func:`meta_statements`). Where the export's own groups lie on
    today's map and not on the map of the last vote's era, Pol.is recomputed them later
    (:mod:`civicbot_analysis.polis_era`): then today's math on rows as a recompute reads them
    (``row_order``), marked ``later_recompute`` (not rebuilt from the export). Without vote
    times (all at one time, or no votes.csv) it clusters whom the export grouped
    (``held_in_conv``), and with no times at all the math is read from the export alone
    (:func:`civicbot_analysis.polis_era.undated_math`). Where the export records how many
    updates Pol.is ran, its history is replayed (``updates``, ``polis_era.math_updates``)."""
    import dataclasses

    from civicbot_analysis.opinions import replay as rp
    from civicbot_analysis.opinions.result import POLIS_CURRENT, math_at
    from civicbot_analysis.polis_era import later_math, math_updates, undated_math

    folder = Path(folder)
    if data.closed_at is not None:
        math = math_at(data.closed_at)
        if not (folder / VOTES).exists():
            return math
        rejected = {
            _unguard(row["comment-id"].strip())
            for row in _rows(folder / COMMENTS)
            if _int(row.get("moderated")) == -1
        }
        out = set(meta_statements(data) if meta is None else meta)
        votes = rp.read_vote_times(folder)
        theirs = read_polis_groups(folder)
        held = rp.held_in_conv(votes, theirs, rejected=rejected, meta=out)
        # Rejected comments' votes are zeroed columns in Pol.is's matrix: count those left out.
        voted = {v.statement for v in votes}
        present = {v.statement for v in data.votes}
        hidden = len((rejected & voted) - present)
        if theirs and later_math(data, theirs, out, math.impute).later:
            # Today's math, on rows as the recompute read them (all votes in one poll).
            order = rp.poll_order((v.resident, v.statement) for v in votes)
            math = dataclasses.replace(POLIS_CURRENT, later_recompute=True, row_order=order)
        steps = None if math.later_recompute else math_updates(folder, len(votes))
        return dataclasses.replace(
            math, clustered=frozenset(held), hidden_columns=hidden, updates=steps
        )
    out = set(meta_statements(data) if meta is None else meta)
    return undated_math(data, read_polis_groups(folder), out)
