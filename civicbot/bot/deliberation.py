"""Deliberation in the Telegram adapter: the one thing ``drive()`` needs beyond the
engine is the pool of statements a deliberation step may show, loaded from the store
before each input (the engine stays pure). Scripts without a deliberation step cost
nothing: no query is made for them. Buttons and replies are the engine's own
(``civicbot.engine.deliberation``), so no handlers are added here."""

from __future__ import annotations

from civicbot.engine.types import DeliberationPool
from civicbot.script.model import Script
from civicbot.store import Store


def has_deliberation(script: Script) -> bool:
    return any(step.type == "deliberation" for step in script.steps())


async def deliberation_pool(
    store: Store, round_id: int, resident: str, script: Script
) -> DeliberationPool | None:
    """The resident's pool for the round's deliberation steps, or None without any."""
    if not has_deliberation(script):
        return None
    return await store.deliberation_pool(round_id, resident, script)
