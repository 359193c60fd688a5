"""The series report on a synthetic series with planted facts: a rating that rises round
over round (and one that does not), topics that recur (and one that appears only late),
residents who come back; every figure protected, the output escaped and self-contained."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import pytest

from civicbot_analysis.series import SeriesData, build_series_report, render_series
from civicbot_analysis.series.model import SeriesReport
from civicbot_analysis.suppress_checks import published_cells, unsafe_cells
from tests.analysis.series.factory import RETURNING, make_round, make_series

HOSTILE = '<img src="https://example.org/x.png"><script>alert(1)</script> round'


@pytest.fixture(scope="module")
def report() -> SeriesReport:
    return build_series_report(make_series(), k_min=10, seed=0)


def test_the_planted_rise_is_found_and_the_flat_rating_is_not(report: SeriesReport) -> None:
    by_tag = {c.tag: c for c in report.changes}
    rise = by_tag["respect"]
    assert rise.clear and (rise.first, rise.last) == (1, 3)
    assert isinstance(rise.difference.value, float) and rise.difference.value > 30
    assert "rose" in rise.sentence
    assert not by_tag["care"].clear
    respect = next(r for r in report.ratings if r.tag == "respect")
    means = [p.mean.value for p in respect.points]
    assert all(isinstance(m, float) for m in means)
    assert means[0] < means[1] < means[2]  # type: ignore[operator]
    for p in respect.points:
        low, high = p.interval.value  # type: ignore[misc]
        assert low <= p.mean.value <= high  # type: ignore[operator]


def test_repeat_participants_are_counted_within_the_noise(report: SeriesReport) -> None:
    truth = sum(1 for n in _rounds_per_resident(make_series()).values() if n > 1)
    assert truth == RETURNING
    shown = report.repeats.more_than_one
    assert shown.shown and abs(float(shown.value) - truth) <= 2  # type: ignore[arg-type]
    truths = {"1 round": 3 * (80 - RETURNING), "2 rounds": 0, "3 rounds": RETURNING}
    for label, cell in report.repeats.by_rounds.items():
        if cell.shown:  # within the cell-key noise of the truth
            assert abs(float(cell.value) - truths[label]) <= 2, label  # type: ignore[arg-type]
        else:  # hidden with a reason: small, or to protect another hidden cell
            assert cell.reason in ("small", "secondary"), label
    assert report.repeats.by_rounds["1 round"].shown


def test_a_handful_who_came_back_is_hidden() -> None:
    a, b = make_round(0), make_round(1)
    keep = {f"p{i:04d}" for i in range(3)}  # only three come back in round 2

    def drop(data, who):  # type: ignore[no-untyped-def]
        return dataclasses.replace(
            data,
            residents=tuple(r for r in data.residents if who(r.id)),
            answers=tuple(x for x in data.answers if who(x.resident)),
        )

    b = drop(b, lambda rid: not rid.startswith("p") or rid in keep)
    built = build_series_report(SeriesData("Small", (a, b)), k_min=10, seed=0)
    assert built.repeats.more_than_one.suppressed
    assert built.repeats.by_rounds["2 rounds"].suppressed
    text = render_series(built, "md")
    assert "More than one round | 10 or fewer |" in text


def test_recurring_themes_are_matched_by_content(report: SeriesReport) -> None:
    assert report.recurring, "no theme recurred"
    everywhere = [t for t in report.recurring if all(t.found_in)]
    assert len(everywhere) >= 2  # gp and bus are in every round
    words = [" ".join(t.terms + t.labels).lower() for t in everywhere]
    assert any("gp" in w or "surgery" in w or "appointment" in w for w in words)
    assert any("bus" in w for w in words)
    # The park topic (rounds 1 and 2 only) recurs there and is not found in round 3,
    # where the library topic took its place; the library, new in round 3, never recurs.
    park_words = ("park", "playground", "swings", "green", "garden", "kids", "benches")
    early = [t for t in report.recurring if t.found_in == (True, True, False)]
    assert early and any(w in " ".join(t.terms).lower() for t in early for w in park_words)
    for t in report.recurring:
        assert not any("library" in x.lower() for x in (*t.terms, *t.labels))
    assert all(t.similarity >= report.threshold for t in report.recurring)


def test_every_published_figure_rests_on_k_or_more(report: SeriesReport) -> None:
    assert unsafe_cells(published_cells(report), report.k) == []


def test_outputs_are_escaped_self_contained_and_carry_no_pseudonyms() -> None:
    series = make_series()
    first = dataclasses.replace(series.rounds[0], title=HOSTILE)
    built = build_series_report(SeriesData(HOSTILE, (first, *series.rounds[1:])), k_min=10, seed=0)
    html = render_series(built, "html")
    assert "<script>" not in html and "<img" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # Values only (the factory tags no service principle): one chart, described in words.
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 1
    desc = html.split('<desc id="chart-value-desc">')[1].split("</desc>")[0]
    assert "respect: round 1" in desc and "round 3" in desc
    assert "SIMULATED DATA" in html
    md = render_series(built, "md")
    assert "<script>" not in md
    plain = render_series(built, "json")
    data = json.loads(plain)
    assert data["repeats"]["more_than_one"]["suppressed"] is False
    for rid in ("p0000", "n1-0040"):
        assert rid not in html and rid not in md and rid not in plain
    with pytest.raises(ValueError, match="unknown format"):
        render_series(built, "csv")


def test_one_round_is_a_series_with_nothing_to_compare() -> None:
    built = build_series_report(SeriesData("Alone", (make_round(0),)), k_min=10, seed=0)
    assert built.changes == () and built.recurring == ()
    assert any("fewer than two rounds" in n for n in built.notes)
    assert "fewer than two rounds" in render_series(built, "html")


def _rounds_per_resident(series: SeriesData) -> Counter[str]:
    return Counter(r.id for d in series.rounds for r in d.residents)


def test_rounds_that_differ_or_are_empty_do_not_break_it() -> None:
    first = make_round(0)
    empty = dataclasses.replace(make_round(1), residents=(), answers=())
    late = make_round(2)
    only_text = dataclasses.replace(
        late,
        questions=late.questions[:1],
        answers=tuple(a for a in late.answers if a.question == "experience"),
    )
    built = build_series_report(SeriesData("Edge", (first, empty, only_text)), seed=0)
    respect = next(r for r in built.ratings if r.tag == "respect")
    assert respect.points[0].mean.shown
    assert respect.points[1].mean.suppressed and respect.points[2].mean.suppressed
    assert respect.questions[2] == ()  # not asked in round 3: the table says so
    assert "not asked" in render_series(built, "html")
    assert all(not c.clear for c in built.changes)
    for fmt in ("md", "json"):
        assert render_series(built, fmt)


def test_a_series_with_no_rounds_yet() -> None:
    built = build_series_report(SeriesData("New", ()), seed=0)
    assert built.rounds == () and built.ratings == () and built.recurring == ()
    assert "fewer than two rounds" in render_series(built, "html")
