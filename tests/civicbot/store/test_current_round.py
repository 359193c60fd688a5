"""Which round an update from a resident belongs to: the open round they last took part
in, else the latest open round; never a draft or closed one."""

from __future__ import annotations

from civicbot.engine.types import SessionState
from civicbot.store import Store

from .conftest import Clock, new_round


async def _take_part(store: Store, round_id: int, resident: str) -> None:
    await store.apply_outcome(
        update_id=None,
        round_id=round_id,
        resident=resident,
        state=SessionState(status="active"),
        records=(),
    )


async def test_the_round_an_update_belongs_to(store: Store, clock: Clock) -> None:
    ada = await store.register_identity(1, 1)
    assert await store.current_round_for(ada) is None
    await new_round(store, status="draft", title="Draft")
    assert await store.current_round_for(ada) is None
    first = await new_round(store, title="First")
    clock.advance(60)
    found = await store.current_round_for(ada)
    assert found is not None and found.id == first and found.title == "First"
    await _take_part(store, first, ada)
    second = await new_round(store, title="Second")
    clock.advance(60)
    # A newer round opened, but Ada is part-way through the first.
    assert (await store.current_round_for(ada)).id == first  # type: ignore[union-attr]
    newcomer = await store.register_identity(2, 2)
    assert (await store.current_round_for(newcomer)).id == second  # type: ignore[union-attr]
    clock.advance(60)
    await _take_part(store, second, ada)
    assert (await store.current_round_for(ada)).id == second  # type: ignore[union-attr]
    await store.close_round(second)
    assert (await store.current_round_for(ada)).id == first  # type: ignore[union-attr]
    await store.close_round(first)
    assert await store.current_round_for(ada) is None
