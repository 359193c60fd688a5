"""Series: created, filled with rounds in order, listed; bad names and moves refused."""

from __future__ import annotations

import pytest

from civicbot.store import Store, UnknownRound
from civicbot.store.series import SeriesError

from .conftest import new_round


async def test_create_add_list_and_series_data(store: Store) -> None:
    a = await new_round(store, title="Health")
    b = await new_round(store, title="Housing")
    c = await new_round(store, title="Elsewhere")
    await store.create_series("  Our   year ")
    await store.add_to_series("OUR YEAR", b)
    await store.add_to_series("our year", a)
    await store.create_series("Other")
    await store.add_to_series("Other", c)
    listed = await store.list_series()
    assert [(s.name, s.round_ids) for s in listed] == [("Our year", (b, a)), ("Other", (c,))]
    data = await store.series_data("our year")
    assert data.name == "Our year"
    assert [r.title for r in data.rounds] == ["Housing", "Health"]


async def test_refusals_change_nothing(store: Store) -> None:
    a = await new_round(store, title="Health")
    await store.create_series("Our year")
    await store.add_to_series("Our year", a)
    with pytest.raises(SeriesError, match="already a series"):
        await store.create_series("our YEAR")
    with pytest.raises(SeriesError, match="already in the series"):
        await store.add_to_series("Our year", a)
    with pytest.raises(SeriesError, match="no series called"):
        await store.add_to_series("Nope", a)
    with pytest.raises(UnknownRound):
        await store.add_to_series("Our year", 999)
    for bad in ("", "   ", "<script>", "x" * 61, "-starts-with-a-dash", "a\x00b"):
        with pytest.raises(SeriesError, match="not a usable series name"):
            await store.create_series(bad)
    with pytest.raises(SeriesError, match="no series called"):
        await store.series_data("Nope")
    assert [(s.name, s.round_ids) for s in await store.list_series()] == [("Our year", (a,))]
