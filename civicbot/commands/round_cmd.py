"""``civicbot round``: create, open, close and list dialogue rounds."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from civicbot.commands._facilitator_cli import CLI_ACTOR, find_round, with_store
from civicbot.commands._options import db_option
from civicbot.commands._whole import WHOLE
from civicbot.errors import UserError
from civicbot.facilitation import (
    create_round,
    describe_round,
    not_ready,
    parse_areas,
    parse_postcodes,
    parse_when,
    window_note,
    window_problem,
)
from civicbot.safeguarding.delivery import nobody_to_alert
from civicbot.script.load import ScriptError
from civicbot.script.shipped import resolve
from civicbot.settings import Settings
from civicbot.store import RoundRow, Store
from civicbot.store.dbfile import DbTarget


def _when(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        return parse_when(value)
    except ValueError as exc:
        raise click.BadParameter(
            "use a date and time like 2025-06-01T09:00", param_hint=name
        ) from exc


@click.group()
def round() -> None:
    """Create, open, close and list dialogue rounds.

    A round runs one dialogue script. Creating it freezes the script as it is now, so
    later edits to the file never change what stored answers mean.
    """


@round.command()
@click.argument("script", type=click.Path(path_type=Path))
@click.option("--title", required=True, help="The round's name, as residents and reports see it.")
@click.option(
    "--approval", is_flag=True, help="Quotes reach reports only after a facilitator approves them."
)
@click.option(
    "--reference",
    default="england",
    show_default=True,
    help="Population to compare who took part against: a place (england, england-wales, "
    "wigan, ... or a geography code such as E08000010; see `civicbot reference list`) or a "
    ".csv file's name in the $CIVICBOT_REFERENCES folder.",
)
@click.option("--opens-at", help="Open automatically at this time (UTC), e.g. 2025-06-01T09:00.")
@click.option("--closes-at", help="Close automatically at this time (UTC).")
@click.option("--open", "open_now", is_flag=True, help="Open the round straight away.")
@click.option(
    "--organiser",
    help="Who runs the round, as residents see it before they agree (default:"
    " $CIVICBOT_ORGANISER). Required before the round opens.",
)
@click.option(
    "--contact",
    help="How residents reach the organiser (default: $CIVICBOT_ORGANISER_CONTACT).",
)
@click.option(
    "--area",
    "areas",
    multiple=True,
    metavar="VALUE=LABEL",
    help="A ward or neighbourhood for the area question (repeat), e.g. north='North Ward';"
    " VALUE is what the analysis and `civicbot reference build --area CODE=VALUE` use.",
)
@click.option(
    "--postcode",
    "postcodes",
    multiple=True,
    metavar="DISTRICT=VALUE",
    help="A postcode district mapped to an --area (repeat), e.g. LS6=north: residents may"
    " type their postcode; only the area is kept.",
)
@db_option
def create(
    script: Path,
    title: str,
    approval: bool,
    reference: str,
    opens_at: str | None,
    closes_at: str | None,
    open_now: bool,
    organiser: str | None,
    contact: str | None,
    areas: tuple[str, ...],
    postcodes: tuple[str, ...],
    db_path: DbTarget,
) -> None:
    """Create a round from SCRIPT, a dialogue script file
    (e.g. prompts/values-and-services.yaml, which ships with civicbot)."""
    script = resolve(script)
    opens, closes = _when(opens_at, "--opens-at"), _when(closes_at, "--closes-at")
    problem = window_problem(opens, closes, datetime.now(UTC))
    if problem is not None:
        raise click.UsageError(problem.replace("closing time", "--closes-at"))
    settings = Settings.from_env()
    organiser = (organiser or settings.organiser or "").strip() or None
    contact = (contact or settings.organiser_contact or "").strip() or None
    try:
        area_pairs = parse_areas(areas)
        districts = parse_postcodes(postcodes, area_pairs)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    if (open_now or opens is not None) and not (organiser and contact):
        flag = "--open" if open_now else "--opens-at"
        raise click.UsageError(
            f"{flag} needs --organiser and --contact (or CIVICBOT_ORGANISER and"
            " CIVICBOT_ORGANISER_CONTACT): residents are told who runs the round."
        )

    async def work(store: Store) -> tuple[int, list[RoundRow]]:
        if open_now:
            await _may_open(store)  # before creating anything
        round_id = await create_round(
            store,
            script,
            title,
            requires_approval=approval,
            reference=reference,
            references_dir=settings.references_dir,
            database=db_path if isinstance(db_path, Path) else None,
            opens_at=opens,
            closes_at=closes,
            organiser=organiser,
            contact=contact,
            areas=area_pairs,
            postcodes=districts,
        )
        await store.audit(CLI_ACTOR, "newround", target=round_id, details={"script": script.name})
        closed: list[RoundRow] = []
        if open_now:
            closed = await store.open_round(round_id)
            await store.audit(CLI_ACTOR, "openround", target=round_id)
        return round_id, closed

    try:
        round_id, closed = with_store(db_path, work)
    except ScriptError as exc:
        raise UserError(exc.one_line(script)) from exc
    state = "open" if open_now else "draft"
    click.echo(f"Round {round_id} “{title}” created ({state}).")
    _echo_closed(closed)
    if not open_now:
        click.echo(window_note(opens, closes, datetime.now(UTC)))
        click.echo(f"Open it with: civicbot round open {round_id}")
    bot = "" if Settings.from_env().bot_username else " --bot YOUR_BOT"
    click.echo(f"Invite residents with: civicbot invite {round_id} --source library{bot}")


def _echo_closed(closed: list[RoundRow]) -> None:
    for other in closed:
        click.echo(
            f"Round {other.id} “{other.title}” (the round the bot opened by itself) is now "
            "closed: /start leads residents to the round just opened."
        )


async def _may_open(store: Store) -> None:
    """No round opens while nobody could receive a safeguarding alert."""
    refusal = await nobody_to_alert(store, Settings.from_env())
    if refusal is not None:
        raise click.ClickException(refusal)


def _status(round_id: int, db_path: DbTarget, action: str) -> None:
    async def work(store: Store) -> str:
        row = await find_round(store, round_id)
        if action == "open" and not_ready(row):
            raise UserError(not_ready(row) or "")
        if action == "open":
            await _may_open(store)
            _echo_closed(await store.open_round(row.id))
        else:
            await store.close_round(row.id)
        await store.audit(CLI_ACTOR, f"{action}round", target=row.id)
        return row.title

    title = with_store(db_path, work)
    click.echo(f"Round {round_id} “{title}” is {'open' if action == 'open' else 'closed'}.")


@round.command(name="open")
@click.argument("round_id", type=WHOLE, metavar="ROUND")
@db_option
def open_(round_id: int, db_path: DbTarget) -> None:
    """Open ROUND (its number) so residents can take part."""
    _status(round_id, db_path, "open")


@round.command()
@click.argument("round_id", type=WHOLE, metavar="ROUND")
@db_option
def close(round_id: int, db_path: DbTarget) -> None:
    """Close ROUND: no new answers; then send what we heard with /results in Telegram."""
    _status(round_id, db_path, "close")


@round.command(name="list")
@db_option
def list_(db_path: DbTarget) -> None:
    """List rounds with their number, state and how many have started."""

    async def work(store: Store) -> list[str]:
        return [
            describe_round(row, await store.round_counts(row.id))
            for row in await store.list_rounds()
        ]

    lines = with_store(db_path, work)
    click.echo(
        "\n".join(lines) if lines else "No rounds yet: civicbot round create SCRIPT --title ..."
    )
