"""``civicbot reference``: the populations a round is compared with.

``build`` makes a reference file from ONS's Census 2021 tables (bulk topic summaries or
custom datasets crossed with age, see :mod:`civicbot_analysis.census.ons`) for one or more
geography codes; ``list`` shows the shipped references; ``check`` validates a file the
way ``/newround --reference=…`` will.
"""

from __future__ import annotations

from pathlib import Path

import click

from civicbot_analysis.census.build import BuildError, build_rows, write_reference
from civicbot_analysis.census.ons import CensusFileError, read_table
from civicbot_analysis.equity import ReferenceError
from civicbot_analysis.equity.reference import parse_reference
from civicbot_analysis.equity.reference_select import load as load_reference
from civicbot_analysis.equity.reference_select import read_checked, shipped


@click.group()
def reference() -> None:
    """Reference populations: who lives in the area, to compare who took part with.

    Build one for any area of England and Wales from ONS's Census 2021 files, list the
    shipped ones, or check a file before a round uses it.
    """


def _areas(given: tuple[str, ...]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for item in given:
        code, sep, value = item.partition("=")
        if not sep or not code.strip() or not value.strip():
            raise click.BadParameter(f"{item!r}: write CODE=VALUE, e.g. E05000841=ashton")
        out.append((code.strip(), value.strip()))
    return out


@reference.command()
@click.argument(
    "tables", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--geography",
    "codes",
    multiple=True,
    metavar="CODE",
    help="ONS geography code to include (repeat to add areas together), e.g. E08000010.",
)
@click.option(
    "--area",
    "areas",
    multiple=True,
    metavar="CODE=VALUE",
    help="An area of the round's area question and its geography code (repeat), e.g. "
    "E05000841=ashton: the reference then gives each area's share of their population.",
)
@click.option(
    "--deprived",
    multiple=True,
    metavar="CODE",
    help="Mark an --area as among the most deprived (your choice, e.g. from the Index of "
    "Multiple Deprivation), for the report's inverse care view.",
)
@click.option("--title", help="The reference's name in reports [default: the geography's name].")
@click.option(
    "--min-age",
    type=click.IntRange(0, 120),
    default=16,
    show_default=True,
    help="Youngest age who can take part: counted where ONS's tables split by age.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def build(
    tables: tuple[Path, ...],
    codes: tuple[str, ...],
    areas: tuple[str, ...],
    deprived: tuple[str, ...],
    title: str | None,
    min_age: int,
    out: Path,
) -> None:
    """Build a reference file from ONS Census 2021 TABLES (CSV files as ONS publishes
    them: census2021-ts007-ltla.csv, census2021-ts021-wd.csv, or a custom dataset)."""
    chosen_areas = _areas(areas)
    geography = list(codes) or [c for c, _ in chosen_areas]
    if not geography:
        raise click.UsageError("give at least one --geography CODE (or --area CODE=VALUE)")
    if out.suffix.lower() != ".csv":
        raise click.BadParameter("the reference file's name must end in .csv", param_hint="--out")
    try:
        wanted = set(geography) | {c for c, _ in chosen_areas}
        read = [read_table(path, min_age=min_age, keep=wanted) for path in tables]
        rows = build_rows(read, geography, min_age=min_age, areas=chosen_areas, deprived=deprived)
    except (CensusFileError, BuildError) as exc:
        raise click.ClickException(str(exc)) from exc
    names = read[0].names
    where = ", ".join(f"{names.get(c, c)} ({c})" for c in geography)
    text = write_reference(
        rows,
        title=title or " and ".join(names.get(c, c) for c in geography),
        geography=where,
        min_age=min_age,
        files=[p.name for p in tables],
    )
    parse_reference(text, name=out.name)  # what we write must load
    out.write_text(text, encoding="utf-8")
    made = sorted({r.field for r in rows})
    click.echo(f"Wrote {out}: {where}, fields {', '.join(made)}.")
    for field_name in made:
        bases = sorted({r.base for r in rows if r.field == field_name})
        if bases != [f"aged {min_age}+"]:
            click.echo(f"  {field_name}: counts {', '.join(bases)} (the table is not split by age)")


@reference.command(name="list")
def list_() -> None:
    """The shipped references: name, geography code and what they cover."""
    for entry in shipped():
        ref = load_reference(entry.name)
        fields = ", ".join(ref.fields())
        click.echo(f"{entry.name:<22} {entry.code}  {entry.title}: {fields}")


@reference.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def check(path: Path) -> None:
    """Check a reference file as a round would (UTF-8, columns, shares adding up)."""
    try:
        ref = parse_reference(read_checked(path), name=path.name)
    except ReferenceError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{path.name} is a usable reference. {ref.describe()}")
    for field_name in ref.fields():
        note = ref.field_note(field_name)
        if note:
            click.echo(f"  {field_name}: {note}")
