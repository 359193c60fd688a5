"""How long a test waits for the bot at most: a generous ceiling, not a pace.

Every wait in the stand-in and the e2e driver is woken by what it waits for (the bot's
message, a poll confirming updates, a callback answer), so a fast bot is never waited on
longer than it takes; the ceiling only bounds a bot that is stuck. On a loaded machine
(one fresh-clone run saw load average 6) a reply can take many seconds, so the ceiling is
60 seconds; ``CIVICBOT_E2E_CEILING`` (seconds) raises or lowers it for a whole run.
"""

from __future__ import annotations

import os


def _ceiling() -> float:
    raw = os.environ.get("CIVICBOT_E2E_CEILING", "")
    try:
        value = float(raw)
    except ValueError:
        return 60.0
    return value if value > 0 else 60.0


CEILING = _ceiling()
