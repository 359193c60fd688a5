"""Collects the CLI sub-commands. Each area's module exposes click commands; a module
that is not there yet is simply left out, so areas can land independently.

Commands are imported only when used (``civicbot run`` does not pay for the demo's or
the report's imports). A command's name is its attribute name without a trailing ``_``.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

# (module, attribute) pairs, in the order ``civicbot --help`` lists them.
_COMMANDS: tuple[tuple[str, str], ...] = (
    ("civicbot.commands.demo_cmd", "demo"),
    ("civicbot.commands.run_cmd", "run"),
    ("civicbot.commands.try_cmd", "try_"),
    ("civicbot.commands.script_cmd", "script"),
    ("civicbot.commands.db_cmd", "db"),
    ("civicbot.commands.backup_cmd", "backup"),
    ("civicbot.commands.backup_cmd", "restore"),
    ("civicbot.commands.retention_cmd", "retention"),
    ("civicbot.commands.doctor_cmd", "doctor"),
    ("civicbot.commands.report_cmd", "report"),
    ("civicbot.commands.reference_cmd", "reference"),
    ("civicbot.commands.round_cmd", "round"),
    ("civicbot.commands.series_cmd", "series"),
    ("civicbot.commands.invite_cmd", "invite"),
    ("civicbot.commands.stats_cmd", "stats"),
    ("civicbot.commands.broadcast_cmd", "broadcast"),
    ("civicbot.commands.export_cmd", "export"),
)


def names() -> dict[str, tuple[str, str]]:
    """Command name -> (module, attribute), for the modules that exist."""
    found: dict[str, tuple[str, str]] = {}
    for module_name, attr in _COMMANDS:
        if importlib.util.find_spec(module_name) is not None:
            found[attr.rstrip("_")] = (module_name, attr)
    return found


def load(name: str) -> click.Command | None:
    entry = names().get(name)
    if entry is None:
        return None
    command = getattr(importlib.import_module(entry[0]), entry[1])
    assert isinstance(command, click.Command)
    return command


def commands() -> list[click.Command]:
    found: list[click.Command] = []
    for module_name, attr in _COMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        found.append(getattr(module, attr))
    return found
