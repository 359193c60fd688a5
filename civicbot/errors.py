"""civicbot's exception tree: one base class, :class:`UserError`, that the CLI catches once.

The base and :class:`FileError` are defined in :mod:`civicbot_analysis.errors` (the analysis side
raises them and must not import ``civicbot``) and re-exported here with the online side's
own errors, so there is one tree for the whole project::

    UserError                      a problem the user can fix; str() is one line
     ├── SettingError              a setting or secret is missing or wrong
     │    ├── SettingsError        civicbot.settings: a setting of the bot
     │    └── SecretError          civicbot.store.pseudonym: the pseudonym key
     ├── EditsError                civicbot_analysis.themes.edits: a theme edits JSON file *
     ├── ReferenceError            civicbot_analysis.equity.reference: a reference population file *
     ├── StoreError                civicbot.store: e.g. UnknownRound, no such round
     └── FileError                 a named file or folder cannot be used: what, why, what to do
          ├── CsvFormatError       civicbot_analysis.csv_input: an answers CSV
          ├── PolisFormatError     civicbot_analysis.polis_files: a Pol.is export folder
          └── DatabaseFileError    --db is missing, not SQLite, or not civicbot's

(* their messages name the file and line themselves, so they derive from UserError.) An
output that cannot be written (``--out``, a backup, an edits file) is a plain FileError
(:func:`civicbot_analysis.textfile.write_atomic`). A dialogue script's :class:`ScriptError` lists
every problem for ``civicbot script check``; commands that only load a script raise a
UserError with the first problem (:meth:`ScriptError.one_line`).

:mod:`civicbot.cli` prints a :class:`UserError` as ``Error: <message>`` on one line of
stderr and exits with status 2; ``civicbot --debug`` shows the traceback instead. The
store words SQLite's own errors as :class:`DatabaseFileError` (:mod:`civicbot.store.dbfile`).
"""

from __future__ import annotations

from civicbot_analysis.errors import FileError, UserError

__all__ = [
    "EXIT_USER_ERROR",
    "DatabaseFileError",
    "FileError",
    "SettingError",
    "UserError",
]

EXIT_USER_ERROR = 2


class SettingError(UserError):
    """A setting (an environment variable, a configuration value) is missing or wrong."""


class DatabaseFileError(FileError):
    """The file given as the database cannot be used as civicbot's database."""
