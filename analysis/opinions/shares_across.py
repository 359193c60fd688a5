"""Which opinion groups' shares on a statement the report may show, across its sections.

A statement's agree share is published for everyone (the topics section, with its votes),
for some groups in the topics section's split (divisive statements) and for a group in the
opinion groups section (a statement that speaks for that group, beside everyone else's
share, which is everyone's less the group's). The counts each share rests on (who voted,
who agreed, who did not) add up over the groups and the residents in no group, so
everyone's figure minus every group's share shown anywhere leaves the hidden groups plus
the ungrouped. When that holds between 1 and k - 1 residents (a small group beside few
ungrouped voters, say), the hidden ones are worked out. :func:`hidden_on_statements` says,
per statement, which groups' shares every section must hide so that it cannot happen
(:func:`~civicbot_analysis.suppress_sums.also_hide`); both sections call it with the same
inputs and so hide the same.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from civicbot_analysis.disclosure_polis import VoteIndex
from civicbot_analysis.opinions.result import OpinionResult
from civicbot_analysis.suppress import Cell, Suppressor
from civicbot_analysis.suppress_sums import also_hide

DIRECTIONS = ("agree", "disagree")


def statement_gates(index: VoteIndex, statement: str, residents: Collection[str]) -> list[int]:
    """The counts a statement's shares rest on: voters; who agreed and who did not (the
    agree share); who disagreed and who did not (the disagree share)."""
    votes = index.by_statement.get(statement, {})
    seen = [votes[r] for r in residents if r in votes]
    agreed = sum(v == 1 for v in seen)
    disagreed = sum(v == -1 for v in seen)
    return [len(seen), agreed, len(seen) - agreed, disagreed, len(seen) - disagreed]


def shown_line(share: Cell) -> bool:
    """Whether a group's line for a statement that speaks for it is shown at all (a
    statement no one in the group took the side of says nothing about it)."""
    return share.shown and share.value != 0


def hidden_on_statements(
    result: OpinionResult,
    index: VoteIndex,
    s: Suppressor,
    sizes: Sequence[Cell],
    voters: Sequence[str],
) -> dict[str, frozenset[int]]:
    """Per statement with a group's share shown somewhere, the groups whose shares on it
    are hidden to protect another (not those hidden for their own small numbers)."""
    members = [result.members(g) for g in range(len(result.group_sizes))]
    grouped = set(result.groups)
    outside = [r for r in voters if r not in grouped]
    # Per statement, the (group, direction) shares shown somewhere.
    shown: dict[str, set[tuple[int, str]]] = {}
    for d in result.divisive:
        for g, who in enumerate(members):
            if sizes[g].shown and index.share(s, d.statement, who, "agree").shown:
                shown.setdefault(d.statement, set()).add((g, "agree"))
    for g, reps in enumerate(result.representative[: len(members)]):
        if not sizes[g].shown:
            continue
        for r in reps:
            if shown_line(index.share(s, r.statement, members[g], r.direction)):
                shown.setdefault(r.statement, set()).add((g, r.direction))
    out: dict[str, frozenset[int]] = {}
    for sid, pairs in shown.items():
        parts = {str(g): statement_gates(index, sid, who) for g, who in enumerate(members)}
        # A group's voters on a statement are not published, only its shares are; an
        # agree share publishes who agreed and who did not, a disagree share the same
        # of disagreeing (everyone's are taken as known).
        hidden = {
            str(g): (True, *((g, x) not in pairs for x in DIRECTIONS for _ in (0, 1)))
            for g in range(len(members))
        }
        more = also_hide(parts, hidden, statement_gates(index, sid, outside), s.k)
        if more:
            out[sid] = frozenset(int(g) for g in more)
    return out
