"""Whole-number command-line arguments, ASCII digits only (:mod:`civicbot.numbers`).

click's ``int`` accepts "٣" (Arabic-Indic three) as 3; a round number or a count typed
with other digits is refused with a clear message instead, like any other non-number.
"""

from __future__ import annotations

from typing import Any

import click

from civicbot.numbers import ascii_int


class WholeNumber(click.IntRange):
    """A whole number in ASCII digits, optionally within ``min``..``max``."""

    name = "integer"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return super().convert(value, param, ctx)
        text = str(value).strip()
        if ascii_int(text, max_digits=18, signed=True) is None:
            self.fail(f"{value!r} is not a whole number (use the digits 0-9).", param, ctx)
        return super().convert(int(text), param, ctx)


WHOLE = WholeNumber()
