"""The inverse care view: do the residents with the most need get the worst experience?

Groups with higher need (disabled residents, carers, residents finding it difficult to
manage financially, and residents of areas a reference file marks ``deprived``) are set
beside everyone else on their experience of services: the scale questions tagged with a
service principle (relational, strengths-based, preventative, joined-up, adaptive,
equitable). Each answer is put on a 0-100 scale (worst option 0, best 100); a resident's
score for a principle is the mean of their answers tagged with it, and their overall
score the mean of all their tagged answers.

A need group is flagged when its overall experience, or its experience on a principle,
is lower than everyone else's and the difference holds after Benjamini-Hochberg across
all the tests of this view; or when it is lower on every principle measured (at least
three) and at least 5 points lower overall, even if no single difference is certain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from civicbot_analysis.equity.compare import Comparison, Population, compare_scale
from civicbot_analysis.equity.differences import run_tests
from civicbot_analysis.equity.labels import COMBINED, Group, group_label
from civicbot_analysis.equity.reference import Reference
from civicbot_analysis.rounddata import PRINCIPLES, RoundData
from civicbot_analysis.suppress import Suppressor

PRINCIPLE_WORDS: dict[str, str] = {
    "relational": "being treated as a person",
    "strengths-based": "services building on what is strong in their lives",
    "preventative": "help coming early",
    "joined-up": "services working together",
    "adaptive": "services adapting to them",
    "equitable": "fair treatment",
}
OVERALL = "overall"
MAX_SCORE = 100.0
CONSISTENT_MIN = 3  # "lower on every principle" needs at least this many principles
# ...and an overall gap a reader would notice: with thousands of residents, noise alone
# makes every principle a hair lower about one time in eight.
CONSISTENT_GAP = 5.0


@dataclass(frozen=True)
class NeedFinding:
    """One higher-need group: overall and per-principle comparisons, and the verdict."""

    field: str
    group: str
    group_label: str
    overall: Comparison
    principles: dict[str, Comparison]
    flagged: bool
    consistently_lower: bool
    sentence: str | None = None


@dataclass(frozen=True)
class InverseCare:
    k: int
    q: float
    tests: int
    principles: list[str]
    findings: list[NeedFinding] = field(default_factory=list)

    def sentences(self) -> list[str]:
        return [f.sentence for f in self.findings if f.sentence]


def need_groups(data: RoundData, reference: Reference | None = None) -> list[Group]:
    """The higher-need groups present in the data."""
    seen: dict[str, set[str]] = {}
    for r in data.residents:
        for f, v in r.demographics.items():
            seen.setdefault(f, set()).add(v)
    disabled = COMBINED[("disability", "yes")]
    wanted = [
        Group("disability", "yes", disabled, group_label("disability", "yes")),
        Group("caring", "yes", frozenset({"yes"}), group_label("caring", "yes")),
        Group(
            "money_worries",
            "finding_it_difficult",
            frozenset({"finding_it_difficult"}),
            group_label("money_worries", "finding_it_difficult"),
        ),
    ]
    deprived = reference.deprived_values("area") if reference else set()
    if deprived:
        label = "Residents of the most deprived areas"
        wanted.append(Group("area", "deprived", frozenset(deprived), label))
    return [g for g in wanted if g.members & seen.get(g.field, set())]


def experience_scores(
    data: RoundData, index: dict[str, int]
) -> dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]]:
    """Per principle (and overall): positions of residents with a score, and the scores."""
    n = len(index)
    sums = {p: np.zeros(n) for p in (*PRINCIPLES, OVERALL)}
    counts = {p: np.zeros(n) for p in (*PRINCIPLES, OVERALL)}
    tagged = {
        q.id: q
        for q in data.questions
        if q.kind == "scale" and len(q.options) >= 2 and set(q.tags) & set(PRINCIPLES)
    }
    by_q: dict[str, tuple[list[int], list[float]]] = {qid: ([], []) for qid in tagged}
    rank = {qid: {v: i for i, (v, _) in enumerate(q.options)} for qid, q in tagged.items()}
    for a in data.answers:
        if a.question in tagged and a.resident in index:
            score = rank[a.question].get(a.value)
            if score is not None:
                pos, vals = by_q[a.question]
                pos.append(index[a.resident])
                vals.append(MAX_SCORE * score / (len(tagged[a.question].options) - 1))
    for qid, (pos, vals) in by_q.items():
        p_arr, v_arr = np.asarray(pos, dtype=np.int64), np.asarray(vals, dtype=np.float64)
        for p in (*[t for t in PRINCIPLES if t in tagged[qid].tags], OVERALL):
            sums[p] += np.bincount(p_arr, weights=v_arr, minlength=n)
            counts[p] += np.bincount(p_arr, minlength=n)
    out: dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]] = {}
    for p in (*PRINCIPLES, OVERALL):
        has = np.flatnonzero(counts[p] > 0)
        if has.size:
            out[p] = (has.astype(np.int64), sums[p][has] / counts[p][has])
    return out


def _lower(c: Comparison) -> bool:
    d = c.difference
    return d is not None and d < 0


def _pair(c: Comparison) -> tuple[float, float] | None:
    g, r = c.group_estimate.value.value, c.rest_estimate.value.value
    if isinstance(g, float) and isinstance(r, float):
        return g, r
    return None


def _sentence(f: NeedFinding) -> str | None:
    if not f.flagged:
        return None
    head = f"Higher need, worse experience: {f.group_label}"
    lower = [c for c in f.principles.values() if _lower(c)]
    worst = min(lower, key=lambda c: c.difference or 0.0, default=None)
    overall = _pair(f.overall)
    if f.overall.significant and _lower(f.overall) and overall:
        text = (
            f"{head} rated their experience of services lower than others "
            f"({overall[0]:.0f} vs {overall[1]:.0f} out of 100)"
        )
    elif f.consistently_lower:
        n = len(f.principles)
        text = (
            f"{head} rated their experience of services lower than others "
            f"on all {n} principles measured"
        )
    else:
        worst = min(
            (c for c in lower if c.significant), key=lambda c: c.difference or 0.0, default=worst
        )
        pair = _pair(worst) if worst else None
        if worst is None or pair is None:
            return None
        words = PRINCIPLE_WORDS[worst.outcome_id]
        return (
            f"{head} rated {words} lower than others ({pair[0]:.0f} vs {pair[1]:.0f} out of 100)."
        )
    pair = _pair(worst) if worst else None
    if worst is not None and pair is not None:
        text += (
            f", most of all {PRINCIPLE_WORDS[worst.outcome_id]} ({pair[0]:.0f} vs {pair[1]:.0f})"
        )
    return text + "."


def inverse_care(
    data: RoundData,
    reference: Reference | None = None,
    suppressor: Suppressor | None = None,
    q: float = 0.05,
    groups: Sequence[Group] | None = None,
) -> InverseCare:
    """Higher-need groups beside everyone else on their experience of services."""
    s = suppressor or Suppressor()
    need = list(groups) if groups is not None else need_groups(data, reference)
    pop = Population(data.residents, sorted({g.field for g in need}))
    scores = experience_scores(data, pop.index)
    principles = [p for p in PRINCIPLES if p in scores]
    pending: list[tuple[Comparison, tuple[float, float, int, float, float, int] | None]] = []
    for g in need:
        for p in (OVERALL, *principles):
            if p not in scores:
                continue
            positions, values = scores[p]
            phrase = "their experience of services" if p == OVERALL else PRINCIPLE_WORDS[p]
            pending += compare_scale(pop, s, p, phrase, MAX_SCORE, positions, values, g.field, [g])
    tested, tests = run_tests([], pending, q)
    findings: list[NeedFinding] = []
    for g in need:
        mine = [c for c in tested if c.field == g.field and c.group == g.value]
        overall = next((c for c in mine if c.outcome_id == OVERALL), None)
        if overall is None:
            continue
        by_p = {c.outcome_id: c for c in mine if c.outcome_id != OVERALL}
        shown = [c for c in by_p.values() if c.difference is not None]
        gap = overall.difference
        consistent = (
            len(shown) >= CONSISTENT_MIN
            and len(shown) == len(by_p)
            and all(_lower(c) for c in shown)
            and gap is not None
            and gap <= -CONSISTENT_GAP
        )
        significant = any(c.significant and _lower(c) for c in mine)
        finding = NeedFinding(
            g.field, g.value, g.label, overall, by_p, significant or consistent, consistent
        )
        findings.append(replace(finding, sentence=_sentence(finding)))
    return InverseCare(k=s.k, q=q, tests=tests, principles=principles, findings=findings)
