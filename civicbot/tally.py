"""What ``/stats`` counts, resident by resident: the cells of the live picture.

A resident stands in a few named cells of their round ("started", "consented",
"finished", "partway<TAB>q3" for where an unfinished one is, "minutes<TAB>12" for how long
a finished one took, their invitation source's cells, their "about you" answers). The
store keeps, per round and cell, how many residents stand in it and the plain sum of their
record keys (:func:`civicbot_analysis.disclosure.record_key`), changing both in the same transaction
as the session or answer that moves a resident (:mod:`civicbot.store.tallies`). Those two
numbers are all the cell-key method needs, so :mod:`civicbot.stats` gives from them the
same protected figures as from reading every resident, in milliseconds at any size.

:func:`cells_of` says where one resident stands; :func:`tally` counts a whole round from
its rows (the full recount the kept counts must always equal).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from civicbot_analysis.disclosure import record_key
from civicbot_analysis.rounddata import DEMOGRAPHIC_FIELDS

NO_SOURCE = "round link"
START = "(start)"  # an unfinished session before its first question
SEP = "\t"  # between a cell's parts (a source's name may hold any other character)

# (residents in the cell, plain sum of their record keys)
Count = tuple[int, int]
Tallies = dict[str, Count]


@dataclass(frozen=True)
class Standing:
    """What a resident's session in a round says, as far as counting goes."""

    status: str
    step_id: str | None
    consented: bool
    started_at: datetime | None
    finished_at: datetime | None
    source: str | None


def cell(*parts: str) -> str:
    return SEP.join(parts)


def minutes_taken(started_at: datetime | None, finished_at: datetime | None) -> int | None:
    """Whole minutes from start to finish (the median is read from these)."""
    if started_at is None or finished_at is None:
        return None
    return math.floor((finished_at - started_at).total_seconds() / 60)


def cells_of(standing: Standing | None, demographics: Mapping[str, str]) -> frozenset[str]:
    """The cells one resident stands in (none without a session)."""
    if standing is None:
        return frozenset()
    src = standing.source or NO_SOURCE
    found = {"started", cell("src", src, "started")}
    if standing.finished_at is not None:
        found |= {"finished", cell("src", src, "finished")}
        minutes = minutes_taken(standing.started_at, standing.finished_at)
        if minutes is not None:
            found.add(cell("minutes", str(minutes)))
    elif standing.status == "active":
        found.add(cell("partway", standing.step_id or START))
    if standing.status == "declined":
        found.add("declined")
    if standing.consented:
        found |= {"consented", cell("src", src, "consented")}
        for name, value in demographics.items():
            if name in DEMOGRAPHIC_FIELDS and value:
                found.add(cell("demo", name, value))
                found.add(cell("srcdemo", src, name, value))
    return frozenset(found)


def tally(people: Iterable[tuple[str, Standing, Mapping[str, str]]]) -> Tallies:
    """The counts of a round from every (resident, standing, "about you" answers)."""
    found: Tallies = {}
    for resident, standing, demographics in people:
        key = record_key(resident)
        for name in cells_of(standing, demographics):
            n, keys = found.get(name, (0, 0))
            found[name] = (n + 1, keys + key)
    return found


def parts(name: str) -> list[str]:
    return name.split(SEP)
