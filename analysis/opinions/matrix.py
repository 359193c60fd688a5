"""The vote matrix: residents by statements, as Pol.is's math builds it.

Rows are residents who voted, in the order they first appear (Pol.is appends a row when a
participant's first vote arrives, and its k-means starts from the first rows). Columns are the
statements that received votes. Cells hold 1 agree, -1 disagree, 0 pass, NaN unseen.

Statements a moderator rejected (``moderated == -1``) stay as columns, as they do in Pol.is:
their votes count towards who has voted enough, but the column is zeroed before the PCA, so it
carries no opinion, and no analysis output ever names them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from civicbot_analysis.rounddata import RoundData

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

VALID_VOTES = frozenset({-1, 0, 1})


@dataclass(frozen=True)
class VoteMatrix:
    """Votes as a dense matrix with NaN for "not seen"."""

    residents: tuple[str, ...]
    statements: tuple[str, ...]
    raw: FloatArray  # votes as cast, NaN where unseen
    active: BoolArray  # per column: False when the statement was moderated out

    @property
    def n_residents(self) -> int:
        return len(self.residents)

    @property
    def n_statements(self) -> int:
        return len(self.statements)

    def rating(self) -> FloatArray:
        """Pol.is's ``rating-mat``: moderated-out columns set to 0 for everyone."""
        mat = self.raw.copy()
        mat[:, ~self.active] = 0.0
        return mat

    def vote_counts(self) -> npt.NDArray[np.int64]:
        """Votes cast per resident, moderated-out statements included (Pol.is's
        ``user-vote-counts``, which decides who is clustered)."""
        return np.sum(~np.isnan(self.raw), axis=1).astype(np.int64)

    def active_statements(self) -> tuple[str, ...]:
        return tuple(s for s, a in zip(self.statements, self.active, strict=True) if a)


def build_vote_matrix(data: RoundData, *, keep: Collection[str] = ()) -> VoteMatrix:
    """Build the matrix from a round's statements and votes.

    A vote on a statement the round does not list is kept (treated as not moderated out);
    when the same resident voted twice on a statement the later vote in ``data.votes`` wins.
    Residents in ``keep`` get a row even without a vote here (a Pol.is export read without its
    rejected comments, whose matrix holds a row for those who voted only on them).
    """
    voters = {v.resident for v in data.votes} | (set(keep) & {r.id for r in data.residents})
    rows: list[str] = [r.id for r in data.residents if r.id in voters]
    seen_rows = set(rows)
    for v in data.votes:
        if v.resident not in seen_rows:
            seen_rows.add(v.resident)
            rows.append(v.resident)

    voted = {v.statement for v in data.votes}
    moderated = {s.id: s.moderated for s in data.statements}
    cols: list[str] = [s.id for s in data.statements if s.id in voted]
    seen_cols = set(cols)
    for v in data.votes:
        if v.statement not in seen_cols:
            seen_cols.add(v.statement)
            cols.append(v.statement)

    row_index = {r: i for i, r in enumerate(rows)}
    col_index = {c: j for j, c in enumerate(cols)}
    raw = np.full((len(rows), len(cols)), np.nan, dtype=np.float64)
    for v in data.votes:
        if v.vote not in VALID_VOTES:
            raise ValueError(f"vote {v.vote!r} by {v.resident!r} is not 1, -1 or 0")
        raw[row_index[v.resident], col_index[v.statement]] = float(v.vote)
    active = np.array([moderated.get(c, 0) != -1 for c in cols], dtype=np.bool_)
    return VoteMatrix(residents=tuple(rows), statements=tuple(cols), raw=raw, active=active)
