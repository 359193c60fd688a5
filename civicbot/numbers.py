"""Numbers typed or sent by people, parsed strictly: ASCII digits only.

``str.isdigit()`` is true for "²" and "٣", and ``int()`` accepts "٣" but not "²", so
checking with one and converting with the other let button data such as ``²:c:y`` and
commands such as ``/stats ²`` crash a handler (issue #9). Everything a resident, a
facilitator or an admin sends (commands, button data, settings) goes through here.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]+")
_SIGNED = re.compile(r"-?[0-9]+")


def ascii_int(text: str | None, *, max_digits: int = 12, signed: bool = False) -> int | None:
    """``text`` as an int if it is only ASCII digits (with a leading "-" if ``signed``)
    and at most ``max_digits`` of them; otherwise None."""
    if text is None:
        return None
    pattern = _SIGNED if signed else _DIGITS
    if not pattern.fullmatch(text) or len(text.lstrip("-")) > max_digits:
        return None
    return int(text)
