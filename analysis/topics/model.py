"""What the topic analysis returns: plain, frozen values (statement ids, no figures).

Figures about topics (how each opinion group voted on them) are made under the report's
disclosure control in :mod:`civicbot_analysis.report.topics_view`; nothing here is published as is.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """A topic: a readable label, one line on what its statements say, and its statements
    (ids, most central first). A large topic has subtopics, which split its statements."""

    id: str
    label: str
    description: str
    terms: tuple[str, ...]
    statements: tuple[str, ...]
    subtopics: tuple[Topic, ...] = ()


@dataclass(frozen=True)
class TopicResult:
    """The topics of a round's statements; ``left_out`` counts statements that took no part
    (moderated out, about the voter, or saying nothing), ``note`` says why there are no
    topics when there are none."""

    topics: tuple[Topic, ...]
    statements: int  # statements clustered
    left_out: int = 0
    note: str = ""
    method: str = ""

    def topic_of(self) -> dict[str, str]:
        """Statement id to the id of its (top-level) topic."""
        return {sid: t.id for t in self.topics for sid in t.statements}
