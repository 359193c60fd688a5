"""The live picture of a round for facilitators (``/stats``, ``civicbot stats``).

A pure function of what the store read (:class:`~civicbot.store.RoundRows`) and the
analysis input built from it: residents started and finished, where those who have not
finished stopped (drop-off by step), the median time to finish, who is taking part
against the round's reference population (under-represented groups named), and all of
it by invitation source too. Every figure goes through the same disclosure control as
the report (k = 10 by default): counts are protected by the cell-key method keyed to the
residents counted and to this moment's release (so ``/stats`` before and after one more
resident does not give that resident away), a count under k is never shown, and the
median time is read from protected counts of whole minutes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from analysis.disclosure import protected_median
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
    sessions = rows.sessions
    s = Suppressor.for_round({x.resident for x in sessions} | {r.id for r in data.residents}, k)
    finished = [x for x in sessions if x.finished_at is not None]
    stopped = [x for x in sessions if x.finished_at is None and x.status == "active"]
    order = [
        step.id for section in parse_frozen_script(rows.round.script_source).sections
        for step in section.steps
    ]  # fmt: skip
    where = Counter(x.step_id or "(start)" for x in stopped)
    steps = sorted(where, key=lambda sid: order.index(sid) if sid in order else len(order))
    stopped_at = {sid: [x.resident for x in stopped if (x.step_id or "(start)") == sid]
                  for sid in steps}  # fmt: skip
    table = s.table_of(stopped_at, label="dropoff") if stopped else {}
    timed = [
        (x.resident, (x.finished_at - x.started_at).total_seconds() / 60)
        for x in finished
        if x.finished_at is not None and x.started_at is not None
    ]
    median = Cell(None, None, True, "mean", "small")
    if len(timed) >= s.k:
        value = protected_median([m for _, m in timed], [r for r, _ in timed], s.release)
        median = s.summary(value, len(timed)) if value is not None else median
    return LiveStats(
        round_id=rows.round.id,
        title=rows.round.title,
        status=rows.round.status,
        k=k,
        started=s.count_of([x.resident for x in sessions], "started"),
        consented=s.count_of(
            [x.resident for x in sessions if x.consent_version is not None], "consented"
        ),
        finished=s.count_of([x.resident for x in finished], "finished"),
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
    names = sorted(started)
    started_by = {n: [r for r, src in source_of.items() if src == n] for n in names}
    done = {x.resident for x in rows.sessions if x.finished_at}
    finished_by = {n: [r for r in started_by[n] if r in done] for n in names}
    started_cells = s.table_of(started_by, label="source/started")
    finished_cells = s.table_of(finished_by, label="source/finished")
    found: list[SourceStats] = []
    for name in names:
        people = tuple(r for r in data.residents if source_of.get(r.id) == name)
        under: tuple[str, ...] = ()
        if len(people) >= s.k and reference is not None:
            under = tuple(representation(replace(data, residents=people), reference, s).sentences())
        found.append(SourceStats(name, started_cells[name], finished_cells[name], under))
    return tuple(found)


def _n(cell: Cell, k: int) -> str:
    return cell.render() if cell.shown else cell.why(k, short=True)


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
        lines.extend(f"  {sid}: {_n(cell, k)}" for sid, cell in st.dropoff)
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
            lines.append(f"  {src.source}: {_n(src.started, k)} / {_n(src.finished, k)}")
            lines.extend(f"    • {text}" for text in src.under_represented)
    if st.pending_moderation:
        lines.append("")
        lines.append(f"Answers waiting for moderation: {st.pending_moderation} (/moderate)")
    lines.append("")
    lines.append(
        f"Numbers of {k} or fewer people are never shown; “hidden to protect another” hides a "
        "number that would let a small one be worked out. Counts carry a small fixed noise."
    )
    return "\n".join(lines)
