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

``/stats`` reads counts the store keeps up to date as answers arrive (:mod:`civicbot.tally`,
:func:`live_stats_of`), so it costs the same at any size; :func:`live_stats` counts the
same cells from every row, and both give the same figures.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from civicbot.engine.render import question_words
from civicbot.script.model import Script
from civicbot.stats_sources import protect_agreed, protect_sources
from civicbot.store.rounddata import parse_frozen_script
from civicbot.store.rows import RoundRow, RoundRows
from civicbot.tally import NO_SOURCE, START, Count, Standing, Tallies, cell, parts, tally
from civicbot_analysis.disclosure import (
    KEY_SPACE,
    protected_median_of_counts,
    record_key,
    release_key_of_sum,
)
from civicbot_analysis.equity import Reference, Representation
from civicbot_analysis.equity.representation import representation_of_counts
from civicbot_analysis.rounddata import RoundData
from civicbot_analysis.suppress import SECONDARY, Cell, Suppressor, hidden_like

# Someone who answered within this long is "still answering"; after it, "stopped".
STILL_ANSWERING = timedelta(hours=1)
BEFORE_FIRST = "before the first question"
__all__ = ["NO_SOURCE", "STILL_ANSWERING", "LiveStats", "live_stats", "live_stats_of"]


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
    """The live picture from every row of the round (a full count; ``/stats`` reads the
    counts the store keeps instead, and :func:`live_stats_of` gives the same from them).
    ``data`` is the analysis input built from ``rows`` (kept for callers that have it)."""
    del data  # everything is counted from the rows, as the store counts them
    moment = now or datetime.now(UTC)
    about: dict[str, dict[str, str]] = {}
    for d in rows.demographics:
        about.setdefault(d.resident, {})[d.field] = d.value
    counted = tally(
        (
            x.resident,
            Standing(x.status, x.step_id, x.consent_version is not None, x.started_at,
                     x.finished_at, x.source),
            about.get(x.resident, {}),
        )
        for x in rows.sessions
    )  # fmt: skip
    recent = [
        (x.resident, x.step_id)
        for x in rows.sessions
        if x.finished_at is None
        and x.status == "active"
        and _recent(x.updated_at or x.started_at, moment)
    ]
    return live_stats_of(
        rows.round, counted, recent, reference=reference, k=k, pending_moderation=pending_moderation
    )


def live_stats_of(
    round_row: RoundRow,
    tallies: Mapping[str, Count],
    recent: Sequence[tuple[str, str | None]],
    *,
    reference: Reference | None,
    k: int = 10,
    pending_moderation: int = 0,
) -> LiveStats:
    """The live picture from a round's counts (:mod:`civicbot.tally`) and the unfinished
    residents who answered within :data:`STILL_ANSWERING` (resident, step).

    The release key is the report's: that of the residents who agreed to take part, so
    a figure both show (who is taking part) is the same figure in both."""
    t = dict(tallies)
    zero: Count = (0, 0)
    consented = t.get("consented", zero)
    s = Suppressor(k, release_key_of_sum(consented[1]))
    live = round_row.status == "open"  # in a closed round nobody is still answering
    partway = {p[1]: nk for name, nk in t.items() if (p := parts(name))[0] == "partway"}
    answering: dict[str, Count] = {}
    if live:
        for resident, step in recent:
            n, keys = answering.get(step or START, zero)
            answering[step or START] = (n + 1, keys + record_key(resident))
    # Those who stopped at each step: part-way there, less those still answering.
    stopped_at = {
        sid: (n - answering.get(sid, zero)[0], keys - answering.get(sid, zero)[1])
        for sid, (n, keys) in partway.items()
    }
    stopped_at = {sid: nk for sid, nk in stopped_at.items() if nk[0] > 0}
    answering_all = _sum(answering.values())
    stopped_all = _sum(stopped_at.values())
    # One table whose total (consented less finished, both shown) is known: a small
    # "still answering" hides "stopped" too, so neither can be worked back. In a closed
    # round nobody is answering by definition: that zero says nothing about anyone.
    split = (
        _table(s, {"answering": answering_all, "stopped": stopped_all}, "progress")
        if live
        else {"answering": Cell(0, 0, False, "count"),
              "stopped": _count(s, stopped_all, "progress/stopped")}
    )  # fmt: skip
    # "Agreed" is "finished", "still answering" and "stopped" added up: whatever of them is
    # hidden must hold 0 or at least k together, or more is hidden (civicbot.stats_sources).
    started = _count(s, t.get("started", zero), "started")
    agreed = protect_agreed(
        s.k,
        (t.get("started", zero)[0], started),
        (consented[0], _count(s, consented, "consented")),
        {"finished": t.get("finished", zero)[0], "answering": answering_all[0],
         "stopped": stopped_all[0]},
        {"finished": _count(s, t.get("finished", zero), "finished"), **split},
    )  # fmt: skip
    finished, split = agreed.parts["finished"], {x: agreed.parts[x] for x in split}
    started = agreed.started
    by_source, finished = _by_source(t, reference, s, started, finished)
    script = _script(round_row.script_source)
    order = [step.id for step in script.steps()]
    steps = sorted(
        stopped_at, key=lambda sid: (order.index(sid) if sid in order else len(order), sid)
    )
    # Where they stopped adds up to those who stopped: shown only when that total is.
    shown = bool(stopped_at) and split["stopped"].shown
    table = _table(s, {sid: stopped_at[sid] for sid in steps}, "dropoff") if shown else {}
    steps = steps if shown else []
    minutes = {int(p[1]): nk for name, nk in t.items() if (p := parts(name))[0] == "minutes"}
    median = Cell(None, None, True, "mean", "small")
    timed = sum(n for n, _ in minutes.values())
    if timed >= s.k:
        value = protected_median_of_counts(minutes, s.release)
        median = s.summary(value, timed) if value is not None else median
    return LiveStats(
        round_id=round_row.id,
        title=round_row.title,
        status=round_row.status,
        k=k,
        started=started,
        consented=agreed.total,
        finished=finished,
        dropoff=tuple((_words(script, sid), table[sid]) for sid in steps),
        median_minutes=median,
        representation=representation_of_counts(
            consented[0], consented[1], _answered(t, "demo"), reference, s
        ),
        reference=reference.title if reference else None,
        by_source=by_source,
        pending_moderation=pending_moderation,
        still_answering=split["answering"],
        stopped=split["stopped"],
    )


@functools.lru_cache(maxsize=16)
def _script(source: str) -> Script:
    """A round's frozen script, parsed once (a long script takes a while to parse)."""
    return parse_frozen_script(source)


def _sum(counts: Iterable[Count]) -> Count:
    n = keys = 0
    for a, b in counts:
        n, keys = n + a, keys + b
    return n, keys


def _count(s: Suppressor, nk: Count, label: str) -> Cell:
    return s.count(nk[0], nk[1] % KEY_SPACE, label)


def _table(s: Suppressor, rows: Mapping[str, Count], label: str) -> dict[str, Cell]:
    counts = {name: n for name, (n, _) in rows.items()}
    keys = {name: keys % KEY_SPACE for name, (_, keys) in rows.items()}
    return s.table(counts, sum(counts.values()), keys, (), label)


def _answered(t: Tallies, kind: str, source: str | None = None) -> dict[str, dict[str, Count]]:
    """By field and value, the "about you" counts (of one source's residents)."""
    found: dict[str, dict[str, Count]] = {}
    for name, nk in t.items():
        p = parts(name)
        if kind == "demo" and p[0] == "demo":
            found.setdefault(p[1], {})[p[2]] = nk
        elif kind == "srcdemo" and p[0] == "srcdemo" and p[1] == source:
            found.setdefault(p[2], {})[p[3]] = nk
    return found


def _recent(moment: datetime | None, now: datetime) -> bool:
    return moment is not None and now - moment < STILL_ANSWERING


def _words(script: Script, step_id: str) -> str:
    if step_id == START:
        return BEFORE_FIRST
    return question_words(script, step_id)


def _by_source(
    t: Tallies, reference: Reference | None, s: Suppressor, started: Cell, finished: Cell
) -> tuple[tuple[SourceStats, ...], Cell]:
    """Started and finished by invitation source, and the round's "finished" (hidden too
    when the sources' figures would give a small count away: see
    :mod:`civicbot.stats_sources`, which also protects the round's own "started" less
    "finished" when no source is listed)."""
    zero: Count = (0, 0)
    by = {
        p[1]: nk for name, nk in t.items() if (p := parts(name))[0] == "src" and p[2] == "started"
    }
    names = sorted(src for src, (n, _) in by.items() if n > 0)
    if set(names) <= {NO_SOURCE}:  # one row, the round's: "started" less "finished"
        gap = t.get("started", zero)[0] - t.get("finished", zero)[0]
        if started.shown and finished.shown and 0 < gap < s.k:
            finished = hidden_like("count", SECONDARY)
        return (), finished
    begun = {n: t.get(_src(n, "started"), zero) for n in names}
    ended = {n: t.get(_src(n, "finished"), zero) for n in names}
    cells = protect_sources(
        s.k,
        begun,
        ended,
        _table(s, begun, "source/started"),
        _table(s, ended, "source/finished"),
        started,
        finished,
    )
    found: list[SourceStats] = []
    for name in names:
        people = t.get(_src(name, "consented"), zero)
        under: tuple[str, ...] = ()
        if people[0] >= s.k and reference is not None:
            answered = _answered(t, "srcdemo", name)
            under = tuple(
                representation_of_counts(people[0], people[1], answered, reference, s).sentences()
            )
        found.append(SourceStats(name, cells.started[name], cells.finished[name], under))
    return tuple(found), cells.finished_total


def _src(source: str, what: str) -> str:
    return cell("src", source, what)


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
