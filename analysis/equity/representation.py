"""Who took part, compared with a reference population.

Per demographic field: residents per group, their share, the population share from the
reference, the ratio of the two, and Go Vocal's representation score (lowest group
participation rate divided by the highest; a group's participation rate is proportional
to its sample share over its population share, i.e. the ratio). Groups whose ratio is
below ``threshold`` (0.8 by default) are named in plain words.

One denominator rule (issue #10): a group's share is of the residents who answered the
question (``answered``); "prefer not to say" and "not answered" are counted beside the
shares, never inside them, whatever their size. Before, a small "prefer not to say" cell
switched the base to everyone who took part, so a 40-resident round where 31 answered
ethnicity (25 White) called White residents under-represented at 62% when they were 81%
of those who answered.

Groups are flagged both ways: under-represented when the ratio is below ``threshold``
(0.8), over-represented when it is above its inverse (1.25).

Suppression: the answered values form one table whose total is the number who answered
(published as the base of every share), suppressed by
:func:`civicbot_analysis.suppress.suppress_table`, which takes complementary cells from the
other groups before the higher-need ones. "Prefer not to say" and "not answered" are counts
of their own (hidden below k); because the number who answered is published, their sum can
be worked out even when small: it says that some residents did not say, never what they
would have said. A share or ratio is shown only with its count, and the score only when
every group with a reference share is shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from civicbot_analysis.disclosure import KEY_SPACE, heard_first, record_key
from civicbot_analysis.equity.labels import NOT_ANSWERED, group_label, order_values, people_label
from civicbot_analysis.equity.reference import Reference
from civicbot_analysis.rounddata import DEMOGRAPHIC_FIELDS, PREFER_NOT, RoundData
from civicbot_analysis.suppress import SMALL, Cell, Suppressor

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
    over_represented: bool = False


@dataclass(frozen=True)
class FieldRepresentation:
    """One field: its groups, those who did not say, the score and the plain sentences."""

    field: str
    groups: list[GroupRepresentation]
    total: Cell
    answered: Cell
    prefer_not: Cell
    not_answered: Cell
    share_base: str  # always "answered" (kept for readers of older JSON)
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
        """Every group named as under- or over-represented, field by field."""
        return [s for f in self.fields for s in f.sentences()]

    def under_sentences(self) -> list[str]:
        """Only the groups named as under-represented."""
        return [
            g.sentence for f in self.fields for g in f.groups if g.sentence and g.under_represented
        ]

    def field(self, name: str) -> FieldRepresentation:
        for f in self.fields:
            if f.field == name:
                return f
        raise KeyError(name)


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%" if x >= 0.01 or x == 0 else "under 1%"


def _sentence(
    f: str, v: str, count: Cell, share: Cell, ref: float, k: int, way: str = "under"
) -> str | None:
    """Name an under- (or over-) represented group, or say nothing."""
    who = people_label(f, v)
    who = who[0].upper() + who[1:]
    tail = f"{_pct(ref)} of the population."
    if share.shown and isinstance(share.value, float):
        if share.value == 0:
            return f"{who} were under-represented: none took part, {tail}"
        return f"{who} were {way}-represented: {_pct(share.value)} of those who answered, {tail}"
    if count.reason == SMALL:
        return f"{who} were under-represented: {k} or fewer took part, {tail}"
    return None


def _field(
    name: str,
    counts: Counter[str],
    total: int,
    reference: Reference | None,
    s: Suppressor,
    threshold: float,
    keys: Mapping[str, int] | None = None,
) -> FieldRepresentation:
    ref_shares = reference.shares.get(name, {}) if reference else {}
    values = order_values(
        name, [v for v in counts if v not in (PREFER_NOT, NOT_ANSWERED)] + list(ref_shares)
    )
    rows = {v: counts.get(v, 0) for v in values}
    prefer_not, not_answered = counts.get(PREFER_NOT, 0), counts.get(NOT_ANSWERED, 0)
    base = total - prefer_not - not_answered  # the residents who answered: every share's base
    if 0 < total < s.k:
        base = 0  # nothing about fewer than k people is shown, not even who answered
    # Counts are protected by the cell-key method, keyed by the residents in each cell.
    key_of = keys or {}
    everyone_key = sum(key_of.values()) % KEY_SPACE if keys is not None else None
    answered_key = sum(key_of.get(v, 0) for v in rows) % KEY_SPACE if keys is not None else None
    row_keys = {v: key_of.get(v, 0) for v in rows} if keys is not None else None
    table = s.table(rows, base, row_keys, heard_first(name), name)
    if 0 < total < s.k:
        table = {v: Cell(None, None, True, "count", SMALL) for v in rows}
    # Those who did not say: a table of its own, whose total (everyone minus those who
    # answered) is public once the number who answered is.
    not_said = {PREFER_NOT: prefer_not, NOT_ANSWERED: not_answered}
    said_not = s.table(
        not_said,
        total - base if total >= s.k else total,
        {v: key_of.get(v, 0) for v in not_said} if keys is not None else None,
        (),
        name,
    )
    # Shares are worked out from protected counts, never raw ones: the base is the sum of
    # the protected counts of the answered values (hidden ones included, never shown), so
    # the shares of a field never add up to more than 100%.
    base_protected = (
        sum(
            _protected_value(s, table[v], rows[v], row_keys.get(v) if row_keys else None, name, v)
            for v in rows
        )
        or 1
    )
    groups: list[GroupRepresentation] = []
    ratios: dict[str, float] = {}
    all_shown = True
    for v in values:
        count = table[v]
        ref = ref_shares[v].share if v in ref_shares else None
        share = Cell(None, None, True, "share", count.reason or SMALL)
        if count.shown and base >= s.k:
            # A count of 0 rests on no one; its share (0%) rests on the whole base.
            shown = count.value if isinstance(count.value, int | float) else 0
            value = min(1.0, shown / base_protected) if rows[v] else 0.0
            share = Cell(value, rows[v] or base, False, "share")
        ratio = Cell(None, None, True, "ratio", count.reason or SMALL)
        under = over = False
        if ref and share.shown and isinstance(share.value, float):
            ratios[v] = share.value / ref
            ratio = Cell(ratios[v], share.n, False, "ratio")
            under = ratios[v] < threshold
            over = ratios[v] > 1 / threshold
        elif ref and count.reason == SMALL and base:
            all_shown = False
            under = s.k / base_protected < threshold * ref
        elif ref:
            all_shown = False
        sent = None
        if ref and (under or over):
            sent = _sentence(name, v, count, share, ref, s.k, "under" if under else "over")
        groups.append(
            GroupRepresentation(
                name, v, group_label(name, v), count, share, ref, ratio, under, sent, over
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
        total=s.count(total, everyone_key, f"{name}/total"),
        answered=s.count(base, answered_key, f"{name}/answered")
        if total >= s.k
        else Cell(None, None, True, "count", SMALL),
        prefer_not=said_not[PREFER_NOT],
        not_answered=said_not[NOT_ANSWERED],
        share_base="answered",
        score=score,
        reference_source="; ".join(sources) or None,
    )


def _protected_value(s: Suppressor, cell: Cell, n: int, key: int | None, name: str, v: str) -> int:
    """A cell's protected count: its shown value, or (hidden) its noisy count, never shown."""
    if cell.shown and isinstance(cell.value, int | float):
        return int(cell.value)
    return s.noisy(n, key, f"{name}/{v}")


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
    everyone_keys = [record_key(r.id) for r in data.residents]
    answered: dict[str, dict[str, tuple[int, int]]] = {}
    for r, key in zip(data.residents, everyone_keys, strict=True):
        for name, value in r.demographics.items():
            if value:
                n, total_key = answered.setdefault(name, {}).get(value, (0, 0))
                answered[name][value] = (n + 1, total_key + key)
    return representation_of_counts(
        len(data.residents), sum(everyone_keys), answered, reference, suppressor, fields, threshold
    )


def representation_of_counts(
    total: int,
    total_key: int,
    answered: Mapping[str, Mapping[str, tuple[int, int]]],
    reference: Reference | None = None,
    suppressor: Suppressor | None = None,
    fields: Iterable[str] = DEMOGRAPHIC_FIELDS,
    threshold: float = UNDER_REPRESENTED,
) -> Representation:
    """:func:`representation` from counts: ``total`` residents whose record keys sum to
    ``total_key``, and by field and answer value the (residents, sum of their record keys)
    who gave it (those who gave none are "not answered"). What ``/stats`` keeps up to date
    as answers arrive gives the same figures as the report's reading of every resident."""
    s = suppressor or Suppressor()
    out: list[FieldRepresentation] = []
    for name in fields:
        given = {v: nk for v, nk in answered.get(name, {}).items() if nk[0] > 0}
        counts: Counter[str] = Counter({v: n for v, (n, _) in given.items()})
        keys = {v: key % KEY_SPACE for v, (_, key) in given.items()}
        missing = total - sum(counts.values())
        if missing > 0:
            counts[NOT_ANSWERED] = missing
            keys[NOT_ANSWERED] = (total_key - sum(key for _, key in given.values())) % KEY_SPACE
        if counts[NOT_ANSWERED] == total:
            continue
        out.append(_field(name, counts, total, reference, s, threshold, keys))
    return Representation(
        k=s.k,
        reference=reference.name if reference else None,
        total=s.count(total, total_key % KEY_SPACE, "everyone"),
        fields=out,
    )
