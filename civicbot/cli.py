"""The ``civicbot`` command line: one group, with sub-commands defined in
``civicbot.commands`` (one module per area), registered in ``civicbot.commands.registry``
and imported only when used."""

from __future__ import annotations

import click

from civicbot import __version__
from civicbot.commands import registry


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(registry.names())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return registry.load(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="civicbot")
def main() -> None:
    """civicbot: warm, structured citizen dialogues on Telegram, and equity-aware
    theme reports of what residents said."""
