"""What the report's opinions partial shows, as plain values: build it with
:func:`opinions_view` and render ``_partials/opinions.html`` with it as ``opinions``."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from analysis.opinions.equity_lens import (
    DEFAULT_K,
    EquityLens,
    MakeupCell,
    equity_lens,
    group_makeup,
)
from analysis.opinions.result import OpinionResult
from analysis.opinions.svg import group_colour, group_letter, opinion_map_svg
from analysis.rounddata import RoundData


@dataclass(frozen=True, slots=True)
class StatementLine:
    text: str
    direction: str  # "agree" or "disagree"
    share: float  # in the group (or overall)
    rest_share: float | None  # others, for representative statements
    votes: int


@dataclass(frozen=True, slots=True)
class GroupView:
    letter: str
    colour: str
    size: int
    statements: tuple[StatementLine, ...]
    makeup: dict[str, list[MakeupCell]]


@dataclass(frozen=True, slots=True)
class SplitLine:
    text: str
    shares: tuple[tuple[str, float], ...]  # (group letter, agree share)


@dataclass(frozen=True, slots=True)
class StabilityView:
    """How far the groups hold when Pol.is's steps are rerun (see
    :mod:`analysis.opinions.stability`)."""

    runs: int
    share_stable: float  # of grouped residents, in the same group in every rerun
    same_k: float  # share of reruns that found as many groups
    by_group: tuple[tuple[str, float], ...]  # (group letter, share stable)
    firm: bool  # most residents (at least FIRM) keep their group and every rerun agrees on k


FIRM = 0.9


@dataclass(frozen=True)
class OpinionsView:
    svg: Markup
    k: int
    n_voters: int
    n_grouped: int
    n_statements: int
    min_votes: int
    k_suppress: int
    groups: tuple[GroupView, ...]
    common_ground: tuple[StatementLine, ...]
    divisive: tuple[SplitLine, ...]
    lens: tuple[str, ...]  # equity-lens sentences
    lens_suppressed: int  # demographic groups too small to test
    stability: StabilityView | None = None


def opinions_view(
    result: OpinionResult,
    data: RoundData,
    *,
    k: int = DEFAULT_K,
    lens: EquityLens | None = None,
) -> OpinionsView:
    texts = result.statement_text
    lens = lens if lens is not None else equity_lens(data, k=k)
    makeup = group_makeup(data, result.groups, result.k, k=k)
    groups = tuple(
        GroupView(
            letter=group_letter(g),
            colour=group_colour(g),
            size=size,
            statements=tuple(
                StatementLine(
                    texts.get(r.statement, r.statement),
                    r.direction,
                    r.share,
                    r.rest_share,
                    r.group.seen,
                )
                for r in result.representative[g]
            )
            if g < len(result.representative)
            else (),
            makeup=makeup.get(g, {}),
        )
        for g, size in enumerate(result.group_sizes)
    )
    common = tuple(
        StatementLine(
            texts.get(c.statement, c.statement),
            c.direction,
            (c.overall.agree if c.direction == "agree" else c.overall.disagree) / c.overall.seen,
            None,
            c.overall.seen,
        )
        for c in result.common_ground
    )
    splits = tuple(
        SplitLine(
            texts.get(d.statement, d.statement),
            tuple((group_letter(g), s) for g, s in enumerate(d.group_shares)),
        )
        for d in result.divisive
    )
    stability = None
    if result.stability is not None:
        st = result.stability
        stability = StabilityView(
            runs=st.runs,
            share_stable=st.share_stable,
            same_k=st.same_k,
            by_group=tuple((group_letter(g), share) for g, share in enumerate(st.by_group)),
            firm=st.share_stable >= FIRM and st.same_k == 1.0,
        )
    return OpinionsView(
        # Safe to mark: opinion_map_svg escapes every text it draws.
        svg=Markup(opinion_map_svg(result)),
        k=result.k,
        n_voters=result.n_voters,
        n_grouped=len(result.groups),
        n_statements=result.n_statements,
        min_votes=result.min_votes,
        k_suppress=k,
        groups=groups,
        common_ground=common,
        divisive=splits,
        lens=tuple(f.sentence for f in lens.findings),
        lens_suppressed=len(lens.suppressed),
        stability=stability,
    )
