"""The live picture: counts, drop-off, median time, representation, sources, suppression."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from analysis.equity import load_reference
from civicbot.stats import live_stats, render_stats
from civicbot.store.rounddata import round_data_from_rows
from civicbot.store.rows import DemographicRow, RoundRow, RoundRows, SessionRow
from tests.civicbot.store.conftest import SCRIPT

T0 = datetime(2025, 5, 1, 9, tzinfo=UTC)


def _round() -> RoundRow:
    return RoundRow(1, "Pilot", "test-round", 2, SCRIPT, "x", "open", False, False,
                    None, None, T0, T0, None)  # fmt: skip


def _rows(finished: int, stopped_at: dict[str, int], sources: dict[str, int]) -> RoundRows:
    sessions: list[SessionRow] = []
    names = [s for s, n in sources.items() for _ in range(n)]
    for i in range(finished):
        sessions.append(
            SessionRow(
                1,
                f"f{i}",
                "finished",
                None,
                1,
                T0,
                T0,
                T0 + timedelta(minutes=10 + i),
                names[i] if i < len(names) else None,
            )
        )
    for step, n in stopped_at.items():
        for j in range(n):
            sessions.append(SessionRow(1, f"s{step}{j}", "active", step, 1, T0, T0, None))
    demographics = tuple(DemographicRow(s.resident, "age_band", "18_34", None) for s in sessions)
    return RoundRows(_round(), tuple(sessions), (), demographics)


def test_numbers_shown_at_k_and_hidden_below() -> None:
    rows = _rows(11, {"matters": 10, "treated": 3}, {"library": 11})
    data = round_data_from_rows(rows)
    st = live_stats(rows, data, reference=load_reference("england"), k=10)
    assert st.started.value == 24 and st.finished.value == 11
    assert st.median_minutes.value == 15.0
    assert [(sid, c.render()) for sid, c in st.dropoff] == [("matters", "*"), ("treated", "*")]
    text = render_stats(st)
    assert "Started: 24" in text and "Median time to finish: 15.0 minutes" in text
    assert "library: 11 / 11" in text
    assert "round link: 13" in text or "round link: *" in text
    assert "under-represented" in text  # everyone 18-34: older people named


def test_small_round_hides_everything() -> None:
    rows = _rows(3, {"matters": 2}, {})
    st = live_stats(rows, round_data_from_rows(rows), reference=None, k=10)
    text = render_stats(st)
    assert "Started: fewer than 10" in text and "Finished: fewer than 10" in text
    assert "shown once 10 people have finished" in text
    assert "3" not in text.replace("10", "")


def test_mid_round_shares_are_of_those_who_answered() -> None:
    """Issue #10: mid-round, many have not reached "about you" yet. 38 of 50 answered caring,
    28 of them not carers: 74% of those who answered, not 28 of 50 who started (56%)."""
    rows = _rows(50, {}, {})
    people = [s.resident for s in rows.sessions]
    demographics = tuple(DemographicRow(r, "caring", "no", None) for r in people[:28])
    demographics += tuple(DemographicRow(r, "caring", "yes", None) for r in people[28:38])
    rows = RoundRows(rows.round, rows.sessions, (), demographics)
    st = live_stats(rows, round_data_from_rows(rows), reference=load_reference("england"), k=10)
    caring = st.representation.field("caring")
    assert caring.answered.value == 38 and caring.not_answered.value == 12
    carers, others = caring.groups
    assert others.share.value == 28 / 38 and carers.share.value == 10 / 38
    assert not others.under_represented and carers.over_represented
    text = render_stats(st)
    assert "26% of those who answered" in text and "56%" not in text
