"""Small-number suppression and the cell-key method: no published figure rests on fewer
than k people, and none can be worked back from others or from an earlier version.

Every count, share, mean, interval or ratio the report publishes goes through a
:class:`Suppressor`, which returns a :class:`Cell`: the figure, or a suppressed cell that
holds no value at all (so a renderer or a JSON dump cannot leak it by mistake) and says
why it is hidden (:meth:`Cell.why`).

Published counts are perturbed with the cell-key method (:mod:`civicbot_analysis.disclosure`): a
count's key is the sum of its residents' keys, passed as ``key``; a :class:`Suppressor`
made with :meth:`Suppressor.for_round` (or given a ``release`` key) adds the round's
release key, perturbs, and hides counts of exactly k or 0 when their key says so. Shares
are worked out from perturbed counts; means from perturbed counts by value. Everything
that publishes (the report, ``/stats``, ``/results``, broadcasts, opinion groups) uses
:meth:`Suppressor.for_round`; a bare ``Suppressor(k)`` gives the exact figures under the
same suppression rules, which is what the statistics' own unit tests check.

Rules (k defaults to 10, following the UK Longitudinal Linkage Collaboration; never
below 5):

- A count is shown if it is at least k; a count of exactly k, or of 0, is hidden when
  its cell key says so (about half the time), so that a count reaching k, or leaving 0,
  cannot be seen by comparing versions. A shown count is never shown below k.
- A share ``num / den`` is shown only if ``den``, ``num`` and its complement ``den - num``
  may all be shown (95% of 160 would reveal 8 people).
- A mean, interval, ratio or score is shown only if it rests on at least k people.
- Tables with a published total (:func:`suppress_table`): after the primary suppression
  above, the cells hidden from a table must never be recoverable from the total minus the
  published cells. So if any cell is hidden, at least two are, and the hidden cells
  together hold 0 or at least k people (k + 1 when the table's key says so); otherwise
  another published cell is hidden too: the smallest, taken from the groups the report
  exists to hear (``protect``) only when no other cell is left. A total below k hides
  every cell (and the total itself). Rows passed in should cover the total (include
  "prefer not to say" and "not answered" as rows), so no remainder leaks a small number.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from civicbot_analysis import disclosure as dc

DEFAULT_K = 10
MIN_K = 5
SUPPRESSED_MARK = "*"
SMALL = "small"
SECONDARY = "secondary"

# The kinds of figure a Cell may hold, which decide how it renders.
KINDS = ("count", "share", "mean", "ratio", "score", "share_interval", "mean_interval")


def reason_text(reason: str, k: int, short: bool = False) -> str:
    """Why a figure is hidden, in words a reader understands (``short`` for table cells,
    whose legend gives the long form)."""
    if reason == SECONDARY:
        if short:
            return "hidden to protect another"
        return "hidden so that another small number cannot be worked out"
    return f"{k} or fewer"


@dataclass(frozen=True, slots=True)
class Cell:
    """One publishable figure, or a suppressed one.

    ``value`` is a number (or a ``(low, high)`` pair for intervals), ``None`` when
    suppressed; a shown count is the protected (perturbed) count. ``n`` is the smallest
    number of people the figure rests on (zero parts ignored), also ``None`` when
    suppressed; it is never published. ``reason`` is :data:`SMALL` (k or fewer people) or
    :data:`SECONDARY` (hidden so another hidden figure cannot be worked out).
    """

    value: float | tuple[float, float] | None
    n: int | None
    suppressed: bool
    kind: str = "count"
    reason: str = ""

    def render(self) -> str:
        """The figure as text (``"31%"``, ``"2.1"``, ``"1,204"``), or ``"*"`` if suppressed."""
        if self.suppressed or self.value is None:
            return SUPPRESSED_MARK
        v = self.value
        if isinstance(v, tuple):
            lo, hi = v
            if self.kind == "share_interval":
                return f"{100 * lo:.0f}%–{100 * hi:.0f}%"
            return f"{lo:.1f}–{hi:.1f}"
        if self.kind == "count":
            return f"{round(v):,}"
        if self.kind == "share":
            return f"{100 * v:.0f}%"
        if self.kind in ("ratio", "score"):
            return f"{v:.2f}"
        return f"{v:.1f}"

    def why(self, k: int, short: bool = False) -> str:
        """Why the figure is hidden ("" if shown)."""
        return reason_text(self.reason or SMALL, k, short) if self.suppressed else ""

    def __str__(self) -> str:
        return self.render()

    @property
    def shown(self) -> bool:
        return not self.suppressed


def _number(cell: Cell) -> float:
    v = cell.value
    return float(v) if isinstance(v, int | float) else 0.0


def _hidden(kind: str, reason: str = SMALL) -> Cell:
    return Cell(value=None, n=None, suppressed=True, kind=kind, reason=reason)


def hidden_like(kind: str, reason: str) -> Cell:
    """A hidden figure of ``kind`` for ``reason`` (a figure built on a hidden one)."""
    return _hidden(kind, reason or SMALL)


def _hidden_primary(n: int, k: int, full_key: int | None) -> bool:
    """The primary rule: fewer than k, or exactly k or 0 when the key's bit is set."""
    if 0 < n < k:
        return True
    return full_key is not None and n in (0, k) and dc.threshold_bit(full_key) == 1


class Suppressor:
    """Builds :class:`Cell` values under a threshold ``k`` (default 10, never below 5).

    ``release`` is the round's release key (:func:`civicbot_analysis.disclosure.release_key`);
    :meth:`for_round` makes one from the round's residents.
    """

    def __init__(self, k: int = DEFAULT_K, release: int | None = None) -> None:
        if not isinstance(k, int) or isinstance(k, bool):
            raise TypeError(f"k must be a whole number, not {k!r}")
        if k < MIN_K:
            raise ValueError(f"k = {k} is too small: small-number suppression needs k >= {MIN_K}")
        self.k = k
        self.release = None if release is None else int(release) % dc.KEY_SPACE

    @property
    def perturbing(self) -> bool:
        """Whether counts are protected by the cell-key method (a release key was given)."""
        return self.release is not None

    @classmethod
    def for_round(cls, resident_ids: Iterable[str], k: int = DEFAULT_K) -> Suppressor:
        return cls(k, dc.release_key(resident_ids))

    def ok(self, n: int) -> bool:
        """Whether a group of ``n`` people may be shown at all (0 or at least k)."""
        return n == 0 or n >= self.k

    def full_key(self, n: int, key: int | None, label: str = "") -> int | None:
        """The cell key of a count: its residents' key (or, without one, its label's);
        None when not perturbing."""
        if self.release is None:
            return None
        if n == 0 or key is None:
            key = dc.label_key(f"{label}#{n}" if n else label)
        return dc.cell_key(key, self.release)

    def _value(self, n: int, full: int | None) -> int:
        return n if full is None else dc.perturb(n, full, self.k)

    def count(self, n: int, key: int | None = None, label: str = "") -> Cell:
        """A protected count of ``n`` residents whose keys sum to ``key``.

        Without ``key`` (a count of answers, say), the label and the count stand in for
        the residents' keys, so the noise still changes with every new release.
        """
        n = int(n)
        full = self.full_key(n, key, label)
        if _hidden_primary(n, self.k, full):
            return _hidden("count")
        return Cell(value=self._value(n, full), n=n, suppressed=False, kind="count")

    def noisy(self, n: int, key: int | None, label: str = "") -> int:
        """A count with its noise and no floor, for sums that are published only in total
        (the base of a field's shares); exact when not perturbing."""
        full = self.full_key(int(n), key, label)
        return int(n) if full is None else dc.perturb(int(n), full)

    def protected(self, n: int, key: int | None, label: str = "") -> int:
        """The perturbed value of a count that may be shown (never below k)."""
        return self._value(int(n), self.full_key(int(n), key, label))

    def count_of(self, residents: Collection[str], label: str = "") -> Cell:
        """A protected count of the given residents (by pseudonym)."""
        return self.count(len(residents), dc.key_sum(residents), label)

    def share(
        self,
        num: int,
        den: int,
        num_key: int | None = None,
        den_key: int | None = None,
        label: str = "",
    ) -> Cell:
        """``num / den`` from protected counts; keys are the residents' key sums."""
        num, den = int(num), int(den)
        if num_key is None or den_key is None:
            num_key = dc.label_key(f"{label}/num#{num}")
            den_key = (num_key + dc.label_key(f"{label}/rest#{den - num}")) % dc.KEY_SPACE
        top = self.count(num, num_key, label + "/num")
        rest = self.count(den - num, (den_key - num_key) % dc.KEY_SPACE, label + "/rest")
        base = self.count(den, den_key, label + "/den")
        if den < self.k or top.suppressed or rest.suppressed or base.suppressed:
            return _hidden("share")
        if num == 0:
            value = 0.0
        elif num == den:
            value = 1.0
        else:
            value = min(1.0, _number(top) / _number(base))
        parts = [x for x in (num, den - num) if x > 0]
        return Cell(value=value, n=min(parts), suppressed=False, kind="share")

    def share_of(self, num: Collection[str], den: Collection[str], label: str = "") -> Cell:
        """The share of residents ``den`` who are in ``num`` (``num`` within ``den``)."""
        within = den if isinstance(den, set | frozenset) else set(den)
        inside = [r for r in num if r in within]
        return self.share(len(inside), len(den), dc.key_sum(inside), dc.key_sum(den), label)

    def mean_of_counts(
        self, values: Iterable[float], counts: Iterable[int], keys: Iterable[int]
    ) -> Cell:
        """A mean from counts by value, each perturbed by its residents' key sum."""
        v = np.fromiter(values, np.float64)
        c = np.fromiter(counts, np.int64)
        n = int(c.sum())
        if self.release is None:
            full = None
        else:
            full = (np.fromiter(keys, np.int64) + self.release) % dc.KEY_SPACE
        got = dc.protected_mean(v, c, full) if n >= self.k else None
        if got is None:
            return _hidden("mean")
        return Cell(value=got[0], n=n, suppressed=False, kind="mean")

    def mean(self, values: Iterable[float]) -> Cell:
        """The mean of raw values: exact figures only (publishers use :meth:`mean_of_counts`)."""
        arr = np.fromiter(values, dtype=np.float64)
        return self.summary(float(arr.mean()) if arr.size else float("nan"), arr.size)

    def summary(self, value: float, n: int, kind: str = "mean") -> Cell:
        """A figure (mean, ratio, score) computed from protected counts of ``n`` people."""
        n = int(n)
        if n < self.k or not np.isfinite(value):
            return _hidden(kind)
        return Cell(value=float(value), n=n, suppressed=False, kind=kind)

    def interval(self, low: float, high: float, n: int, kind: str = "mean_interval") -> Cell:
        n = int(n)
        if n < self.k or not (np.isfinite(low) and np.isfinite(high)):
            return _hidden(kind)
        return Cell(value=(float(low), float(high)), n=n, suppressed=False, kind=kind)

    def table(
        self,
        rows: Mapping[str, int],
        total: int,
        keys: Mapping[str, int] | None = None,
        protect: Collection[str] = (),
        label: str = "",
        inner: Collection[str] | None = None,
    ) -> dict[str, Cell]:
        return suppress_table(rows, total, k=self.k, keys=keys, protect=protect,
                              release=self.release, label=label, inner=inner)  # fmt: skip

    def table_of(
        self,
        rows: Mapping[str, Collection[str]],
        protect: Collection[str] = (),
        label: str = "",
        inner: Collection[str] | None = None,
    ) -> dict[str, Cell]:
        """A table of residents by cell (each resident in one cell), protected; ``inner``
        names rows whose sum is published too (see :func:`suppress_table`)."""
        counts = {key: len(who) for key, who in rows.items()}
        keys = {key: dc.key_sum(who) for key, who in rows.items()}
        return self.table(counts, sum(counts.values()), keys, protect, label, inner)


def suppress_table(
    rows: Mapping[str, int],
    total: int,
    k: int = DEFAULT_K,
    keys: Mapping[str, int] | None = None,
    protect: Collection[str] = (),
    release: int | None = None,
    label: str = "",
    inner: Collection[str] | None = None,
) -> dict[str, Cell]:
    """Primary and secondary suppression, and perturbation, of one table with a total.

    See the module docstring for the rule. ``keys`` are the residents' key sums per row
    (without them, each row's label and count stand in); ``protect`` names rows spared by
    secondary suppression while another row can be taken; ``inner`` names rows whose own
    sum is published elsewhere, whose hidden cells must obey the rule on their own too.
    Keys keep their order.
    """
    if k < MIN_K:
        raise ValueError(f"k = {k} is too small: small-number suppression needs k >= {MIN_K}")
    counts = {key: int(v) for key, v in rows.items()}
    s = Suppressor(k, release)

    def full(key: str) -> int | None:
        own = keys.get(key) if keys is not None else None
        return s.full_key(counts[key], own, f"{label}/{key}")

    if 0 < total < k:
        return {key: _hidden("count") for key in counts}
    primary = {key for key, v in counts.items() if _hidden_primary(v, k, full(key))}
    hidden = set(primary)
    need = k
    if release is not None:
        need += dc.table_bit(sum(full(key) or 0 for key in counts) % dc.KEY_SPACE)
    scopes = [set(counts)] + ([set(inner) & set(counts)] if inner is not None else [])
    for scope in scopes:
        _complete(counts, hidden, scope, need, set(protect))
    # A count of exactly k (or 0) hidden only by its key's bit, with nothing to hide beside
    # it, would be given away by the total anyway: show it (it is not small).
    for scope in scopes:
        mine = hidden & scope
        if len(mine) == 1 and counts[next(iter(mine))] in (0, k):
            hidden -= mine
            primary -= mine
    out: dict[str, Cell] = {}
    for key, v in counts.items():
        if key in hidden:
            out[key] = _hidden("count", SMALL if key in primary else SECONDARY)
        else:
            out[key] = Cell(value=s._value(v, full(key)), n=v, suppressed=False, kind="count")
    return out


def _complete(
    counts: Mapping[str, int], hidden: set[str], within: set[str], need: int, spared: set[str]
) -> None:
    """Hide more cells of ``within`` until its hidden cells are none, or at least two holding
    0 or at least ``need`` people together: other rows first, ``spared`` last, smallest first."""
    while hidden & within:
        mine = hidden & within
        total = sum(counts[key] for key in mine)
        if len(mine) >= 2 and (total == 0 or total >= need):
            return
        candidates = sorted(
            (key in spared, v, key) for key, v in counts.items() if key in within - hidden and v > 0
        )
        if not candidates:
            return
        hidden.add(candidates[0][2])
