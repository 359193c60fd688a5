"""What the Telegram handlers need, held once per application: the store, the settings,
the moderation screening (with its safeguarding checks), a cache of each round's frozen
script, and the signal that wakes safeguarding alert delivery (:mod:`civicbot.bot.alerts`)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from telegram.ext import CallbackContext

from civicbot.screening import Screening, standard
from civicbot.script.load import parse_script
from civicbot.script.model import Script
from civicbot.script.rounds import for_round
from civicbot.settings import Settings
from civicbot.store import RoundRow, Store

KEY = "civicbot"


@dataclass
class Services:
    store: Store
    settings: Settings
    # What sends a free-text answer to the moderation queue; the standard checks unless
    # the caller passes others.
    screening: Screening = field(default_factory=standard)
    _scripts: dict[int, Script] = field(default_factory=dict)
    # Chats given the facilitator menu since the bot started (see facilitator.menu).
    menus_shown: set[int] = field(default_factory=set)
    # Set when a safeguarding event is recorded: alert delivery runs in the background.
    alert_wake: asyncio.Event = field(default_factory=asyncio.Event)

    async def script_for(self, round_row: RoundRow) -> Script:
        """The round's frozen script, parsed once: later edits of the file never apply.
        The round's organiser, contact, areas and the retention setting are filled in."""
        script = self._scripts.get(round_row.id)
        if script is None:
            script = parse_script(round_row.script_source, f"round {round_row.id}").script
            script = for_round(
                script,
                organiser=round_row.organiser,
                contact=round_row.contact,
                retention_days=self.settings.retention_days,
                areas=round_row.areas,
                postcodes=dict(round_row.postcodes),
            )
            self._scripts[round_row.id] = script
        return script


def services(context: CallbackContext) -> Services:
    found = context.application.bot_data[KEY]
    assert isinstance(found, Services)
    return found
