"""``civicbot broadcast``: queue a message to a round's residents who asked for updates.
The running bot sends it (within Telegram's limits)."""

from __future__ import annotations

from pathlib import Path

import click

from analysis.textfile import read_text
from civicbot.commands._facilitator_cli import CLI_ACTOR, find_round, with_store
from civicbot.commands._options import db_option
from civicbot.commands._whole import WHOLE
from civicbot.counts import residents_text
from civicbot.store import Store


@click.command()
@click.argument("round_id", type=WHOLE, metavar="ROUND")
@click.option("--text", help="The message.")
@click.option("--file", "text_file", type=click.Path(path_type=Path),
              help="Read the message from this text file instead.")  # fmt: skip
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@db_option
def broadcast(
    round_id: int, text: str | None, text_file: Path | None, yes: bool, db_path: Path
) -> None:
    """Send a message to everyone in ROUND who asked for updates.

    The message is queued in the database; the running bot (civicbot run) sends it at a
    safe pace and skips anyone who blocked the bot. Nobody gets it twice.
    """
    if (text is None) == (text_file is None):
        raise click.UsageError("give the message with --text or --file (one of them)")
    message = (text if text is not None else read_text(text_file, "message file")).strip()  # type: ignore[arg-type]
    if not message:
        raise click.UsageError("the message is empty")
    if len(message) > 4096:
        raise click.UsageError("the message is longer than Telegram allows (4096 characters)")

    async def count(store: Store) -> tuple[str, str]:
        row = await find_round(store, round_id)
        return row.title, residents_text(await store.recipient_ids(row.id))

    title, recipients = with_store(db_path, count)
    click.echo(f"Round {round_id} “{title}”: {recipients} residents asked for updates.\n")
    click.echo(message + "\n")
    if not yes and not click.confirm(f"Send this to {recipients} residents?"):
        click.echo("Not sent.")
        return

    async def queue(store: Store) -> int | None:
        broadcast_id = await store.create_broadcast(round_id, CLI_ACTOR, text=message)
        queued = await store.queue_broadcast(broadcast_id)
        await store.audit(CLI_ACTOR, "broadcast-send", target=broadcast_id,
                          details={"round": round_id, "recipients": queued})  # fmt: skip
        return queued

    if with_store(db_path, queue) is None:
        click.echo("Not sent: the broadcast could not be queued.")
        return
    click.echo(f"Queued for {recipients} residents. The running bot sends them.")
