"""The engine's own words: button labels and short notices, per language.

English is the fallback for every key. A script can replace or translate any word with
its ``ui`` mapping (``{cy: {skip: "Hepgor"}}``); a script's word wins over the defaults
here. Notices may hold ``{placeholders}`` filled with :meth:`str.format`; an override
that breaks its placeholders falls back to the default wording rather than failing.
"""

from __future__ import annotations

from civicbot import i18n
from civicbot.script.model import Script

# Acknowledgements are chosen in turn from this "|"-separated list so the dialogue does
# not say the same word after every answer.
_EN: dict[str, str] = {
    # buttons
    "next": "Next ➡",
    "agree": "I agree",
    "decline": "No thanks",
    "skip": "Skip",
    "back": "⬅ Back",
    "done": "Done",
    "restart": "Start again",
    # acknowledgements
    "ack": "Thanks.|Got it.|Thank you.|Noted, thank you.",
    "ack_skip": (
        "No problem, we'll leave that one.|That's fine.|OK, let's move on.|"
        "Fine, we'll skip that one.|No problem.|Sure, on to the next one."
    ),
    "progress": "Question {n} of {total}",
    # consent
    "declined": (
        "That's fine: nothing you said has been kept. "
        "If you change your mind, send /start any time."
    ),
    "choose_consent": "Please choose “{agree}” or “{decline}”.",
    "choose_next": "Please press “{next}” to read on.",
    # moving about
    "welcome_back": "Welcome back! Here's where you were.",
    "paused": (
        "No problem, let's pause here. Your answers so far are saved. "
        "Send /start whenever you like and we'll pick up at the same question."
    ),
    "paused_before_consent": "No problem. Send /start whenever you're ready.",
    "already_done": "You've already taken part. Thank you!",
    "restart_hint": "If you'd like to go through it again, press “{restart}”.",
    "restart_refused": "This dialogue can only be taken once.",
    "first_question": "This is the first question, so there's nothing to go back to.",
    "back_after_finish": "You've finished, so answers can't be changed now.",
    "you_said": "You said: {answer}",
    "you_skipped": "You skipped this one.",
    "stale_button": "That button is no longer active. Here's where we are now:",
    # answering
    "not_optional": "This one needs an answer, please.",
    "empty_text": "It looks like that message was empty. Please type your answer.",
    "too_long": "That's a little long: please keep it under {max} characters.",
    "use_buttons": "Please choose one of the buttons below.",
    "too_few": "Please choose at least {min}.",
    "too_many": "You can choose up to {max}. Untick one first if you'd like another.",
    "multi_hint": "Choose all that apply, then press “{done}”.",
    # languages
    "choose_language": "Choose your language.",
    "language_set": "Language changed.",
    "language_unknown": "Sorry, I can't speak that language yet. I can speak: {available}.",
    # things we cannot take as an answer
    "unsupported_voice": (
        "I can take a voice note when a question asks for your own words. For this one,"
        " please use the buttons or type."
    ),
    "voice_kept": "Thank you, I've kept your voice note. Someone from the team will listen to it.",
    "unsupported_photo": "I can't look at photos, please type your answer.",
    "unsupported_sticker": "Nice sticker! I can only read words, though.",
    "unsupported_document": "I can't open files, please type your answer.",
    "unsupported_location": "Please don't share your location: I don't need it.",
    "unsupported_video": "I can't watch videos, please type your answer.",
    "unsupported_other": "I can't read that kind of message, please type your answer.",
}

# Other languages come from the gettext catalogues (``civicbot/locale``, context
# ``ui.<key>``); a script's own ``ui`` words win over them.
DEFAULTS: dict[str, dict[str, str]] = {"en": _EN}

UI_KEYS: frozenset[str] = frozenset(_EN)

UNSUPPORTED_KINDS: frozenset[str] = frozenset(
    {"voice", "photo", "sticker", "document", "location", "video"}
)


def _raw(script: Script, language: str, key: str) -> str:
    for lang in (language, script.default_language):
        custom = script.ui.get(lang, {}).get(key)
        if custom:
            return custom
        english = _EN.get(key)
        if english is not None and (lang == "en" or i18n.has(lang, f"ui.{key}", english)):
            return i18n.translate(lang, f"ui.{key}", english)
    return _EN.get(key, key)


def word(script: Script, language: str, key: str, **values: object) -> str:
    """The engine's word for ``key`` in ``language``, with placeholders filled."""
    text = _raw(script, language, key)
    if not values and "{" not in text:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError):
        # A script override with a broken placeholder: use our own wording instead.
        try:
            return _EN.get(key, key).format(**values)
        except (KeyError, IndexError, ValueError, AttributeError):
            return _EN.get(key, key)


def acknowledgement(script: Script, language: str, turn: int, key: str = "ack") -> str:
    """A brief thank-you (or, with ``key="ack_skip"``, a word after a skip), varied by
    ``turn`` so it is not the same words every time."""
    choices = [c.strip() for c in word(script, language, key).split("|") if c.strip()]
    return choices[turn % len(choices)] if choices else ""


def unsupported_note(script: Script, language: str, kind: str) -> str:
    key = f"unsupported_{kind}" if kind in UNSUPPORTED_KINDS else "unsupported_other"
    return word(script, language, key)
