"""The live picture of a round for facilitators (``/stats``, ``civicbot stats``).

A pure function of what the store read (:class:`~civicbot.store.RoundRows`) and the
analysis input built from it: residents started and finished, where those who have not
finished stopped (drop-off by step), the median time to finish, who is taking part
against the round's reference population (under-represented groups named), and all of
it by invitation source too.

Those who have not finished are split by the time since their last answer: "still
answering" if it was within :data:`STILL_ANSWERING` (an hour; a whole dialogue takes
10-15 minutes), "stopped part-way" after that. Where people stopped is named by the
question's own words, shortened, never by a step id.

Every figure goes through the same disclosure control as
the report (k = 10 by default): counts are protected by the cell-key method keyed to the
residents counted and to this moment's release (so ``/stats`` before and after one more
resident does not give that resident away), a count under k is never shown, and the
median time is read from protected counts of whole minutes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from analysis.disclosure import protected_median
from analysis.equity import Reference, Representation, representation
from analysis.rounddata import RoundData
from analysis.suppress import Cell, Suppressor
from civicbot.engine.render import question_words
from civicbot.script.model import Script
from civicbot.store.rounddata import parse_frozen_script
from civicbot.store.rows import RoundRows

NO_SOURCE = "round link"
# Someone who answered within this long is "still answering"; after it, "stopped".
STILL_ANSWERING = timedelta(hours=1)
BEFORE_FIRST = "before the first question"


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
    dropoff: tuple[tuple[str, Cell], ...]  # (question words, residents who stopped there)
    median_minutes: Cell
    representation: Representation
    reference: str | None
    by_source: tuple[SourceStats, ...]
    still_answering: Cell  # not finished, answered within STILL_ANSWERING
    stopped: Cell  # not finished, nothing for longer
    pending_moderation: int = 0


def live_stats(
    rows: RoundRows,
    data: RoundData,
    *,
    reference: Reference | None,
    k: int = 10,
    pending_moderation: int = 0,
    now: datetime | None = None,
) -> LiveStats:
    sessions = rows.sessions
    s = Suppressor.for_round({x.resident for x in sessions} | {r.id for r in data.residents}, k)
    finished = [x for x in sessions if x.finished_at is not None]
    moment = now or datetime.now(UTC)
    part_way = [x for x in sessions if x.finished_at is None and x.status == "active"]
    live = rows.round.status == "open"  # in a closed round nobody is still answering
    recent = [live and _recent(x.updated_at or x.started_at, moment) for x in part_way]
    answering = [x.resident for x, r in zip(part_way, recent, strict=True) if r]
    stopped = [x for x, r in zip(part_way, recent, strict=True) if not r]
    # One table whose total (consented less finished, both shown) is known: a small
    # "still answering" hides "stopped" too, so neither can be worked back. In a closed
    # round nobody is answering by definition: that zero says nothing about anyone.
    split = (
        s.table_of({"answering": answering, "stopped": [x.resident for x in stopped]},
                   label="progress")
        if live
        else {"answering": Cell(0, 0, False, "count"),
              "stopped": s.count_of([x.resident for x in stopped], "progress/stopped")}
    )  # fmt: skip
    script = parse_frozen_script(rows.round.script_source)
    order = [step.id for step in script.steps()]
    where = Counter(x.step_id or "(start)" for x in stopped)
    steps = sorted(where, key=lambda sid: order.index(sid) if sid in order else len(order))
    stopped_at = {sid: [x.resident for x in stopped if (x.step_id or "(start)") == sid]
                  for sid in steps}  # fmt: skip
    # Where they stopped adds up to those who stopped: shown only when that total is.
    shown = bool(stopped) and split["stopped"].shown
    table = s.table_of(stopped_at, label="dropoff") if shown else {}
    steps = steps if shown else []
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
        dropoff=tuple((_words(script, sid), table[sid]) for sid in steps),
        median_minutes=median,
        representation=representation(data, reference, s),
        reference=reference.title if reference else None,
        by_source=_by_source(rows, data, reference, s),
        pending_moderation=pending_moderation,
        still_answering=split["answering"],
        stopped=split["stopped"],
    )


def _recent(moment: datetime | None, now: datetime) -> bool:
    return moment is not None and now - moment < STILL_ANSWERING


def _words(script: Script, step_id: str) -> str:
    if step_id == "(start)":
        return BEFORE_FIRST
    return question_words(script, step_id)


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
    hours = STILL_ANSWERING.total_seconds() / 3600
    within = "the last hour" if hours == 1 else f"the last {hours:g} hours"
    lines.append(f"Still answering (answered in {within}): {_n(st.still_answering, k)}")
    lines.append(f"Stopped part-way (nothing for longer): {_n(st.stopped, k)}")
    if st.dropoff:
        lines.append("")
        lines.append("Where those who stopped part-way stopped:")
        lines.extend(f"  “{words}”: {_n(cell, k)}" for words, cell in st.dropoff)
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
