"""One setting's declaration (:class:`Setting`) and how a value is read and checked
against it. The settings themselves are declared in :data:`civicbot.settings.SETTINGS`.

A value that is not of its kind, or is outside its range, is a :class:`SettingsError`
that names the setting and says what is allowed: nothing is quietly clamped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from civicbot.errors import SettingError
from civicbot.numbers import ascii_int

Kind = Literal["text", "whole", "number"]
_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")


class SettingsError(SettingError, ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, its default (text, as it would be set), what
    it does, and what values it takes."""

    name: str
    default: str | None
    help: str
    secret: bool = False
    kind: Kind = "text"
    # Numbers: the smallest and largest values allowed; ``above``: more than ``low``.
    low: float | None = None
    high: float | None = None
    above: bool = False
    # Text with a fixed set of values (compared without case).
    choices: tuple[str, ...] = ()

    def allowed(self) -> str:
        """The range in words, e.g. "a whole number from 0 to 50"."""
        what = "a whole number" if self.kind == "whole" else "a number"
        low, high = _plain(self.low), _plain(self.high)
        if self.above and high is not None:
            return f"{what} more than {low} and at most {high}"
        if low is not None and high is not None:
            return f"{what} from {low} to {high}"
        if low is not None:
            return f"{what} more than {low}" if self.above else f"{what}, {low} or more"
        return what


def _plain(value: float | None) -> str | None:
    return None if value is None else f"{value:g}"


def read(env: Mapping[str, str], setting: Setting) -> str:
    """The setting's text: the variable's value, stripped, or the declared default when
    it is unset or empty ("" when there is none)."""
    return (env.get(setting.name) or "").strip() or (setting.default or "")


def number(setting: Setting, raw: str) -> float:
    """``raw`` as a number of ``setting``'s kind, within its range."""
    wrong = SettingsError(f"{setting.name} must be {setting.allowed()}, not {raw!r}.")
    if setting.kind == "whole":
        whole = ascii_int(raw, max_digits=18, signed=True)
        if whole is None:
            raise wrong
        value = float(whole)
    elif _DECIMAL.fullmatch(raw.removeprefix("-")):
        value = float(raw)
    else:
        raise wrong
    low, high = setting.low, setting.high
    if not math.isfinite(value):
        raise wrong
    if low is not None and (value < low or (setting.above and value == low)):
        raise wrong
    if high is not None and value > high:
        raise wrong
    return value


def choice(setting: Setting, raw: str) -> str:
    """``raw`` as one of ``setting``'s choices (compared without case)."""
    for option in setting.choices:
        if raw.lower() == option.lower():
            return option
    names = ", ".join(setting.choices[:-1]) + f" or {setting.choices[-1]}"
    raise SettingsError(f"{setting.name} must be {names}, not {raw!r}.")
