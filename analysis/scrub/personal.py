"""Social media handles, dates of birth and payment card numbers.

- ``@handles``: an ``@`` that starts a word (not the middle of an e-mail) followed by a
  handle's characters with at least one letter; times written "@7pm" are left alone.
- Dates of birth: a full date (day, month and year, in figures or with the month's name)
  after a cue ("born", "DOB", "date of birth", "birthday"), or a full date whose year is
  :data:`BIRTH_YEARS` without a cue (an appointment is rarely decades ago).
- Card numbers: 13 to 19 digits, in the groups people type, starting as the card schemes
  do (2 to 6) and passing the Luhn check; after the word "card" the check is not needed.

Each finder yields ``(kind, start, end)``; the text is already folded
(:mod:`civicbot_analysis.scrub.normalise`), so digits are ASCII and zero-width characters gone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Found = tuple[str, int, int]

# --- handles ----------------------------------------------------------------------------
_HANDLE = re.compile(r"(?<![\w@.+-])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)")
_TIME = re.compile(r"\d{1,2}(?:[:.]\d{2})?(?:am|pm)?", re.IGNORECASE)


def find_handles(text: str) -> Iterator[Found]:
    for m in _HANDLE.finditer(text):
        handle = m.group(1)
        if _TIME.fullmatch(handle) or not any(c.isalpha() for c in handle):
            continue
        yield ("handle", m.start(), m.end())


# --- dates of birth ---------------------------------------------------------------------
BIRTH_YEARS = range(1900, 2013)  # a full date in these years counts without a cue
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_ORD = r"(?:st|nd|rd|th)?"
_DATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<d1>\d{1,2})[/.-](?P<m1>\d{1,2})[/.-](?P<y1>\d{4}|\d{2})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
    rf"|(?:the\s+)?(?P<d3>\d{{1,2}}){_ORD}(?:\s+of)?\s+(?P<m3>{_MONTHS})\.?,?\s+(?P<y3>\d{{4}})"
    rf"|(?P<m4>{_MONTHS})\.?\s+(?P<d4>\d{{1,2}}){_ORD},?\s+(?P<y4>\d{{4}})"
    r")(?![\w/])",
    re.IGNORECASE,
)
_BIRTH_CUE = re.compile(
    r"(?:\bdate\s+of\s+birth|\bbirth\s*date|\bd\.?o\.?b\b\.?|\bborn\b|\bbirthday\b)"
    r"[\s:,(-]*(?:(?:is|was|on|as|of|in)\s+)*$",
    re.IGNORECASE,
)
_BORN_AFTER = re.compile(r"^\s*born\b", re.IGNORECASE)
CUE_REACH = 30  # characters before a date in which a cue counts


def _plausible(m: re.Match[str]) -> tuple[bool, int]:
    """Whether the match is a calendar date (day first, or month first as in the US),
    and its year (two-digit years read as 1926-2025)."""
    year_text = m.group("y1") or m.group("y2") or m.group("y3") or m.group("y4")
    year = int(year_text)
    if len(year_text) == 2:
        year += 1900 if year > 25 else 2000
    day = int(m.group("d1") or m.group("d2") or m.group("d3") or m.group("d4"))
    month_text = m.group("m1") or m.group("m2")
    if month_text is None:  # the month is a word
        return 1 <= day <= 31, year
    month = int(month_text)
    day_first = 1 <= day <= 31 and 1 <= month <= 12
    month_first = m.group("m1") is not None and 1 <= month <= 31 and 1 <= day <= 12
    return day_first or month_first, year


def find_dates_of_birth(text: str) -> Iterator[Found]:
    for m in _DATE.finditer(text):
        ok, year = _plausible(m)
        if not ok:
            continue
        before = text[max(0, m.start() - CUE_REACH) : m.start()]
        cued = bool(_BIRTH_CUE.search(before)) or bool(_BORN_AFTER.match(text[m.end() :]))
        four_digit_year = not (m.group("y1") and len(m.group("y1")) == 2)
        if cued or (four_digit_year and year in BIRTH_YEARS):
            yield ("date_of_birth", m.start(), m.end())


# --- payment card numbers ---------------------------------------------------------------
_CARD_RUN = re.compile(r"(?<![\d+-])[2-6]\d{3}(?:[ -]?\d){9,15}(?![\d-])")
_CARD_CUE = re.compile(r"\bcard\b[^.\n]{0,25}$", re.IGNORECASE)


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check that every payment card number passes."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def find_card_numbers(text: str) -> Iterator[Found]:
    for m in _CARD_RUN.finditer(text):
        run = m.group()
        if re.search(r"[ -]{2}", run):
            continue
        digits = re.sub(r"[ -]", "", run)
        if not 13 <= len(digits) <= 19:
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        if luhn_ok(digits) or _CARD_CUE.search(before):
            yield ("card_number", m.start(), m.end())
