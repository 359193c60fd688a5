"""The ``civicbot`` command line: one group, with sub-commands defined in
``civicbot.commands`` (one module per area), listed in ``civicbot.commands.registry``
and imported only when used.

Errors are caught here, once. A :class:`~civicbot.errors.UserError` (a file, folder or
setting the user can fix) is printed as one line on stderr, with exit status 2;
``civicbot --debug COMMAND`` (or ``CIVICBOT_DEBUG=1``) shows its traceback instead.
Anything else is a bug and keeps its traceback, so that it gets reported and fixed.
"""

from __future__ import annotations

from typing import Any

import click

from civicbot import __version__
from civicbot.commands import registry
from civicbot.errors import EXIT_USER_ERROR, UserError


def _one_line(text: str, limit: int = 600) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return registry.names()

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return registry.load(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except UserError as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"Error: {_one_line(str(exc))}", err=True)
            ctx.exit(EXIT_USER_ERROR)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="civicbot")
@click.option(
    "--debug",
    is_flag=True,
    envvar="CIVICBOT_DEBUG",
    help="Show the full traceback when something goes wrong.",
)
def main(debug: bool) -> None:
    """civicbot: warm, structured citizen dialogues on Telegram, and equity-aware
    theme reports of what residents said."""
