"""Rounds side by side: who took part, ratings over time, what changed, who came back.

Each round's figures are protected as that round's report protects them (its own release
key); figures about the whole series (repeat participants) use the release key of
everyone in the series. Ratings of a value or service principle pool the answers to every
scale step tagged with it, each scored 0 (worst) to 100 (best) along its scale.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from civicbot_analysis.equity import Reference, representation
from civicbot_analysis.rounddata import PRINCIPLES, VALUES, RoundData
from civicbot_analysis.series import protect
from civicbot_analysis.series.data import SeriesData
from civicbot_analysis.series.model import (
    Change,
    GroupRow,
    RatingPoint,
    RatingSeries,
    Repeats,
    RoundColumn,
)
from civicbot_analysis.suppress import SECONDARY, Cell, Suppressor, hidden_like


def _period(data: RoundData) -> str:
    if data.opened_at is None:
        return "dates not recorded"
    start = data.opened_at.strftime("%d %b %Y")
    return start if data.closed_at is None else f"{start} to {data.closed_at.strftime('%d %b %Y')}"


def columns(series: SeriesData, sups: Sequence[Suppressor]) -> tuple[RoundColumn, ...]:
    return tuple(
        RoundColumn(
            position=i + 1,
            round_id=d.round_id,
            title=d.title,
            period=_period(d),
            residents=protect.count_of(s, [r.id for r in d.residents], "residents"),
        )
        for i, (d, s) in enumerate(zip(series.rounds, sups, strict=True))
    )


def groups(
    series: SeriesData, sups: Sequence[Suppressor], reference: Reference | None
) -> tuple[GroupRow, ...]:
    """Each group's share of those who answered, round by round, beside the population."""
    per_round = [representation(d, reference, s) for d, s in zip(series.rounds, sups, strict=True)]
    order: dict[tuple[str, str], tuple[str, float | None]] = {}
    found: dict[tuple[str, str], dict[int, Cell]] = defaultdict(dict)
    for i, rep in enumerate(per_round):
        for f in rep.fields:
            for g in f.groups:
                order.setdefault((g.field, g.value), (g.label, g.reference_share))
                found[(g.field, g.value)][i] = g.share
    # A round that did not ask about a group has no share for it (shown as hidden).
    absent = Suppressor(sups[0].k if sups else 10).share(0, 0)
    rows = []
    for key, (label, population) in order.items():
        shares = tuple(found[key].get(i, absent) for i in range(len(series.rounds)))
        rows.append(GroupRow(key[0], key[1], label, shares, population))
    return tuple(rows)


def _scale_scores(data: RoundData, tag: str) -> tuple[dict[float, set[str]], set[str], list[str]]:
    """Answers to the round's scale steps tagged ``tag``: score (0-100) -> residents."""
    by_value: dict[float, set[str]] = defaultdict(set)
    people: set[str] = set()
    asked: list[str] = []
    for q in data.questions:
        if q.kind != "scale" or tag not in q.tags:
            continue
        scored = [value for value, _ in q.options if value != "prefer_not"]
        if len(scored) < 2:
            continue
        asked.append(q.id)
        position = {value: i for i, value in enumerate(scored)}
        for a in data.answers_to(q.id):
            if a.value in position:
                score = round(100 * position[a.value] / (len(scored) - 1), 6)
                # One count per resident and score; a resident answering two steps with
                # the same score counts once there (a cell counts people, not answers).
                by_value[score].add(a.resident)
                people.add(a.resident)
    return by_value, people, asked


def ratings(
    series: SeriesData, sups: Sequence[Suppressor]
) -> tuple[tuple[RatingSeries, ...], dict[tuple[str, int], float]]:
    """Every tag's rating per round, and the standard error behind each shown mean."""
    out: list[RatingSeries] = []
    errors: dict[tuple[str, int], float] = {}
    for kind, tags in (("value", VALUES), ("principle", PRINCIPLES)):
        for tag in tags:
            points: list[RatingPoint] = []
            asked_per_round: list[tuple[str, ...]] = []
            for i, (d, s) in enumerate(zip(series.rounds, sups, strict=True)):
                by_value, people, asked = _scale_scores(d, tag)
                mean, interval, se = protect.mean_with_interval(s, by_value, len(people))
                if se is not None:
                    errors[(tag, i)] = se
                points.append(
                    RatingPoint(mean, interval, protect.count_of(s, people, f"rated {tag}"))
                )
                asked_per_round.append(tuple(asked))
            if any(asked_per_round):
                out.append(RatingSeries(tag, kind, tuple(points), tuple(asked_per_round)))
    return tuple(out), errors


def _number(cell: Cell) -> float:
    v = cell.value
    return float(v) if isinstance(v, int | float) else 0.0


def changes(
    rated: Sequence[RatingSeries], errors: dict[tuple[str, int], float], k: int
) -> tuple[Change, ...]:
    """First against last shown round of each rating: the difference and its interval.

    The two rounds are treated as independent samples; residents who took part in both
    make the true standard error smaller, so the interval errs on the wide side.
    """
    s = Suppressor(k)
    out: list[Change] = []
    for r in rated:
        shown = [i for i, p in enumerate(r.points) if p.mean.shown and (r.tag, i) in errors]
        if len(shown) < 2:
            continue
        a, b = shown[0], shown[-1]
        ma, mb = _number(r.points[a].mean), _number(r.points[b].mean)
        diff = mb - ma
        se = math.hypot(errors[(r.tag, a)], errors[(r.tag, b)])
        low, high = diff - protect.Z95 * se, diff + protect.Z95 * se
        people = min(int(r.points[a].mean.n or 0), int(r.points[b].mean.n or 0))
        clear = low > 0 or high < 0
        way = "rose" if diff > 0 else "fell"
        name = r.tag.replace("-", " ")
        if clear:
            sentence = (
                f"Ratings of {name} {way} from {ma:.0f} in round {a + 1} to {mb:.0f} in round "
                f"{b + 1} (out of 100; the difference is {diff:+.0f}, 95% interval "
                f"{low:+.0f} to {high:+.0f})."
            )
        else:
            sentence = (
                f"Ratings of {name} went from {ma:.0f} in round {a + 1} to {mb:.0f} in round "
                f"{b + 1}: no clear change (95% interval {low:+.0f} to {high:+.0f})."
            )
        out.append(
            Change(
                tag=r.tag,
                first=a + 1,
                last=b + 1,
                difference=s.summary(diff, people, kind="score"),
                interval=s.interval(low, high, people),
                clear=clear,
                sentence=sentence,
            )
        )
    out.sort(key=lambda c: (not c.clear, -abs(_number(c.difference))))
    return tuple(out)


def repeats(series: SeriesData, k: int) -> Repeats:
    """Residents by the number of rounds they took part in, counted by pseudonym only."""
    rounds_of: dict[str, int] = defaultdict(int)
    for d in series.rounds:
        for rid in {r.id for r in d.residents}:
            rounds_of[rid] += 1
    s = protect.suppressor(sorted(rounds_of), k)
    rows: dict[str, list[str]] = {}
    for n in range(1, len(series.rounds) + 1):
        label = "1 round" if n == 1 else f"{n} rounds"
        rows[label] = [rid for rid, c in rounds_of.items() if c == n]
    more = [rid for rid, c in rounds_of.items() if c > 1]
    everyone = list(rounds_of)
    # "More than one round" is published too: the rows it adds up must not give a hidden
    # one away by subtraction, and nor may everyone minus it give "1 round" away.
    by_rounds = protect.table_of(s, rows, "rounds taken part in")
    more_cell = protect.count_of(s, more, "more than one round")
    more_share = s.share_of(more, everyone, "more than one round")
    if "1 round" in by_rounds and by_rounds["1 round"].suppressed and more_cell.shown:
        more_cell, more_share = hidden_like("count", SECONDARY), hidden_like("share", SECONDARY)
    elif more_cell.shown:
        by_rounds = protect.table_of(s, rows, "rounds taken part in", inner=list(rows)[1:])
    return Repeats(
        everyone=protect.count_of(s, everyone, "series residents"),
        by_rounds=by_rounds,
        more_than_one=more_cell,
        share_more_than_one=more_share,
    )
