"""``civicbot script``: check a dialogue script, or draw its routes as Mermaid."""

from __future__ import annotations

import click

from civicbot.errors import UserError
from civicbot.script import LoadedScript, ScriptError, estimate_minutes, load_script, mermaid
from civicbot.script.model import text_in
from civicbot.script.readability import describe, reading_report


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(loaded: LoadedScript) -> str:
    """One line saying what a good script holds, e.g. for ``script check``."""
    script = loaded.script
    steps = script.steps()
    about_you = sum(1 for s in steps if s.demographic is not None)
    questions = sum(1 for s in steps if s.is_question) - about_you
    messages = len(steps) - questions - about_you
    title = text_in(script.title, script.default_language, script.default_language)
    minutes = max(1, round(estimate_minutes(script)))
    return (
        f'OK  {loaded.path}: "{title}" v{script.version} — '
        f"{_count(len(script.sections), 'section')}, {_count(len(steps), 'step')} "
        f"({_count(questions, 'question')}, {about_you} about you, "
        f"{_count(messages, 'message')}), languages {', '.join(script.languages)}, "
        f"about {_count(minutes, 'minute')}"
    )


@click.group()
def script() -> None:
    """Check and draw dialogue scripts (YAML files in prompts/)."""


@script.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
def check(files: tuple[str, ...]) -> None:
    """Check FILES: print one summary line for each good script, or every problem.

    For each language it also prints the reading age of the texts (Flesch-Kincaid grade
    + 5, English only), with a warning for each text above reading age 9."""
    failed = False
    for path in files:
        try:
            loaded = load_script(path)
        except ScriptError as exc:
            failed = True
            for problem in exc.problems:
                click.echo(str(problem))
            errors = sum(1 for p in exc.problems if p.severity == "error")
            click.echo(f"FAIL  {path}: {_count(errors, 'problem')}")
            continue
        for warning in loaded.warnings:
            click.echo(str(warning))
        click.echo(summary(loaded))
        for language in loaded.script.languages:
            for line in describe(reading_report(loaded.script, language)):
                click.echo(f"  {line}")
    if failed:
        raise SystemExit(1)


@script.command()
@click.argument("file", type=click.Path())
@click.option("--language", "-l", default=None, help="Language of the labels (default: first).")
def graph(file: str, language: str | None) -> None:
    """Print FILE's routes as a Mermaid flowchart (paste into any Mermaid viewer)."""
    try:
        loaded = load_script(file)
    except ScriptError as exc:
        raise UserError(exc.one_line(file)) from exc
    click.echo(mermaid(loaded.script, language), nl=False)
