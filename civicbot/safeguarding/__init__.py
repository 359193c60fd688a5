"""Safeguarding: spotting a message that discloses a risk of harm, and answering it.

``detect`` reads a message offline (rules, no model) in two tiers; ``signposts`` holds the
one fixed, dated reply and the gentle check-in; ``respond`` sends that reply, records the
event and alerts the facilitators (tier 1); ``checkin`` sends the check-in and records it
(tier 2, no alert).
The bot never counsels: it points to people who can help.
"""

from civicbot.safeguarding.detect import (
    KINDS,
    Detection,
    Kind,
    Screening,
    detect,
    may_disclose,
    screen,
)
from civicbot.safeguarding.signposts import MAX_AGE_DAYS, Signposting, load_signposting

__all__ = [
    "KINDS",
    "MAX_AGE_DAYS",
    "Detection",
    "Kind",
    "Screening",
    "Signposting",
    "detect",
    "load_signposting",
    "may_disclose",
    "screen",
]
