"""Choosing a reference population safely: by name, by geography code, or a CSV file.

The shipped references are listed in ``analysis/data/references.csv`` (name, geography
code, file, title): England, England and Wales, and the local authorities the project
grew from. Names are matched without regard to case, spaces or underscores
(``Barking and Dagenham``, ``barking_and_dagenham`` and ``barking-and-dagenham`` are one
name); a geography code (``E08000010``) names the same files.

Anything else must be a CSV file, and is read only if it passes every check, in this
order, so that no check needs the file opened before it is safe to open:

1. the name given ends in ``.csv``;
2. it lies inside the configured folder (symbolic links resolved), when one is required;
3. it is not one of the files the caller forbids (the live database and its WAL), by
   device and inode, so neither another spelling of the path nor a link gets past
   (opening and closing the live database from this process would drop SQLite's locks
   on it), and what a link points to is a ``.csv`` file too;
4. it is at most ``MAX_BYTES`` long and does not start like an SQLite database;
5. it is UTF-8 (a byte-order mark is allowed);
6. it parses as a reference (columns, shares between 0 and 1 adding up to 1, sources).

Each refusal says what was wrong and what is accepted instead.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from civicbot_analysis.equity.reference import Reference, ReferenceError, parse_reference

MAX_BYTES = 1_000_000
SQLITE_MAGIC = b"SQLite format 3\x00"
_CODE = re.compile(r"^[EWKNS]\d{8}$")


@dataclass(frozen=True)
class Shipped:
    """One shipped reference: its name, geography code, file and title."""

    name: str
    code: str
    file: str
    title: str


@dataclass(frozen=True)
class Chosen:
    """A reference that passed every check: the name to store with a round, and the
    validated CSV text (stored too, so a later edit of the file changes nothing)."""

    name: str
    text: str
    reference: Reference


def normalise(name: str) -> str:
    """``Barking and Dagenham`` -> ``barking-and-dagenham``."""
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def shipped() -> list[Shipped]:
    """The shipped references, from ``analysis/data/references.csv``."""
    text = (
        resources.files("civicbot_analysis").joinpath("data", "references.csv").read_text("utf-8")
    )
    rows = csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#"))
    return [Shipped(r["name"], r["code"], r["file"], r["title"]) for r in rows]


def _find_shipped(spec: str) -> Shipped | None:
    key = normalise(spec)
    for entry in shipped():
        aliases = {entry.name, normalise(entry.title), entry.code.lower()}
        if key in aliases:
            return entry
    return None


def _unknown(spec: str, files_allowed: bool) -> ReferenceError:
    names = ", ".join(e.name for e in shipped())
    how = (
        " or the name of a .csv file in the references folder"
        if files_allowed
        else " (no folder for your own reference files is configured: set CIVICBOT_REFERENCES)"
    )
    return ReferenceError(
        f"{spec!r} is not a reference population. Use one of: {names}; a geography code "
        f"such as E08000010{how}. `civicbot reference list` shows them all."
    )


def _same_file(path: Path, forbid: Iterable[Path]) -> bool:
    try:
        here = path.stat()
    except OSError:
        return False
    for other in forbid:
        for candidate in (other, Path(f"{other}-wal"), Path(f"{other}-shm")):
            try:
                there = candidate.stat()
            except OSError:
                continue
            if (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino):
                return True
    return False


def read_checked(path: Path, forbid: Iterable[Path] = ()) -> str:
    """The text of a reference CSV file, after checks 1, 3, 4 and 5 of the module's list."""
    if _same_file(path, forbid):  # by stat only: the file is never opened
        raise ReferenceError(f"{path.name}: that is the bot's database, not a reference file")
    if path.suffix.lower() != ".csv":
        raise ReferenceError(f"{path.name}: a reference file must be a .csv file")
    if not path.is_file():
        raise ReferenceError(f"{path.name}: there is no such reference file")
    if path.stat().st_size > MAX_BYTES:
        raise ReferenceError(f"{path.name}: too large for a reference file (over 1 MB)")
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if raw.startswith(SQLITE_MAGIC):
        raise ReferenceError(f"{path.name}: that is an SQLite database, not a reference file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReferenceError(
            f"{path.name}: not UTF-8 text (byte {exc.start} cannot be read); "
            "save the file as CSV UTF-8"
        ) from None


def _in_folder(spec: str, folder: Path) -> Path:
    if os.sep in spec or "/" in spec or "\\" in spec or spec.startswith("."):
        raise ReferenceError(
            f"{spec!r}: give the file's name only; it is looked up in the references folder"
        )
    root = folder.resolve()
    path = (root / spec).resolve()
    if path.parent != root:
        raise ReferenceError(f"{spec!r}: the file must be inside the references folder")
    return path


def choose(
    spec: str | Path,
    *,
    folder: Path | None = None,
    allow_paths: bool = False,
    forbid: Iterable[Path] = (),
) -> Chosen:
    """Resolve and validate a reference: a shipped name or code; else a ``.csv`` file's
    name inside ``folder``; else (only with ``allow_paths``, for commands an operator
    runs in a shell) a path to a ``.csv`` file. Never a file listed in ``forbid``."""
    text_spec = str(spec).strip()
    if not text_spec:
        raise _unknown(text_spec, folder is not None or allow_paths)
    entry = _find_shipped(text_spec) if isinstance(spec, str) else None
    if entry is not None:
        data = resources.files("civicbot_analysis").joinpath("data", entry.file).read_text("utf-8")
        return Chosen(entry.name, data, parse_reference(data, name=entry.name))
    if not text_spec.lower().endswith(".csv"):
        if _CODE.match(text_spec.upper()):
            raise ReferenceError(
                f"{text_spec}: no reference is shipped for this geography code; build one "
                "from ONS's Census 2021 files with `civicbot reference build` (see "
                "docs/organisers.md)"
            )
        raise _unknown(text_spec, folder is not None or allow_paths)
    if allow_paths:
        path = Path(text_spec)
    elif folder is not None:
        path = _in_folder(text_spec, folder)
    else:
        raise _unknown(text_spec, False)
    text = read_checked(path, forbid)
    return Chosen(path.name, text, parse_reference(text, name=path.name))


def load(
    spec: str | Path,
    *,
    folder: Path | None = None,
    allow_paths: bool = True,
    forbid: Iterable[Path] = (),
) -> Reference:
    """The reference ``spec`` names (see :func:`choose`)."""
    return choose(spec, folder=folder, allow_paths=allow_paths, forbid=forbid).reference


def load_reference(name_or_path: str | Path, folder: Path | None = None) -> Reference:
    """A shipped reference by name or geography code (``"england"``, ``"wigan"``,
    ``"E08000010"``) or a CSV file, checked as :func:`choose` checks it."""
    return load(name_or_path, folder=folder)
