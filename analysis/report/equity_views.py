"""The report's equity pictures and the results by invitation source.

- :func:`difference_plots`: the clear differences as dot plots with 95% intervals, one chart
  per scale (shares; averages out of the same number of options).
- :func:`care_plot`: need against experience: each higher-need group's experience of
  services (0-100) beside everyone else's.
- :func:`source_views`: who each invitation source reached, set against the population and
  against everyone who took part.

Every figure comes from cells the :class:`~civicbot_analysis.suppress.Suppressor` returned; nothing
here counts residents except through it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from civicbot_analysis.equity import Reference, Representation, representation
from civicbot_analysis.equity.compare import Comparison
from civicbot_analysis.equity.inverse_care import NeedFinding
from civicbot_analysis.equity.representation import FieldRepresentation
from civicbot_analysis.report.plots import DotPlot, DotRow, comparison_row, dot_plot, scale_key
from civicbot_analysis.rounddata import Resident, RoundData
from civicbot_analysis.suppress import Cell, Suppressor

NO_SOURCE = "no invitation"  # joined by the round's own link or code, or a typed /start
MAX_DIFFERENCE_ROWS = 12  # rows per difference chart (the table beside it lists them all)


def _scale_words(key: tuple[str, float, float]) -> str:
    unit, low, high = key
    if unit == "share":
        return "share of residents, 0% to 100%"
    return f"average answer, {low:g} (first option) to {high:g} (last option)"


def difference_plots(rows: Sequence[Comparison], hidden_text: str) -> tuple[DotPlot, ...]:
    """The clear differences, one dot plot per scale, strongest first."""
    by_scale: dict[tuple[str, float, float], list[DotRow]] = defaultdict(list)
    for c in rows:
        row = comparison_row(c)
        by_scale[scale_key(row)].append(row)
    plots = []
    for i, (key, scale_rows) in enumerate(by_scale.items()):
        more = max(0, len(scale_rows) - MAX_DIFFERENCE_ROWS)
        what = "shares" if key[0] == "share" else "average answers"
        plots.append(
            dot_plot(
                f"differences-{i}",
                f"Clear differences between groups: {what}",
                f"Dot plot, {_scale_words(key)}. For each group, a filled dot marks the group's "
                "figure and an open diamond everyone else's, each with its 95% interval"
                + (f"; the {more} weakest are only in the table" if more else "")
                + ". The table beside the chart gives the same figures.",
                scale_rows,
                hidden_text=hidden_text,
                limit=MAX_DIFFERENCE_ROWS,
            )
        )
    return tuple(plots)


def care_plot(rows: Sequence[NeedFinding], hidden_text: str) -> DotPlot | None:
    """Need against experience: each higher-need group's experience score beside the rest's."""
    if not rows:
        return None
    dots = [
        DotRow(f.group_label, f.overall.group_estimate, f.overall.rest_estimate, 0, 100, "score")
        for f in rows
    ]
    return dot_plot(
        "inverse-care",
        "Need against experience: higher-need groups' experience of services",
        "Dot plot of experience of services on a scale from 0 (worst answer) to 100 (best "
        "answer). For each higher-need group, a filled dot marks the group's average and an "
        "open diamond everyone else's, each with its 95% interval. The table beside the "
        "chart gives the same figures.",
        dots,
        hidden_text=hidden_text,
    )


@dataclass(frozen=True)
class SourceRow:
    """One invitation source: how many it brought, and its share of everyone."""

    source: str
    residents: Cell
    share: Cell


@dataclass(frozen=True)
class SourceGroup:
    """One group of one "about you" question: population share, everyone's, each source's."""

    label: str
    reference_share: float | None
    everyone: Cell
    by_source: tuple[Cell, ...]


@dataclass(frozen=True)
class SourceField:
    field: str
    answered: tuple[Cell, ...]  # per source: the base of its shares
    groups: tuple[SourceGroup, ...]
    everyone_answered: Cell  # the base of everyone's shares


@dataclass(frozen=True)
class SourcesView:
    """Who each invitation source reached, against the population."""

    table: tuple[SourceRow, ...]  # residents by source (not "rows": JSON keeps it)
    fields: tuple[SourceField, ...]
    sentences: tuple[str, ...]  # per source: who it under-reached, in plain words


def source_views(
    data: RoundData, who: Representation | None, reference: Reference | None, s: Suppressor
) -> SourcesView | None:
    """Residents by invitation source and each source's reach; None when no source was used."""
    by_source: dict[str, list[Resident]] = defaultdict(list)
    for r in data.residents:
        by_source[r.source or NO_SOURCE].append(r)
    if set(by_source) <= {NO_SOURCE}:
        return None
    names = sorted(by_source, key=lambda n: (n == NO_SOURCE, n))
    members = {n: [r.id for r in by_source[n]] for n in names}
    everyone = [r.id for r in data.residents]
    # Protected by the cell-key method: each count's noise is keyed to its residents.
    cells = s.table_of(members, label="sources")

    def share(n: str) -> Cell:
        if not cells[n].shown:
            return _hidden("share")
        return s.share_of(members[n], everyone, label=f"sources/{n}")

    rows = tuple(SourceRow(n, cells[n], share(n)) for n in names)
    reach = {
        n: representation(replace(data, residents=tuple(by_source[n])), reference, s) for n in names
    }
    fields: list[SourceField] = []
    if who is not None:
        for f in who.fields:
            per = [_field_of(reach[n], f.field) for n in names]
            groups = []
            for g in f.groups:
                mine = tuple(_group_share(p, g.value) for p in per)
                groups.append(SourceGroup(g.label, g.reference_share, g.share, mine))
            answered = tuple(p.answered if p is not None else _hidden("count") for p in per)
            fields.append(SourceField(f.field, answered, tuple(groups), f.answered))
    sentences = tuple(
        line for n in names if n != NO_SOURCE and cells[n].shown for line in _reached(n, reach[n])
    )
    return SourcesView(rows, tuple(fields), sentences)


REACHED_MAX = 4  # groups named per source, those it reached best first


def _reached(name: str, rep: Representation) -> list[str]:
    """The groups a source reached beyond their population share, best first, in one line."""
    over = [g for f in rep.fields for g in f.groups if g.over_represented and g.ratio.shown]
    if not over:
        return []
    over.sort(key=lambda g: -_number(g.ratio))
    named = ", ".join(f"{g.label.lower()} ({g.ratio.render()} times)" for g in over[:REACHED_MAX])
    return [f"{name} reached more than their population share of: {named}."]


def _number(cell: Cell) -> float:
    value = cell.value
    return float(value) if isinstance(value, int | float) else 0.0


def _hidden(kind: str) -> Cell:
    return Cell(value=None, n=None, suppressed=True, kind=kind, reason="secondary")


def _field_of(rep: Representation, name: str) -> FieldRepresentation | None:
    for f in rep.fields:
        if f.field == name:
            return f
    return None


def _group_share(field_rep: FieldRepresentation | None, value: str) -> Cell:
    if field_rep is None:
        return _hidden("share")
    for g in field_rep.groups:
        if g.value == value:
            return g.share
    return _hidden("share")
