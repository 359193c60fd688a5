"""``civicbot broadcast``: queue a message to a round's residents who asked for updates.
The running bot sends it (within Telegram's limits)."""

from __future__ import annotations

from pathlib import Path

import click

from civicbot.commands._facilitator_cli import CLI_ACTOR, find_round, with_store
from civicbot.commands._options import db_option
from civicbot.commands._whole import WHOLE
from civicbot.counts import residents_text
from civicbot.store import Store
from civicbot.store.dbfile import DbTarget
from civicbot_analysis.textfile import read_text

NO_ANSWER = (
    "Not sent: nobody answered the question (there is no terminal to ask in, or it was "
    "interrupted). Check the message above, then run the same command with --yes to queue "
    "it without being asked."
)


def _confirmed(question: str) -> bool:
    """Ask; with no answer to be had (no terminal, end of input, Ctrl-C) say how to send
    without asking, and stop with exit status 1. Nothing is queued either way."""
    try:
        return click.confirm(question)
    except click.Abort:
        click.echo("")
        raise click.ClickException(NO_ANSWER) from None


@click.command()
@click.argument("round_id", type=WHOLE, metavar="ROUND")
@click.option("--text", help="The message.")
@click.option("--file", "text_file", type=click.Path(path_type=Path),
              help="Read the message from this text file instead.")  # fmt: skip
@click.option(
    "--yes",
    is_flag=True,
    help="Queue it without asking first: for scripts, cron and other runs with no "
    "terminal to answer in. Without it, the message is shown and you are asked.",
)
@db_option
def broadcast(
    round_id: int, text: str | None, text_file: Path | None, yes: bool, db_path: DbTarget
) -> None:
    """Send a message to everyone in ROUND who asked for updates.

    The message is queued in the database; the running bot (civicbot run) sends it at a
    safe pace and skips anyone who blocked the bot. Nobody gets it twice. You are shown
    the message and asked before it is queued; --yes queues it without asking.
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
    if not yes and not _confirmed(f"Send this to {recipients} residents?"):
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
