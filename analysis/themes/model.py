"""What the theme analysis returns: plain, frozen values.

Counts and shares here are raw; the report decides what may be published (small-number
suppression lives in :mod:`civicbot_analysis.suppress`). ``rows`` and ``resident_ids`` are kept for
other analyses (theme prevalence by group) and are never rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from civicbot_analysis.themes.values_lens import LensHit

ROUND_SCOPE = "round"


@dataclass(frozen=True)
class Theme:
    id: str
    scope: str  # a question id, or ROUND_SCOPE for themes across the round
    label: str
    terms: tuple[str, ...]
    answers: int
    residents: int
    share_answers: float  # of the answers in the scope
    share_residents: float  # of the residents who answered in the scope
    quotes: tuple[str, ...]
    lens: tuple[LensHit, ...]
    auto_label: str = ""
    description: str = ""  # one sentence from the phrases of its most central answers
    question: str = ""  # the question the theme comes from (round-level themes too)
    merged_from: tuple[str, ...] = ()
    rows: tuple[int, ...] = field(default=(), repr=False)  # indices into RoundData.answers
    quote_rows: tuple[int, ...] = field(default=(), repr=False)  # each quote's answer
    resident_ids: frozenset[str] = field(default=frozenset(), repr=False)

    @property
    def renamed(self) -> bool:
        return self.label != self.auto_label


@dataclass(frozen=True)
class ThemeSet:
    """The themes of one question (or of the whole round)."""

    scope: str
    title: str
    answers: int
    residents: int
    themes: tuple[Theme, ...]
    note: str = ""  # why there are no themes, when there are none
    non_answers: int = 0  # answers set aside as no substantive answer ("dunno", "n/a")
    non_answer_residents: int = 0  # residents whose every answer here was a non-answer
    non_answer_resident_ids: frozenset[str] = field(default=frozenset(), repr=False)


@dataclass(frozen=True)
class ThemeResult:
    per_question: tuple[ThemeSet, ...]
    across: ThemeSet | None
    unknown_edits: tuple[str, ...] = ()  # theme ids named in edits but not found
    method: str = ""

    def all_themes(self) -> list[Theme]:
        sets = [*self.per_question, *([self.across] if self.across else [])]
        return [t for s in sets for t in s.themes]
