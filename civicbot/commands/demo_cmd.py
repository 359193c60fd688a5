"""``civicbot demo``: a simulated round through the real engine and store, to a report.

The quickest way to see what civicbot does: no Telegram, no configuration. Writes a
fresh SQLite database and the report files into ``--out`` and prints where they are.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from civicbot.commands._whole import WHOLE, WholeNumber
from civicbot.demo.run import FORMATS, DemoResult, run_demo


def _formats(values: tuple[str, ...]) -> tuple[str, ...]:
    chosen: list[str] = []
    for value in values:
        for part in value.replace("+", ",").split(","):
            name = part.strip().lower()
            if not name:
                continue
            if name not in FORMATS:
                raise click.BadParameter(
                    f"{name!r} is not a report format; choose from {', '.join(FORMATS)}",
                    param_hint="--format",
                )
            if name not in chosen:
                chosen.append(name)
    return tuple(chosen) or FORMATS


def _progress_line(done: int, total: int) -> None:
    # A live count on a terminal; nothing in a pipe or a log, where it would be noise.
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        click.echo(f"\r  simulating residents: {done}/{total}", err=True, nl=False)
        if end:
            click.echo(err=True)


def summary(result: DemoResult) -> str:
    """The plain summary printed after a demo run."""
    t = result.tally
    lines = [
        f"Simulated round written to {result.out_dir}/ in {result.seconds:.1f} s",
        f"  residents: {t.started} started, {t.finished} finished, "
        f"{t.stopped} stopped part-way, {t.declined} declined",
        f"  voice notes: {t.voice_notes} free-text answers by voice, {t.transcribed} typed up",
    ]
    if result.files:
        lines.append(f"  themes found: {result.themes}")
        main = result.files.get("html") or next(iter(result.files.values()))
        others = [p.name for p in result.files.values() if p != main]
        also = f" (also {', '.join(others)})" if others else ""
        lines.append(f"  report: {main}{also}")
    lines.append(f"  database: {result.database}")
    for title, sentences in result.comparisons:
        lines.append(f"  against {title}: " + ("no group is under-represented" if not sentences
                     else f"{len(sentences)} under-represented group(s)"))  # fmt: skip
        lines.extend(f"    - {s}" for s in sentences)
    lines.append("These data are simulated: no real person took part.")
    return "\n".join(lines)


def _series_demo(
    out_dir: Path, rounds: int, residents: int, seed: int, chosen: tuple[str, ...]
) -> None:
    from civicbot.demo.series import SERIES_FORMATS, run_series_demo, series_summary

    wanted = tuple(f for f in chosen if f in SERIES_FORMATS)
    if not wanted:
        raise click.BadParameter(
            f"a series report is written as {', '.join(SERIES_FORMATS)}", param_hint="--format"
        )
    result = asyncio.run(
        run_series_demo(out_dir, rounds=rounds, residents=residents, seed=seed, formats=wanted)
    )
    click.echo(series_summary(result))


@click.command("demo")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("demo-out"),
    show_default=True,
    help="Folder for the database and the report files.",
)
@click.option(
    "--residents",
    type=WholeNumber(1, 100_000),
    default=300,
    show_default=True,
    help="How many simulated residents take part.",
)
@click.option("--seed", type=WHOLE, default=1, show_default=True, help="Seed for the simulation.")
@click.option(
    "--format",
    "formats",
    multiple=True,
    help=f"Report formats, comma-separated or repeated [default: {','.join(FORMATS)}].",
)
@click.option(
    "--reference",
    help="Simulate residents who match this place's Census 2021 shares (wigan, "
    "barking-and-dagenham, a geography code, … see `civicbot reference list`) and compare "
    "with it; the summary also shows the comparison with England.",
)
@click.option(
    "--rounds",
    type=WholeNumber(1, 12),
    default=1,
    show_default=True,
    help="Simulate a series of this many rounds (with a planted change and residents who "
    "come back) and write the series report.",
)
def demo(
    out_dir: Path,
    residents: int,
    seed: int,
    formats: tuple[str, ...],
    reference: str | None,
    rounds: int,
) -> None:
    """Run a simulated round through the real dialogue engine and store, and write
    the report. No Telegram needed; the data are marked as simulated."""
    chosen = _formats(formats)
    if rounds > 1:
        if reference is not None:
            raise click.UsageError("--reference is for one round; leave it out with --rounds")
        _series_demo(out_dir, rounds, residents, seed, chosen)
        return
    ref = None
    if reference is not None:
        from civicbot_analysis.equity import ReferenceError
        from civicbot_analysis.equity.reference_select import load

        try:
            ref = load(reference, allow_paths=True)
        except ReferenceError as exc:
            raise click.BadParameter(str(exc), param_hint="--reference") from exc
    result = asyncio.run(
        run_demo(
            out_dir,
            residents=residents,
            seed=seed,
            formats=chosen,
            progress=_progress_line,
            reference=ref,
        )
    )
    click.echo(summary(result))
