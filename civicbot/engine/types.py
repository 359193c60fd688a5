"""Values the dialogue engine takes and gives: session state, inputs, messages, records.

All plain frozen dataclasses: no ``telegram``, no SQL. The adapter (Telegram, terminal,
demo) turns what it receives into an :data:`Input`, calls ``engine.handle``, stores the
:class:`Record` values in one transaction, then sends the :class:`OutMessage` values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

# --- session state -------------------------------------------------------------------

# "hello" is the first layer of the consent notice (who runs this, how long, who may take
# part); "consent" the second (what is kept, for how long, what is published).
Status = Literal["new", "hello", "consent", "active", "finished", "declined"]

# An answer value: one option value or text (str), several option values (tuple), or
# None for a skipped question.
AnswerValue = str | tuple[str, ...] | None


@dataclass(frozen=True)
class DeliberationCursor:
    """Where a resident is within a deliberation step, kept so that one who comes back
    sees the same screen: the statement ``shown`` (waiting for a vote), the statement of
    their ``last`` vote in this step (which they may change), and whether they are
    ``writing`` (their next text is a statement of their own)."""

    shown: int | None = None
    last: int | None = None
    writing: bool = False


NO_CURSOR = DeliberationCursor()


@dataclass(frozen=True)
class SessionState:
    """Where one resident is in one round's dialogue.

    ``history`` lists the question steps answered or skipped, in order, so that ``back``
    can return to the previous one. ``pending`` holds the selections of a multiple-choice
    question that is not yet confirmed; ``cursor`` where the resident is in a
    deliberation step (:data:`NO_CURSOR` elsewhere). ``paused`` is set by a pause and
    cleared by any later input.
    """

    status: Status = "new"
    step_id: str | None = None
    language: str = "en"
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    history: tuple[str, ...] = ()
    pending: tuple[str, ...] = ()
    paused: bool = False
    cursor: DeliberationCursor = NO_CURSOR
    pool: DeliberationPool | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class PoolStatement:
    """A statement a deliberation step may show: ``text`` as others see it (scrubbed),
    ``votes`` cast on it so far by anyone, ``seed`` its place among the step's
    ``seed_statements`` (so it can be shown in the resident's language)."""

    id: int
    step_id: str
    text: str
    votes: int = 0
    seed: int | None = None


@dataclass(frozen=True)
class DeliberationPool:
    """What deliberation steps need to know beyond the session, loaded by the adapter.

    ``statements``: approved statements (and seeds) of the round's deliberation steps;
    ``mine``: ids of statements this resident wrote (never shown to them); ``voted``: this
    resident's votes, statement id -> 1 agree, -1 disagree, 0 pass; ``written``: step id ->
    statements this resident wrote there; ``requires_approval``: a facilitator approves
    statements before others see them.
    """

    statements: tuple[PoolStatement, ...] = ()
    mine: frozenset[int] = frozenset()
    voted: Mapping[int, int] = field(default_factory=dict)
    written: Mapping[str, int] = field(default_factory=dict)
    requires_approval: bool = False


# --- inputs --------------------------------------------------------------------------


@dataclass(frozen=True)
class Start:
    """``/start``: begin (consent first), or resume where the resident left off.

    ``restart`` asks to begin again after finishing; the engine allows it only when the
    script's ``allow_restart`` is set.
    """

    restart: bool = False


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Press:
    """A button press carrying the token the engine put on the button."""

    token: str


@dataclass(frozen=True)
class Skip:
    pass


@dataclass(frozen=True)
class Back:
    pass


@dataclass(frozen=True)
class Pause:
    pass


@dataclass(frozen=True)
class SetLanguage:
    language: str


@dataclass(frozen=True)
class Unsupported:
    """Something the engine cannot take as an answer: ``kind`` is e.g. "voice", "photo"."""

    kind: str


@dataclass(frozen=True)
class Voice:
    """A voice note. ``ref`` is the adapter's handle on the audio (Telegram's file id),
    ``duration`` its length in seconds. A free-text question takes it as the answer, to be
    transcribed later; anywhere else it is turned away like any message the engine cannot
    read."""

    ref: str
    duration: int = 0


Input = Start | Text | Press | Skip | Back | Pause | SetLanguage | Unsupported | Voice


# --- outputs -------------------------------------------------------------------------


@dataclass(frozen=True)
class Button:
    label: str
    token: str  # short (<= 24 bytes), resolved by the engine; the adapter prefixes it


@dataclass(frozen=True)
class OutMessage:
    """A message to send. ``edit`` asks the adapter to replace the message whose button
    was pressed (used when toggling multiple-choice selections) instead of sending anew.
    ``step_id`` names the question this message asks, if any."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    edit: bool = False
    step_id: str | None = None


@dataclass(frozen=True)
class ConsentGiven:
    agreed: bool
    version: int


@dataclass(frozen=True)
class AnswerGiven:
    """Store (or replace) the answer to ``step_id``. ``value`` None means skipped.
    ``demographic`` names the field for an "about you" step; those are stored apart."""

    step_id: str
    value: AnswerValue
    demographic: str | None = None


@dataclass(frozen=True)
class Finished:
    """The dialogue ended. ``path`` lists the question steps on the final route, so the
    store can drop answers left behind on a branch the resident backed out of."""

    path: tuple[str, ...]


@dataclass(frozen=True)
class Restarted:
    pass


@dataclass(frozen=True)
class StatementWritten:
    """A resident wrote a statement in deliberation step ``step_id``. ``shown_text`` is
    what others may see (personal data masked); ``found`` names the kinds of personal
    data found ("phone", "name", ...), so a facilitator should look before anyone else
    sees it."""

    step_id: str
    text: str
    shown_text: str
    found: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        return bool(self.found)


@dataclass(frozen=True)
class VoteCast:
    """A vote (1 agree, -1 disagree, 0 pass) on a statement; a later one replaces it."""

    step_id: str
    statement_id: int
    vote: int


@dataclass(frozen=True)
class VoiceKept:
    """A voice note answered ``step_id`` (its :class:`AnswerGiven` comes beside it with
    :data:`VOICE_ANSWER` as the value until a transcript replaces it). The store keeps
    the note, in the same transaction, so that the audio can be fetched afterwards."""

    step_id: str
    ref: str
    duration: int = 0


# The answer value a voice note stands on until it is transcribed. The store and the
# analysis know a voice answer by its note, never by this text.
VOICE_ANSWER = "(voice note)"

Record = ConsentGiven | AnswerGiven | Finished | Restarted | StatementWritten | VoteCast | VoiceKept


@dataclass(frozen=True)
class Outcome:
    state: SessionState
    messages: tuple[OutMessage, ...] = ()
    records: tuple[Record, ...] = ()
    changed: bool = True  # False when the input changed nothing (e.g. a stale button)
