"""``civicbot stats``: the live picture of a round."""

from __future__ import annotations

import click

from civicbot.commands._facilitator_cli import CLI_ACTOR, find_round, with_store
from civicbot.commands._options import db_option
from civicbot.commands._whole import WHOLE, WholeNumber
from civicbot.facilitation import stats_text
from civicbot.store import Store
from civicbot.store.dbfile import DbTarget


@click.command()
@click.argument("round_id", type=WHOLE, metavar="ROUND")
@click.option("-k", "k", type=WholeNumber(min=5), default=10, show_default=True,
              help="Numbers about fewer than k people are never shown.")  # fmt: skip
@db_option
def stats(round_id: int, k: int, db_path: DbTarget) -> None:
    """Who is taking part in ROUND: started, finished, where people stop, time to finish,
    and who is taking part against the local population (also by invitation source)."""

    async def work(store: Store) -> str:
        row = await find_round(store, round_id)
        await store.audit(CLI_ACTOR, "stats", target=row.id)
        return await stats_text(store, row, k=k)

    click.echo(with_store(db_path, work, needs_secret=False))
