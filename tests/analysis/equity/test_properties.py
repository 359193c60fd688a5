"""Property test: on random rounds, no published figure rests on fewer than k people, and
no hidden count can be worked back from totals and the figures that are shown.

The checks are reusable: ``assert_safe(result, k)`` for any result holding Cells, and
``determined(rows, atom)`` for a linear-algebra test of whether a count is recoverable.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.equity import (
    Outcome,
    ScaleOutcome,
    choice_outcomes,
    differences,
    inverse_care,
    load_reference,
    representation,
    scale_outcomes,
)
from analysis.equity.compare import Comparison
from analysis.equity.labels import COMBINED, NOT_ANSWERED
from analysis.equity.representation import Representation
from analysis.rounddata import Answer, Question, Resident, RoundData
from analysis.suppress import Suppressor, published_cells, table_leaks, unsafe_cells

FIELDS = {
    "age_band": ["16-24", "25-34", "65-74", "prefer_not"],
    "disability": ["yes_limited_lot", "yes_limited_little", "no", "prefer_not"],
    "caring": ["yes", "no", "prefer_not"],
}
SCALE = tuple((str(i), str(i)) for i in range(5))
QUESTIONS = (
    Question("treated", "yes_no", "Treated as a person?", options=(("yes", "Yes"), ("no", "No"))),
    Question("early", "scale", "Help came early", ("preventative",), SCALE),
    Question("together", "scale", "Services talked", ("joined-up", "relational"), SCALE),
)
REFERENCE = load_reference("england")


def assert_safe(result: object, k: int) -> None:
    bad = unsafe_cells(published_cells(result), k)
    assert not bad, bad


def determined(rows: list[np.ndarray], atom: int, size: int) -> bool:
    """Whether count number ``atom`` follows from the published sums ``rows``."""
    m = np.array(rows, dtype=float)
    unit = np.zeros(size)
    unit[atom] = 1
    return bool(np.linalg.matrix_rank(np.vstack([m, unit])) == np.linalg.matrix_rank(m))


@st.composite
def rounds(draw: st.DrawFn) -> RoundData:
    n = draw(st.integers(0, 90))
    residents, answers = [], []
    for i in range(n):
        demo = {}
        for field, values in FIELDS.items():
            v = draw(st.sampled_from([*values, None]))
            if v is not None:
                demo[field] = v
        residents.append(Resident(id=f"r{i}", demographics=demo))
        for q in QUESTIONS:
            value = draw(st.sampled_from([o for o, _ in q.options] + [None]))
            if value is not None:
                answers.append(Answer(f"r{i}", q.id, value))
    return RoundData("r", "t", QUESTIONS, tuple(residents), tuple(answers))


def _atoms(data: RoundData, field: str, members: set[str] | None = None) -> Counter[str]:
    return Counter(
        r.demographics.get(field) or NOT_ANSWERED
        for r in data.residents
        if members is None or r.id in members
    )


def _group_members(field: str, group: str) -> frozenset[str]:
    return COMBINED.get((field, group), frozenset({group}))


def _check_representation(rep: Representation, data: RoundData) -> None:
    for f in rep.fields:
        rows = _atoms(data, f.field)
        cells = {g.value: g.count for g in f.groups}
        cells.update({"prefer_not": f.prefer_not, NOT_ANSWERED: f.not_answered})
        counts = {v: rows.get(v, 0) for v in cells}
        assert not table_leaks(cells, counts, len(data.residents), rep.k)
        for g in f.groups:
            assert not (g.share.shown and g.count.suppressed)


def _check_comparisons(
    comparisons: list[Comparison],
    data: RoundData,
    outcome_counts: dict[str, dict[str, Counter[str]]],
    rep: Representation,
    k: int,
) -> None:
    """For each outcome and field, no small hidden count follows from the shown groups."""
    for (oid, field), comps in _by(comparisons).items():
        values = sorted(set(_atoms(data, field)) | set(FIELDS[field]) | {NOT_ANSWERED})
        index = {v: i for i, v in enumerate(values)}
        rows = [np.ones(len(values))]
        for c in comps:
            if c.shown:
                row = np.zeros(len(values))
                for v in _group_members(field, c.group):
                    if v in index:
                        row[index[v]] = 1
                rows.append(row)
        for kind, counts in outcome_counts[oid].items():
            extra = []
            if kind == "n" and sum(counts.values()) == len(data.residents):
                # Everyone answered: the representation's shown counts are the same numbers.
                for g in rep.field(field).groups if field in [f.field for f in rep.fields] else []:
                    if g.count.shown and g.value in index:
                        unit = np.zeros(len(values))
                        unit[index[g.value]] = 1
                        extra.append(unit)
            by_value = Counter({v: 0 for v in values})
            for rid, n in counts.items():
                by_value[rid] += n
            for v, n in by_value.items():
                if 0 < n < k:
                    assert not determined(rows + extra, index[v], len(values)), (
                        oid,
                        field,
                        kind,
                        v,
                    )


def _by(comparisons: list[Comparison]) -> dict[tuple[str, str], list[Comparison]]:
    out: dict[tuple[str, str], list[Comparison]] = {}
    for c in comparisons:
        out.setdefault((c.outcome_id, c.field), []).append(c)
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=rounds(), k=st.integers(5, 12), theme_seed=st.integers(0, 10**6))
def test_nothing_small_is_published_or_recoverable(
    data: RoundData, k: int, theme_seed: int
) -> None:
    s = Suppressor(k)
    rng = np.random.default_rng(theme_seed)
    everyone = {r.id for r in data.residents}
    theme = Outcome(
        "theme", "mention waiting", {r for r in everyone if rng.random() < 0.4}, everyone
    )
    outcomes: list[Outcome | ScaleOutcome] = [theme, *choice_outcomes(data), *scale_outcomes(data)]

    rep = representation(data, REFERENCE, s, fields=FIELDS)
    diff = differences(data, outcomes, s, fields=FIELDS)
    care = inverse_care(data, REFERENCE, s)
    for result in (rep, diff, care):
        assert_safe(result, k)
    _check_representation(rep, data)

    # True counts behind each outcome, per field and answer value.
    counts: dict[str, dict[str, Counter[str]]] = {}
    for o in outcomes:
        for field in FIELDS:
            if isinstance(o, Outcome):
                with_ = _atoms(data, field, set(o.residents_with) & set(o.residents_asked))
                asked = _atoms(data, field, set(o.residents_asked))
                counts[o.id] = {"with": with_, "without": asked - with_, "n": asked}
            else:
                counts[o.id] = {"n": _atoms(data, field, set(o.scores))}
            _check_comparisons(
                [c for c in diff.comparisons if c.outcome_id == o.id and c.field == field],
                data,
                counts,
                rep,
                k,
            )
