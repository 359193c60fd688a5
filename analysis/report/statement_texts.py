"""Statements as the whole report shows them: texts scrubbed of personal data before any
section sees them (scrub first), and the opinion groups' "where the groups split" list cut
to what the shown figures support (the topics section's test), with the topics section's shares."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from civicbot_analysis.report.topics_view import TopicsView
from civicbot_analysis.rounddata import RoundData
from civicbot_analysis.scrub import scrub

__all__ = ["splits_shown", "statements_scrubbed"]


def splits_shown(opinions: Any, grouped: Any, topics: TopicsView | None) -> Any:
    """The opinion groups' "where the groups split" list cut to the statements whose shown
    figures show the split (as the topics section tests it): none is listed on the
    strength of a hidden figure."""
    if opinions is None or not opinions.divisive:
        return opinions
    shown = {
        st.id: st.split
        for t in (topics.topics if topics is not None else ())
        for sub in (t, *t.subtopics)
        for st in sub.statements
        if st.divides
    }
    # With the topics' shares, which carry their secondary suppression: the same statement
    # never shows a group's share here that the topics section hides.
    kept = tuple(
        replace(line, shares=shown[d.statement])
        for line, d in zip(opinions.divisive, grouped.divisive, strict=True)
        if d.statement in shown
    )
    return replace(opinions, divisive=kept)


def statements_scrubbed(data: RoundData) -> RoundData:
    """``data`` with every statement's text scrubbed of personal data."""
    if not data.statements:
        return data
    return replace(
        data, statements=tuple(replace(st, text=scrub(st.text)) for st in data.statements)
    )
