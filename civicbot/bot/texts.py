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


PRIVACY_WHO = "the organisers of this conversation"
PRIVACY_REACH = " You can contact them at {contact}."
PRIVACY_KEPT_DAYS = (
    "After {days} days, the exact words you typed are replaced by the "
    "version with personal details taken out, and voice recordings are deleted; "
    "counts and themes stay."
)
PRIVACY_KEPT = (
    "We keep your answers until the organisers delete the conversation's data. "
    "Personal details are always taken out before anything is published."
)
# The full notice with its blanks ({who}, {reach}, {kept}); each catalogue translates it
# as a template (context ``bot.PRIVACY_TEMPLATE``) and the pieces above separately.
PRIVACY_TEMPLATE = (
    "Privacy notice: what we keep, and why\n\n"
    "Who we are\nThis chat is run by {who}.{reach} They use civicbot, a program on "
    "their own computer. No outside company, and no artificial-intelligence service, "
    "reads what you write.\n\n"
    "What we keep\n"
    "• Your answers: what you type and the buttons you press.\n"
    "• A code instead of your name. Your answers are stored under a code made from your "
    "Telegram account number with a secret key, kept outside the database.\n"
    "• How to reach you: your Telegram account number and chat, in one separate table, "
    "so the bot can reply. We never keep your name or your Telegram username.\n"
    "• Questions about you (area, age, sex, ethnic group, disability, caring, money), only "
    "if you answer them. Each has \u201cPrefer not to say\u201d. They are kept apart "
    "from your other answers, so they can be removed on their own. If you type a "
    "postcode to choose your area, we keep only the area, never the postcode.\n"
    "• A safety note. If what you write suggests someone may be at risk of harm, the bot "
    "replies with where to get help, and tells the organisers that someone may need "
    "support, without your words, your name or your Telegram details.\n"
    "• Voice notes. If you answer with a voice note, we keep it locked (encrypted) so "
    "someone from the team can listen and type up your words. /forget deletes it too.\n\n"
    "How long we keep it\n{kept} Everything is deleted when you use /forget.\n\n"
    "Why we keep it\nTo hear what residents say about the values they want and about "
    "public services, and to check whose voices are missing.\n\n"
    "What we publish\nReports show themes, counts and short quotes. Phone numbers, "
    "emails, web links, postcodes, NHS and National Insurance numbers, addresses and "
    "names that can be spotted are taken out first. We never show a number, a share or "
    "a quote label that rests on fewer than 10 people. Reports never contain your "
    "Telegram account number, username or name.\n\n"
    "Your rights\n/mydata sends you everything we hold about you. /forget deletes "
    "everything about you, in every conversation, straight away. You can skip any "
    "question, change your last answer with /back, and stop at any time.\n\n"
    "If you are worried about your safety\nThe bot can't give advice. In an emergency "
    "call 999. Samaritans: 116 123 (free, any time). Text SHOUT to 85258. NHS 111 for "
    "urgent health help."
)


def privacy_notice(
    organiser: str | None = None,
    contact: str | None = None,
    retention_days: int | None = None,
    language: str = "en",
) -> str:
    """The full privacy notice, as /privacy shows it in the chat: the same facts as
    docs/privacy.md (a test checks the key ones agree), with the round's organiser and
    contact and the deployment's retention period filled in, in ``language`` where its
    catalogue has a current translation of every piece (else in English)."""
    try:
        return _privacy_notice(organiser, contact, retention_days, language)
    except (KeyError, IndexError, ValueError, AttributeError):
        # A translation with a broken placeholder: the English notice instead.
        return _privacy_notice(organiser, contact, retention_days, "en")


def _privacy_notice(
    organiser: str | None, contact: str | None, retention_days: int | None, language: str
) -> str:
    def tr(name: str) -> str:
        english: str = globals()[name]
        return i18n.translate(language, f"bot.{name}", english)

    who = organiser or tr("PRIVACY_WHO")
    reach = tr("PRIVACY_REACH").format(contact=contact) if contact else ""
    if retention_days:
        kept = tr("PRIVACY_KEPT_DAYS").format(days=retention_days)
    else:
        kept = tr("PRIVACY_KEPT")
    notice = tr("PRIVACY_TEMPLATE").format(who=who, reach=reach, kept=kept)
    return for_direction(language, notice)


PRIVACY = privacy_notice()

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
    "PRIVACY_TEMPLATE",
    "PRIVACY_WHO",
    "PRIVACY_REACH",
    "PRIVACY_KEPT_DAYS",
    "PRIVACY_KEPT",
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
