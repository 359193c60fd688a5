"""Languages a resident may choose: their names in their own script, and text direction.

A language is named to a resident in its own words ("Cymraeg", "Polski", "اردو"), never
by its code. Right-to-left text (Urdu, Arabic) keeps left-to-right pieces readable in
Telegram by wrapping each one (a number, a /command, a link, an email) in Unicode
directional isolates, so "call 116 123" does not come out as "123 116".
"""

from __future__ import annotations

import re

from civicbot_analysis.languages import NAMES as _NAMES
from civicbot_analysis.languages import RIGHT_TO_LEFT as _RTL

# Names in the language itself, and in English; the analysis shares the table.
NAMES: dict[str, tuple[str, str]] = _NAMES
RIGHT_TO_LEFT: frozenset[str] = _RTL

LRI = "\u2066"  # left-to-right isolate
PDI = "\u2069"  # pop directional isolate
RLM = "\u200f"  # right-to-left mark

# Runs that read left to right inside right-to-left text: links, emails, /commands,
# and numbers with the spaces and signs inside them ("0808 2000 247", "16+", "3 of 12").
_LTR_RUN = re.compile(
    r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|/[a-z_]+|"
    r"[0-9]+(?:[ .:/+-]?[0-9]+)*\+?|\b[A-Z][A-Z0-9]+\b",
    re.ASCII,
)


def own_name(code: str) -> str:
    """A language's name in its own script ("Cymraeg"); an unknown code as it is."""
    return NAMES.get(code, (code, code))[0]


def english_name(code: str) -> str:
    return NAMES.get(code, (code, code))[1]


def is_rtl(code: str) -> bool:
    return code in RIGHT_TO_LEFT


def isolate_ltr(text: str) -> str:
    """Wrap each left-to-right run of ``text`` in directional isolates (idempotent)."""
    if LRI in text:
        return text
    return _LTR_RUN.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


_RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def for_direction(code: str, text: str) -> str:
    """``text`` made safe to show in ``code``'s direction: each line holding right-to-left
    script starts with a right-to-left mark (so Telegram aligns it right even when it
    opens with a number, a bullet or an emoji) and has its left-to-right runs isolated.
    Lines without right-to-left script (an English line in the language picker) and
    left-to-right languages pass unchanged; applying it twice changes nothing more."""
    if not is_rtl(code) or not text:
        return text
    lines = []
    for line in text.split("\n"):
        if _RTL_CHARS.search(line) and not line.startswith(RLM):
            line = RLM + isolate_ltr(line)
        lines.append(line)
    return "\n".join(lines)


def match_name(typed: str, codes: list[str] | tuple[str, ...]) -> str | None:
    """The code among ``codes`` that ``typed`` names: a code ("cy", "cy-GB"), or a
    language's own or English name ("Cymraeg", "welsh"), any case."""
    wanted = " ".join(typed.strip().casefold().split())
    if not wanted:
        return None
    for code in codes:
        own, english = NAMES.get(code, (code, code))
        short = wanted.replace("_", "-").split("-")[0]
        if wanted in (code.casefold(), own.casefold(), english.casefold()) or short == code:
            return code
    return None
