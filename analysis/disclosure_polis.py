"""Published figures of opinion groups (Pol.is-style), under the report's disclosure control.

The opinion analysis (:mod:`civicbot_analysis.opinions`) finds groups and statements on raw votes;
this module says what a reader may see of them. Every figure is a :class:`Cell` from
counts protected by the cell-key method (:mod:`civicbot_analysis.disclosure`), keyed by the voters
counted:

- a group's size is a protected count (hidden when 10 or fewer);
- a share of a group who agreed or disagreed with a statement is the protected count of
  those who did over the protected count of the group's voters who saw it, shown only when
  both it and its complement rest on at least k voters; so a group of 3 never shows
  "100% disagreed";
- common ground and divisive splits likewise, and the make-up of each group by "about
  you" answers is a protected table with secondary suppression;
- the equity lens's sentences keep their words but take their percentages from protected
  counts too (or drop them when they would rest on fewer than k).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from civicbot_analysis.disclosure import heard_first
from civicbot_analysis.rounddata import PREFER_NOT, RoundData
from civicbot_analysis.suppress import Cell, Suppressor

NOT_GIVEN = "not given"
_PERCENTS = re.compile(r" \(\d+% vs \d+%\)\.$")


class VoteIndex:
    """Each statement's latest vote by resident, for counting voters by pseudonym."""

    def __init__(self, data: RoundData) -> None:
        self.by_statement: dict[str, dict[str, int]] = {}
        for v in data.votes:
            self.by_statement.setdefault(v.statement, {})[v.resident] = v.vote
        self.demographics = {r.id: r.demographics for r in data.residents}

    def seen(self, statement: str, residents: Iterable[str]) -> list[str]:
        votes = self.by_statement.get(statement, {})
        return [r for r in residents if r in votes]

    def share(
        self, s: Suppressor, statement: str, residents: Iterable[str], direction: str
    ) -> Cell:
        """The protected share of ``residents`` who saw ``statement`` and voted ``direction``."""
        votes = self.by_statement.get(statement, {})
        seen = self.seen(statement, residents)
        wanted = 1 if direction == "agree" else -1
        chosen = [r for r in seen if votes[r] == wanted]
        return s.share_of(chosen, seen, f"polis:{statement}:{direction}")

    def votes(self, s: Suppressor, statement: str, residents: Iterable[str]) -> Cell:
        return s.count_of(self.seen(statement, residents), f"polis:{statement}:seen")

    def makeup(
        self, s: Suppressor, residents: Collection[str], fields: Iterable[str]
    ) -> dict[str, dict[str, Cell]]:
        """Protected counts of ``residents`` by each field's answer ("not given" covers
        prefer-not-to-say and unasked); fields nobody answered are left out."""
        out: dict[str, dict[str, Cell]] = {}
        for field in fields:
            rows: dict[str, list[str]] = {}
            for r in residents:
                value = self.demographics.get(r, {}).get(field) or NOT_GIVEN
                rows.setdefault(NOT_GIVEN if value == PREFER_NOT else value, []).append(r)
            if set(rows) <= {NOT_GIVEN}:
                continue
            ordered = dict(sorted(rows.items(), key=lambda kv: (kv[0] == NOT_GIVEN, kv[0])))
            out[field] = s.table_of(ordered, heard_first(field), f"polis-makeup:{field}")
        return out

    def lens_sentence(
        self, s: Suppressor, sentence: str, field: str, value: str, statement: str, direction: str
    ) -> str:
        """An equity-lens sentence with its percentages from protected counts."""
        voters = self.by_statement.get(statement, {})
        group: list[str] = []
        rest: list[str] = []
        for r in voters:
            answer = self.demographics.get(r, {}).get(field)
            if not answer or answer == PREFER_NOT:
                continue
            (group if answer == value else rest).append(r)
        mine = self.share(s, statement, group, direction)
        theirs = self.share(s, statement, rest, direction)
        shown = mine.shown and theirs.shown
        tail = f" ({mine.render()} vs {theirs.render()})." if shown else "."
        return _PERCENTS.sub(tail, sentence) if _PERCENTS.search(sentence) else sentence
