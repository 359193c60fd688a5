"""The ``civicbot`` command line: one group, with sub-commands defined in
``civicbot.commands`` (one module per area) and registered here."""

from __future__ import annotations

import click

from civicbot import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="civicbot")
def main() -> None:
    """civicbot: warm, structured citizen dialogues on Telegram, and equity-aware
    theme reports of what residents said."""


def _register() -> None:
    from civicbot.commands import registry

    for command in registry.commands():
        main.add_command(command)


_register()
