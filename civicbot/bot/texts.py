"""The bot adapter's own words (outside any dialogue script): help, privacy, notices.

Plain language, short, warm. Dialogue wording lives in the scripts and the engine.
"""

from __future__ import annotations

from civicbot import i18n
from civicbot.languages import for_direction

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Start or carry on"),
    ("skip", "Skip this question"),
    ("back", "Change your last answer"),
    ("pause", "Take a break"),
    ("help", "How this works"),
    ("privacy", "What we keep and why"),
    ("language", "Change language"),
    ("mydata", "See everything we hold about you"),
    ("forget", "Delete everything about you"),
)

HELP = (
    "This is a short chat about what matters to you and your experience of local "
    "services.\n\n"
    "Answer with the buttons or type in your own words. You can skip anything.\n\n"
    "/skip  skip this question\n"
    "/back  change your last answer\n"
    "/pause  take a break (you can come back any time with /start)\n"
    "/privacy  what we keep and why\n"
    "/mydata  see everything we hold about you\n"
    "/forget  delete everything about you\n"
    "/language  change language"
)

PRIVACY = (
    "What we keep, and why\n\n"
    "We keep your answers so the organisers can hear what people say. Your answers are "
    "linked to a code, not to your name or Telegram account. We never keep your name or "
    "username.\n\n"
    "Quotes in reports have phone numbers, emails, addresses and names taken out. We never "
    "show numbers about groups smaller than 10 people.\n\n"
    "Questions about you (like your age) are optional and kept apart, so they can be "
    "removed on their own.\n\n"
    "If you answer with a voice note, we keep it locked (encrypted) so someone from the "
    "team can listen and type up your words. /forget deletes it too.\n\n"
    "/mydata shows everything we hold about you. /forget deletes all of it, straight away.\n\n"
    "The full notice: docs/privacy.md in the civicbot project."
)

NO_ROUND = (
    "Hello! There's no conversation open just now. Please check back soon, or use the link "
    "you were given when one opens."
)
UNKNOWN_ROUND = (
    "Sorry, that link doesn't match a conversation that's open now. "
    "It may have closed. Please check the link you were given."
)
GROUP_ONLY_PRIVATE = "Let's talk in a private chat, so your answers stay private."
EDITED = (
    "I can't use edited messages, sorry. To change your last answer, type /back and answer again."
)
UNKNOWN_COMMAND = "I don't know that command. Type /help to see what I can do."
STALE_BUTTON = "That button has expired."
NOTHING_STORED = "We don't hold anything about you."

MYDATA_INTRO = "Here is everything we hold about you. The file has all of it, in full.\n\n"
FORGET_CONFIRM = (
    "This deletes everything we hold about you: all your answers, in every conversation. "
    "It can't be undone. Are you sure?"
)
FORGET_YES = "Yes, delete everything"
FORGET_NO = "No, keep my answers"
FORGET_DONE = (
    "Done. Everything about you has been deleted. Thank you for taking part. "
    "If you ever want to join again, type /start."
)
FORGET_KEPT = "OK, nothing was deleted."


# --- in the resident's language ---------------------------------------------------------

_NOTICES: tuple[str, ...] = (
    "HELP",
    "PRIVACY",
    "NO_ROUND",
    "UNKNOWN_ROUND",
    "GROUP_ONLY_PRIVATE",
    "EDITED",
    "UNKNOWN_COMMAND",
    "STALE_BUTTON",
    "NOTHING_STORED",
    "MYDATA_INTRO",
    "FORGET_CONFIRM",
    "FORGET_YES",
    "FORGET_NO",
    "FORGET_DONE",
    "FORGET_KEPT",
)


def say(language: str, name: str) -> str:
    """Notice ``name`` of this module in ``language`` (its gettext catalogue, context
    ``bot.NAME``), readable in that language's direction; English when there is no
    current translation."""
    english: str = globals()[name]
    return for_direction(language, i18n.translate(language, f"bot.{name}", english))


def commands(language: str) -> tuple[tuple[str, str], ...]:
    """The command menu's descriptions in ``language``."""
    return tuple((name, i18n.translate(language, f"cmd.{name}", words)) for name, words in COMMANDS)


def english_messages() -> dict[str, str]:
    """Every message a resident may get from the bot itself, by gettext context: what
    each catalogue should translate (``civicbot script check`` counts against it)."""
    from civicbot.engine.deliberation_view import WORDS
    from civicbot.engine.ui import DEFAULTS
    from civicbot.safeguarding.signposts import load_signposting

    out = {f"ui.{key}": words for key, words in DEFAULTS["en"].items()}
    out.update({f"ui.{key}": words for key, words in WORDS.items()})
    out.update({f"bot.{name}": globals()[name] for name in _NOTICES})
    out.update({f"cmd.{name}": words for name, words in COMMANDS})
    out["safety.reply"] = load_signposting().reply
    return out
