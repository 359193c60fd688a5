"""Secondary suppression across ``/stats``' figures: "agreed" beside its parts, and
started and finished per invitation source beside the round's own.

"Agreed to take part" is "finished", "still answering" and "stopped" added up (those
part-way at the first question may not have agreed yet: they are left out of the sum, so
the rule only errs towards hiding). :func:`protect_agreed` hides, when "agreed" is shown,
the smallest shown part until the hidden parts hold 0 or at least k together
(:func:`~civicbot_analysis.suppress_sums.also_hide`), and "agreed" itself when no part is
left: before it, a small hidden "finished" was "agreed" less the other two. "Started"
less "agreed" (those who declined or have not yet agreed) is never printed either: when
it holds 1 to k - 1, the round's "started" is hidden (it is the figure organisers need
least; "agreed" is the base of every other), and with it, by :func:`protect_sources`,
enough sources' "started" that it cannot be added up from them. When "agreed" is
hidden, "started" is the parts plus those never printed, whose hidden ones must again
hold 0 or at least k.

Each source's "started" less its "finished" is its residents who have not finished, a
count ``/stats`` never prints; nor does it print the round's "started" less "finished".
Read as a table, the sources are rows, "finished" and "not finished" its two columns; a
row's total is the source's "started", the columns' totals are the round's "finished" and
its "started" less "finished". A reader who subtracts shown figures can recover any cell
of that table that is not hidden with enough others. :func:`protect_sources` hides, on top
of the small-number rule:

- a source's "finished" when its "started" is hidden (the two are one row);
- a source's "finished" when its "started" is shown and the two differ by 1 to k - 1 (the
  source's small "not finished" would be their difference);
- then, in each column whose total can be read ("finished" when the round's is shown,
  "not finished" when its "started" is shown too), the next source's "finished", smallest
  first, until the cells no one can read hold 0 or at least k residents together; when
  no source is left to hide, the round's "finished" (and with it every source's).

Each row then holds either two readable cells, or two unreadable ones whose sum (the
row's "started") is at least k, and each readable column leaves 0 or at least k to its
unreadable cells, so no hidden count between 1 and k - 1 follows by subtraction.
A figure hidden here says "hidden to protect another" (:data:`SECONDARY`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from civicbot.tally import Count
from civicbot_analysis.suppress import SECONDARY, Cell, hidden_like
from civicbot_analysis.suppress_sums import also_hide, leaks


@dataclass(frozen=True, slots=True)
class SourceCells:
    started: dict[str, Cell]
    finished: dict[str, Cell]
    finished_total: Cell  # the round's "finished", hidden here too when it must be


@dataclass(frozen=True, slots=True)
class Agreed:
    started: Cell  # the round's "started", hidden when it less "agreed" is small
    total: Cell
    parts: dict[str, Cell]


UNSEEN = "(never printed)"


def _secondary(cell: Cell) -> Cell:
    return cell if cell.suppressed else hidden_like("count", SECONDARY)


def _hidden(cells: Mapping[str, Cell]) -> dict[str, tuple[bool]]:
    """Which of ``cells`` are hidden, in the shape :func:`also_hide` and :func:`leaks` take."""
    return {name: (c.suppressed,) for name, c in cells.items()}


def protect_agreed(
    k: int,
    started: tuple[int, Cell],
    agreed: tuple[int, Cell],
    counts: Mapping[str, int],
    cells: Mapping[str, Cell],
) -> Agreed:
    """ "Agreed" and its parts (true ``counts``, protected ``cells``) beside "started"
    (each a true count and its protected cell), with the further hiding the module
    docstring describes."""
    out = dict(cells)
    first, total = started[1], agreed[1]
    rest = max(agreed[0] - sum(counts.values()), 0)
    # Started without agreeing (declined, or not yet agreed), and anyone agreed but in
    # none of the parts: never printed, so always hidden.
    unseen = max(started[0] - agreed[0], 0) + rest
    parts = {name: (n,) for name, n in counts.items()}
    while True:
        before = (first, total, dict(out))
        hidden = _hidden(out)
        if total.shown:
            for name in also_hide(parts, hidden, (rest,), k):
                out[name] = _secondary(out[name])
            if leaks(parts, _hidden(out), (rest,), k):
                total = _secondary(total)
        if first.shown and total.shown and 0 < started[0] - agreed[0] < k:
            first = _secondary(first)  # "started" less "agreed" would be a small count
        if first.shown and total.suppressed:
            # "Started" is then the parts and those never printed added up.
            whole = {**parts, UNSEEN: (unseen,)}
            hidden = _hidden(out) | {UNSEEN: (True,)}
            for name in also_hide(whole, hidden, (0,), k):
                out[name] = _secondary(out[name])
        if (first, total, out) == before:
            return Agreed(first, total, out)


def protect_sources(
    k: int,
    started: Mapping[str, Count],
    finished: Mapping[str, Count],
    started_cells: Mapping[str, Cell],
    finished_cells: Mapping[str, Cell],
    started_total: Cell,
    finished_total: Cell,
) -> SourceCells:
    """The sources' cells (already protected column by column) with the further hiding
    the module docstring describes; ``started``/``finished`` are the true counts."""
    fin = dict(finished_cells)
    total = finished_total
    begun = dict(started_cells)
    if started_total.suppressed:  # the sources' "started" must not add up to it
        while sum(started[name][0] for name in started if begun[name].suppressed) < k:
            shown = sorted((started[name][0], name) for name in started if begun[name].shown)
            if not shown:
                break
            begun[shown[0][1]] = _secondary(begun[shown[0][1]])
    n_started = {name: started[name][0] for name in started}
    n_finished = {name: finished.get(name, (0, 0))[0] for name in started}
    unfinished = {name: n_started[name] - n_finished[name] for name in started}
    while True:
        if total.suppressed:  # the sources' "finished" would add up to it
            fin = {name: _secondary(c) for name, c in fin.items()}
            break
        for name in started:
            if fin[name].shown and (begun[name].suppressed or 0 < unfinished[name] < k):
                fin[name] = _secondary(fin[name])
        unread = [name for name in started if fin[name].suppressed]
        shown = sorted((n_finished[name], name) for name in started if fin[name].shown)
        # "Finished": the round's less the shown sources' leaves the hidden ones.
        if 0 < sum(n_finished[name] for name in unread) < k:
            if not shown:
                total = _secondary(total)
                continue
            fin[shown[0][1]] = _secondary(fin[shown[0][1]])
            continue
        # "Not finished": the round's "started" less "finished", less the shown sources'.
        if started_total.shown and 0 < sum(unfinished[name] for name in unread) < k:
            helping = [(n, name) for n, name in shown if unfinished[name] > 0]
            if not helping:
                total = _secondary(total)
                continue
            fin[helping[0][1]] = _secondary(fin[helping[0][1]])
            continue
        break
    return SourceCells(begun, fin, total)
