"""The equity lens on votes: Pol.is's representative-statement test run over demographic
groups (from ``Resident.demographics``) instead of opinion groups, so a report can say
"Carers agreed with 'X' far more than others (78% vs 41%)."

Small numbers are suppressed: a demographic group with fewer than ``k`` residents voting is
not tested and not named with a count, and a finding is only reported when both the group
and the residents it is compared with cast at least ``k`` votes on that statement. "Others"
are residents who gave a different answer to the same question; residents who preferred not
to say, or were not asked, are in neither.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from civicbot_analysis.opinions.matrix import build_vote_matrix
from civicbot_analysis.opinions.repness import Counts, compare, counts, significant
from civicbot_analysis.rounddata import DEMOGRAPHIC_FIELDS, PREFER_NOT, RoundData

DEFAULT_K = 10
MAX_PER_GROUP = 3


@dataclass(frozen=True, slots=True)
class LensFinding:
    field: str
    value: str
    statement: str
    text: str
    direction: str  # "agree" or "disagree"
    group: Counts
    rest: Counts
    share: float  # share of the group's votes in ``direction``
    rest_share: float
    z: float  # two-proportion z of the difference
    sentence: str


@dataclass(frozen=True)
class EquityLens:
    findings: tuple[LensFinding, ...]
    tested: tuple[tuple[str, str], ...]  # (field, value) groups large enough to test
    suppressed: tuple[tuple[str, str], ...]  # groups with fewer than k residents voting
    k: int


def _default_label(field: str, value: str) -> str:
    return f"Residents answering {value.replace('_', ' ')!r} to {field.replace('_', ' ')}"


def _quote(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def equity_lens(
    data: RoundData,
    *,
    k: int = DEFAULT_K,
    fields: Sequence[str] = DEMOGRAPHIC_FIELDS,
    label: Callable[[str, str], str] | Mapping[tuple[str, str], str] | None = None,
    per_group: int = MAX_PER_GROUP,
) -> EquityLens:
    """Statements each demographic group agreed (or disagreed) with far more than others.

    A finding passes Pol.is's test for a representative statement: the group's share is
    significantly above one half and significantly above the others' (one-sided z > 1.2816
    for both). ``label`` names a group in sentences ("Carers"); by default it is described
    by its field and value.
    """
    matrix = build_vote_matrix(data)
    shown = [j for j, a in enumerate(matrix.active) if a]
    votes = matrix.raw[:, shown]
    ids = [matrix.statements[j] for j in shown]
    texts = {s.id: s.text for s in data.statements}
    row = {r: i for i, r in enumerate(matrix.residents)}
    demo = {r.id: r.demographics for r in data.residents}

    def name(field: str, value: str) -> str:
        if callable(label):
            return label(field, value)
        if label is not None and (field, value) in label:
            return label[(field, value)]
        return _default_label(field, value)

    findings: list[LensFinding] = []
    tested: list[tuple[str, str]] = []
    suppressed: list[tuple[str, str]] = []
    for field in fields:
        answered: dict[str, list[int]] = {}
        for resident, i in row.items():
            value = demo.get(resident, {}).get(field)
            if value and value != PREFER_NOT:
                answered.setdefault(value, []).append(i)
        for value in sorted(answered):
            members = answered[value]
            others = [i for v, rows in answered.items() if v != value for i in rows]
            if len(members) < k or len(others) < k:
                suppressed.append((field, value))
                continue
            tested.append((field, value))
            mine: list[LensFinding] = []
            for j, tid in enumerate(ids):
                g, rest = counts(votes[members, j]), counts(votes[others, j])
                if g.seen < k or rest.seen < k:
                    continue
                s = compare(g, rest)
                for direction, z_rel, z_abs, n_g, n_r in (
                    ("agree", s.rat, s.pat, g.agree, rest.agree),
                    ("disagree", s.rdt, s.pdt, g.disagree, rest.disagree),
                ):
                    if not (significant(z_rel) and significant(z_abs)):
                        continue
                    share, rest_share = n_g / g.seen, n_r / rest.seen
                    text = texts.get(tid, tid)
                    verb = "agreed" if direction == "agree" else "disagreed"
                    sentence = (
                        f"{name(field, value)} {verb} with '{_quote(text)}' far more than "
                        f"others ({share:.0%} vs {rest_share:.0%})."
                    )
                    mine.append(
                        LensFinding(
                            field,
                            value,
                            tid,
                            text,
                            direction,
                            g,
                            rest,
                            share,
                            rest_share,
                            z_rel,
                            sentence,
                        )
                    )
            mine.sort(key=lambda f: -f.z)
            findings.extend(mine[:per_group])
    return EquityLens(tuple(findings), tuple(tested), tuple(suppressed), k)


@dataclass(frozen=True, slots=True)
class MakeupCell:
    value: str
    count: int | None  # None when suppressed


def group_makeup(
    data: RoundData,
    groups: Mapping[str, int],
    n_groups: int,
    *,
    k: int = DEFAULT_K,
    fields: Sequence[str] = DEMOGRAPHIC_FIELDS,
) -> dict[int, dict[str, list[MakeupCell]]]:
    """Demographic make-up of each opinion group: per group, per field, a count per value
    ("not given" covers prefer-not-to-say and unasked). Counts under k are suppressed, and
    when only one cell of a row would be hidden the next smallest is hidden too, so it
    cannot be worked back from the group's size."""
    demo = {r.id: r.demographics for r in data.residents}
    out: dict[int, dict[str, list[MakeupCell]]] = {}
    for gi in range(n_groups):
        members = [r for r, g in groups.items() if g == gi]
        by_field: dict[str, list[MakeupCell]] = {}
        for field in fields:
            tally: dict[str, int] = {}
            for r in members:
                value = demo.get(r, {}).get(field) or "not given"
                value = "not given" if value == PREFER_NOT else value
                tally[value] = tally.get(value, 0) + 1
            if set(tally) == {"not given"}:
                continue
            cells = sorted(tally.items(), key=lambda kv: (kv[0] == "not given", kv[0]))
            hidden = {v for v, c in cells if c < k}
            if len(hidden) == 1 and len(cells) > 1:
                shown = sorted((c, v) for v, c in cells if v not in hidden)
                hidden.add(shown[0][1])
            by_field[field] = [MakeupCell(v, None if v in hidden else c) for v, c in cells]
        out[gi] = by_field
    return out
