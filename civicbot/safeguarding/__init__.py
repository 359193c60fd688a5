"""Safeguarding: spotting a message that discloses a risk of harm, and answering it.

``detect`` reads a message offline (rules, no model); ``signposts`` holds the one fixed,
dated reply; ``respond`` sends that reply, records the event and alerts the facilitators.
The bot never counsels: it points to people who can help.
"""

from civicbot.safeguarding.detect import KINDS, Detection, Kind, detect
from civicbot.safeguarding.signposts import MAX_AGE_DAYS, Signposting, load_signposting

__all__ = [
    "KINDS",
    "MAX_AGE_DAYS",
    "Detection",
    "Kind",
    "Signposting",
    "detect",
    "load_signposting",
]
