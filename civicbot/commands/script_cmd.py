"""``civicbot script``: check a dialogue script, or draw its routes as Mermaid."""

from __future__ import annotations

from pathlib import Path

import click

from civicbot.errors import UserError
from civicbot.script import LoadedScript, ScriptError, estimate_minutes, load_script, mermaid
from civicbot.script.model import text_in
from civicbot.script.readability import describe, reading_report
from civicbot.script.shipped import resolve


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


def _keys(keys: list[str], limit: int = 6) -> str:
    shown = ", ".join(keys[:limit])
    return shown + (f" and {len(keys) - limit} more" if len(keys) > limit else "")


def _state(total: int, done: int, unreviewed: int, missing: int, stale: int) -> str:
    parts = [f"{done} of {total} translated"]
    if unreviewed:
        parts.append(f"{unreviewed} unreviewed (first draft, not checked by a fluent speaker)")
    else:
        parts.append("all reviewed" if done else "none reviewed")
    parts.append(f"{missing} missing")
    parts.append(f"{stale} out of date")
    return "; ".join(parts)


def language_lines(loaded: LoadedScript) -> list[str]:
    """Per language other than the script's own: its script translation and the bot's
    own messages (gettext), each counted as translated, unreviewed, missing and out of
    date. Missing and out-of-date texts are shown in the script's own language."""
    from civicbot import i18n
    from civicbot.bot.texts import english_messages
    from civicbot.languages import english_name, own_name

    script = loaded.script
    english = english_messages()
    coverage = {c.language: c for c in loaded.coverage}
    lines = []
    for code in script.languages[1:]:
        name = f"{code} {own_name(code)} ({english_name(code)})"
        cover = coverage.get(code)
        if cover is not None:
            counts = (len(cover.unreviewed), len(cover.missing), len(cover.out_of_date))
            lines.append(f"  {name} script: {_state(cover.total, cover.translated, *counts)}")
            if cover.out_of_date:
                lines.append(
                    f"    out of date (the English changed; residents see the English): "
                    f"{_keys(cover.out_of_date)} in {cover.file}"
                )
            if cover.missing:
                lines.append(f"    missing (shown in English): {_keys(cover.missing)}")
        else:
            lines.append(f"  {name} script: written inline in {loaded.path}")
        if code in i18n.available():
            st = i18n.status(code, english)
            counts = (len(st.unreviewed), len(st.missing), len(st.out_of_date))
            lines.append(f"  {name} bot messages: {_state(st.total, st.translated, *counts)}")
            if st.out_of_date:
                lines.append(f"    out of date: {_keys(st.out_of_date)} in {i18n.po_path(code)}")
            if st.missing:
                lines.append(f"    missing (shown in English): {_keys(st.missing)}")
        else:
            lines.append(f"  {name} bot messages: no catalogue, the bot's own words stay English")
    return lines


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
            loaded = load_script(resolve(Path(path)))
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
        for line in language_lines(loaded):
            click.echo(line)
    if failed:
        raise SystemExit(1)


@script.command()
@click.argument("file", type=click.Path())
@click.option("--language", "-l", default=None, help="Language of the labels (default: first).")
def graph(file: str, language: str | None) -> None:
    """Print FILE's routes as a Mermaid flowchart (paste into any Mermaid viewer)."""
    try:
        loaded = load_script(resolve(Path(file)))
    except ScriptError as exc:
        raise UserError(exc.one_line(file)) from exc
    click.echo(mermaid(loaded.script, language), nl=False)


@script.command()
@click.argument("file", type=click.Path())
@click.option("--language", "-l", required=True, help="Language code, e.g. cy, pl, ur.")
def translate(file: str, language: str) -> None:
    """Write or update FILE's translation file for LANGUAGE (FILE.LANGUAGE.yaml): one
    entry per text, in script order, keeping what is translated already."""
    from civicbot.script.load import _read_yaml
    from civicbot.script.translate_file import render
    from civicbot.script.translations import LANGUAGE_CODE, english_texts, split_frozen

    if not LANGUAGE_CODE.fullmatch(language):
        raise UserError(f"{language!r} is not a language code such as cy, pl or ur")
    try:
        loaded = load_script(file)
    except ScriptError as exc:
        raise UserError(exc.one_line(file)) from exc
    path = Path(file)
    target = path.with_name(f"{path.stem}.{language}{path.suffix}")
    own, _ = _read_yaml(split_frozen(loaded.source)[0], file)
    english = english_texts(own, loaded.script.default_language)
    existing: dict[str, object] = {}
    if target.is_file():
        found, _ = _read_yaml(target.read_text(encoding="utf-8"), str(target))
        found = found or {}
        existing = found.get("texts") or {} if isinstance(found, dict) else {}
    target.write_text(render(language, loaded.script.id, english, existing), encoding="utf-8")
    click.echo(f"wrote {target}: {len(english)} texts")
