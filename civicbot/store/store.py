"""The :class:`Store`: the one owner of civicbot's database (SQLite or PostgreSQL).

Open it with :meth:`Store.open` (which applies pending migrations); its methods are named
after what they do and are grouped by area in the mixins it is built from: rounds, the
inbox, sessions and answers, residents and their rights. SQL lives only in this package.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from civicbot.store.alerts import AlertsMixin
from civicbot.store.base import Clock
from civicbot.store.checkins import CheckInsMixin
from civicbot.store.db import DEFAULT_BUSY_TIMEOUT_MS, is_postgres_url, sqlite_path
from civicbot.store.deliberation import DeliberationMixin
from civicbot.store.engines import connect
from civicbot.store.facilitators import FacilitatorsMixin
from civicbot.store.inbox import InboxMixin
from civicbot.store.invitations import InvitationsMixin
from civicbot.store.migrate import apply_migrations
from civicbot.store.moderation import ModerationMixin
from civicbot.store.outbox import OutboxMixin
from civicbot.store.pseudonym import MIN_SECRET_BYTES, SecretError
from civicbot.store.reminders import RemindersMixin
from civicbot.store.report_requests import ReportRequestsMixin
from civicbot.store.residents import ResidentsMixin
from civicbot.store.results import ResultsMixin
from civicbot.store.rounddata import round_data_from_rows, with_voice
from civicbot.store.rounds import RoundsMixin
from civicbot.store.safety import SafetyMixin
from civicbot.store.series import SeriesError, SeriesMixin
from civicbot.store.sessions import SessionsMixin
from civicbot.store.tallies import TalliesMixin
from civicbot.store.voice import VoiceMixin
from civicbot_analysis.rounddata import RoundData
from civicbot_analysis.series.data import SeriesData


def default_voice_dir(db_path: str | Path) -> Path | None:
    """``<database file>-voice`` beside the database; None for an in-memory one and for
    PostgreSQL (whose workers need a folder they share: pass ``voice_dir``)."""
    if str(db_path) == ":memory:" or str(db_path).startswith("file:") or is_postgres_url(db_path):
        return None
    path = Path(sqlite_path(db_path))
    return path.with_name(path.name + "-voice")


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Store(
    VoiceMixin,  # first: its forget and retention also delete the voice files
    RoundsMixin,
    InboxMixin,
    SessionsMixin,
    ResidentsMixin,
    FacilitatorsMixin,
    InvitationsMixin,
    ModerationMixin,
    OutboxMixin,
    RemindersMixin,
    ResultsMixin,
    DeliberationMixin,
    SafetyMixin,
    CheckInsMixin,
    SeriesMixin,
    AlertsMixin,
    TalliesMixin,
    ReportRequestsMixin,
):
    """civicbot's database. Use ``async with await Store.open(path, secret=...) as store``
    or call :meth:`close` when done."""

    @classmethod
    async def open(
        cls,
        path: str | Path,
        *,
        secret: bytes | None,
        clock: Clock | None = None,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        voice_dir: str | Path | None = None,
        read_only: bool = False,
    ) -> Store:
        """Open (or create) the database at ``path`` (a file, ``sqlite:///PATH`` or a
        ``postgresql://`` URL) and bring its schema up to date.

        ``secret`` is the pseudonym key (see :func:`civicbot.store.pseudonym.load_secret`);
        it stays in memory and is never written to the database. ``None`` opens it for
        work that only reads answers (a report from a copy of the database, without the
        key, as an analyst should have it); linking a Telegram user then raises
        :class:`SecretError`.
        ``voice_dir`` is the folder of sealed voice notes: by default ``<database file>-voice``
        beside it (sealed under a key derived from ``secret``, so none without it).
        ``read_only`` opens an existing file through a read-only connection (a report
        built beside the running bot): no migration, no write of any kind (on PostgreSQL:
        no migration; the caller only reads).
        """
        if secret is not None and len(secret) < MIN_SECRET_BYTES:
            raise SecretError(f"the pseudonym secret must be at least {MIN_SECRET_BYTES} bytes")
        the_clock = clock or _utc_now
        if read_only and is_postgres_url(path):  # reads only: no migration here
            return cls(await connect(path), secret=secret, clock=the_clock)
        if read_only:
            db = await connect(
                f"{Path(path).resolve().as_uri()}?mode=ro", busy_timeout_ms=busy_timeout_ms
            )
            return cls(db, secret=secret, clock=the_clock)
        db = await connect(path, busy_timeout_ms=busy_timeout_ms)
        try:
            await apply_migrations(db, clock=the_clock)
        except BaseException:
            await db.close()
            raise
        store = cls(db, secret=secret, clock=the_clock)
        try:
            await store.recount_pending_tallies()  # rounds from before counts were kept
        except BaseException:
            await db.close()
            raise
        store.attach_voice_folder(default_voice_dir(path) if voice_dir is None else Path(voice_dir))
        return store

    async def close(self) -> None:
        await self._db.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def round_data(self, round_id: int) -> RoundData:
        """The analysis input for a round, built with the script version it froze."""
        data = round_data_from_rows(await self.round_rows(round_id))
        taking_part = frozenset(r.id for r in data.residents)
        statements, votes = await self.deliberation_data(round_id, taking_part)
        data = with_voice(data, await self.voice_answers(round_id))
        return dataclasses.replace(data, statements=statements, votes=votes)

    async def series_data(self, name: str) -> SeriesData:
        """The analysis input of a series: one :class:`RoundData` per round, in order."""
        row = await self.get_series(name)
        if row is None:
            raise SeriesError(f"there is no series called {name!r} (civicbot series list)")
        rounds = [await self.round_data(round_id) for round_id in row.round_ids]
        return SeriesData(name=row.name, rounds=tuple(rounds))

    async def backup(self, dest_path: str | Path) -> None:
        """Copy the database to ``dest_path`` with SQLite's online backup API (safe while
        the bot runs, unlike copying the file)."""
        await self._db.backup(Path(dest_path))
