"""``civicbot export``: a round's data in formats other tools read.

``civicbot export polis ROUND --db PATH --out DIR`` writes the round's deliberation
statements and votes as a Pol.is export folder (``comments.csv``, ``votes.csv``,
``participants-votes.csv``, ``summary.csv``), which Pol.is tooling, and
``civicbot report --from-polis DIR``, can read. Residents appear by pseudonym only;
statements as others saw them (personal data masked), with Pol.is's ``moderated`` flag.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from civicbot.commands._options import DB_HELP, DB_TARGET
from civicbot.commands._whole import WHOLE
from civicbot.store.dbfile import DbTarget
from civicbot_analysis.errors import FileError
from civicbot_analysis.polis import COMMENTS, PARTICIPANTS, VOTES, write_polis
from civicbot_analysis.rounddata import RoundData


@click.group()
def export() -> None:
    """Export a round's data for other tools."""


def _round_data(round_id: int, db: DbTarget) -> RoundData:
    from civicbot.store.dbfile import opened, read_round_data

    async def fetch() -> RoundData:
        # Reading answers needs no pseudonym secret (residents appear by pseudonym).
        async with opened(db, secret=None) as store:
            return await read_round_data(store, db, round_id)

    return asyncio.run(fetch())


@export.command("polis")
@click.argument("round_id", metavar="ROUND", type=WHOLE)
@click.option(
    "--db",
    type=DB_TARGET,
    envvar="CIVICBOT_DB",
    required=True,
    help=DB_HELP,
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder to write the Pol.is CSV files into (created if needed)",
)
def polis(round_id: int, db: DbTarget, out: Path) -> None:
    """Write ROUND's statements and votes as a Pol.is export folder."""
    if out.exists() and not out.is_dir():
        raise FileError(out, "is a file", "give a folder for --out (it is made if needed)")
    data = _round_data(round_id, db)
    folder = write_polis(data, out)
    voters = len({v.resident for v in data.votes})
    click.echo(
        f"wrote {len(data.statements)} statements, {len(data.votes)} votes by {voters} "
        f"residents to {folder} ({COMMENTS}, {VOTES}, {PARTICIPANTS})"
    )
