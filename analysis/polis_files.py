"""Reading the files of a Pol.is export folder, with every problem said in one line.

:func:`read_rows` checks a file's required columns and numbers before :mod:`civicbot_analysis.polis`
reads it, so a bad export ends in a :class:`PolisFormatError` naming the file (and line),
never in a ``KeyError``. Files are decoded as spreadsheets save them
(:func:`civicbot_analysis.textfile.decode`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from civicbot_analysis.errors import FileError, read_bytes
from civicbot_analysis.textfile import decode

COMMENTS = "comments.csv"
VOTES = "votes.csv"
PARTICIPANTS = "participants-votes.csv"
SUMMARY = "summary.csv"
PARTICIPANT_FIXED = ("participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree")
# Columns of participants-votes.csv that are not comments (newer exports add ``xid``).
NOT_COMMENT_COLUMNS = frozenset(PARTICIPANT_FIXED) | {"xid"}


class PolisFormatError(FileError, ValueError):
    """A Pol.is export folder or one of its files that cannot be read (one line: the file,
    what is wrong, what to do)."""


_REQUIRED = {
    COMMENTS: ("comment-id",),
    VOTES: ("voter-id", "comment-id", "vote"),
    PARTICIPANTS: ("participant",),
}
_NUMBERS = {COMMENTS: ("moderated",), VOTES: ("timestamp", "vote"), PARTICIPANTS: ("group-id",)}


def _number_ok(text: str | None) -> bool:
    try:
        to_int(text)
    except (ValueError, OverflowError):
        return False
    return True


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of one export file, its required columns and numbers checked first, so
    that reading it can only fail here, with a :class:`PolisFormatError`."""
    if not path.is_file():
        raise PolisFormatError(
            path, "is missing" if not path.exists() else "is not a file",
            "pass the folder of a Pol.is export (comments.csv with votes.csv or "
            "participants-votes.csv)",
        )  # fmt: skip
    text = decode(read_bytes(path), path).text
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        problem = f"cannot be read as CSV at line {reader.line_num} ({exc})"
        raise PolisFormatError(path, problem, "export the conversation again") from None
    fields = reader.fieldnames or []
    missing = [c for c in _REQUIRED.get(path.name, ()) if c not in fields]
    if missing:
        raise PolisFormatError(
            path, f"lacks the column(s) {', '.join(missing)}",
            "export the conversation again from Pol.is, or add the column to the header",
        )  # fmt: skip
    ids = [c for c in _REQUIRED.get(path.name, ()) if c.endswith("id") or c == "participant"]
    rows = [{k: v or "" for k, v in row.items() if k is not None} for row in rows]
    for line, row in enumerate(rows, start=2):
        blank = [c for c in ids if not row[c].strip()]
        if blank:
            problem = f"line {line}: {', '.join(blank)} is blank"
            fix = "export the conversation again, or correct that line"
            raise PolisFormatError(path, problem, fix)
    votes = ["vote"] if path.name == VOTES else []
    if path.name == PARTICIPANTS:
        votes = [c for c in fields if c not in NOT_COMMENT_COLUMNS]
    numbers = [c for c in _NUMBERS.get(path.name, ()) if c in fields] + votes
    for line, row in enumerate(rows, start=2):
        for column in votes:
            if _number_ok(row.get(column)) and to_int(row.get(column)) not in (-1, 0, 1):
                raise PolisFormatError(
                    path,
                    f"line {line}: vote {str(row.get(column))[:20]!r} is not 1, -1 or 0",
                    "export the conversation again, or correct that cell",
                )
        for column in numbers:
            if not _number_ok(row.get(column)):
                raise PolisFormatError(
                    path, f"line {line}: {column} {str(row.get(column))[:40]!r} is not a number",
                    "export the conversation again, or correct that cell",
                )  # fmt: skip
    return rows


def to_int(text: str | None, default: int = 0) -> int:
    text = (text or "").strip()
    return int(float(text)) if text else default


def read_summary(folder: Path) -> dict[str, str]:
    path = folder / SUMMARY
    if not path.is_file():
        return {}
    text = decode(read_bytes(path), path).text
    try:
        return {
            row[0]: row[1] for row in csv.reader(io.StringIO(text, newline="")) if len(row) >= 2
        }
    except csv.Error as exc:
        problem = f"cannot be read as CSV ({exc})"
        raise PolisFormatError(path, problem, "delete it or export again") from None


def to_flag(cell: str | None) -> bool | None:
    """An ``is-meta`` cell: True/False as written ("true", "1", ...), None when blank or absent."""
    text = (cell or "").strip().lower()
    if text in {"true", "t", "1", "yes"}:
        return True
    if text in {"false", "f", "0", "no"}:
        return False
    return None
