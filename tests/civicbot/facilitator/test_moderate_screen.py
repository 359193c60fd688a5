"""The moderation screen masks personal data even in items queued by an older scrubber."""

from __future__ import annotations

from civicbot.bot.facilitator.moderate import describe
from civicbot.bot.services import Services
from civicbot.settings import Settings
from civicbot.store import Store
from civicbot.store.rounddata import parse_frozen_script
from tests.civicbot.store.conftest import SCRIPT, new_round

ZW = "\u200b"


async def test_item_queued_before_an_upgrade_is_masked_on_screen(store: Store) -> None:
    round_id = await new_round(store)
    # As an older scrubber left it: the live bot's case, zero-width spaces and all.
    old_text = f"ring me on 0770{ZW}0 900{ZW}123"
    await store.queue_for_moderation(round_id, "r1", "answer", "matters", old_text, ["review"])
    item = await store.next_for_moderation(round_id)
    assert item is not None and item.text == old_text
    svc = Services(store=store, settings=Settings.from_env({}))
    svc._scripts[round_id] = parse_frozen_script(SCRIPT)
    shown = await describe(svc, item, 1)
    assert "[phone]" in shown and "900" not in shown.replace(ZW, "")
