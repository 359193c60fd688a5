"""The opinion groups a report shows; for a Pol.is export, the groups ``bench/polis_agreement.py``
measures (its ``default``).

Pol.is's math sees rejected comments (their columns zeroed, their votes counting towards who
is grouped: see :mod:`civicbot_analysis.opinions.matrix`), so the groups are drawn from the
export read with its rejected comments (:func:`polis_opinion_input`). Everything else in the
report, and every text it shows, comes from the export read without them:
:func:`shown_within` keeps of the groups only what that data holds.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from civicbot_analysis.rounddata import RoundData

if TYPE_CHECKING:
    from civicbot_analysis.opinions import OpinionResult, PolisMath
    from civicbot_analysis.opinions.view import OpinionsView


@dataclass(frozen=True)
class PolisOpinionInput:
    """What a Pol.is export's opinion groups are drawn from."""

    data: RoundData  # the export read with its rejected comments (never shown)
    meta: frozenset[str]  # statements about the voter (rejected ones included)
    math: PolisMath  # Pol.is's math for this export, its updates replayed


def polis_opinion_input(folder: str | Path) -> PolisOpinionInput:
    """The export ``folder`` read as the bench's ``default`` reads it: rejected comments kept,
    meta statements from :func:`civicbot_analysis.polis.meta_statements`, math from
    :func:`civicbot_analysis.polis.export_math`."""
    from civicbot_analysis.polis import export_math, meta_statements, read_polis

    full = read_polis(folder, keep_rejected=True)
    meta = meta_statements(full)
    return PolisOpinionInput(full, frozenset(meta), export_math(folder, full, meta))


def shown_within(result: OpinionResult, data: RoundData) -> OpinionResult:
    """``result`` with only what ``data`` holds: statement texts of ``data`` alone (a rejected
    comment's text never reaches a report) and residents of ``data`` alone. Representative
    statements, common ground and divisive statements come from columns not moderated out, so
    they need no change."""
    known = {r.id for r in data.residents} | {v.resident for v in data.votes}
    groups = {r: g for r, g in result.groups.items() if r in known}
    sizes = Counter(groups.values())
    return dataclasses.replace(
        result,
        n_voters=sum(1 for r in result.coords if r in known),
        counted=tuple(r for r in result.counted if r in known),
        coords={r: xy for r, xy in result.coords.items() if r in known},
        groups=groups,
        group_sizes=tuple(sizes.get(g, 0) for g in range(len(result.group_sizes))),
        statement_text={s.id: s.text for s in data.statements},
    )


def report_opinions(
    data: RoundData,
    seed: int,
    k: int,
    notes: list[str],
    math: PolisMath | None = None,
    meta: Collection[str] = (),
    source: RoundData | None = None,
) -> tuple[OpinionsView | None, OpinionResult | None]:
    """The opinion groups' view of ``data`` and the groups (for topics × groups): drawn from
    ``source`` when given (a Pol.is export read with its rejected comments), shown within
    ``data``."""
    if not data.votes:
        return None, None
    try:
        from civicbot_analysis.opinions import POLIS_CURRENT, opinion_groups
        from civicbot_analysis.opinions.view import opinions_view
    except ModuleNotFoundError:  # the opinions analysis is an optional part
        notes.append("Residents voted on statements, but opinion groups are not available.")
        return None, None
    chosen = POLIS_CURRENT if math is None else math
    result = opinion_groups(data if source is None else source, seed=seed, meta=meta, math=chosen)
    result = result if source is None else shown_within(result, data)
    view = opinions_view(result, data, k=k, later_recompute=chosen.later_recompute)
    return view, result
