"""Rounds: created with a frozen script, opened, closed, listed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from civicbot.store import Store, UnknownRound

from .conftest import SCRIPT, Clock, new_round


async def test_create_open_close(store: Store, clock: Clock) -> None:
    round_id = await new_round(store, status="draft", title="Spring round")
    row = await store.get_round(round_id)
    assert row is not None
    assert (row.title, row.status, row.script_source, row.script_version) == (
        "Spring round", "draft", SCRIPT, 2,
    )  # fmt: skip
    assert row.created_at == clock.now and row.opened_at is None
    assert await store.latest_open_round() is None

    opened_at = clock.advance(60)
    await store.open_round(round_id)
    row = await store.get_round(round_id)
    assert row is not None and row.status == "open" and row.opened_at == opened_at

    closed_at = clock.advance(60)
    await store.close_round(round_id)
    row = await store.get_round(round_id)
    assert row is not None and row.status == "closed" and row.closed_at == closed_at

    # Re-opening keeps the first opening time.
    clock.advance(60)
    await store.open_round(round_id)
    row = await store.get_round(round_id)
    assert row is not None and row.opened_at == opened_at and row.closed_at is None


async def test_latest_open_round_and_list(store: Store, clock: Clock) -> None:
    first = await new_round(store, status="open")
    clock.advance(1)
    second = await new_round(store, status="open")
    clock.advance(1)
    draft = await new_round(store, status="draft")
    latest = await store.latest_open_round()
    assert latest is not None and latest.id == second
    await store.close_round(second)
    latest = await store.latest_open_round()
    assert latest is not None and latest.id == first
    assert [r.id for r in await store.list_rounds()] == [first, second, draft]


async def test_round_options_are_stored(store: Store) -> None:
    opens = datetime(2025, 4, 1, 10, tzinfo=UTC)
    round_id = await store.create_round(
        title="t",
        script_id="s",
        script_version=1,
        script_source="id: s",
        script_sha256="0" * 64,
        allow_restart=True,
        opens_at=opens,
        simulated=True,
    )
    row = await store.get_round(round_id)
    assert row is not None
    assert row.allow_restart and row.simulated and row.opens_at == opens
    assert row.closes_at is None


async def test_unknown_round(store: Store) -> None:
    assert await store.get_round(404) is None
    with pytest.raises(UnknownRound):
        await store.open_round(404)
    with pytest.raises(UnknownRound):
        await store.close_round(404)
    with pytest.raises(UnknownRound):
        await store.round_data(404)
    with pytest.raises(ValueError, match="status"):
        await new_round(store, status="running")


async def test_organiser_contact_and_areas_are_kept_with_the_round(store: Store) -> None:
    round_id = await new_round(store, status="draft")
    row = await store.get_round(round_id)
    assert row is not None and row.organiser is None and row.areas == () and row.postcodes == ()
    await store.set_round_people(
        round_id,
        organiser="Wigan Together",
        contact="hello@example.org",
        areas=[("ince", "Ince"), ("pemberton", "Pemberton")],
        postcodes={"WN2": "ince"},
    )
    row = await store.get_round(round_id)
    assert row is not None
    assert (row.organiser, row.contact) == ("Wigan Together", "hello@example.org")
    assert row.areas == (("ince", "Ince"), ("pemberton", "Pemberton"))
    assert row.postcodes == (("WN2", "ince"),)
    with pytest.raises(UnknownRound):
        await store.set_round_people(999, organiser="x", contact="y")
