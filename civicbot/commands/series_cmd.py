"""``civicbot series``: group rounds into a discussion series, and the series report.

``series create NAME``, ``series add NAME ROUND...`` and ``series list`` keep the series
in the bot's database; ``civicbot report --series NAME`` (built here by
:func:`series_report`) compares its rounds side by side.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

import click

from civicbot.commands._facilitator_cli import CLI_ACTOR, with_store
from civicbot.commands._options import db_option
from civicbot.commands._whole import WHOLE
from civicbot.store import Store
from civicbot.store.dbfile import DbTarget

if TYPE_CHECKING:
    from civicbot_analysis.equity import Reference
    from civicbot_analysis.series.data import SeriesData

SERIES_FORMATS = ("html", "md", "json")


@click.group()
def series() -> None:
    """Group rounds into a discussion series (one round per theme, over a year, say);
    `civicbot report --series NAME` compares the rounds side by side."""


@series.command()
@click.argument("name")
@db_option
def create(name: str, db_path: DbTarget) -> None:
    """Create an empty series called NAME."""

    async def work(store: Store) -> int:
        series_id = await store.create_series(name)
        await store.audit(CLI_ACTOR, "newseries", target=series_id, details={"name": name})
        return series_id

    with_store(db_path, work, needs_secret=False)
    click.echo(f"Series “{' '.join(name.split())}” created. Add rounds with: "
               f"civicbot series add \"{' '.join(name.split())}\" ROUND")  # fmt: skip


@series.command()
@click.argument("name")
@click.argument("round_ids", type=WHOLE, nargs=-1, required=True, metavar="ROUND...")
@db_option
def add(name: str, round_ids: tuple[int, ...], db_path: DbTarget) -> None:
    """Add ROUND(s) to the end of the series NAME, in the order given."""

    async def work(store: Store) -> None:
        for round_id in round_ids:
            await store.add_to_series(name, round_id)
            await store.audit(CLI_ACTOR, "addseries", target=round_id, details={"name": name})

    with_store(db_path, work, needs_secret=False)
    rounds = ", ".join(str(r) for r in round_ids)
    click.echo(f"Added round(s) {rounds} to the series “{' '.join(name.split())}”.")


@series.command(name="list")
@db_option
def list_(db_path: DbTarget) -> None:
    """List the series and their rounds, in order."""

    async def work(store: Store) -> list[str]:
        lines: list[str] = []
        for row in await store.list_series():
            lines.append(f"{row.name}: {len(row.round_ids)} round(s)")
            for position, round_id in enumerate(row.round_ids, start=1):
                found = await store.get_round(round_id)
                title = found.title if found is not None else "?"
                state = found.status if found is not None else "?"
                lines.append(f"  {position}. round {round_id} “{title}” ({state})")
        return lines

    lines = with_store(db_path, work, needs_secret=False)
    click.echo("\n".join(lines) if lines else "No series yet: civicbot series create NAME")


def series_report(
    name: str, db: DbTarget, fmt: str, out: Path, *, k: int, seed: int, reference: Reference | None
) -> str:
    """Build the series report of NAME from ``db`` into ``out``; returns a line to print."""
    from threadpoolctl import threadpool_limits

    from civicbot.store.dbfile import opened
    from civicbot_analysis.equity import load_reference
    from civicbot_analysis.series import build_series_report, render_series
    from civicbot_analysis.textfile import write_atomic

    if fmt not in SERIES_FORMATS:
        raise click.BadParameter(
            f"a series report is written as {', '.join(SERIES_FORMATS)}, not {fmt}",
            param_hint="--format",
        )

    async def fetch() -> SeriesData:
        async with opened(db, secret=None) as store:
            return await store.series_data(name)

    data = asyncio.run(fetch())
    with threadpool_limits(limits=1):
        built = build_series_report(
            data, k_min=k, seed=seed, reference=reference or load_reference("england")
        )
    write_atomic(out, render_series(built, fmt))
    count = len(built.rounds)
    plural = "" if count == 1 else "s"
    return f"Wrote {fmt} series report of {built.name!r} ({count} round{plural}) to {out}"
