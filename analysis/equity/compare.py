"""The engine behind group comparisons: count by group, suppress, test.

:class:`Population` indexes residents once (pseudonym -> position, one integer code per
demographic answer), so each outcome costs a few ``numpy.bincount`` calls per field
however many residents there are. :func:`compare_binary` and :func:`compare_scale`
turn one outcome and one field into :class:`Comparison` values with suppressed cells and
a p-value; false discovery control and sentences are added by the callers.

Who is compared: a group (one or more answer values of a field) against everyone else
who was asked, including those who preferred not to say or did not answer the
demographic question. Because the "rest" is then the overall figure minus the group's,
it reveals nothing the overall figure and the group's figure do not.

Suppression: per field, the counts behind an outcome (residents with it, without it, asked,
or with a score) form tables whose total is the overall figure; :func:`suppress_table` hides
small cells and enough others. A group is shown only if, in every such table, every hidden
cell lies on one side of it (inside or outside the group), or both sides hide at least two
cells and k people, so a combined group (all disabled residents) never reveals a hidden
part. The table of those asked matters on its own: it is shared by every outcome asked of
the same residents (and, when that is everyone, published cell by cell by who-took-part),
so a group whose ``n`` would uncover one of its hidden cells is never shown. Secondary
cells are taken from other groups before the groups the report exists to hear
(:func:`civicbot_analysis.suppress.heard_first`); the same holds within the answered values alone,
whose total (the base of who-took-part's shares) is published too.

Publication: every figure comes from counts protected by the cell-key method
(:mod:`civicbot_analysis.disclosure`): a share is the protected count with the outcome over the
protected count asked, and a mean score is worked out from the protected counts of each
score (scores on a continuous scale are first put in twentieths of it). The tests behind
``significant`` use the raw counts, which are never published.

A comparison that is not shown is not tested, and says why in ``reason``: the group or the
rest has fewer than k (:data:`GROUP_SMALL`, :data:`REST_SMALL`), a share would rest on fewer
than k (:data:`FEW_ANSWERS`), or it is hidden so that another small number cannot be worked
out (:data:`WORKED_OUT`). :mod:`civicbot_analysis.equity.plan` lists every such comparison.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import repeat

import numpy as np
import numpy.typing as npt

from civicbot_analysis import disclosure as dc
from civicbot_analysis.disclosure import heard_first
from civicbot_analysis.equity.estimates import (
    Estimate,
    hidden_estimate,
    mean_estimate,
    moments,
    score_bins,
    share_estimate,
    share_inputs,
)
from civicbot_analysis.equity.labels import NOT_ANSWERED, Group
from civicbot_analysis.rounddata import PREFER_NOT, Resident
from civicbot_analysis.suppress import SECONDARY, Cell, Suppressor, suppress_table

# Why a planned comparison was not tested (``Comparison.reason``).
GROUP_SMALL = "group_small"  # fewer than k in the group answered
REST_SMALL = "rest_small"  # fewer than k others answered
FEW_ANSWERS = "few_answers"  # a share would rest on fewer than k (few gave, or few did not)
WORKED_OUT = "secondary"  # hidden so that another small number cannot be worked out

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Comparison:
    """One group set beside everyone else on one outcome.

    ``kind`` is ``"binary"`` (the estimates are shares) or ``"scale"`` (mean scores out
    of ``max_score``). ``p_value`` is None where either side is suppressed (no test is
    run); ``q_value`` is the Benjamini-Hochberg adjusted p-value within the family the
    caller tested together, and ``significant`` says whether it is at most q.
    """

    outcome_id: str
    kind: str
    field: str
    group: str
    group_label: str
    phrase: str
    group_estimate: Estimate
    rest_estimate: Estimate
    max_score: float | None = None
    p_value: float | None = None
    q_value: float | None = None
    significant: bool = False
    sentence: str | None = None
    reason: str | None = None  # why it was not tested (None when tested)
    effect: Cell | None = None  # standardised effect: Cohen's d (scale) or h (binary)
    diff_interval: Cell | None = None  # 95% interval of group minus rest

    @property
    def shown(self) -> bool:
        return self.group_estimate.value.shown and self.rest_estimate.value.shown

    @property
    def difference(self) -> float | None:
        """Group minus rest, where both are shown."""
        g, r = self.group_estimate.value.value, self.rest_estimate.value.value
        if not self.shown or not isinstance(g, float) or not isinstance(r, float):
            return None
        return g - r


class Population:
    """Residents indexed once, with an integer code per field for each resident's answer."""

    def __init__(self, residents: Sequence[Resident], fields: Iterable[str]) -> None:
        self.ids = [r.id for r in residents]
        self.index = {rid: i for i, rid in enumerate(self.ids)}
        self.size = len(self.ids)
        self.keys = dc.record_keys(self.ids)  # cell-key method: one fixed key per resident
        self.values: dict[str, list[str]] = {}
        self.codes: dict[str, npt.NDArray[np.int64]] = {}
        for field in fields:
            raw = [r.demographics.get(field) or NOT_ANSWERED for r in residents]
            values = sorted(set(raw))
            lookup = {v: i for i, v in enumerate(values)}
            self.values[field] = values
            self.codes[field] = np.fromiter((lookup[v] for v in raw), np.int64, len(raw))

    def positions(self, residents: Iterable[str]) -> npt.NDArray[np.int64]:
        """Positions of the given pseudonyms; unknown pseudonyms are ignored."""
        # map() with a bound dict.get runs at C speed: 100k pseudonyms in milliseconds.
        found = np.fromiter(map(self.index.get, residents, repeat(-1)), np.int64)
        return found[found >= 0]

    def mask(self, residents: Iterable[str]) -> BoolArray:
        m = np.zeros(self.size, dtype=bool)
        m[self.positions(residents)] = True
        return m

    def answered_values(self, field: str) -> list[str]:
        return [v for v in self.values.get(field, []) if v != NOT_ANSWERED]


@dataclass(frozen=True)
class CountTable:
    """One suppressed table of counts by answer value (its total is public).

    ``inner`` are the answered values (not "prefer not to say" nor "not answered"): their
    sum, the number who answered, is public too (who took part's base), so a group must
    keep the hidden cells hidden within them as well.
    """

    counts: dict[str, int]
    cells: dict[str, Cell]
    keys: dict[str, int] = dataclasses.field(default_factory=dict)  # residents' key sums
    inner: frozenset[str] = frozenset()

    def split_ok(self, members: frozenset[str], k: int) -> bool:
        """Whether showing a group's total keeps the table's hidden cells hidden."""
        if not self._split_ok(members, k, set(self.counts)):
            return False
        return not self.inner or self._split_ok(members, k, self.inner)

    def _split_ok(self, members: frozenset[str], k: int, within: Collection[str]) -> bool:
        cells = [(v, c) for v, c in self.cells.items() if v in within]
        inside = [self.counts[v] for v, c in cells if c.suppressed and v in members]
        outside = [self.counts[v] for v, c in cells if c.suppressed and v not in members]
        if not inside or not outside:
            return True
        return len(inside) >= 2 and sum(inside) >= k and len(outside) >= 2 and sum(outside) >= k


def count_table(
    values: Sequence[str],
    counts: npt.NDArray[np.int64],
    k: int,
    keys: npt.NDArray[np.float64] | None = None,
    field: str = "",
    release: int | None = None,
    everyone: bool = False,
) -> CountTable:
    """The counts (one per value, in order) suppressed against their sum, sparing the
    higher-need groups of ``field`` when complementary cells are chosen.

    ``keys`` are the residents' key sums per value (the cell-key method). ``everyone``: the
    counts cover every resident of the round. Who took part then publishes their answered
    values' total (the base of its shares), so the hidden cells among the answered values
    must stay hidden on their own too. Counted over fewer residents (those who answered one
    question), that total is published nowhere.
    """
    by_value = {v: int(counts[i]) for i, v in enumerate(values)}
    by_key = (
        {v: int(keys[i]) % dc.KEY_SPACE for i, v in enumerate(values)} if keys is not None else {}
    )
    answered = frozenset(v for v in values if v not in (PREFER_NOT, NOT_ANSWERED))
    cells = suppress_table(
        by_value,
        int(counts.sum()),
        k,
        keys=by_key if keys is not None else None,
        protect=heard_first(field),
        release=release,
        label=field,
        inner=answered if everyone else None,
    )
    return CountTable(by_value, cells, by_key, answered if everyone else frozenset())


def _key_sums(pop: Population, field: str, mask: BoolArray) -> npt.NDArray[np.float64]:
    codes = pop.codes[field]
    sums = np.bincount(codes[mask], weights=pop.keys[mask], minlength=len(pop.values[field]))
    return sums.astype(np.float64)


def binary_tables(
    pop: Population,
    field: str,
    with_mask: BoolArray,
    asked_mask: BoolArray,
    k: int,
    release: int | None = None,
) -> tuple[CountTable, CountTable, CountTable]:
    """Residents with the outcome, without it, and asked, by value of ``field``.

    The third table (those asked) is what every group's ``n`` publishes; it is the same
    for every outcome asked of the same residents, and, when everyone was asked, the same
    table who-took-part publishes cell by cell.
    """
    values, codes = pop.values[field], pop.codes[field]
    with_mask = with_mask & asked_mask
    w = np.bincount(codes[with_mask], minlength=len(values))
    a = np.bincount(codes[asked_mask], minlength=len(values))
    wk, ak = _key_sums(pop, field, with_mask), _key_sums(pop, field, asked_mask)
    everyone = bool(asked_mask.all())
    return (
        count_table(values, w, k, wk, field, release, everyone),
        count_table(values, a - w, k, ak - wk, field, release, everyone),
        count_table(values, a, k, ak, field, release, everyone),
    )


def _why(show: bool, n_group: int, n_rest: int, k: int) -> str | None:
    """Why a comparison could not be shown: the group, the rest, or a hidden cell."""
    if n_group < k:
        return GROUP_SMALL
    if n_rest < k:
        return REST_SMALL
    if not show:
        return WORKED_OUT
    return None


def compare_binary(
    pop: Population,
    s: Suppressor,
    outcome_id: str,
    phrase: str,
    with_mask: BoolArray,
    asked_mask: BoolArray,
    field: str,
    groups: Sequence[Group],
    also: Sequence[CountTable] = (),
) -> list[tuple[Comparison, tuple[int, int, int, int] | None]]:
    """Each group against the rest on a yes/no outcome, with the counts to test (or None).

    A group is shown only if its total keeps hidden the hidden cells of the tables of
    those with the outcome, without it and asked, and of every table in ``also`` (the
    tables of the outcomes that split the same residents with this one: see
    :func:`civicbot_analysis.equity.differences.differences`).
    """
    with_mask = with_mask & asked_mask
    w_table, wo_table, n_table = binary_tables(pop, field, with_mask, asked_mask, s.k, s.release)
    tables = (w_table, wo_table, n_table, *also)
    w_counts, wo_counts = w_table.counts, wo_table.counts
    w_total, a_total = sum(w_counts.values()), sum(n_table.counts.values())
    wk_total, ak_total = sum(w_table.keys.values()), sum(n_table.keys.values())
    out: list[tuple[Comparison, tuple[int, int, int, int] | None]] = []
    for g in groups:
        wg = sum(w_counts.get(v, 0) for v in g.members)
        ag = wg + sum(wo_counts.get(v, 0) for v in g.members)
        wr, ar = w_total - wg, a_total - ag
        wkg = sum(w_table.keys.get(v, 0) for v in g.members)
        akg = sum(n_table.keys.get(v, 0) for v in g.members)
        keys_g = (wkg % dc.KEY_SPACE, akg % dc.KEY_SPACE)
        keys_r = ((wk_total - wkg) % dc.KEY_SPACE, (ak_total - akg) % dc.KEY_SPACE)
        show = all(t.split_ok(g.members, s.k) for t in tables)
        ge = share_estimate(s, wg, ag, show, *keys_g)
        re = share_estimate(s, wr, ar, ge.value.shown, *keys_r, reason=ge.value.reason)
        if ge.value.shown and not re.value.shown:
            ge = hidden_estimate("share", SECONDARY)
        comp = Comparison(outcome_id, "binary", field, g.value, g.label, phrase, ge, re)
        if not comp.shown:
            why = _why(show, ag, ar, s.k) or FEW_ANSWERS
            comp = replace(comp, reason=why)
        # The test, its effect and interval use the published (protected) counts.
        test = None
        if comp.shown:
            test = (*share_inputs(s, wg, ag, *keys_g), *share_inputs(s, wr, ar, *keys_r))
        out.append((comp, test))
    return out


@dataclass(frozen=True)
class ScaleSums:
    """Per-field sums of one scale outcome: residents, scores and squared scores by code,
    and (for publication) residents and their key sums by code and score bin."""

    n: npt.NDArray[np.float64]
    total: npt.NDArray[np.float64]
    sumsq: npt.NDArray[np.float64]
    bins: npt.NDArray[np.float64] = dataclasses.field(default_factory=lambda: np.zeros(0))
    binned: npt.NDArray[np.int64] = dataclasses.field(
        default_factory=lambda: np.zeros((0, 0), dtype=np.int64)
    )
    bin_keys: npt.NDArray[np.float64] = dataclasses.field(default_factory=lambda: np.zeros((0, 0)))


def scale_sums(
    pop: Population,
    field: str,
    positions: npt.NDArray[np.int64],
    scores: npt.NDArray[np.float64],
    max_score: float = 0.0,
) -> ScaleSums:
    codes = pop.codes[field][positions]
    size = len(pop.values[field])
    index, bins = score_bins(scores, max_score or float(scores.max(initial=1.0)))
    cell = codes * len(bins) + index
    shape = (size, len(bins))
    weights = pop.keys[positions].astype(np.float64)
    bin_keys = np.bincount(cell, weights=weights, minlength=size * len(bins))
    return ScaleSums(
        n=np.bincount(codes, minlength=size).astype(np.float64),
        total=np.bincount(codes, weights=scores, minlength=size).astype(np.float64),
        sumsq=np.bincount(codes, weights=scores * scores, minlength=size).astype(np.float64),
        bins=bins,
        binned=np.bincount(cell, minlength=size * len(bins)).reshape(shape),
        bin_keys=bin_keys.astype(np.float64).reshape(shape),
    )


def compare_scale(
    pop: Population,
    s: Suppressor,
    outcome_id: str,
    phrase: str,
    max_score: float,
    positions: npt.NDArray[np.int64],
    scores: npt.NDArray[np.float64],
    field: str,
    groups: Sequence[Group],
) -> list[tuple[Comparison, tuple[float, float, int, float, float, int] | None]]:
    """Each group against the rest on a score, with (mean, var, n) x 2 to test (or None)."""
    values = pop.values[field]
    sums = scale_sums(pop, field, positions, scores, max_score)
    keys_by_value = sums.bin_keys.sum(axis=1)
    everyone = positions.size == pop.size  # one score per resident: did everyone answer?
    table = count_table(
        values, sums.n.astype(np.int64), s.k, keys_by_value, field, s.release, everyone
    )
    n_all, t_all, q_all = float(sums.n.sum()), float(sums.total.sum()), float(sums.sumsq.sum())
    binned_all, keys_all = sums.binned.sum(axis=0), sums.bin_keys.sum(axis=0)
    out: list[tuple[Comparison, tuple[float, float, int, float, float, int] | None]] = []
    for g in groups:
        idx = [i for i, v in enumerate(values) if v in g.members]
        ng, tg, qg = (float(x[idx].sum()) for x in (sums.n, sums.total, sums.sumsq))
        nr, tr, qr = n_all - ng, t_all - tg, q_all - qg
        binned_g, keys_g = sums.binned[idx].sum(axis=0), sums.bin_keys[idx].sum(axis=0)
        show = table.split_ok(g.members, s.k)
        ge = mean_estimate(s, sums.bins, binned_g, keys_g, show, (tg, qg))
        re = mean_estimate(
            s,
            sums.bins,
            binned_all - binned_g,
            keys_all - keys_g,
            ge.value.shown,
            (tr, qr),
            ge.value.reason,
        )
        if ge.value.shown and not re.value.shown:
            ge = hidden_estimate("mean", SECONDARY)
        comp = Comparison(outcome_id, "scale", field, g.value, g.label, phrase, ge, re, max_score)
        if not comp.shown:
            comp = replace(comp, reason=_why(show, int(ng), int(nr), s.k))
        # The test, its effect and interval use the published (protected) moments.
        test = None
        mg = moments(s, sums.bins, binned_g, keys_g, (tg, qg))
        mr = moments(s, sums.bins, binned_all - binned_g, keys_all - keys_g, (tr, qr))
        if comp.shown and mg is not None and mr is not None:
            # Group sizes as the groups' n (each at least k); moments as published.
            test = (mg[0], mg[1], int(ng), mr[0], mr[1], int(nr))
        out.append((comp, test))
    return out
