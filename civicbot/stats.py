"""The live picture of a round for facilitators (``/stats``, ``civicbot stats``).

A pure function of what the store read (:class:`~civicbot.store.RoundRows`) and the
analysis input built from it: residents started and finished, where those who have not
finished stopped (drop-off by step), the median time to finish, who is taking part
against the round's reference population (under-represented groups named), and all of
it by invitation source too. Every figure goes through the same small-number
suppression as the report (k = 10 by default): a count under k is never shown.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, replace

from analysis.equity import Reference, Representation, representation
from analysis.rounddata import RoundData
from analysis.suppress import Cell, Suppressor
from civicbot.store.rounddata import parse_frozen_script
from civicbot.store.rows import RoundRows

NO_SOURCE = "round link"


@dataclass(frozen=True)
class SourceStats:
    source: str
    started: Cell
    finished: Cell
    under_represented: tuple[str, ...]


@dataclass(frozen=True)
class LiveStats:
    round_id: int
    title: str
    status: str
    k: int
    started: Cell
    consented: Cell
    finished: Cell
    dropoff: tuple[tuple[str, Cell], ...]  # (step id, residents who stopped there)
    median_minutes: Cell
    representation: Representation
    reference: str | None
    by_source: tuple[SourceStats, ...]
    pending_moderation: int = 0


def live_stats(
    rows: RoundRows,
    data: RoundData,
    *,
    reference: Reference | None,
    k: int = 10,
    pending_moderation: int = 0,
) -> LiveStats:
    s = Suppressor(k)
    sessions = rows.sessions
    finished = [x for x in sessions if x.finished_at is not None]
    stopped = [x for x in sessions if x.finished_at is None and x.status == "active"]
    order = [
        step.id for section in parse_frozen_script(rows.round.script_source).sections
        for step in section.steps
    ]  # fmt: skip
    where = Counter(x.step_id or "(start)" for x in stopped)
    steps = sorted(where, key=lambda sid: order.index(sid) if sid in order else len(order))
    table = s.table({sid: where[sid] for sid in steps}, len(stopped)) if stopped else {}
    durations = [
        (x.finished_at - x.started_at).total_seconds() / 60
        for x in finished
        if x.finished_at is not None and x.started_at is not None
    ]
    median = (
        s.summary(statistics.median(durations), len(durations))
        if durations
        else Cell(None, None, True, "mean", "small")
    )
    return LiveStats(
        round_id=rows.round.id,
        title=rows.round.title,
        status=rows.round.status,
        k=k,
        started=s.count(len(sessions)),
        consented=s.count(sum(1 for x in sessions if x.consent_version is not None)),
        finished=s.count(len(finished)),
        dropoff=tuple((sid, table[sid]) for sid in steps),
        median_minutes=median,
        representation=representation(data, reference, s),
        reference=reference.title if reference else None,
        by_source=_by_source(rows, data, reference, s),
        pending_moderation=pending_moderation,
    )


def _by_source(
    rows: RoundRows, data: RoundData, reference: Reference | None, s: Suppressor
) -> tuple[SourceStats, ...]:
    source_of = {x.resident: x.source or NO_SOURCE for x in rows.sessions}
    started = Counter(source_of.values())
    if set(started) <= {NO_SOURCE}:
        return ()
    finished = Counter(source_of[x.resident] for x in rows.sessions if x.finished_at)
    names = sorted(started)
    started_cells = s.table({n: started[n] for n in names}, len(rows.sessions))
    done_total = sum(finished.values())
    finished_cells = s.table({n: finished.get(n, 0) for n in names}, done_total)
    found: list[SourceStats] = []
    for name in names:
        people = tuple(r for r in data.residents if source_of.get(r.id) == name)
        under: tuple[str, ...] = ()
        if len(people) >= s.k and reference is not None:
            under = tuple(representation(replace(data, residents=people), reference, s).sentences())
        found.append(SourceStats(name, started_cells[name], finished_cells[name], under))
    return tuple(found)


def _n(cell: Cell, k: int) -> str:
    return cell.render() if cell.shown else f"fewer than {k}"


def render_stats(st: LiveStats) -> str:
    """The live picture as a short plain-text message."""
    k = st.k
    lines = [
        f"Round {st.round_id} “{st.title}” ({st.status})",
        f"Started: {_n(st.started, k)}",
        f"Agreed to take part: {_n(st.consented, k)}",
        f"Finished: {_n(st.finished, k)}",
    ]
    if st.median_minutes.shown:
        lines.append(f"Median time to finish: {st.median_minutes.render()} minutes")
    else:
        lines.append(f"Median time to finish: shown once {k} people have finished")
    if st.dropoff:
        lines.append("")
        lines.append("Where people who have not finished stopped:")
        lines.extend(f"  {sid}: {cell.render()}" for sid, cell in st.dropoff)
    lines.append("")
    sentences = st.representation.sentences()
    reference = st.reference or "the population"
    if not st.representation.total.shown or not st.representation.fields:
        lines.append(
            f"Who is taking part, against {reference}: shown once {k} people have said"
            " something about themselves."
        )
    elif sentences:
        lines.append(f"Who is taking part, against {reference}:")
        lines.extend(f"  • {text}" for text in sentences)
    else:
        lines.append(f"Who is taking part, against {reference}: no group is under-represented.")
    if st.by_source:
        lines.append("")
        lines.append("By invitation source (started / finished):")
        for src in st.by_source:
            lines.append(f"  {src.source}: {src.started.render()} / {src.finished.render()}")
            lines.extend(f"    • {text}" for text in src.under_represented)
    if st.pending_moderation:
        lines.append("")
        lines.append(f"Answers waiting for moderation: {st.pending_moderation} (/moderate)")
    lines.append("")
    lines.append(f"* = fewer than {k} people: numbers this small are never shown.")
    return "\n".join(lines)
