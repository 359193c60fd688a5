"""The dialogue scripts that ship inside the package (``civicbot.prompts``, the
repository's ``prompts/`` folder), found with ``importlib.resources`` so that an
installed wheel has them wherever it runs.

A script path given by a user is read as given when it exists. Otherwise a bare file
name, or one under ``prompts/`` (the form the guides use), names a shipped script: so
``civicbot script check prompts/values-and-services.yaml`` works in the checkout and in
an empty folder alike.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path, PurePath

DEFAULT = "values-and-services.yaml"
FOLDER = "prompts"


def folder() -> Path:
    """Where the shipped scripts are (a real folder: scripts find their translations
    beside them). Run from a checkout that was never installed, ``civicbot.prompts`` is
    not mapped yet: the same files are in the checkout's ``prompts/``."""
    try:
        return Path(str(resources.files("civicbot.prompts")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / FOLDER


def shipped(name: str, where: Path | None = None) -> Path | None:
    """The script file ``name`` among the shipped ones (or in ``where``; ``.yaml`` may be
    left off), or None. Only a bare file name is accepted: no folders, nothing hidden."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    base = folder() if where is None else where
    for candidate in (name, f"{name}.yaml", f"{name}.yml"):
        path = base / candidate
        if path.is_file():
            return path
    return None


def default_script() -> Path:
    """The default script: ``prompts/values-and-services.yaml`` in the working folder
    when there is one (an organiser's own copy), else the shipped one."""
    return resolve(Path(FOLDER) / DEFAULT)


def resolve(path: Path) -> Path:
    """``path`` itself when it exists (or is absolute); else the shipped script it names
    (``NAME.yaml`` or ``prompts/NAME.yaml``); else ``path``, for the loader to report."""
    if path.is_absolute() or path.exists():
        return path
    parts = PurePath(path).parts
    if len(parts) == 1 or (len(parts) == 2 and parts[0] == FOLDER):
        found = shipped(parts[-1])
        if found is not None:
            return found
    return path
