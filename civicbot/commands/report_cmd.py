"""``civicbot report``: build a round's equity-aware theme report as HTML, Markdown, JSON or CSV.

The round comes from the bot's database (``ROUND --db PATH``), a CSV export
(``--from-csv FILE``, format in :mod:`civicbot_analysis.csv_input`) or a Pol.is export folder
(``--from-polis DIR``). Facilitators' theme edits live in a JSON file (``--edits FILE``);
``--rename ID NAME`` and ``--merge ID ID`` add to that file before the report is built,
so the edits are kept and re-applied on every rebuild.

``--format brief`` writes the one-page brief (HTML for one A4 page) and, where headless
Chromium is installed, a PDF beside it; its "what happens next" is ``--next TEXT``, else
the facilitator's words saved with the round's results, else it says none was given.
"""

from __future__ import annotations

import asyncio
import dataclasses
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from civicbot.commands._options import DB_TARGET
from civicbot.commands._whole import WHOLE
from civicbot.numbers import ascii_int
from civicbot.store.dbfile import DbTarget
from civicbot_analysis.rounddata import RoundData

if TYPE_CHECKING:
    from civicbot_analysis.equity import Reference
    from civicbot_analysis.themes import Edit

FORMATS = ("html", "md", "json", "csv", "brief")


def _load_db(round_id: str, db: DbTarget) -> RoundData:
    # Imported here so the report works on CSV and Pol.is data without the bot's store.
    from civicbot.store.dbfile import opened, read_round_data

    number = ascii_int(round_id, max_digits=12)
    if number is None:
        raise click.BadParameter(f"{round_id!r} is not a round number", param_hint="ROUND")

    async def fetch() -> RoundData:
        # No pseudonym secret: a report reads answers and never links residents, so an
        # analyst can build it from a copy of the database without the key.
        async with opened(db, secret=None) as store:
            return await read_round_data(store, db, number)

    return asyncio.run(fetch())


def _keep_edits(round_id: str, db: DbTarget, theme_edits: list[Edit]) -> None:
    """Keep the theme edits with the round, so /results names themes as the report does."""
    import json

    from civicbot.store.dbfile import opened
    from civicbot_analysis.themes.edits import to_json

    number = ascii_int(round_id, max_digits=12)
    assert number is not None  # checked when the round was read

    async def keep() -> None:
        async with opened(db, secret=None) as store:
            await store.set_theme_edits(number, json.dumps(to_json(theme_edits)))

    try:
        asyncio.run(keep())
    except Exception as exc:  # the report is written; keeping the edits is a courtesy
        click.echo(f"Note: the theme edits were not kept with round {round_id} ({exc}).", err=True)
    else:
        click.echo(f"Theme edits kept with round {round_id}: /results uses the same names.")


def _load(
    round_id: str | None,
    db: DbTarget | None,
    from_csv: Path | None,
    polis: Path | None,
    encoding: str | None,
) -> tuple[RoundData, tuple[str, ...]]:
    """The round's data, and notes for the report on how it was read (inferred kinds)."""
    given = [x is not None for x in (round_id, from_csv, polis)]
    if sum(given) != 1:
        raise click.UsageError("give exactly one of ROUND (with --db), --from-csv or --from-polis")
    if from_csv is not None:
        from civicbot_analysis.csv_input import read_answers

        read = read_answers(from_csv, encoding)
        click.echo(read.how, err=True)
        return read.data, read.notes
    if polis is not None:
        from civicbot_analysis.polis import read_polis

        return read_polis(polis), ()
    if db is None:
        raise click.UsageError("ROUND needs --db PATH (the bot's database)")
    return _load_db(str(round_id), db), ()


def _round_reference(round_id: str, db: DbTarget) -> Reference | None:
    """The reference a round was created with (frozen in the database), or None."""
    from civicbot.facilitation import reference_for
    from civicbot.store.dbfile import opened

    async def fetch() -> Reference | None:
        async with opened(db, secret=None) as store:
            row = await store.get_round(int(round_id))
            return reference_for(row) if row is not None else None

    return asyncio.run(fetch())


def _round_next_steps(round_id: str, db: DbTarget) -> str:
    """The facilitator's "what happens next" saved with the round's results ("" if none)."""
    from civicbot.store.dbfile import opened

    async def fetch() -> str:
        async with opened(db, secret=None) as store:
            row = await store.results_for_round(int(round_id))
            return row.next_steps if row is not None else ""

    return asyncio.run(fetch())


def _write_brief_pdf(out: Path) -> None:
    """The brief printed to PDF beside the HTML, or a plain word on why not."""
    from civicbot_analysis.report.pdf import pdf_pages, pdf_renderer, print_pdf
    from civicbot_analysis.textfile import write_atomic

    binary = pdf_renderer()
    pdf_path = out.with_suffix(".pdf")
    if binary is None:
        click.echo(
            "No PDF made: no PDF renderer (headless Chromium) is installed. Print the HTML "
            "from a browser (A4, no headers), or install chromium and run again.",
            err=True,
        )
        return
    try:
        pdf = print_pdf(out, binary)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        click.echo(f"No PDF made: {exc}", err=True)
        return
    write_atomic(pdf_path, pdf)
    pages = pdf_pages(pdf)
    click.echo(f"Wrote PDF of the brief to {pdf_path} ({pages} page{'s' if pages != 1 else ''})")
    if pages > 1:
        click.echo(
            f"Note: the brief runs to {pages} pages, not one: shorten --next (or the "
            "facilitator's “what happens next”), or rename long themes with --edits.",
            err=True,
        )


def _reference(name: str | None, db: DbTarget | None) -> Reference | None:
    """A shipped reference (name or geography code) or a .csv file, never the database."""
    if name is None:
        return None
    import csv

    from civicbot_analysis.equity import ReferenceError
    from civicbot_analysis.equity.reference_select import load
    from civicbot_analysis.errors import UserError

    try:
        return load(name, allow_paths=True, forbid=[db] if isinstance(db, Path) else [])
    except ReferenceError:
        raise  # a UserError naming the file: one line, exit status 2
    except (ValueError, csv.Error) as exc:
        raise UserError(
            f"{name} cannot be read as a reference population ({exc}): correct it "
            "(format in analysis/data/README.md), or use --reference england"
        ) from exc


@click.command("report")
@click.argument("round_id", metavar="ROUND", required=False)
@click.option("--db", type=DB_TARGET, help="The bot's database (or a copy): a file or a URL.")
@click.option("--from-csv", type=click.Path(path_type=Path), help="An answers CSV file.")
@click.option(
    "--encoding",
    help="The CSV file's encoding when it is not UTF-8 or UTF-16 (e.g. cp1252 for Excel "
    "on Windows).",
)
@click.option("--from-polis", type=click.Path(path_type=Path), help="A Pol.is export folder.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True)
@click.option(
    "--k",
    "k",
    type=click.IntRange(min=5),
    default=10,
    show_default=True,
    help="Hide any figure resting on fewer than K residents (at least 5).",
)
@click.option("--seed", type=WHOLE, default=0, show_default=True,
              help="Random seed for the analysis: the same data and seed give the same report "
              "(the demo writes its report with this default).")  # fmt: skip
@click.option(
    "--themes",
    "themes_k",
    type=click.IntRange(min=1, max=30),
    default=None,
    help="Number of themes per question (default: chosen from the data).",
)
@click.option(
    "--edits",
    type=click.Path(path_type=Path),
    help="JSON file of theme renames and merges, re-applied on every build.",
)
@click.option(
    "--rename",
    nargs=2,
    multiple=True,
    metavar="THEME_ID NAME",
    help="Rename a theme (recorded in --edits).",
)
@click.option(
    "--merge",
    nargs=2,
    multiple=True,
    metavar="THEME_ID THEME_ID",
    help="Merge the second theme into the first (recorded in --edits).",
)
@click.option(
    "--reference",
    help="Population to compare with: a place (england, england-wales, wigan, … or a "
    "geography code such as E08000010; `civicbot reference list`) or a reference .csv file "
    "[default: for a ROUND, the one it was created with].",
)
@click.option(
    "--next",
    "next_text",
    metavar="TEXT",
    help="For --format brief: what happens next [default: the facilitator's words saved "
    "with the round's results; the brief says when there are none].",
)
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
@click.option(
    "--series",
    "series_name",
    metavar="NAME",
    help="Compare the rounds of the series NAME side by side (with --db; html, md or json).",
)
@click.option(
    "--embeddings",
    is_flag=True,
    help="Also use sentence embeddings for themes (needs: pip install 'civicbot[embeddings]').",
)
def report(
    round_id: str | None,
    db: DbTarget | None,
    from_csv: Path | None,
    encoding: str | None,
    from_polis: Path | None,
    fmt: str,
    out: Path,
    k: int,
    seed: int,
    themes_k: int | None,
    edits: Path | None,
    rename: tuple[tuple[str, str], ...],
    merge: tuple[tuple[str, str], ...],
    reference: str | None,
    next_text: str | None,
    quiet: bool,
    embeddings: bool,
    series_name: str | None = None,
) -> None:
    """Build the report of ROUND (or of --from-csv / --from-polis data) into --out."""  # fmt: skip
    from civicbot_analysis.progress import SILENT, terminal_progress
    from civicbot_analysis.report import build_report, render
    from civicbot_analysis.textfile import check_encoding, check_output_file, write_atomic
    from civicbot_analysis.themes import Merge, Rename, load_edits, save_edits

    if (rename or merge) and edits is None:
        raise click.UsageError("--rename and --merge need --edits FILE to record them in")
    if encoding is not None:
        check_encoding(encoding)
    check_output_file(out)  # now, not after minutes of analysis
    if series_name is not None:
        if round_id is not None or from_csv is not None or from_polis is not None or db is None:
            raise click.UsageError("--series NAME needs --db PATH, and no ROUND or other input")
        if edits or rename or merge or themes_k is not None or embeddings:
            raise click.UsageError(
                "--edits, --rename, --merge, --themes and --embeddings are for one round's "
                "report, not for --series"
            )
        from civicbot.commands.series_cmd import series_report

        line = series_report(
            series_name, db, fmt, out, k=k, seed=seed, reference=_reference(reference, db)
        )
        click.echo(line)
        return
    theme_edits = load_edits(edits) if edits else []
    if rename or merge:
        theme_edits += [Merge((a, b)) for a, b in merge]
        theme_edits += [Rename(t, name) for t, name in rename]
        assert edits is not None
        save_edits(edits, theme_edits)
    if embeddings:
        from civicbot_analysis.themes.embeddings import available

        if not available():
            raise click.ClickException(
                "--embeddings needs the optional extra: pip install 'civicbot[embeddings]' "
                "(see docs/organisers.md)."
            )
    chosen_reference = _reference(reference, db)  # checked before any data is read
    data, read_notes = _load(round_id, db, from_csv, from_polis, encoding)
    if chosen_reference is None and round_id is not None and db is not None:
        chosen_reference = _round_reference(round_id, db)  # the round's own, as in /stats
    polis_options: dict[str, Any] = {}
    if from_polis is not None and data.votes:
        # The groups bench/polis_agreement.py measures: drawn from the export read with its
        # rejected comments (Pol.is's math sees them); the report shows none of their texts.
        from civicbot_analysis.report.polis_groups import polis_opinion_input

        given = polis_opinion_input(from_polis)
        polis_options = {
            "opinion_data": given.data,
            "opinion_math": given.math,
            "opinion_meta": given.meta,
        }
    free = sum(1 for q in data.questions if q.kind == "free_text")
    progress = SILENT if quiet else terminal_progress(9 + free + (free > 1))
    built = build_report(
        data,
        k_min=k,
        seed=seed,
        edits=theme_edits,
        reference=chosen_reference,
        themes_k=themes_k,
        progress=progress,
        **polis_options,
        embeddings=embeddings,
    )
    built = dataclasses.replace(built, notices=(*read_notes, *built.notices))
    next_source = None
    if fmt == "brief" and not (next_text or "").strip() and round_id is not None and db:
        from civicbot_analysis.report.brief import NEXT_FROM_ROUND

        next_text = _round_next_steps(round_id, db) or None
        next_source = NEXT_FROM_ROUND
    if fmt == "brief" and not (next_text or "").strip():
        click.echo(
            "Note: the brief's “what happens next” says none was given: add --next TEXT.",
            err=True,
        )
    write_atomic(out, render(built, fmt, next_steps=next_text, next_source=next_source))
    click.echo(f"Wrote {fmt} report of {data.title!r} to {out}")
    if edits is not None and round_id is not None and db is not None:
        _keep_edits(round_id, db, theme_edits)
    if fmt == "brief":
        _write_brief_pdf(out)
    for notice in built.notices:
        click.echo(f"Note: {notice}", err=True)
