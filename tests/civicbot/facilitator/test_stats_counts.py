"""/stats from counts kept as answers arrive: equal to a full recount after every kind of
change (answers, /forget, withdrawn "about you" answers, retention, moderation), and its
figures equal the report's for the same round."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from civicbot.demo.population import draw_population
from civicbot.demo.run import default_script
from civicbot.demo.simulate import SimClock, simulate_round
from civicbot.retention import apply_retention
from civicbot.script.load import load_script
from civicbot.script.rounds import for_round
from civicbot.stats import STILL_ANSWERING, live_stats, live_stats_of
from civicbot.store import Store
from civicbot_analysis.equity import load_reference
from civicbot_analysis.report import build_report
from tests.civicbot.store.conftest import SECRET

OPENED = datetime(2026, 3, 2, 9, tzinfo=UTC)


async def _round(tmp_path: Path, residents: int = 160) -> tuple[Store, int, SimClock]:
    clock = SimClock(OPENED)
    store = await Store.open(tmp_path / "stats.db", secret=SECRET, clock=clock)
    loaded = load_script(default_script())
    round_id = await store.create_round(
        title="Counts", script_id=loaded.script.id, script_version=loaded.script.version,
        script_source=loaded.source, script_sha256=loaded.sha256,
        allow_restart=loaded.script.allow_restart, status="open",
    )  # fmt: skip
    await store.set_round_people(round_id, organiser="Org", contact="hello@org.example")
    script = for_round(loaded.script, organiser="Org", contact="hello@org.example")
    people = draw_population(random.Random("counts"), residents)
    await simulate_round(store, script, round_id, people, seed=3, clock=clock)
    return store, round_id, clock


async def _same(store: Store, round_id: int) -> None:
    kept = await store.kept_tallies(round_id)
    assert kept == await store.counted_tallies(round_id)
    assert kept["started"][0] > 0


async def _stats_both_ways(store: Store, round_id: int, clock: SimClock) -> None:
    """The picture from the kept counts equals the one counted from every row."""
    reference = load_reference("england")
    counts = await store.live_counts(round_id, since=clock() - STILL_ANSWERING)
    kept = live_stats_of(counts.round, counts.tallies, counts.recent, reference=reference)
    rows = await store.round_rows(round_id)
    full = live_stats(rows, await store.round_data(round_id), reference=reference, now=clock())
    assert kept == full


async def test_kept_counts_equal_a_recount_after_every_change(tmp_path: Path) -> None:
    store, round_id, clock = await _round(tmp_path)
    try:
        await _same(store, round_id)
        await _stats_both_ways(store, round_id, clock)
        residents = sorted({x.resident for x in (await store.round_rows(round_id)).sessions})
        # /forget: a finished and an unfinished resident, with their "about you" answers.
        for resident in residents[:5]:
            await store.forget(resident)
        await _same(store, round_id)
        # Withdrawn "about you" answers, in this round and in all.
        await store.withdraw_demographics(residents[6], round_id)
        await store.withdraw_demographics(residents[7])
        await _same(store, round_id)
        # Moderation decisions and the retention rule change no count.
        pending = await store.next_for_moderation(round_id)
        if pending is not None:
            await store.decide(pending.id, "rejected", "facilitator")
        clock.now += timedelta(days=400)
        result = await apply_retention(store, 30, clock())
        assert result.answers_redacted > 0
        await _same(store, round_id)
        await _stats_both_ways(store, round_id, clock)
        # After a restore-like recount the kept counts are unchanged.
        before = await store.kept_tallies(round_id)
        assert await store.recount_tallies(round_id) == before
    finally:
        await store.close()


async def test_stats_figures_equal_the_report(tmp_path: Path) -> None:
    store, round_id, clock = await _round(tmp_path, residents=200)
    try:
        reference = load_reference("england")
        counts = await store.live_counts(round_id, since=clock() - STILL_ANSWERING)
        st = live_stats_of(counts.round, counts.tallies, counts.recent, reference=reference)
        data = await store.round_data(round_id)
    finally:
        await store.close()
    report = build_report(data, k_min=10, reference=reference)
    assert report.representation is not None and report.representation.fields
    # Who is taking part: every cell, every share, every sentence is the report's.
    assert st.representation == report.representation
    assert st.consented == report.representation.total
    assert st.consented.shown


@pytest.mark.parametrize("status", ["open", "closed"])
async def test_pre_existing_rounds_are_counted_when_opened(tmp_path: Path, status: str) -> None:
    store, round_id, _clock = await _round(tmp_path, residents=40)
    counted = await store.kept_tallies(round_id)
    if status == "closed":
        await store.close_round(round_id)
    await store.close()
    # As if the counts were never kept (a database from before the migration).
    import sqlite3

    with sqlite3.connect(tmp_path / "stats.db") as conn:
        conn.execute("DELETE FROM round_tallies")
        conn.execute("INSERT INTO tally_pending (round_id) VALUES (?)", (round_id,))
    store = await Store.open(tmp_path / "stats.db", secret=SECRET)
    try:
        assert await store.kept_tallies(round_id) == counted
    finally:
        await store.close()
