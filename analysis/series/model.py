"""The series report as plain data: every figure a :class:`~civicbot_analysis.suppress.Cell`."""

from __future__ import annotations

from dataclasses import dataclass, field

from civicbot_analysis.suppress import Cell


@dataclass(frozen=True)
class RoundColumn:
    """One round of the series, in order: its label and how many took part."""

    position: int
    round_id: str
    title: str
    period: str
    residents: Cell


@dataclass(frozen=True)
class GroupRow:
    """One group (e.g. "Disabled residents") across the rounds: its share of those who
    answered the question in each round, beside its share of the population."""

    field: str
    value: str
    label: str
    shares: tuple[Cell, ...]
    population: float | None


@dataclass(frozen=True)
class RatingPoint:
    mean: Cell  # 0-100, worst to best
    interval: Cell
    residents: Cell


@dataclass(frozen=True)
class RatingSeries:
    """A value or service principle: its rating in each round (steps carry the tag)."""

    tag: str
    kind: str  # "value" or "principle"
    points: tuple[RatingPoint, ...]
    questions: tuple[tuple[str, ...], ...]  # per round, the tagged questions' ids


@dataclass(frozen=True)
class Change:
    """A rating that moved between the first and last round where it is shown, with the
    95% interval of the difference; ``clear`` when that interval leaves out zero."""

    tag: str
    first: int  # positions (1-based) of the rounds compared
    last: int
    difference: Cell
    interval: Cell
    clear: bool
    sentence: str


@dataclass(frozen=True)
class RecurringTheme:
    """A theme found again in two or more rounds, matched by what its answers say."""

    name: str
    labels: tuple[str, ...]  # per round; "" where it was not found
    residents: tuple[Cell | None, ...]  # per round; None where not found
    found_in: tuple[bool, ...]
    similarity: float  # the lowest cosine similarity of the links that joined it
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Repeats:
    """Residents by how many rounds of the series they took part in (by pseudonym)."""

    everyone: Cell
    by_rounds: dict[str, Cell]
    more_than_one: Cell
    share_more_than_one: Cell


@dataclass(frozen=True)
class SeriesReport:
    name: str
    k: int
    simulated: bool
    reference: str | None
    rounds: tuple[RoundColumn, ...]
    groups: tuple[GroupRow, ...]
    ratings: tuple[RatingSeries, ...]
    changes: tuple[Change, ...]
    recurring: tuple[RecurringTheme, ...]
    repeats: Repeats
    threshold: float
    notes: tuple[str, ...] = ()
    hidden_rule: str = "fewer than 10"  # the figures hidden, in words ("10 or fewer")
    method: tuple[str, ...] = field(default=())
