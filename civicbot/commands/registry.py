"""Collects the CLI sub-commands. Each area's module exposes click commands; a module
that is not there yet is simply left out, so areas can land independently."""

from __future__ import annotations

import importlib

import click

# (module, attribute) pairs, in the order ``civicbot --help`` lists them.
_COMMANDS: tuple[tuple[str, str], ...] = (
    ("civicbot.commands.demo_cmd", "demo"),
    ("civicbot.commands.run_cmd", "run"),
    ("civicbot.commands.try_cmd", "try_"),
    ("civicbot.commands.script_cmd", "script"),
    ("civicbot.commands.db_cmd", "db"),
    ("civicbot.commands.report_cmd", "report"),
)


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
