"""The one exception tree for problems a user can fix, and the helpers that word them.

Every error civicbot raises about something a user handed it (a file, a folder, a setting)
derives from :class:`UserError`. The command line catches that base class once
(:mod:`civicbot.cli`): it prints the message as one line on stderr and exits with status 2
(``civicbot --debug ...`` shows the traceback instead). Anything else that escapes is a bug.

The base lives here, in ``analysis``, because the analysis side raises it and must not
import ``civicbot``; :mod:`civicbot.errors` re-exports it and adds the online side's
errors, so both halves share one tree::

    UserError                      a problem the user can fix; str() is one line
     ├── SettingError              civicbot.errors: a setting or secret is missing or wrong
     ├── EditsError                civicbot_analysis.themes.edits: a theme edits JSON file *
     ├── ReferenceError            civicbot_analysis.equity.reference: a reference population file *
     ├── StoreError                civicbot.store: e.g. UnknownRound, no such round
     └── FileError                 a named file or folder cannot be used: what, why, what to do
          ├── CsvFormatError       civicbot_analysis.csv_input: an answers CSV
          ├── PolisFormatError     civicbot_analysis.polis_files: a Pol.is export folder
          └── DatabaseFileError    civicbot.errors: --db is not a civicbot database

(* their messages name the file and line themselves, so they derive from UserError.) An
output that cannot be written (``--out``, a backup, an edits file) is a plain FileError
(:func:`civicbot_analysis.textfile.write_atomic`). A dialogue script's :class:`ScriptError` lists
every problem for ``civicbot script check``; commands that only load a script raise a
UserError with the first problem (:meth:`ScriptError.one_line`).

A :class:`FileError` message reads "answers.csv is not UTF-8 (byte 0xff at line 2): save it
as UTF-8 CSV, or pass --encoding cp1252": the file, what is wrong, then what to do.
"""

from __future__ import annotations

import errno
from pathlib import Path


class UserError(Exception):
    """A problem the user can fix. ``str(error)`` is one line, fit to print as it is."""


class FileError(UserError):
    """A file or folder that cannot be used: ``path``, the ``problem`` and the ``fix``."""

    def __init__(self, path: str | Path, problem: str, fix: str = "") -> None:
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        super().__init__(self.message())

    def message(self) -> str:
        text = f"{self.path} {self.problem}"
        return f"{text}: {self.fix}" if self.fix else text

    def __str__(self) -> str:
        # One line always: a file name or a problem quoting a file may hold a newline.
        return " ".join(self.message().split("\n"))


def os_problem(exc: OSError) -> str:
    """An OS error in words that fit after a file name ("... cannot be read: ...")."""
    return {
        errno.ENOENT: "does not exist",
        errno.EACCES: "cannot be opened: permission denied",
        errno.EPERM: "cannot be opened: permission denied",
        errno.EISDIR: "is a folder, not a file",
        errno.ENOTDIR: "is inside something that is not a folder",
        errno.ENOSPC: "cannot be written: the disk is full",
        errno.EROFS: "cannot be written: the file system is read-only",
        errno.ENAMETOOLONG: "has a name that is too long",
    }.get(exc.errno or 0, f"cannot be used: {exc.strerror or exc}")


def path_kind(path: Path) -> str:
    """ "dir", "file", "missing" or "other"; an OS error (a name too long) as a FileError."""
    try:
        if path.is_dir():
            return "dir"
        if path.is_file():
            return "file"
        return "other" if path.exists() else "missing"
    except OSError as exc:
        raise FileError(path, os_problem(exc)) from exc


def check_input_file(path: Path, what: str = "file") -> None:
    """Raise :class:`FileError` unless ``path`` is a readable file (not a folder)."""
    kind = path_kind(path)
    if kind == "dir":
        raise FileError(path, f"is a folder: pass the {what} itself")
    if kind == "missing":
        raise FileError(path, "does not exist", "check the name and the folder")


def check_input_folder(path: Path, what: str = "folder") -> None:
    """Raise :class:`FileError` unless ``path`` is a folder."""
    kind = path_kind(path)
    if kind == "missing":
        raise FileError(path, "does not exist", f"pass the {what}")
    if kind != "dir":
        raise FileError(path, f"is a file, not a folder: pass the {what}")


def read_bytes(path: Path, what: str = "file") -> bytes:
    """The bytes of an input file, every OS problem as a :class:`FileError`."""
    check_input_file(path, what)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise FileError(path, os_problem(exc)) from exc
