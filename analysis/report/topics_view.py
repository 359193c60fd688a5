"""Topics × opinion groups: what the report shows of the topics of the statements, every
figure under the report's disclosure control.

For each topic (and subtopic) and each opinion group, the figure is the share of the votes
the group's members cast on the topic's statements that were "agree" votes. Votes, not
residents, are counted, so the count is protected by the cell-key method keyed by the
votes (resident and statement); on top of that the share is shown only when the group's
voters on the topic, the voters who agreed at least once and the voters who did not always
agree may each be shown (:meth:`~civicbot_analysis.suppress.Suppressor.count_of`), so no share rests
on fewer than k residents on either side. Its 95% interval is Wilson's on the protected
counts, with the number of votes divided by the design effect of votes clustered within
residents. A group hidden in the opinion groups (10 or fewer residents, or hidden to protect
another) shows nothing here.

Common ground and divisive statements are marked within their topics; statement texts are
scrubbed of personal data as quotes are.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from civicbot_analysis.disclosure import key_sum
from civicbot_analysis.disclosure_polis import VoteIndex
from civicbot_analysis.equity.stats import wilson_interval
from civicbot_analysis.report.topics_reading import ALIKE, reading, statement_bounds, widest_gap
from civicbot_analysis.rounddata import RoundData
from civicbot_analysis.scrub import scrub as scrub_text
from civicbot_analysis.suppress import SECONDARY, SMALL, Cell, Suppressor, hidden_like
from civicbot_analysis.suppress_sums import also_hide
from civicbot_analysis.topics import METHOD as TOPICS_METHOD
from civicbot_analysis.topics import Topic, TopicResult, find_topics

if TYPE_CHECKING:
    from civicbot_analysis.opinions.result import OpinionResult

__all__ = ["TOPICS_METHOD", "TopicsView", "statement_topics", "topics_view"]


@dataclass(frozen=True)
class GroupShare:
    letter: str
    voters: Cell  # the group's residents who voted on the topic's statements
    share: Cell  # of their votes on the topic's statements, agree votes
    interval: Cell  # 95% interval of ``share``


@dataclass(frozen=True)
class StatementRow:
    id: str
    text: str  # scrubbed
    agree: Cell  # share of those who voted on it who agreed
    votes: Cell
    common: str = ""  # "agree" or "disagree" when it is common ground
    # Per group agree share, for the statements Pol.is marks divisive; ``divides`` only
    # when the shown shares' 95% intervals do not overlap (the section's test), so no
    # statement is called divisive on the strength of a hidden figure.
    split: tuple[tuple[str, Cell], ...] = ()
    divides: bool = False
    disagree: Cell | None = None  # share who disagreed, for common ground in disagreeing

    @property
    def all_shown(self) -> bool:
        """Every group's share is shown (so listing them hides nothing beside "everyone")."""
        return bool(self.split) and all(c.shown for _, c in self.split)

    def by_group(self, k: int) -> str:
        """The groups' shares in words ("agreed in group A 30%, group B 70%"); hidden ones
        named as hidden, with why, and nothing said of them."""
        figures = ", ".join(f"group {x} {c.render()}" for x, c in self.split if c.shown)
        out = [f"agreed in {figures}"] if figures else []
        why: dict[str, list[str]] = {}
        for x, c in self.split:
            if not c.shown:
                reason = f"{k} or fewer on one side" if c.reason != SECONDARY else c.why(k)
                why.setdefault(reason, []).append(f"group {x}’s")
        for reason, names in why.items():
            plural = "shares are" if len(names) > 1 else "share is"
            out.append(f"{' and '.join(names)} {plural} hidden ({reason})")
        return "; ".join(out)


@dataclass(frozen=True)
class TopicView:
    id: str
    label: str
    description: str
    terms: tuple[str, ...]
    n_statements: int
    voters: Cell
    overall: GroupShare  # everyone who voted, as one group ("all")
    groups: tuple[GroupShare, ...]
    reading: str  # one sentence: where the groups agree or divide on this topic
    statements: tuple[StatementRow, ...]
    subtopics: tuple[TopicView, ...] = ()


@dataclass(frozen=True)
class GroupHead:
    letter: str
    colour: str
    size: Cell


@dataclass(frozen=True)
class TopicsView:
    topics: tuple[TopicView, ...]
    groups: tuple[GroupHead, ...]  # opinion groups, the columns of topics × groups
    n_statements: int  # statements in topics
    left_out: int  # statements that took no part
    note: str
    k: int

    def fig(self, cell: Cell) -> str:
        return cell.render() if cell.shown else cell.why(self.k, short=True)

    @property
    def alike_points(self) -> int:
        """How close (percentage points) shown shares must be to be called alike."""
        return round(100 * ALIKE)


def _tallies(
    index: VoteIndex, statements: Sequence[str], residents: Collection[str]
) -> dict[str, list[int]]:
    """Per resident of ``residents`` who voted on ``statements``: [agree votes, votes]."""
    per: dict[str, list[int]] = {}
    for sid in statements:
        for r, v in index.by_statement.get(sid, {}).items():
            if r in residents:
                tally = per.setdefault(r, [0, 0])
                tally[1] += 1
                tally[0] += v == 1
    return per


def _gates(per: dict[str, list[int]]) -> tuple[int, int, int]:
    """The three counts of residents a topic share rests on: voters, voters who agreed at
    least once, voters who did not always agree (each adds up over the groups)."""
    return len(per), sum(a > 0 for a, _ in per.values()), sum(a < n for a, n in per.values())


def topic_share(
    s: Suppressor,
    index: VoteIndex,
    statements: Sequence[str],
    residents: Sequence[str],
    label: str,
    letter: str,
) -> GroupShare:
    """The protected share of agree votes among ``residents``' votes on ``statements``."""
    members = set(residents)
    per = _tallies(index, statements, members)
    agree_votes: list[str] = []
    all_votes: list[str] = []
    for sid in statements:
        for r, v in index.by_statement.get(sid, {}).items():
            if r in members:
                all_votes.append(f"{r}\x1f{sid}")
                if v == 1:
                    agree_votes.append(f"{r}\x1f{sid}")
    voters = s.count_of(list(per), f"{label}:voters")
    agreed = s.count_of([r for r, (a, _) in per.items() if a > 0], f"{label}:agreed")
    other = s.count_of([r for r, (a, n) in per.items() if a < n], f"{label}:other")
    if not (voters.shown and agreed.shown and other.shown):
        reason = voters.reason if not voters.shown else SMALL
        return GroupShare(letter, voters, hidden_like("share", reason),
                          hidden_like("share_interval", reason))  # fmt: skip
    n_agree, n_all = len(agree_votes), len(all_votes)
    share = s.share(n_agree, n_all, key_sum(agree_votes), key_sum(all_votes), label)
    if not share.shown or not isinstance(share.value, float):
        return GroupShare(letter, voters, share, hidden_like("share_interval", share.reason))
    n_eff = s.protected(n_all, key_sum(all_votes)) / _design_effect(list(per.values()))
    low, high = wilson_interval(share.value * n_eff, n_eff)
    interval = s.interval(float(low), float(high), len(per), "share_interval")
    return GroupShare(letter, voters, share, interval)


def _secondary(letter: str) -> GroupShare:
    """A group's figures hidden so that another group's hidden ones cannot be worked out."""
    return GroupShare(
        letter,
        hidden_like("count", SECONDARY),
        hidden_like("share", SECONDARY),
        hidden_like("share_interval", SECONDARY),
    )


def protect_row(
    groups: Sequence[GroupShare], counts: Sequence[Sequence[int]], rest: Sequence[int], k: int
) -> tuple[GroupShare, ...]:
    """Secondary suppression of one topic's row
    (:func:`~civicbot_analysis.suppress_sums.also_hide`): ``counts`` are each group's true
    gate counts, ``rest`` those of the voters in no group. The smallest shown groups are
    hidden, not "everyone", which could be summed from the statements anyway."""
    parts = {g.letter: c for g, c in zip(groups, counts, strict=True)}
    hidden = {g.letter: (g.voters.suppressed, *(g.share.suppressed,) * 2) for g in groups}
    more = set(also_hide(parts, hidden, rest, k))
    return tuple(_secondary(g.letter) if g.letter in more else g for g in groups)


def _design_effect(tallies: list[list[int]]) -> float:
    """How much wider than independent votes the clustered votes make the interval's
    variance (ratio estimator, residents as clusters); at least 1."""
    m = len(tallies)
    total = sum(n for _, n in tallies)
    if m < 2 or total == 0:
        return 1.0
    p = sum(a for a, _ in tallies) / total
    simple = p * (1 - p) / total
    if simple <= 0:
        return 1.0
    clustered = m / (m - 1) * sum((a - p * n) ** 2 for a, n in tallies) / total**2
    return max(1.0, clustered / simple)


def topics_view(
    topics: TopicResult,
    data: RoundData,
    *,
    k: int,
    scrub: Callable[[str], str],
    opinions: OpinionResult | None = None,
) -> TopicsView:
    """The topics with their statements, and (when there are opinion groups) how each
    group voted on each topic. Uses the same release key as the opinion groups' figures."""
    voters = list(dict.fromkeys(v.resident for v in data.votes))
    s = Suppressor.for_round([*(r.id for r in data.residents), *voters], k)
    index = VoteIndex(data)
    texts = {st.id: st.text for st in data.statements}
    heads: list[GroupHead] = []
    members: list[list[str]] = []
    common: dict[str, str] = {}
    splits: dict[str, tuple[tuple[str, Cell], ...]] = {}
    divides: set[str] = set()
    outside: list[str] = []
    if opinions is not None and opinions.k >= 2:
        from civicbot_analysis.opinions.shares_across import hidden_on_statements
        from civicbot_analysis.opinions.sizes import group_sizes
        from civicbot_analysis.opinions.svg import group_colour, group_letter

        members = [opinions.members(g) for g in range(len(opinions.group_sizes))]
        # As the opinion groups show them, secondary suppression included.
        sized = group_sizes(s, members, voters)
        for g, size in enumerate(sized.groups):
            heads.append(GroupHead(group_letter(g), group_colour(g), size))
        common = {c.statement: c.direction for c in opinions.common_ground}
        grouped = set().union(*members)
        outside = [r for r in voters if r not in grouped]
        # As the opinion groups hide them: a group's share shown there counts here too.
        across = hidden_on_statements(opinions, index, s, sized.groups, voters)
        for d in opinions.divisive:
            shares = tuple(
                (group_letter(g), hidden_like("share", SECONDARY)
                 if g in across.get(d.statement, ()) else index.share(s, d.statement, who, "agree")
                 if heads[g].size.shown else hidden_like("share", heads[g].size.reason))
                for g, who in enumerate(members)
            )  # fmt: skip
            splits[d.statement] = shares
            votes = [index.votes(s, d.statement, who) for who in members]
            if widest_gap(statement_bounds(shares, votes)) is not None:
                divides.add(d.statement)

    def letter(g: int) -> str:
        return heads[g].letter

    def view(t: Topic) -> TopicView:
        label = f"topic:{t.id}"
        everyone = topic_share(s, index, t.statements, voters, f"{label}:all", "all")
        by_group = tuple(
            topic_share(s, index, t.statements, who, f"{label}:{g}", letter(g))
            if heads[g].size.shown
            else GroupShare(
                letter(g),
                heads[g].size,
                hidden_like("share", heads[g].size.reason),
                hidden_like("share_interval", heads[g].size.reason),
            )
            for g, who in enumerate(members)
        )
        if by_group:
            by_group = protect_row(
                by_group,
                [_gates(_tallies(index, t.statements, set(who))) for who in members],
                _gates(_tallies(index, t.statements, set(outside))),
                k,
            )
        rows = [
            StatementRow(
                sid,
                scrub(texts.get(sid, sid)),
                index.share(s, sid, voters, "agree"),
                index.votes(s, sid, voters),
                common.get(sid, ""),
                splits.get(sid, ()),
                sid in divides,
                index.share(s, sid, voters, "disagree") if common.get(sid) == "disagree" else None,
            )
            for sid in t.statements
        ]
        seen = {sid: len(index.by_statement.get(sid, {})) for sid in t.statements}
        # Common ground first, then where groups split, then by how many voted on each.
        rows.sort(key=lambda r: (not r.common, not r.divides, -seen[r.id], r.id))
        return TopicView(
            id=t.id,
            label=t.label,
            description=t.description,
            terms=t.terms,
            n_statements=len(t.statements),
            voters=everyone.voters,
            overall=everyone,
            groups=by_group,
            reading=reading(by_group),
            statements=tuple(rows),
            subtopics=tuple(view(sub) for sub in t.subtopics),
        )

    return TopicsView(
        topics=tuple(view(t) for t in topics.topics),
        groups=tuple(heads),
        n_statements=topics.statements,
        left_out=topics.left_out,
        note=topics.note,
        k=k,
    )


def statement_topics(
    data: RoundData,
    *,
    seed: int,
    k: int,
    opinions: OpinionResult | None,
    meta: Collection[str] = (),
) -> TopicsView | None:
    """Topics of the statements voters were shown, crossed with the opinion groups (None
    when the round has no statements). ``meta`` names statements about the voter."""
    if not data.statements:
        return None
    found = find_topics(data, scrub=scrub_text, seed=seed, exclude=meta)
    return topics_view(found, data, k=k, scrub=scrub_text, opinions=opinions)
