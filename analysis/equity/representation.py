"""Who took part, compared with a reference population.

Per demographic field: residents per group, their share, the population share from the
reference, the ratio of the two, and Go Vocal's representation score (lowest group
participation rate divided by the highest; a group's participation rate is proportional
to its sample share over its population share, i.e. the ratio). Groups whose ratio is
below ``threshold`` (0.8 by default) are named in plain words.

Suppression: the counts of a field (every answer value, "prefer not to say" and "not
answered") form one table whose total is everyone who took part (see
:func:`analysis.suppress.suppress_table`). Shares are taken among those who answered when
both "prefer not to say" and "not answered" can be shown (so the base is public anyway);
otherwise among everyone who took part (``share_base == "everyone"``), which differs by
fewer than k people and reveals no hidden count. A share or ratio is shown only with its
count, and the score only when every group with a reference share is shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from analysis.equity.labels import NOT_ANSWERED, group_label, order_values, people_label
from analysis.equity.reference import Reference
from analysis.rounddata import DEMOGRAPHIC_FIELDS, PREFER_NOT, RoundData
from analysis.suppress import SMALL, Cell, Suppressor

UNDER_REPRESENTED = 0.8


@dataclass(frozen=True)
class GroupRepresentation:
    """One group: residents (``count``), their ``share`` of the base, the population share
    (None where the reference has none), ``ratio`` = share / reference share, whether it is
    under-represented, and the plain sentence naming it (or None)."""

    field: str
    value: str
    label: str
    count: Cell
    share: Cell
    reference_share: float | None
    ratio: Cell
    under_represented: bool
    sentence: str | None = None


@dataclass(frozen=True)
class FieldRepresentation:
    """One field: its groups, those who did not say, the score and the plain sentences."""

    field: str
    groups: list[GroupRepresentation]
    total: Cell
    answered: Cell
    prefer_not: Cell
    not_answered: Cell
    share_base: str  # "answered" or "everyone"
    score: Cell
    reference_source: str | None = None

    def sentences(self) -> list[str]:
        return [g.sentence for g in self.groups if g.sentence]


@dataclass(frozen=True)
class Representation:
    """Every field's representation, under threshold ``k``, against ``reference`` (a name)."""

    k: int
    reference: str | None
    total: Cell
    fields: list[FieldRepresentation] = field(default_factory=list)

    def sentences(self) -> list[str]:
        return [s for f in self.fields for s in f.sentences()]

    def field(self, name: str) -> FieldRepresentation:
        for f in self.fields:
            if f.field == name:
                return f
        raise KeyError(name)


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%" if x >= 0.01 or x == 0 else "under 1%"


def _sentence(
    f: str, v: str, count: Cell, share: Cell, ref: float, base: str, k: int
) -> str | None:
    """Name an under-represented group, or say nothing."""
    who = people_label(f, v)
    who = who[0].upper() + who[1:]
    took_part = "of those who answered" if base == "answered" else "of those who took part"
    tail = f"{_pct(ref)} of the population."
    if share.shown and isinstance(share.value, float):
        if share.value == 0:
            return f"{who} were under-represented: none took part, {tail}"
        return f"{who} were under-represented: {_pct(share.value)} {took_part}, {tail}"
    if count.reason == SMALL:
        return f"{who} were under-represented: fewer than {k} took part, {tail}"
    return None


def _field(
    name: str,
    counts: Counter[str],
    total: int,
    reference: Reference | None,
    s: Suppressor,
    threshold: float,
) -> FieldRepresentation:
    ref_shares = reference.shares.get(name, {}) if reference else {}
    values = order_values(
        name, [v for v in counts if v not in (PREFER_NOT, NOT_ANSWERED)] + list(ref_shares)
    )
    rows = {v: counts.get(v, 0) for v in values}
    rows[PREFER_NOT] = counts.get(PREFER_NOT, 0)
    rows[NOT_ANSWERED] = counts.get(NOT_ANSWERED, 0)
    table = s.table(rows, total)
    answered = total - rows[PREFER_NOT] - rows[NOT_ANSWERED]
    base_public = table[PREFER_NOT].shown and table[NOT_ANSWERED].shown
    base, base_name = (answered, "answered") if base_public else (total, "everyone")
    groups: list[GroupRepresentation] = []
    ratios: dict[str, float] = {}
    all_shown = True
    for v in values:
        count = table[v]
        ref = ref_shares[v].share if v in ref_shares else None
        share = Cell(None, None, True, "share", count.reason or SMALL)
        if count.shown and base >= s.k:
            # A count of 0 rests on no one; its share (0%) rests on the whole base.
            share = Cell(rows[v] / base, rows[v] or base, False, "share")
        ratio = Cell(None, None, True, "ratio", count.reason or SMALL)
        under = False
        if ref and share.shown and isinstance(share.value, float):
            ratios[v] = share.value / ref
            ratio = Cell(ratios[v], share.n, False, "ratio")
            under = ratios[v] < threshold
        elif ref and count.reason == SMALL and base:
            all_shown = False
            under = (s.k - 1) / base < threshold * ref
        elif ref:
            all_shown = False
        sent = _sentence(name, v, count, share, ref, base_name, s.k) if under and ref else None
        groups.append(
            GroupRepresentation(
                name, v, group_label(name, v), count, share, ref, ratio, under, sent
            )
        )
    score = Cell(None, None, True, "score", SMALL)
    if ratios and all_shown and max(ratios.values()) > 0:
        smallest = min(rows[v] for v in ratios if rows[v] > 0)
        score = s.summary(min(ratios.values()) / max(ratios.values()), smallest, "score")
    sources = sorted({r.source for r in ref_shares.values()})
    return FieldRepresentation(
        field=name,
        groups=groups,
        total=s.count(total),
        answered=s.count(answered) if base_public else Cell(None, None, True, "count", "secondary"),
        prefer_not=table[PREFER_NOT],
        not_answered=table[NOT_ANSWERED],
        share_base=base_name,
        score=score,
        reference_source="; ".join(sources) or None,
    )


def representation(
    data: RoundData,
    reference: Reference | None = None,
    suppressor: Suppressor | None = None,
    fields: Iterable[str] = DEMOGRAPHIC_FIELDS,
    threshold: float = UNDER_REPRESENTED,
) -> Representation:
    """Who took part, field by field, beside the reference population (if given).

    Fields no resident was asked about (everyone "not answered") are left out.
    """
    s = suppressor or Suppressor()
    total = len(data.residents)
    out: list[FieldRepresentation] = []
    for name in fields:
        counts: Counter[str] = Counter(
            r.demographics.get(name) or NOT_ANSWERED for r in data.residents
        )
        if counts[NOT_ANSWERED] == total:
            continue
        out.append(_field(name, counts, total, reference, s, threshold))
    return Representation(
        k=s.k, reference=reference.name if reference else None, total=s.count(total), fields=out
    )
