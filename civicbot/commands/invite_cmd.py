"""``civicbot invite``: an invitation link (and QR code) to a round."""

from __future__ import annotations

import re
from pathlib import Path

import click

from civicbot.commands._facilitator_cli import CLI_ACTOR, find_round, with_store
from civicbot.commands._options import db_option
from civicbot.commands._whole import WHOLE
from civicbot.facilitation import deep_link, qr_png
from civicbot.settings import Settings
from civicbot.store import Store
from civicbot.store.dbfile import DbTarget
from civicbot.store.invitations import Invitation
from civicbot_analysis.textfile import write_atomic

BOT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


def bot_name(given: str | None) -> str:
    """The bot's username for links: ``--bot``, else the CIVICBOT_BOT_USERNAME setting."""
    name = (given or "").strip().lstrip("@") or Settings.from_env().bot_username
    if not name:
        raise click.UsageError(
            "which bot? Set CIVICBOT_BOT_USERNAME to your bot's username (as the bot's "
            "settings do), or give --bot NAME."
        )
    if not BOT_NAME.match(name):
        raise click.BadParameter(
            f"{name!r} is not a Telegram username (5-32 letters, digits and _).",
            param_hint="--bot or CIVICBOT_BOT_USERNAME",
        )
    return name


@click.command()
@click.argument("round_id", type=WHOLE, metavar="ROUND")
@click.option("--source", help="Where this invitation goes (library, foodbank, gp-surgery...): "
              "/stats then shows who joined through it.")  # fmt: skip
@click.option("--bot", "bot_username",
              help="Your bot's username (the link is t.me/<bot>). Default: the "
              "CIVICBOT_BOT_USERNAME setting.")  # fmt: skip
@click.option("--qr", type=click.Path(path_type=Path),
              help="Also save a QR code of the link as a PNG (posters, leaflets).")  # fmt: skip
@db_option
def invite(
    round_id: int, source: str | None, bot_username: str | None, qr: Path | None, db_path: DbTarget
) -> None:
    """Make a new invitation link to ROUND (its number). Each link has its own random code."""
    username = bot_name(bot_username)

    async def work(store: Store) -> Invitation:
        row = await find_round(store, round_id)
        try:
            made = await store.create_invitation(row.id, source, CLI_ACTOR)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--source") from exc
        await store.audit(CLI_ACTOR, "invite", target=row.id, details={"source": made.source})
        return made

    made = with_store(db_path, work)
    link = deep_link(username, made.code)
    if made.source:
        click.echo(f"Source tag: {made.source}", err=True)
    click.echo(link)
    if qr is not None:
        write_atomic(qr, qr_png(link), option="--qr")
        click.echo(f"QR code saved to {qr}")
