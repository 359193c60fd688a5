"""The single input of the analysis: what was asked, who took part, what they said.

``RoundData`` is plain data. The store produces it (``Store.round_data``), and it can be
read from a CSV export or a Pol.is export folder, so the analysis serves data gathered
elsewhere too. Residents appear only by pseudonym; nothing here identifies a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# The demographic fields a script may ask about, in report order. Values are the option
# values of the script's demographic steps; "prefer_not" means the resident declined.
DEMOGRAPHIC_FIELDS: tuple[str, ...] = (
    "area",
    "age_band",
    "sex",
    "ethnicity",
    "disability",
    "caring",
    "money_worries",
)

PREFER_NOT = "prefer_not"

# The five values and the six service principles a script's steps are tagged with.
VALUES: tuple[str, ...] = ("care", "connection", "love", "belonging", "respect")
PRINCIPLES: tuple[str, ...] = (
    "relational",
    "strengths-based",
    "preventative",
    "joined-up",
    "adaptive",
    "equitable",
)


@dataclass(frozen=True, slots=True)
class Question:
    """One question (step) of the round's script that can hold an answer.

    ``kind`` is one of ``free_text``, ``scale``, ``single_choice``, ``multi_choice``,
    ``yes_no``. ``options`` holds ``(value, label)`` pairs in display order; for a scale
    they run from the worst to the best experience, and the score of an answer is its
    0-based position. ``tags`` names the values and principles the step speaks to.
    """

    id: str
    kind: str
    text: str
    tags: tuple[str, ...] = ()
    options: tuple[tuple[str, str], ...] = ()
    section: str = ""


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer. A multiple-choice answer is one row per chosen option value.

    ``quotable`` is False when moderation rejected the text, or has not approved it yet in
    a round that requires approval: such text is never quoted. ``rejected`` is True when a
    facilitator rejected it: such text takes no part in themes at all.
    ``voice`` is True when the words were transcribed from a voice note.
    """

    resident: str
    question: str
    value: str
    answered_at: datetime | None = None
    quotable: bool = True
    rejected: bool = False
    voice: bool = False
    # The language the resident answered in (a code such as "cy"); "" when not known
    # (a CSV or Pol.is export without it), read as the round's ``language``.
    language: str = ""


@dataclass(frozen=True, slots=True)
class Resident:
    """A resident of the round, by pseudonym, with their optional "about you" answers."""

    id: str
    started_at: datetime | None = None
    finished_at: datetime | None = None
    source: str | None = None
    demographics: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement residents voted on (deliberation, or a Pol.is comment)."""

    id: str
    text: str
    author: str | None = None
    moderated: int = 0  # 1 approved, 0 unmoderated, -1 rejected (Pol.is convention)
    # Pol.is's is_meta (a statement about the voter) where the source marks it; None: not said.
    meta: bool | None = None


@dataclass(frozen=True, slots=True)
class Vote:
    """A resident's latest vote: 1 agree, -1 disagree, 0 pass."""

    resident: str
    statement: str
    vote: int


@dataclass(frozen=True)
class RoundData:
    """Everything the analysis needs about one round."""

    round_id: str
    title: str
    questions: tuple[Question, ...]
    residents: tuple[Resident, ...]
    answers: tuple[Answer, ...]
    statements: tuple[Statement, ...] = ()
    votes: tuple[Vote, ...] = ()
    simulated: bool = False
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    language: str = "en"
    # (resident, question) of answers given by voice note whose words are not typed up
    # yet: counted, not read.
    voice_waiting: tuple[tuple[str, str], ...] = ()

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def answers_to(self, question_id: str) -> list[Answer]:
        return [a for a in self.answers if a.question == question_id]
