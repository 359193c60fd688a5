"""Plain values the store hands out, and the JSON form of a session's state."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from civicbot.engine.types import (
    NO_CURSOR,
    AnswerValue,
    DeliberationCursor,
    SessionState,
    Status,
)
from civicbot.errors import UserError
from civicbot.store.db import Row, from_db

RoundStatus = str  # "draft" | "open" | "closed"
ROUND_STATUSES: tuple[str, ...] = ("draft", "open", "closed")
SESSION_STATUSES: tuple[Status, ...] = (
    "new", "hello", "consent", "active", "finished", "declined"
)  # fmt: skip


class StoreError(UserError):
    """A request the store cannot carry out (the database itself is fine)."""


class UnknownRound(StoreError, KeyError):
    def __init__(self, round_id: int) -> None:
        super().__init__(f"no round with id {round_id}")
        self.round_id = round_id

    def __str__(self) -> str:  # KeyError would quote the message
        return f"there is no round {self.round_id} in this database (civicbot round list)"


@dataclass(frozen=True)
class RoundRow:
    id: int
    title: str
    script_id: str
    script_version: int
    script_source: str
    script_sha256: str
    status: RoundStatus
    allow_restart: bool
    simulated: bool
    opens_at: datetime | None
    closes_at: datetime | None
    created_at: datetime
    opened_at: datetime | None
    closed_at: datetime | None
    code: str = ""
    requires_approval: bool = False  # quotes need a facilitator's approval
    reference: str = "england"  # reference population for the live picture
    reference_csv: str | None = None  # its checked text, frozen when it was chosen
    organiser: str | None = None  # who runs it, shown to residents before they agree
    contact: str | None = None  # how residents reach the organiser
    areas: tuple[tuple[str, str], ...] = ()  # (value, label) of its wards or neighbourhoods
    postcodes: tuple[tuple[str, str], ...] = ()  # (postcode district, area value)
    is_default: bool = False  # opened by the bot itself on a fresh install

    @classmethod
    def from_row(cls, row: Row) -> RoundRow:
        created = from_db(row["created_at"])
        assert created is not None  # NOT NULL in the schema
        return cls(
            id=int(row["id"]),
            title=row["title"],
            script_id=row["script_id"],
            script_version=int(row["script_version"]),
            script_source=row["script_source"],
            script_sha256=row["script_sha256"],
            status=row["status"],
            allow_restart=bool(row["allow_restart"]),
            simulated=bool(row["simulated"]),
            opens_at=from_db(row["opens_at"]),
            closes_at=from_db(row["closes_at"]),
            created_at=created,
            opened_at=from_db(row["opened_at"]),
            closed_at=from_db(row["closed_at"]),
            code=row["code"] or "",
            requires_approval=bool(_get(row, "requires_approval", 0)),
            reference=_get(row, "reference", None) or "england",
            reference_csv=_get(row, "reference_csv", None),
            organiser=_get(row, "organiser", None),
            contact=_get(row, "contact", None),
            areas=tuple((str(v), str(k)) for v, k in json.loads(_get(row, "areas", None) or "[]")),
            postcodes=tuple(
                (str(k), str(v))
                for k, v in json.loads(_get(row, "postcodes", None) or "{}").items()
            ),
            is_default=bool(_get(row, "is_default", 0)),
        )


def _get(row: Row, column: str, default: Any) -> Any:
    """A column added by a later migration (rows read before it ran lack it)."""
    return row[column] if column in row.keys() else default  # noqa: SIM118 (Row: keys)


@dataclass(frozen=True)
class SessionRow:
    round_id: int
    resident: str
    status: str
    step_id: str | None
    consent_version: int | None
    started_at: datetime | None
    updated_at: datetime | None
    finished_at: datetime | None
    source: str | None = None  # the invitation source they joined through

    @classmethod
    def from_row(cls, row: Row, round_id: int) -> SessionRow:
        return cls(
            round_id=round_id,
            resident=row["resident"],
            status=row["status"],
            step_id=row["step_id"],
            consent_version=row["consent_version"],
            started_at=from_db(row["started_at"]),
            updated_at=from_db(row["updated_at"]),
            finished_at=from_db(row["finished_at"]),
            source=row["source"],
        )


@dataclass(frozen=True)
class AnswerRow:
    resident: str
    step_id: str
    value: AnswerValue
    answered_at: datetime | None
    language: str | None = None  # the resident's language when they answered

    @classmethod
    def from_row(cls, row: Row) -> AnswerRow:
        return cls(
            resident=row["resident"],
            step_id=row["step_id"],
            value=value_from_json(row["value_json"]),
            answered_at=from_db(row["answered_at"]),
            language=row["language"],
        )


@dataclass(frozen=True)
class DemographicRow:
    resident: str
    field: str
    value: str
    answered_at: datetime | None

    @classmethod
    def from_row(cls, row: Row) -> DemographicRow:
        return cls(
            resident=row["resident"],
            field=row["field"],
            value=row["value"],
            answered_at=from_db(row["answered_at"]),
        )


@dataclass(frozen=True)
class RoundRows:
    """Everything stored for one round, as read in one go for the analysis."""

    round: RoundRow
    sessions: tuple[SessionRow, ...]
    answers: tuple[AnswerRow, ...]
    demographics: tuple[DemographicRow, ...]
    # Moderation status of free-text answers: (resident, step_id) -> status.
    moderation: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass(frozen=True)
class Tombstone:
    """A resident who asked to be forgotten, and when."""

    resident: str
    forgotten_at: datetime


# --- JSON forms --------------------------------------------------------------------------


def value_to_json(value: AnswerValue) -> str:
    return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)


def value_from_json(text: str) -> AnswerValue:
    return _value(json.loads(text))


def _value(raw: Any) -> AnswerValue:
    if raw is None or isinstance(raw, str):
        return raw
    if isinstance(raw, list):
        return tuple(str(item) for item in raw)
    raise ValueError(f"not an answer value: {raw!r}")


def state_to_json(state: SessionState) -> str:
    raw: dict[str, Any] = {
        "status": state.status,
        "step_id": state.step_id,
        "language": state.language,
        "answers": {k: _plain(v) for k, v in state.answers.items()},
        "history": list(state.history),
        "pending": list(state.pending),
        "paused": state.paused,
    }
    if state.cursor != NO_CURSOR:  # only in a deliberation step
        c = state.cursor
        raw["cursor"] = {"shown": c.shown, "last": c.last, "writing": c.writing}
    return json.dumps(raw, ensure_ascii=False, sort_keys=True)


def _cursor(raw: Any) -> DeliberationCursor:
    """A stored cursor; none stored (a session from before it existed keeps its marks in
    ``pending``, which the engine reads) is :data:`NO_CURSOR`."""
    if raw is None:
        return NO_CURSOR
    if not isinstance(raw, dict):
        raise ValueError(f"not a deliberation cursor: {raw!r}")
    shown, last, writing = raw.get("shown"), raw.get("last"), raw.get("writing", False)
    for value in (shown, last):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"not a statement id: {value!r}")
    if not isinstance(writing, bool):
        raise ValueError(f"not a writing flag: {writing!r}")
    return DeliberationCursor(shown, last, writing)


def _plain(value: AnswerValue) -> str | list[str] | None:
    return list(value) if isinstance(value, tuple) else value


def state_from_json(text: str) -> SessionState:
    raw = json.loads(text)
    status = raw.get("status", "new")
    if status not in SESSION_STATUSES:
        raise ValueError(f"unknown session status {status!r}")
    return SessionState(
        status=status,
        step_id=raw.get("step_id"),
        language=raw.get("language", "en"),
        answers={str(k): _value(v) for k, v in raw.get("answers", {}).items()},
        history=tuple(raw.get("history", ())),
        pending=tuple(raw.get("pending", ())),
        paused=bool(raw.get("paused", False)),
        cursor=_cursor(raw.get("cursor")),
    )
