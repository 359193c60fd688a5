"""``civicbot try [SCRIPT]``: rehearse a dialogue script in the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from civicbot.errors import UserError
from civicbot.script.load import load_script
from civicbot.script.problems import ScriptError
from civicbot.script.shipped import default_script, resolve
from civicbot.tryout import HELP, answers_json, rehearse


@click.command("try")
@click.argument("script", required=False, type=click.Path(path_type=Path))
@click.option("--language", "-l", help="Start in this language (one of the script's).")
def try_(script: Path | None, language: str | None) -> None:
    """Rehearse a dialogue SCRIPT in the terminal, as a resident would see it on
    Telegram (default: prompts/values-and-services.yaml). Prints the answers as JSON at
    the end."""
    path = resolve(script) if script is not None else default_script()
    try:
        loaded = load_script(path)
    except ScriptError as exc:
        raise UserError(exc.one_line(path)) from exc
    # sys.stdin is looked up here, not at import, so click's test runner can replace it.
    stdin = sys.stdin
    interactive = stdin.isatty()

    def read_line() -> str | None:
        try:
            line = stdin.readline()
        except KeyboardInterrupt:
            return None
        return line or None

    def write(text: str) -> None:
        click.echo(text, nl=False)
        if not text.endswith((" ", "\n")):
            click.echo()

    if interactive:
        click.echo(HELP + "\n")
    run = rehearse(loaded.script, read_line, write, echo=not interactive, language=language)
    click.echo("Answers:")
    click.echo(answers_json(run))
    sys.stdout.flush()
