"""Which statements speak for a group, which for everyone, and which divide: Pol.is's
``repness.clj`` and ``conversation.clj`` (group-aware consensus), plus a divisiveness measure.

For a group g and a statement: na, nd, ns are its agrees, disagrees and votes seen (passes
count as seen); pa = (1 + na) / (2 + ns); ra = pa / pa of everyone in the other groups; both
get a one-sided z test (``prop_test``, ``two_prop_test``) that must exceed 1.2816 (90%). The
same for disagreement. Selection, as Pol.is: the passing statements sorted by
ra x rat x pa x pat, the group's best "agree" statement first, at most five, agrees before
disagrees; if none pass, the single best one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from civicbot_analysis.opinions.matrix import FloatArray

Z_90 = 1.2816
MAX_REPRESENTATIVE = 5


def prop_test(succ: float, n: float) -> float:
    succ, n = succ + 1, n + 1
    return 2 * math.sqrt(n) * (succ / n - 0.5)


def two_prop_test(succ_in: float, succ_out: float, pop_in: float, pop_out: float) -> float:
    succ_in, succ_out, pop_in, pop_out = succ_in + 1, succ_out + 1, pop_in + 1, pop_out + 1
    pi1, pi2 = succ_in / pop_in, succ_out / pop_out
    pi_hat = (succ_in + succ_out) / (pop_in + pop_out)
    if pi_hat == 1:
        return 0.0
    return (pi1 - pi2) / math.sqrt(pi_hat * (1 - pi_hat) * (1 / pop_in + 1 / pop_out))


def significant(z: float) -> bool:
    return z > Z_90


@dataclass(frozen=True, slots=True)
class Counts:
    """Votes on one statement within a set of residents."""

    agree: int
    disagree: int
    seen: int

    @property
    def pa(self) -> float:
        return (1 + self.agree) / (2 + self.seen)

    @property
    def pd(self) -> float:
        return (1 + self.disagree) / (2 + self.seen)

    @property
    def agree_share(self) -> float:
        return self.agree / self.seen if self.seen else 0.0


def counts(votes: FloatArray) -> Counts:
    """Counts over a 1-D array of votes with NaN for unseen."""
    seen = ~np.isnan(votes)
    return Counts(
        agree=int(np.sum(votes[seen] == 1)),
        disagree=int(np.sum(votes[seen] == -1)),
        seen=int(seen.sum()),
    )


@dataclass(frozen=True, slots=True)
class Repness:
    """How a statement sets a group apart: ``direction`` is "agree" or "disagree"."""

    statement: str
    direction: str
    group: Counts  # votes within the group
    rest: Counts  # votes of everyone else compared
    p: float  # pa or pd in the group
    p_test: float
    r: float  # ra or rd
    r_test: float

    @property
    def metric(self) -> float:
        return self.r * self.r_test * self.p * self.p_test

    @property
    def share(self) -> float:
        """Share of the group's votes in ``direction`` (raw, no prior)."""
        n = self.group.agree if self.direction == "agree" else self.group.disagree
        return n / self.group.seen if self.group.seen else 0.0

    @property
    def rest_share(self) -> float:
        n = self.rest.agree if self.direction == "agree" else self.rest.disagree
        return n / self.rest.seen if self.rest.seen else 0.0


@dataclass(frozen=True, slots=True)
class Comparison:
    """A group's votes on a statement against the rest's, with Pol.is's tests."""

    g: Counts
    rest: Counts
    ra: float
    rd: float
    rat: float
    rdt: float
    pat: float
    pdt: float

    def passes(self) -> bool:
        return (significant(self.rat) and significant(self.pat)) or (
            significant(self.rdt) and significant(self.pdt)
        )

    def finalize(self, statement: str) -> Repness:
        if self.rat > self.rdt:
            return Repness(
                statement, "agree", self.g, self.rest, self.g.pa, self.pat, self.ra, self.rat
            )
        return Repness(
            statement, "disagree", self.g, self.rest, self.g.pd, self.pdt, self.rd, self.rdt
        )


def compare(g: Counts, rest: Counts) -> Comparison:
    pa_rest = (1 + rest.agree) / (2 + rest.seen)
    pd_rest = (1 + rest.disagree) / (2 + rest.seen)
    return Comparison(
        g=g,
        rest=rest,
        ra=g.pa / pa_rest,
        rd=g.pd / pd_rest,
        rat=two_prop_test(g.agree, rest.agree, g.seen, rest.seen),
        rdt=two_prop_test(g.disagree, rest.disagree, g.seen, rest.seen),
        pat=prop_test(g.agree, g.seen),
        pdt=prop_test(g.disagree, g.seen),
    )


def _beats_best_agree(s: Comparison, best: Comparison | None) -> bool:
    if s.g.agree == 0 and s.g.disagree == 0:
        return False
    if best is not None and best.ra > 1.0:
        return s.ra * s.rat * s.g.pa * s.pat > best.ra * best.rat * best.g.pa * best.pat
    if best is not None:
        return s.g.pa * s.pat > best.g.pa * best.pat
    return significant(s.pat) or (s.ra > 1.0 and s.g.pa > 0.5)


def representative(
    votes: FloatArray,
    statements: Sequence[str],
    members: Sequence[Sequence[int]],
    *,
    limit: int = MAX_REPRESENTATIVE,
) -> list[list[Repness]]:
    """Representative statements per group (Pol.is ``select-rep-comments``).

    ``votes`` is residents x statements (NaN unseen) holding only the statements that may
    be shown; ``members[g]`` are the row indices of group g. "Rest" is the other groups.
    """
    group_counts = [[counts(votes[list(m), j]) for j in range(len(statements))] for m in members]
    out: list[list[Repness]] = []
    for gi in range(len(members)):
        sufficient: list[Repness] = []
        best: Comparison | None = None
        best_tid: str | None = None
        best_agree: Comparison | None = None
        best_agree_tid: str | None = None
        for j, tid in enumerate(statements):
            others = [group_counts[o][j] for o in range(len(members)) if o != gi]
            rest = Counts(
                sum(c.agree for c in others),
                sum(c.disagree for c in others),
                sum(c.seen for c in others),
            )
            s = compare(group_counts[gi][j], rest)
            if s.passes():
                sufficient.append(s.finalize(tid))
            if not sufficient and (best is None or max(s.rat, s.rdt) > max(best.rat, best.rdt)):
                best, best_tid = s, tid
            if _beats_best_agree(s, best_agree):
                best_agree, best_agree_tid = s, tid
        head: list[Repness] = []
        if best_agree is not None and best_agree_tid is not None:
            head = [best_agree.finalize(best_agree_tid)]
        elif best is not None and best_tid is not None:
            head = [best.finalize(best_tid)]
        if not sufficient:
            out.append(head)
            continue
        ranked = sorted(
            (r for r in sufficient if r.statement != best_agree_tid), key=lambda r: -r.metric
        )
        chosen = (head if best_agree is not None else []) + ranked
        chosen = chosen[:limit]
        out.append(
            [r for r in chosen if r.direction == "agree"]
            + [r for r in chosen if r.direction == "disagree"]
        )
    return out


@dataclass(frozen=True, slots=True)
class Consensus:
    """A statement most residents agree (or disagree) with, across groups."""

    statement: str
    direction: str  # "agree" or "disagree"
    overall: Counts
    p: float
    p_test: float
    group_consensus: float  # product over groups of (1 + n_g) / (2 + seen_g)
    group_shares: tuple[float, ...]  # share agreeing (or disagreeing) in each group


def consensus(
    votes: FloatArray,
    statements: Sequence[str],
    members: Sequence[Sequence[int]],
    *,
    min_votes: int = 20,
    limit: int = MAX_REPRESENTATIVE,
) -> list[Consensus]:
    """Common ground: statements that Pol.is's consensus test passes overall (p > 0.5 and
    its z test significant) and that a majority of every group shares, ranked by the
    group-aware consensus. A statement seen by fewer than ``min_votes`` residents is never
    common ground (Jigsaw's Sensemaker rule): a handful of votes cannot show it.
    """
    found: list[Consensus] = []
    for j, tid in enumerate(statements):
        overall = counts(votes[:, j])
        if overall.seen < min_votes:
            continue
        per_group = [counts(votes[list(m), j]) for m in members]
        for direction in ("agree", "disagree"):
            n = overall.agree if direction == "agree" else overall.disagree
            p = (1 + n) / (2 + overall.seen)
            z = prop_test(n, overall.seen)
            if not (p > 0.5 and significant(z)):
                continue
            probs = [(c.pa if direction == "agree" else c.pd) for c in per_group]
            if any(q <= 0.5 for q in probs):
                continue
            shares = tuple(
                ((c.agree if direction == "agree" else c.disagree) / c.seen) if c.seen else 0.0
                for c in per_group
            )
            found.append(Consensus(tid, direction, overall, p, z, float(np.prod(probs)), shares))
    found.sort(key=lambda c: (c.direction != "agree", -c.group_consensus))
    agree = [c for c in found if c.direction == "agree"][:limit]
    disagree = [c for c in found if c.direction == "disagree"][:limit]
    return agree + disagree


@dataclass(frozen=True, slots=True)
class Divisive:
    """A statement the groups split on."""

    statement: str
    spread: float  # highest minus lowest group agree share
    variance: float  # vote-weighted variance of group agree shares
    group_shares: tuple[float, ...]
    group_seen: tuple[int, ...]


def divisive(
    votes: FloatArray,
    statements: Sequence[str],
    members: Sequence[Sequence[int]],
    *,
    min_votes: int = 20,
    min_group_votes: int = 5,
    min_spread: float = 0.3,
    limit: int = MAX_REPRESENTATIVE,
) -> list[Divisive]:
    """Statements whose agree share differs most between groups (vote-weighted variance of
    the groups' agree shares), among those with enough votes overall and in every group."""
    if len(members) < 2:
        return []
    found: list[Divisive] = []
    for j, tid in enumerate(statements):
        per_group = [counts(votes[list(m), j]) for m in members]
        seen = np.array([c.seen for c in per_group], dtype=np.float64)
        if seen.sum() < min_votes or seen.min() < min_group_votes:
            continue
        shares = np.array([c.agree_share for c in per_group])
        mean = float(np.sum(shares * seen) / seen.sum())
        var = float(np.sum(seen * (shares - mean) ** 2) / seen.sum())
        spread = float(shares.max() - shares.min())
        if spread >= min_spread:
            found.append(
                Divisive(
                    tid, spread, var, tuple(float(s) for s in shares), tuple(int(s) for s in seen)
                )
            )
    found.sort(key=lambda d: -d.variance)
    return found[:limit]
