"""Facilitators' tasks shared by the Telegram tools and the CLI (no Telegram here):
creating a round from a script in ``prompts/``, invitation links and QR codes, the live
picture as text, and “what we heard”."""

from __future__ import annotations

import asyncio
import functools
import io
import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import segno

from civicbot.heard import what_we_heard
from civicbot.script.load import load_script
from civicbot.script.shipped import shipped
from civicbot.stats import STILL_ANSWERING, live_stats_of, render_stats
from civicbot.store import RoundRow, Store
from civicbot.store.rounddata import round_data_from_rows
from civicbot_analysis.disclosure import release_key
from civicbot_analysis.equity import Reference, ReferenceError
from civicbot_analysis.equity.reference import parse_reference
from civicbot_analysis.equity.reference_select import Chosen, choose
from civicbot_analysis.suppress import Suppressor
from civicbot_analysis.themes import Edit, EditsError, parse_edits


def script_path(name: str, folder: Path | None = None) -> Path | None:
    """The script file ``name`` among the scripts that ship with civicbot (or in
    ``folder``; ``.yaml`` may be left off), or None. Only a bare file name is accepted:
    no folders, nothing hidden."""
    return shipped(name, folder)


def parse_when(text: str) -> datetime:
    """An ISO date-time such as ``2025-06-01T09:00`` (UTC unless it says otherwise)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def window_problem(
    opens_at: datetime | None, closes_at: datetime | None, now: datetime
) -> str | None:
    """Why a round's schedule cannot work, or None. A window that has already ended is
    refused: the round would stay a draft that nothing ever opens."""
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        return (
            f"That round would close ({closes_at:%Y-%m-%d %H:%M} UTC) before it opens "
            f"({opens_at:%Y-%m-%d %H:%M} UTC). Please check the dates."
        )
    if closes_at is not None and closes_at <= now:
        return (
            f"That round's closing time ({closes_at:%Y-%m-%d %H:%M} UTC) has already passed "
            f"(it is {now:%Y-%m-%d %H:%M} UTC now), so it could never open. Nothing was "
            "created: give a closing time in the future, or none."
        )
    return None


def window_note(opens_at: datetime | None, closes_at: datetime | None, now: datetime) -> str:
    """What will happen to a new draft round's schedule, in one sentence."""
    until = f", and closes at {closes_at:%Y-%m-%d %H:%M} UTC" if closes_at else ""
    if opens_at is None:
        return "It stays a draft until you open it" + (
            f"; it closes at {closes_at:%Y-%m-%d %H:%M} UTC." if closes_at else "."
        )
    if opens_at <= now:
        return (
            f"Its opening time ({opens_at:%Y-%m-%d %H:%M} UTC) has passed, so it opens "
            f"within a minute while the bot is running{until}."
        )
    return f"It opens by itself at {opens_at:%Y-%m-%d %H:%M} UTC{until}."


async def create_round(
    store: Store,
    path: Path,
    title: str,
    *,
    requires_approval: bool = False,
    reference: str = "england",
    references_dir: Path | None = None,
    database: Path | None = None,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    organiser: str | None = None,
    contact: str | None = None,
    areas: Sequence[tuple[str, str]] = (),
    postcodes: Mapping[str, str] | None = None,
) -> int:
    """Create a draft round that freezes the script at ``path`` as it is now, and its
    reference population as checked now (see :func:`choose_reference`). A reference that
    fails its checks raises :class:`ReferenceError` before anything is stored."""
    chosen = choose_reference(reference, references_dir, database)
    loaded = load_script(path)
    round_id = await store.create_round(
        title=title,
        script_id=loaded.script.id,
        script_version=loaded.script.version,
        script_source=loaded.source,
        script_sha256=loaded.sha256,
        allow_restart=loaded.script.allow_restart,
        status="draft",
        opens_at=opens_at,
        closes_at=closes_at,
    )
    await store.set_round_options(
        round_id,
        requires_approval=requires_approval,
        reference=chosen.name,
        reference_csv=chosen.text,
    )
    await store.set_round_people(
        round_id, organiser=organiser, contact=contact, areas=areas, postcodes=postcodes
    )
    return round_id


def not_ready(row: RoundRow) -> str | None:
    """Why ``row`` may not open yet (residents must be told who runs it), or None."""
    if not (row.organiser or "").strip() or not (row.contact or "").strip():
        return (
            f"Round {row.id} has no organiser or contact yet: residents are told who runs "
            "it before they agree. Create it with --organiser and --contact (or set "
            "CIVICBOT_ORGANISER and CIVICBOT_ORGANISER_CONTACT)."
        )
    return None


_VALUE = re.compile(r"[A-Za-z0-9_.+-]{1,40}")
_DISTRICT = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")


def parse_areas(items: Sequence[str]) -> list[tuple[str, str]]:
    """``value=Label`` pairs (``north=North Ward``) for a round's area question."""
    found: list[tuple[str, str]] = []
    for item in items:
        value, sep, label = item.partition("=")
        if not sep or not _VALUE.fullmatch(value) or not label.strip():
            raise ValueError(f"an area is VALUE=Label, e.g. north=North Ward, not {item!r}")
        if value in {v for v, _ in found}:
            raise ValueError(f"the area {value!r} is given twice")
        found.append((value, label.strip()[:60]))
    return found


def parse_postcodes(items: Sequence[str], areas: Sequence[tuple[str, str]]) -> dict[str, str]:
    """``DISTRICT=value`` pairs (``LS6=north``), each naming one of ``areas``."""
    known = {v for v, _ in areas}
    found: dict[str, str] = {}
    for item in items:
        district, sep, value = item.partition("=")
        district = district.strip().upper()
        if not sep or not _DISTRICT.fullmatch(district):
            raise ValueError(f"a postcode district is DISTRICT=area, e.g. LS6=north, not {item!r}")
        if value not in known:
            raise ValueError(f"{item!r}: {value!r} is not one of the round's --area values")
        found[district] = value
    return found


def choose_reference(spec: str, references_dir: Path | None, database: Path | None) -> Chosen:
    """A round's reference: a shipped name or geography code, or a ``.csv`` file's name in
    the ``CIVICBOT_REFERENCES`` folder; never a path elsewhere, never the database."""
    forbid = [database] if database is not None else []
    return choose(spec, folder=references_dir, allow_paths=False, forbid=forbid)


def describe_round(row: RoundRow, counts: dict[str, int], k: int = 10) -> str:
    """One line per round for /rounds and ``civicbot round list``."""
    when = ""
    if row.status == "draft" and row.opens_at:
        when = f", opens {row.opens_at:%Y-%m-%d %H:%M} UTC"
    if row.status == "open" and row.closes_at:
        when = f", closes {row.closes_at:%Y-%m-%d %H:%M} UTC"
    # The same disclosure control as /stats: a protected count, nothing of k or fewer.
    s = Suppressor(k, release_key([f"round:{row.id}:{row.code}"]))
    cell = s.count(counts["started"], None, "started")
    started = cell.render() if cell.shown else cell.why(k, short=True)
    approval = ", quotes need approval" if row.requires_approval else ""
    return f"{row.id}. {row.title} — {row.status}{when}; started: {started}{approval}"


def deep_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={code}"


def qr_png(link: str) -> bytes:
    """A QR code of ``link`` as PNG bytes, large enough to print."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


def reference_for(row: RoundRow) -> Reference | None:
    """The round's reference: the text frozen when it was chosen; for rounds made before
    references were frozen, the shipped reference of that name. Never a file read now,
    and never an error: a reference that cannot be used gives None (no comparison)."""
    try:
        if row.reference_csv:
            return parse_reference(row.reference_csv, name=row.reference)
        return choose(row.reference).reference
    except ReferenceError:
        return None


async def stats_text(store: Store, row: RoundRow, k: int = 10) -> str:
    """The live picture of ``row`` as text, from the counts the store keeps (a few dozen
    rows and the sessions of the last hour, whatever the round's size), put together in
    a thread: the round's frozen script and reference are parsed there (once a round)."""
    counts = await store.live_counts(row.id, since=store.now() - STILL_ANSWERING)
    pending = await store.pending_moderation(row.id)
    return await asyncio.to_thread(
        _picture, counts.round, counts.tallies, counts.recent, pending, k
    )


def _picture(
    row: RoundRow,
    tallies: Mapping[str, tuple[int, int]],
    recent: Sequence[tuple[str, str | None]],
    pending: int,
    k: int,
) -> str:
    found = live_stats_of(
        row,
        tallies,
        recent,
        reference=_reference(row.reference, row.reference_csv),
        k=k,
        pending_moderation=pending,
    )
    return render_stats(found)


@functools.lru_cache(maxsize=16)
def _reference(name: str, text: str | None) -> Reference | None:
    """:func:`reference_for` of a round's frozen reference, parsed once."""
    try:
        if text:
            return parse_reference(text, name=name)
        return choose(name).reference
    except ReferenceError:
        return None


async def summary_for(store: Store, row: RoundRow) -> str:
    """“What we heard” for a round, with the theme names its edits give (the analysis
    runs off the event loop)."""
    data = round_data_from_rows(await store.round_rows(row.id))
    edits = edits_for(await store.theme_edits(row.id))
    return await asyncio.to_thread(what_we_heard, data, reference=reference_for(row), edits=edits)


def edits_for(stored: str | None) -> list[Edit]:
    """The round's stored theme edits; none when there are none or they cannot be read
    (they were checked when stored, so that means a damaged row, not a reason to fail)."""
    if not stored:
        return []
    try:
        return parse_edits(json.loads(stored))
    except (ValueError, EditsError):
        return []
