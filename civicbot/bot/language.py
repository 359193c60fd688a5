"""Which language to speak to a resident outside the dialogue's own screens.

The bot's notices (/help, /privacy, /forget, "no conversation open", the safety reply)
follow the language the resident chose in their current round's dialogue; before they
have chosen, Telegram's ``language_code`` if a catalogue exists for it; else English.
"""

from __future__ import annotations

from telegram import User

from civicbot import i18n
from civicbot.bot.services import Services
from civicbot.store import RoundRow


def from_telegram(language_code: str | None) -> str:
    """A catalogue language for Telegram's ``language_code`` ("cy-GB" -> "cy"), or "en"."""
    if not language_code:
        return "en"
    short = language_code.replace("_", "-").split("-")[0].lower()
    return short if short in i18n.available() else "en"


async def for_resident(
    svc: Services, user: User, resident: str | None = None, row: RoundRow | None = None
) -> str:
    """The resident's language: their session's in their current round, else Telegram's."""
    try:
        who = resident or svc.store.resident_id(user.id)
        found = row or await svc.store.current_round_for(who)
        state = None if found is None else await svc.store.get_session(found.id, who)
    except Exception:
        state = None
    if state is not None and state.status != "new":
        return state.language
    return from_telegram(user.language_code)
