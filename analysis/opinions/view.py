"""What the report's opinions partial shows, as plain values: build it with
:func:`opinions_view` and render ``_partials/opinions.html`` with it as ``opinions``."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from civicbot_analysis.disclosure_polis import VoteIndex
from civicbot_analysis.opinions.equity_lens import DEFAULT_K, EquityLens, equity_lens
from civicbot_analysis.opinions.result import OpinionResult
from civicbot_analysis.opinions.shares_across import hidden_on_statements, shown_line
from civicbot_analysis.opinions.sizes import group_sizes
from civicbot_analysis.opinions.svg import group_colour, group_letter, opinion_map_svg
from civicbot_analysis.rounddata import DEMOGRAPHIC_FIELDS, RoundData
from civicbot_analysis.suppress import Cell, Suppressor


@dataclass(frozen=True, slots=True)
class StatementLine:
    text: str
    direction: str  # "agree" or "disagree"
    share: Cell  # in the group (or overall), from protected counts
    rest_share: Cell | None  # others, for representative statements
    votes: Cell


@dataclass(frozen=True, slots=True)
class GroupView:
    letter: str
    colour: str
    size: Cell
    statements: tuple[StatementLine, ...]
    makeup: dict[str, dict[str, Cell]]


@dataclass(frozen=True, slots=True)
class SplitLine:
    text: str
    shares: tuple[tuple[str, Cell], ...]  # (group letter, agree share)


@dataclass(frozen=True, slots=True)
class StabilityView:
    """How far the groups hold when Pol.is's steps are rerun (see
    :mod:`civicbot_analysis.opinions.stability`)."""

    runs: int
    restarts: int  # of ``runs``, reruns from other starting points
    cadences: int  # ... and replays of the votes' history at other update cadences
    share_stable: float  # of grouped residents, in the same group in every rerun
    same_k: float  # share of reruns that found as many groups
    by_group: tuple[tuple[str, float], ...]  # (group letter, share stable)
    firm: bool  # most residents (at least FIRM) keep their group and every rerun agrees on k


FIRM = 0.9


@dataclass(frozen=True)
class OpinionsView:
    svg: Markup
    k: int
    n_voters: Cell
    n_grouped: Cell
    n_ungrouped: Cell
    n_statements: int
    min_votes: int
    k_suppress: int
    groups: tuple[GroupView, ...]
    common_ground: tuple[StatementLine, ...]
    divisive: tuple[SplitLine, ...]
    lens: tuple[str, ...]  # equity-lens sentences
    lens_suppressed: int  # demographic groups too small to test
    stability: StabilityView | None = None
    # A Pol.is export whose own groups came from a later Pol.is math than its votes' dates give
    # (civicbot_analysis.polis_era): Pol.is's groups cannot be rebuilt from the export.
    later_recompute: bool = False

    def most(self, line: StatementLine) -> str:
        """ "85% agreed", or "Most agreed" when the share is hidden."""
        verb = "agreed" if line.direction == "agree" else "disagreed"
        return f"{line.share.render()} {verb}" if line.share.shown else f"Most {verb}"

    def fig(self, cell: Cell) -> str:
        """A figure as the reader sees it: its value, or why it is hidden."""
        return self.fig_text(cell, self.k_suppress)

    @staticmethod
    def fig_text(cell: Cell, k: int) -> str:
        return cell.render() if cell.shown else cell.why(k, short=True)


def opinions_view(
    result: OpinionResult,
    data: RoundData,
    *,
    k: int = DEFAULT_K,
    lens: EquityLens | None = None,
    later_recompute: bool = False,
) -> OpinionsView:
    """What the report shows of the opinion groups: every figure protected by the cell-key
    method (see :mod:`civicbot_analysis.disclosure_polis`); a group of 10 or fewer shows no
    shares."""
    texts = result.statement_text
    lens = lens if lens is not None else equity_lens(data, k=k)
    voters = list(dict.fromkeys(v.resident for v in data.votes))
    s = Suppressor.for_round([*(r.id for r in data.residents), *voters], k)
    index = VoteIndex(data)
    members = [result.members(g) for g in range(len(result.group_sizes))]
    # Sizes with secondary suppression (hidden groups not worked out by subtraction); the
    # topics view reads the same.
    sized = group_sizes(s, members, voters)
    # Shares on a statement hidden so that everyone's share less the shown groups' gives no
    # hidden group (or few ungrouped voters) away; the topics view hides the same.
    across = hidden_on_statements(result, index, s, sized.groups, voters)

    def line(
        statement: str, direction: str, who: list[str], rest: list[str] | None
    ) -> StatementLine:
        return StatementLine(
            texts.get(statement, statement),
            direction,
            index.share(s, statement, who, direction),
            None if rest is None else index.share(s, statement, rest, direction),
            index.votes(s, statement, who),
        )

    groups: list[GroupView] = []
    for g, who in enumerate(members):
        size = sized.groups[g]
        # Everyone else who voted, grouped or not: the group's share and theirs then add up
        # to everyone's, so the two leave nobody to work out.
        rest = [r for r in voters if result.groups.get(r) != g]
        lines: tuple[StatementLine, ...] = ()
        if size.shown and g < len(result.representative):
            reps = [r for r in result.representative[g] if g not in across.get(r.statement, ())]
            found = (line(r.statement, r.direction, who, rest) for r in reps)
            # A statement no one in the group took the side of says nothing about it.
            lines = tuple(x for x in found if shown_line(x.share))
        makeup = index.makeup(s, who, DEMOGRAPHIC_FIELDS) if size.shown else {}
        groups.append(GroupView(group_letter(g), group_colour(g), size, lines, makeup))
    # Common ground is named even when its share would rest on fewer than k residents
    # (then only as "most of those who voted"): which statements unite people is the point.
    common = tuple(line(c.statement, c.direction, voters, None) for c in result.common_ground)
    splits = tuple(
        SplitLine(
            texts.get(d.statement, d.statement),
            tuple(
                (group_letter(g), index.share(s, d.statement, who, "agree"))
                for g, who in enumerate(members)
            ),
        )
        for d in result.divisive
    )
    sentences = tuple(
        index.lens_sentence(s, f.sentence, f.field, f.value, f.statement, f.direction)
        for f in lens.findings
    )
    # The map draws only groups whose size is shown, as ovals (no resident is drawn, so
    # nothing on it can be counted), and its description gives the protected figures.
    big = {g for g, group in enumerate(groups) if group.size.shown}
    n_voters, n_grouped, n_ungrouped = sized.n_voters, sized.n_grouped, sized.n_ungrouped
    fig = OpinionsView.fig_text
    left_off = [g.letter for g in groups if not g.size.shown]
    desc = (
        "Each opinion group is drawn as two ovals around its centre: the darker where about "
        "half of its residents sit, the lighter where about nine in ten do. Residents who "
        "voted alike sit close together, so groups far apart voted differently. No resident "
        f"is drawn. {fig(n_grouped, k)} residents fall into {result.k} opinion groups"
        + "".join(f"; group {g.letter}: {fig(g.size, k)}" for g in groups)
        + f". {fig(n_ungrouped, k)} residents voted too little to be grouped and are not drawn"
        + (
            f"; group{'s' if len(left_off) > 1 else ''} {', '.join(left_off)}, whose size is "
            "hidden, not drawn either."
            if left_off
            else "."
        )
    )
    stability = None
    if result.stability is not None:
        st = result.stability
        stability = StabilityView(
            runs=st.runs,
            restarts=st.restarts or (st.runs - st.cadences),
            cadences=st.cadences,
            share_stable=st.share_stable,
            same_k=st.same_k,
            # A group of 10 or fewer is not described by how many of it stayed.
            by_group=tuple(
                (group_letter(g), share)
                for g, share in enumerate(st.by_group)
                if g < len(groups) and groups[g].size.shown
            ),
            firm=st.share_stable >= FIRM and st.same_k == 1.0,
        )
    return OpinionsView(
        # Safe to mark: opinion_map_svg escapes every text it draws.
        svg=Markup(opinion_map_svg(result, shown=big, desc=desc)),
        k=result.k,
        n_voters=n_voters,
        n_grouped=n_grouped,
        n_ungrouped=n_ungrouped,
        n_statements=result.n_statements,
        min_votes=result.min_votes,
        k_suppress=k,
        groups=tuple(groups),
        common_ground=common,
        divisive=splits,
        lens=sentences,
        lens_suppressed=len(lens.suppressed),
        stability=stability,
        later_recompute=later_recompute,
    )
