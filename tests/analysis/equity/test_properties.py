"""Property test: on random rounds, no published figure rests on fewer than k people, and
no hidden count can be worked back from totals and the figures that are shown.

"Worked back" is judged as a reader would: with every figure of the round at once.
Counts by answer value are unknowns; each shown group publishes linear sums of them, and
a small count leaks if it lies in the span of all published sums (matrix rank). Figures
meet across analyses wherever they count the same residents: the ``n`` of every group
compared on outcomes asked of the same residents (differences and the inverse care
view), who-took-part's counts when that is everyone, and the options of one question,
whose counts add up to the residents asked.

The checks are reusable: ``assert_safe(result, k)`` for any result holding Cells, and
``determined(rows, target)`` for whether a linear combination of counts is recoverable.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicbot_analysis.disclosure import MAX_NOISE
from civicbot_analysis.equity import (
    Outcome,
    ScaleOutcome,
    choice_outcomes,
    differences,
    inverse_care,
    load_reference,
    representation,
    scale_outcomes,
)
from civicbot_analysis.equity.compare import Comparison
from civicbot_analysis.equity.inverse_care import experience_scores
from civicbot_analysis.equity.labels import COMBINED, NOT_ANSWERED
from civicbot_analysis.equity.representation import Representation
from civicbot_analysis.report import build_report, render
from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData
from civicbot_analysis.suppress import Suppressor
from civicbot_analysis.suppress_checks import (
    published_cells,
    table_leaks,
    unexplained_cells,
    unsafe_cells,
)

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
    Question(
        "first", "single_choice", "Who helped first?", options=(("a", "A"), ("b", "B"), ("c", "C"))
    ),
)
REFERENCE = load_reference("england")
# Relative weights an answer may get: leaks hide where one answer is rare and the others
# are not, so rounds are drawn with some answers rare (1), some common (8), some absent.
WEIGHTS = (0, 1, 1, 3, 8)


def assert_safe(result: object, k: int) -> None:
    """No shown figure rests on fewer than k people; every hidden one says why."""
    bad = unsafe_cells(published_cells(result), k)
    assert not bad, bad
    unexplained = unexplained_cells(result)
    assert not unexplained, unexplained


def determined(rows: list[np.ndarray], target: np.ndarray) -> bool:
    """Whether the combination ``target`` of counts follows from the published sums ``rows``."""
    m = np.array(rows, dtype=float)
    return bool(np.linalg.matrix_rank(np.vstack([m, target])) == np.linalg.matrix_rank(m))


@st.composite
def rounds(draw: st.DrawFn) -> RoundData:
    n = draw(st.integers(0, 90))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    options: dict[str, list[str | None]] = {f: [*v, None] for f, v in FIELDS.items()}
    options.update({q.id: [*(o for o, _ in q.options), None] for q in QUESTIONS})
    weights = {}
    for key, opts in options.items():
        w = np.array(
            draw(st.lists(st.sampled_from(WEIGHTS), min_size=len(opts), max_size=len(opts)))
        )
        weights[key] = w / w.sum() if w.sum() else np.full(len(opts), 1 / len(opts))
    residents, answers = [], []
    for i in range(n):
        picked = {key: opts[rng.choice(len(opts), p=weights[key])] for key, opts in options.items()}
        demo = {f: v for f in FIELDS if (v := picked[f]) is not None}
        residents.append(Resident(id=f"r{i}", demographics=demo))
        answers += [Answer(f"r{i}", q.id, v) for q in QUESTIONS if (v := picked[q.id]) is not None]
    return RoundData("r", "t", QUESTIONS, tuple(residents), tuple(answers))


def _atoms(data: RoundData, field: str, members: set[str] | frozenset[str]) -> Counter[str]:
    return Counter(
        r.demographics.get(field) or NOT_ANSWERED for r in data.residents if r.id in members
    )


def _indicator(values: list[str], members: frozenset[str]) -> np.ndarray:
    return np.array([1.0 if v in members else 0.0 for v in values])


def _group_members(field: str, group: str) -> frozenset[str]:
    return COMBINED.get((field, group), frozenset({group}))


def _check_representation(rep: Representation, data: RoundData, exact: bool = True) -> None:
    """Suppression holds in both tables (answered values against those who answered; "prefer
    not to say" and "not answered" against the rest), and no share exceeds its base: every
    share is of those who answered the question, never of everyone who took part."""
    everyone = {r.id for r in data.residents}
    for f in rep.fields:
        rows = _atoms(data, f.field, everyone)
        said_not = rows.get("prefer_not", 0) + rows.get(NOT_ANSWERED, 0)
        answered = len(everyone) - said_not
        cells = {g.value: g.count for g in f.groups}
        counts = {v: rows.get(v, 0) for v in cells}
        # Published figures carry the cell-key noise (at most MAX_NOISE a count) when perturbed.
        noise = 0 if exact else MAX_NOISE
        total = answered if len(everyone) >= rep.k else 1
        assert not table_leaks(cells, counts, total, rep.k, noise)
        pair = {"prefer_not": f.prefer_not, NOT_ANSWERED: f.not_answered}
        pair_counts = {v: rows.get(v, 0) for v in pair}
        assert not table_leaks(pair, pair_counts, said_not, rep.k, noise)
        assert not f.answered.shown or abs(f.answered.value - answered) <= noise
        shares = 0.0
        for g in f.groups:
            assert not (g.share.shown and g.count.suppressed)
            if g.share.shown:
                assert isinstance(g.share.value, float) and g.share.value <= 1.0
                true = rows.get(g.value, 0) / answered
                if exact:
                    assert g.share.value == true
                shares += g.share.value
        assert shares <= 1.0 + 1e-9


class Published:
    """Every sum of counts the round publishes, by (residents counted, field)."""

    def __init__(self, data: RoundData, rep: Representation) -> None:
        self.data = data
        self.values = {f: sorted(set(FIELDS[f]) | {NOT_ANSWERED}) for f in FIELDS}
        self.n_rows: dict[tuple[frozenset[str], str], list[np.ndarray]] = {}
        everyone = frozenset(r.id for r in data.residents)
        for f in rep.fields:
            if f.answered.shown:  # the base of every share: all answered values together
                self.add_n(everyone, f.field, frozenset(FIELDS[f.field]) - {"prefer_not"})
            shown = [(g.value, g.count) for g in f.groups]
            shown += [("prefer_not", f.prefer_not), (NOT_ANSWERED, f.not_answered)]
            for value, cell in shown:
                if cell.shown:
                    self.add_n(everyone, f.field, frozenset({value}))

    def add_n(self, counted: frozenset[str], field: str, members: frozenset[str]) -> None:
        rows = self.n_rows.setdefault((counted, field), [np.ones(len(self.values[field]))])
        rows.append(_indicator(self.values[field], members))

    def add_comparisons(self, comps: list[Comparison], counted: dict[str, frozenset[str]]) -> None:
        for c in comps:
            if c.shown and c.field in FIELDS:
                self.add_n(counted[c.outcome_id], c.field, _group_members(c.field, c.group))

    def check_n(self, k: int) -> None:
        """No small count of residents counted, by answer value, follows from all the ``n``."""
        for (counted, field), rows in self.n_rows.items():
            values = self.values[field]
            atoms = _atoms(self.data, field, counted)
            for i, v in enumerate(values):
                if 0 < atoms[v] < k:
                    assert not determined(rows, np.eye(len(values))[i]), ("n", field, v)

    def check_options(
        self, outcomes: list[Outcome], comps: list[Comparison], field: str, k: int
    ) -> None:
        """Outcomes splitting the same residents: no small count with (or without) one.

        Unknowns are counts by answer value and outcome, plus a column for those asked
        with none of the outcomes unless the outcomes split them exactly.
        """
        asked = frozenset(outcomes[0].residents_asked)
        values = self.values[field]
        cover = Counter(r for o in outcomes for r in o.residents_with if r in asked)
        split = set(cover) == asked and set(cover.values()) <= {1}
        size, n_out = len(values), len(outcomes) + (0 if split else 1)
        rows = [np.kron(r, np.ones(n_out)) for r in self.n_rows.get((asked, field), [])]
        rows.append(np.kron(np.ones(size), np.ones(n_out)))
        ids = [o.id for o in outcomes]
        for j in range(len(outcomes)):
            rows.append(np.kron(np.ones(size), np.eye(n_out)[j]))
        for c in comps:
            if c.shown and c.outcome_id in ids:
                g = _indicator(values, _group_members(field, c.group))
                rows.append(np.kron(g, np.eye(n_out)[ids.index(c.outcome_id)]))
                rows.append(np.kron(g, np.ones(n_out)))
        for j, o in enumerate(outcomes):
            with_ = _atoms(self.data, field, frozenset(o.residents_with) & asked)
            without = _atoms(self.data, field, asked - frozenset(o.residents_with))
            for i, v in enumerate(values):
                unit = np.eye(size)[i]
                if 0 < with_[v] < k:
                    assert not determined(rows, np.kron(unit, np.eye(n_out)[j])), (o.id, v)
                if 0 < without[v] < k:
                    rest = np.ones(n_out) - np.eye(n_out)[j]
                    assert not determined(rows, np.kron(unit, rest)), (o.id, "without", v)


def _families(outcomes: list[Outcome]) -> list[list[Outcome]]:
    """Outcomes grouped by the residents asked: each alone, and those that split them."""
    by_asked: dict[frozenset[str], list[Outcome]] = {}
    for o in outcomes:
        by_asked.setdefault(frozenset(o.residents_asked), []).append(o)
    out = [[o] for o in outcomes]
    for asked, family in by_asked.items():
        cover = Counter(r for o in family for r in o.residents_with if r in asked)
        if len(family) > 1 and set(cover) == asked and set(cover.values()) <= {1}:
            out.append(family)
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=rounds(),
    k=st.integers(5, 12),
    theme_seed=st.integers(0, 10**6),
    release=st.one_of(st.none(), st.integers(0, 2**16 - 1)),
)
def test_nothing_small_is_published_or_recoverable(
    data: RoundData, k: int, theme_seed: int, release: int | None
) -> None:
    # ``release`` None: the exact figures; otherwise the cell-key method as published.
    s = Suppressor(k, release)
    rng = np.random.default_rng(theme_seed)
    everyone = frozenset(r.id for r in data.residents)
    theme = Outcome(
        "theme", "mention waiting", {r for r in everyone if rng.random() < 0.4}, everyone
    )
    binary = [theme, *choice_outcomes(data)]
    scale = scale_outcomes(data)
    outcomes: list[Outcome | ScaleOutcome] = [*binary, *scale]

    rep = representation(data, REFERENCE, s, fields=FIELDS)
    diff = differences(data, outcomes, s, fields=FIELDS)
    care = inverse_care(data, REFERENCE, s)
    for result in (rep, diff, care):
        assert_safe(result, k)
    _check_representation(rep, data, exact=release is None)

    # Who each comparison counts: those asked, or those with a score.
    counted = {o.id: frozenset(o.residents_asked) for o in binary}
    counted.update({o.id: frozenset(o.scores) & everyone for o in scale})
    published = Published(data, rep)
    published.add_comparisons(diff.comparisons, counted)
    index = {r.id: i for i, r in enumerate(data.residents)}
    scored = {
        p: frozenset(data.residents[i].id for i in pos)
        for p, (pos, _) in experience_scores(data, index).items()
    }
    for finding in care.findings:
        comps = [finding.overall, *finding.principles.values()]
        published.add_comparisons(comps, scored)
    published.check_n(k)
    for family in _families(binary):
        ids = {o.id for o in family}
        for field in FIELDS:
            comps = [c for c in diff.comparisons if c.outcome_id in ids and c.field == field]
            published.check_options(family, comps, field, k)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=rounds(), k=st.integers(5, 12))
def test_the_whole_report_publishes_nothing_small_and_explains_every_gap(
    data: RoundData, k: int
) -> None:
    """The report as built for publication (cell-key method on): every figure in it, from
    who took part to the opinion groups, rests on at least k people or is hidden with a
    stated reason, and the JSON carries no value for a hidden figure."""
    report = build_report(data, k_min=k)
    assert_safe(report, k)
    hidden = published_cells(report, shown=False)
    doc = render(report, "json")
    assert doc.count('"suppressed": true') == doc.count('"hidden_because"')
    assert '"hidden_because": ""' not in doc
    for c in hidden:
        assert c.value is None and c.n is None
