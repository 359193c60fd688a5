"""The equity findings of a report, strongest first, one plain sentence each.

Three kinds of finding compete for the summary: who was under- or over-represented, where
a group's answers differ from everyone else's, and higher need meeting worse experience
(inverse care). Each gets an importance from its size and from how many people it is about:

    importance = |standardised effect| * n / (n + 20)

The effect is Cohen's d for scores and Cohen's h for shares (for representation: the
group's share of those who answered against its share of the population); ``n`` is the
residents in the group (for representation: how many would have answered were the group
represented as in the population). The weight n / (n + 20) is 0.5 for a group of 20, 0.8
for 80: a large effect in a small group still ranks high, but a same-sized effect about
more people ranks higher. Findings are sorted by importance, largest first; ties keep the
order of the kinds above.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from civicbot_analysis.equity.compare import Comparison
from civicbot_analysis.equity.inverse_care import InverseCare, NeedFinding
from civicbot_analysis.equity.labels import COMBINED
from civicbot_analysis.equity.representation import Representation
from civicbot_analysis.equity.stats import cohens_h
from civicbot_analysis.suppress import SMALL

SIZE_HALF = 20  # the group size at which the weight is one half


@dataclass(frozen=True)
class Finding:
    kind: str  # "representation", "difference", "inverse care"
    sentence: str
    effect: float  # |standardised effect|
    size: int
    importance: float
    group: str = ""  # "field:value", so a summary can name each group once


def importance(effect: float, size: float) -> float:
    return abs(effect) * size / (size + SIZE_HALF) if size > 0 else 0.0


def _strength(effect: float) -> str:
    e = abs(effect)
    return "much " if e >= 0.8 else "" if e >= 0.35 else "a little "


def _number(x: object) -> float | None:
    return float(x) if isinstance(x, int | float) else None


def difference_sentence(c: Comparison) -> str | None:
    """One sentence a councillor understands: who, what, by how much, how many."""
    g, r = _number(c.group_estimate.value.value), _number(c.rest_estimate.value.value)
    n = _number(c.group_estimate.n.value)
    e = _number(c.effect.value) if c.effect else None
    if g is None or r is None or n is None or e is None or g == r:
        return None
    if c.kind == "binary":
        way = "more" if g > r else "less"
        return (
            f"{c.group_label} were {_strength(e)}{way} likely than others to {c.phrase}: "
            f"{100 * g:.0f}% against {100 * r:.0f}% ({n:.0f} residents in the group)."
        )
    way = "higher" if g > r else "lower"
    return (
        f"{c.group_label} rated “{c.phrase}” {_strength(e)}{way} than others: {g:.1f} against "
        f"{r:.1f} out of {c.max_score:g} ({n:.0f} residents in the group)."
    )


def _representation(rep: Representation) -> Iterable[Finding]:
    for f in rep.fields:
        base = _number(f.answered.value) or 0.0
        for g in f.groups:
            if not g.sentence or g.reference_share is None:
                continue
            share = _number(g.share.value)
            if share is None and g.count.reason == SMALL and base:
                share = (rep.k - 1) / base  # at most this: the gap is at least as large
            if share is None:
                continue
            e = cohens_h(share, g.reference_share)
            expected = g.reference_share * base
            weight = importance(e, expected)
            # One summary line per field: the strongest gap among its groups.
            key = f"heard:{g.field}"
            yield Finding("representation", g.sentence, abs(e), round(expected), weight, key)


def _differences(comparisons: Iterable[Comparison]) -> Iterable[Finding]:
    for c in comparisons:
        if not c.significant or c.effect is None:
            continue
        text = difference_sentence(c)
        e, n = _number(c.effect.value), _number(c.group_estimate.n.value)
        if text and e is not None and n is not None:
            key = _group_key(c.field, c.group)
            yield Finding("difference", text, abs(e), int(n), importance(e, n), key)


def _care(findings: Iterable[NeedFinding]) -> Iterable[Finding]:
    for f in findings:
        if not f.sentence:
            continue
        candidates = [f.overall, *f.principles.values()]
        shown = [c for c in candidates if c.effect is not None and (c.difference or 0) < 0]
        if not shown:
            continue
        best = f.overall if f.overall in shown else min(shown, key=lambda c: c.difference or 0)
        e, n = (
            _number(best.effect.value if best.effect else None),
            _number(best.group_estimate.n.value),
        )
        if e is not None and n is not None:
            key = _group_key(f.field, f.group)
            yield Finding("inverse care", f.sentence, abs(e), int(n), importance(e, n), key)


def one_per_group(findings: Iterable[Finding], limit: int) -> list[Finding]:
    """The strongest ``limit`` findings for a summary, most important first.

    Each group is named once, at the rank of its strongest finding (the parts of a combined
    group, such as disabled residents limited a lot, count as that group). Where the inverse
    care view flagged the group, its sentence speaks for the group, since it sums up their
    experience across services. The strongest representation finding is always included:
    who was not heard is a finding of its own even when score differences are larger.
    """
    best: dict[str, Finding] = {}
    speaks: dict[str, Finding] = {}
    for f in findings:
        best.setdefault(f.group, f)
        mine = speaks.get(f.group)
        if mine is None or (f.kind == "inverse care" and mine.kind != "inverse care"):
            speaks[f.group] = f
    order = sorted(best, key=lambda g: -best[g].importance)
    out = [speaks[g] for g in order[:limit]]
    rank = {id(speaks[g]): best[g].importance for g in order}
    heard = next((speaks[g] for g in order if speaks[g].kind == "representation"), None)
    if heard is not None and heard not in out and len(out) == limit and limit > 1:
        out[-1] = heard
    return sorted(out, key=lambda f: -rank[id(f)])


def _group_key(field: str, value: str) -> str:
    for (f, combined), members in COMBINED.items():
        if f == field and value in members:
            return f"{f}:{combined}"
    return f"{field}:{value}"


def ranked_findings(
    rep: Representation | None,
    comparisons: Iterable[Comparison],
    care: InverseCare | None,
) -> list[Finding]:
    """Every equity finding, most important first."""
    found = [
        *(_representation(rep) if rep is not None else ()),
        *_differences(comparisons),
        *(_care(care.findings) if care is not None else ()),
    ]
    order = {"representation": 0, "difference": 1, "inverse care": 2}
    return sorted(found, key=lambda f: (-f.importance, order[f.kind]))
