"""The comparison plan: every planned comparison, tested or listed with why it was not.

The plan is fixed before any data are looked at: each scale question is compared across
each "about you" question (every group against everyone else), and each higher-need group
is set beside everyone else on its experience of services (the inverse care pairs: overall
and per principle). :func:`comparison_plan` accounts for every one of them:

- **tested**: with its effect (group minus rest, and standardised: Cohen's d), the 95%
  interval of the difference, the Benjamini-Hochberg adjusted p-value, and the smallest
  standardised difference the test could find 8 times in 10 (its power);
- **not tested**, with the reason in plain words: the group or everyone else was too small
  (fewer than k answered), a figure would rest on fewer than k, it had to be hidden so that
  another small number cannot be worked out, the question had no groups to compare, or no
  one in a higher-need group took part.

Nothing planned can disappear silently: the report prints every row of the plan in an
appendix, in every format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from civicbot_analysis.equity.compare import (
    FEW_ANSWERS,
    GROUP_SMALL,
    REST_SMALL,
    WORKED_OUT,
    Comparison,
)
from civicbot_analysis.equity.differences import Differences, ScaleOutcome
from civicbot_analysis.equity.inverse_care import OVERALL, PRINCIPLE_WORDS, InverseCare
from civicbot_analysis.equity.labels import group_label
from civicbot_analysis.equity.stats import detectable_effect
from civicbot_analysis.rounddata import RoundData

NO_GROUPS = "no_groups"
NOBODY = "nobody"
NO_SCORES = "no_scores"

# The higher-need groups the inverse care view always plans for: (field, group value).
NEED_GROUPS: tuple[tuple[str, str], ...] = (
    ("disability", "yes"),
    ("caring", "yes"),
    ("money_worries", "finding_it_difficult"),
)


def reason_text(reason: str, k: int) -> str:
    """Why a planned comparison was not tested, in plain words."""
    return {
        GROUP_SMALL: f"group too small: fewer than {k} residents in it answered",
        REST_SMALL: f"fewer than {k} other residents answered",
        FEW_ANSWERS: f"too few answers: a figure would rest on fewer than {k} residents",
        WORKED_OUT: "hidden so that another small number cannot be worked out",
        NO_GROUPS: "no groups to compare: fewer than two different answers were given",
        NOBODY: "no resident in this group took part",
        NO_SCORES: "no one answered a question about this part of services",
    }.get(reason, reason)


@dataclass(frozen=True)
class PlanRow:
    """One planned comparison and what became of it."""

    part: str  # "differences" or "inverse care"
    outcome_id: str
    outcome: str  # what was rated, in words
    field: str
    group: str
    group_label: str
    tested: bool
    reason: str | None = None  # plain words, when not tested
    comparison: Comparison | None = None
    detectable: float | None = None  # smallest standardised effect found 8 times in 10


@dataclass(frozen=True)
class ComparisonPlan:
    k: int
    q: float
    tests: int  # tests of the differences between groups (one false discovery family)
    care_tests: int = 0  # tests of the inverse care view (a family of its own)
    entries: list[PlanRow] = field(default_factory=list)  # not "rows": JSON skips those

    def tested(self) -> list[PlanRow]:
        return [r for r in self.entries if r.tested]

    def not_tested(self) -> list[PlanRow]:
        return [r for r in self.entries if not r.tested]


def _row(part: str, c: Comparison, outcome: str, k: int, alpha: float) -> PlanRow:
    if c.p_value is None:
        why = reason_text(c.reason or FEW_ANSWERS, k)
        return PlanRow(part, c.outcome_id, outcome, c.field, c.group, c.group_label, False, why, c)
    n_g, n_r = c.group_estimate.n.value, c.rest_estimate.n.value
    power = None
    if isinstance(n_g, int | float) and isinstance(n_r, int | float):
        power = detectable_effect(float(n_g), float(n_r), alpha)
    return PlanRow(
        part, c.outcome_id, outcome, c.field, c.group, c.group_label, True, None, c, power
    )


def comparison_plan(
    data: RoundData,
    outcomes: Sequence[object],
    diffs: Differences,
    care: InverseCare | None,
    fields: Sequence[str],
) -> ComparisonPlan:
    """Account for every planned comparison of ``diffs`` (scale outcomes only) and ``care``.

    ``fields`` are the "about you" questions asked in the round. The power of each test is
    stated at the strictest threshold Benjamini-Hochberg can apply (q divided by the number
    of tests), so a difference at or above it is found at least 8 times in 10 whatever else
    is found.
    """
    k = diffs.k
    alpha = diffs.q / max(diffs.tests, 1)
    scales = [o for o in outcomes if isinstance(o, ScaleOutcome)]
    rows: list[PlanRow] = []
    for o in scales:
        for f in fields:
            comps = [c for c in diffs.for_outcome(o.id) if c.field == f]
            if not comps:
                rows.append(
                    PlanRow(
                        "differences",
                        o.id,
                        o.phrase,
                        f,
                        "",
                        f"Every group by {f.replace('_', ' ')}",
                        False,
                        reason_text(NO_GROUPS, k),
                    )
                )
            rows += [_row("differences", c, o.phrase, k, alpha) for c in comps]
    if care is not None:
        rows += _care_rows(data, care, fields, k)
    care_tests = care.tests if care else 0
    return ComparisonPlan(k=k, q=diffs.q, tests=diffs.tests, care_tests=care_tests, entries=rows)


def _care_rows(data: RoundData, care: InverseCare, fields: Sequence[str], k: int) -> list[PlanRow]:
    alpha = care.q / max(care.tests, 1)
    aspects = [OVERALL, *care.principles]
    words = {OVERALL: "experience of services overall", **PRINCIPLE_WORDS}
    rows: list[PlanRow] = []
    found = {(f.field, f.group): f for f in care.findings}
    planned = [(f, v) for f, v in NEED_GROUPS if f in fields]
    planned += [(f.field, f.group) for f in care.findings if (f.field, f.group) not in planned]
    for f, v in planned:
        finding = found.get((f, v))
        label = finding.group_label if finding else group_label(f, v)
        if finding is None:
            why = reason_text(NOBODY if care.principles else NO_SCORES, k)
            rows += [PlanRow("inverse care", a, words[a], f, v, label, False, why) for a in aspects]
            continue
        comps = {OVERALL: finding.overall, **finding.principles}
        for a in aspects:
            c = comps.get(a)
            if c is None:
                why = reason_text(NO_SCORES, k)
                rows.append(PlanRow("inverse care", a, words[a], f, v, label, False, why))
            else:
                rows.append(_row("inverse care", c, words[a], k, alpha))
    return rows
