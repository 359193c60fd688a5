"""Where experiences differ between groups: prevalence and scores by group, tested.

Outcomes are generic, so themes, chosen options and scale scores go through the same
machinery:

- :class:`Outcome`: a yes/no fact per resident ("mentioned theme T", "chose option X"):
  who has it, and who could have (was asked).
- :class:`ScaleOutcome`: a score per resident (a scale question: option position + 1,
  out of the number of options).

:func:`differences` compares every group of every demographic field with everyone else
(see :mod:`civicbot_analysis.equity.compare`), tests each shown comparison (two-proportion z or
Fisher; Welch t), controls the false discovery rate across all tests of the call with
Benjamini-Hochberg, gives each tested comparison its standardised effect (Cohen's d for
scores, h for shares) and the 95% interval of the difference (Welch; Newcombe), and words
the differences that hold. Pass all a report's outcomes in
one call so the false discovery rate covers the whole report, and so that outcomes that
split the same residents (the options of one question, the themes of one question) are
suppressed together: otherwise one option's hidden count is the group's ``n`` minus the
others' shown counts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import repeat
from typing import Any

import numpy as np

from civicbot_analysis.equity.compare import (
    BoolArray,
    Comparison,
    CountTable,
    Population,
    binary_tables,
    compare_binary,
    compare_scale,
)
from civicbot_analysis.equity.labels import comparison_groups, group_label
from civicbot_analysis.equity.stats import (
    benjamini_hochberg,
    cohens_d,
    cohens_h,
    proportion_difference_interval,
    two_proportion_p,
    welch_difference_interval,
    welch_t,
)
from civicbot_analysis.rounddata import DEMOGRAPHIC_FIELDS, Question, RoundData
from civicbot_analysis.suppress import Cell, Suppressor

__all__ = [
    "Comparison",
    "Differences",
    "Outcome",
    "ScaleOutcome",
    "choice_outcomes",
    "differences",
    "group_label",
    "scale_outcomes",
]

CHOICE_KINDS = ("single_choice", "multi_choice", "yes_no")


@dataclass(frozen=True)
class Outcome:
    """A yes/no outcome per resident.

    ``label_phrase`` completes "... were more likely than others to ___", e.g.
    "mention waiting times" or "say they were treated as a person".
    """

    id: str
    label_phrase: str
    residents_with: set[str] | frozenset[str]
    residents_asked: set[str] | frozenset[str]


@dataclass(frozen=True)
class ScaleOutcome:
    """A score per resident; ``phrase`` names what was rated ("help came early")."""

    id: str
    phrase: str
    scores: dict[str, float]
    max_score: float


@dataclass(frozen=True)
class Differences:
    """All comparisons of one call, the q used, and how many tests were run."""

    k: int
    q: float
    tests: int
    comparisons: list[Comparison] = field(default_factory=list)

    def significant(self) -> list[Comparison]:
        return [c for c in self.comparisons if c.significant]

    def sentences(self) -> list[str]:
        return [c.sentence for c in self.comparisons if c.sentence]

    def for_outcome(self, outcome_id: str) -> list[Comparison]:
        return [c for c in self.comparisons if c.outcome_id == outcome_id]


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def sentence(c: Comparison) -> str | None:
    """The plain-words statement of a comparison (None if not shown or no difference)."""
    d = c.difference
    g, r = c.group_estimate.value.value, c.rest_estimate.value.value
    if d is None or d == 0 or not isinstance(g, float) or not isinstance(r, float):
        return None
    if c.kind == "binary":
        more = "more" if d > 0 else "less"
        return (
            f"{c.group_label} were {more} likely than others to {c.phrase} "
            f"({_pct(g)} vs {_pct(r)})."
        )
    way = "higher" if d > 0 else "lower"
    return (
        f"{c.group_label} rated “{c.phrase}” {way} than others "
        f"({g:.1f} vs {r:.1f} out of {c.max_score:g})."
    )


def run_tests(
    binary: list[tuple[Comparison, tuple[int, int, int, int] | None]],
    scale: list[tuple[Comparison, tuple[float, float, int, float, float, int] | None]],
    q: float,
) -> tuple[list[Comparison], int]:
    """Test every shown comparison, apply Benjamini-Hochberg over all, word those that hold."""
    p = np.full(len(binary) + len(scale), np.nan)
    b_idx = [i for i, (_, t) in enumerate(binary) if t is not None]
    if b_idx:
        cols = np.array([binary[i][1] for i in b_idx], dtype=np.float64).T
        p[b_idx] = two_proportion_p(*cols)
    s_idx = [i for i, (_, t) in enumerate(scale) if t is not None]
    if s_idx:
        cols = np.array([scale[i][1] for i in s_idx], dtype=np.float64).T
        p[[len(binary) + i for i in s_idx]] = welch_t(*cols)[2]
    rejected, adjusted = benjamini_hochberg(p, q)
    out: list[Comparison] = []
    tests: list[Any] = [t for _, t in binary] + [t for _, t in scale]
    for i, (c, _) in enumerate([*binary, *scale]):
        if np.isnan(p[i]):
            out.append(c)
            continue
        c = replace(
            c,
            p_value=float(p[i]),
            q_value=float(adjusted[i]),
            significant=bool(rejected[i]),
        )
        effect, interval = _effect(c.kind, tests[i])
        c = replace(c, effect=effect, diff_interval=interval)
        out.append(replace(c, sentence=sentence(c)) if c.significant else c)
    return out, int(np.count_nonzero(~np.isnan(p)))


def _effect(kind: str, t: Any) -> tuple[Cell, Cell]:
    """The standardised effect and the interval of the difference, from a test's inputs.

    Both rest on the group and the rest, each already shown (at least k residents)."""
    if kind == "binary":
        k1, n1, k2, n2 = t
        h = cohens_h(k1 / n1, k2 / n2)
        low, high = proportion_difference_interval(k1, n1, k2, n2)
        n, interval_kind = int(min(n1, n2)), "share_interval"
    else:
        m1, v1, n1, m2, v2, n2 = t
        h = cohens_d(m1, v1, n1, m2, v2, n2)
        low, high = welch_difference_interval(m1, v1, n1, m2, v2, n2)
        n, interval_kind = int(min(n1, n2)), "mean_interval"
    return Cell(float(h), n, False, "score"), Cell(
        (float(low), float(high)), n, False, interval_kind
    )


def differences(
    data: RoundData,
    outcomes: Sequence[Outcome | ScaleOutcome],
    suppressor: Suppressor | None = None,
    q: float = 0.05,
    fields: Iterable[str] = DEMOGRAPHIC_FIELDS,
) -> Differences:
    """Compare each demographic group with everyone else on every outcome."""
    s = suppressor or Suppressor()
    fields = list(fields)
    pop = Population(data.residents, fields)
    groups = {f: comparison_groups(f, pop.answered_values(f)) for f in fields}
    binary: list[tuple[Comparison, tuple[int, int, int, int] | None]] = []
    scale: list[tuple[Comparison, tuple[float, float, int, float, float, int] | None]] = []
    masks: dict[int, BoolArray] = {}  # themes often share one "asked" set: index it once

    def mask(residents: Collection[str]) -> BoolArray:
        if id(residents) not in masks:
            masks[id(residents)] = pop.mask(residents)
        return masks[id(residents)]

    binaries = [o for o in outcomes if isinstance(o, Outcome)]
    linked = _linked_tables(pop, s.k, fields, binaries, mask, s.release)
    for o in outcomes:
        if isinstance(o, Outcome):
            asked = mask(o.residents_asked)
            with_ = pop.mask(o.residents_with)
            for f in fields:
                also = linked.get((id(o), f), ())
                binary += compare_binary(
                    pop, s, o.id, o.label_phrase, with_, asked, f, groups[f], also
                )
        else:
            found = np.fromiter(map(pop.index.get, o.scores, repeat(-1)), np.int64)
            scores = np.fromiter(o.scores.values(), np.float64, len(o.scores))[found >= 0]
            positions = found[found >= 0]
            for f in fields:
                scale += compare_scale(
                    pop, s, o.id, o.phrase, o.max_score, positions, scores, f, groups[f]
                )
    comparisons, tests = run_tests(binary, scale, q)
    return Differences(k=s.k, q=q, tests=tests, comparisons=comparisons)


def _linked_tables(
    pop: Population,
    k: int,
    fields: list[str],
    outcomes: list[Outcome],
    mask: Callable[[Collection[str]], BoolArray],
    release: int | None = None,
) -> dict[tuple[int, str], list[CountTable]]:
    """For outcomes that split the residents asked, the tables each must also respect.

    When several outcomes share one set of residents asked and each of those residents has
    exactly one of them (the options of a single-choice or yes/no question, the themes of
    one question), a group's count with one outcome is its ``n`` minus its counts with the
    others. So a group may be shown for any of them only if it keeps hidden the hidden
    cells of all their tables. Keys are ``(id(outcome), field)``.
    """
    families: dict[bytes, list[tuple[Outcome, BoolArray]]] = {}
    for o in outcomes:
        asked = mask(o.residents_asked)
        families.setdefault(asked.tobytes(), []).append((o, pop.mask(o.residents_with) & asked))
    out: dict[tuple[int, str], list[CountTable]] = {}
    for key, members in families.items():
        if len(members) < 2:
            continue
        asked = np.frombuffer(key, dtype=bool)
        cover = np.sum([m for _, m in members], axis=0, dtype=np.int64)
        if not np.array_equal(cover, asked.astype(np.int64)):
            continue  # overlapping (multiple choice) or partial: no outcome is the others' rest
        for f in fields:
            tables = [binary_tables(pop, f, m, asked, k, release)[0] for _, m in members]
            for o, _ in members:
                out[(id(o), f)] = tables
    return out


def _answers_by_question(
    data: RoundData, wanted: set[str]
) -> dict[str, tuple[list[str], list[str]]]:
    """(residents, values) per wanted question, in one pass over the answers."""
    by_q: dict[str, tuple[list[str], list[str]]] = {q: ([], []) for q in wanted}
    for a in data.answers:
        pair = by_q.get(a.question)
        if pair is not None:
            pair[0].append(a.resident)
            pair[1].append(a.value)
    return by_q


def _chosen(
    data: RoundData, kinds: tuple[str, ...], questions: Iterable[str] | None
) -> list[Question]:
    wanted = set(questions) if questions is not None else None
    return [
        q
        for q in data.questions
        if q.kind in kinds and q.options and (wanted is None or q.id in wanted)
    ]


def choice_outcomes(data: RoundData, questions: Iterable[str] | None = None) -> list[Outcome]:
    """One outcome per option of each choice or yes/no question: "answer “Yes” to “...”".

    Those asked are the residents who gave any of the question's options; a skipped
    question counts for no one.
    """
    chosen = _chosen(data, CHOICE_KINDS, questions)
    by_q = _answers_by_question(data, {q.id for q in chosen})
    out: list[Outcome] = []
    for q in chosen:
        residents, values = by_q[q.id]
        per_option: dict[str, set[str]] = {v: set() for v, _ in q.options}
        for r, v in zip(residents, values, strict=True):
            chose = per_option.get(v)
            if chose is not None:
                chose.add(r)
        asked = frozenset().union(*per_option.values())
        for value, label in q.options:
            phrase = f"answer “{label}” to “{q.text}”"
            out.append(Outcome(f"{q.id}={value}", phrase, frozenset(per_option[value]), asked))
    return out


def scale_outcomes(data: RoundData, questions: Iterable[str] | None = None) -> list[ScaleOutcome]:
    """One score per scale question: option position + 1, out of the number of options."""
    chosen = _chosen(data, ("scale",), questions)
    by_q = _answers_by_question(data, {q.id for q in chosen})
    out: list[ScaleOutcome] = []
    for q in chosen:
        position = {v: float(i + 1) for i, (v, _) in enumerate(q.options)}
        residents, values = by_q[q.id]
        scores = dict(zip(residents, map(position.get, values), strict=True))
        clean = {r: v for r, v in scores.items() if v is not None}
        out.append(ScaleOutcome(q.id, q.text, clean, float(len(q.options))))
    return out
