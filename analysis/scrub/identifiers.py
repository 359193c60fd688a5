"""Exact rules for structured identifiers: phone numbers, emails, URLs, postcodes,
NHS numbers and National Insurance numbers.

Each finder yields ``(kind, start, end)`` for one text. Rules are exact where the
identifier has a defined shape (Ofcom numbering, the official postcode pattern, the NHS
modulus-11 check digit, HMRC's National Insurance prefix rules); context words widen the
net only where a resident plainly says what the number is ("my NHS number is ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Found = tuple[str, int, int]

# --- phone numbers ---------------------------------------------------------------------
# A run of digit groups, optionally led by + or 00, separated by one space, dash or dot,
# with brackets allowed around a group ("(020) 7946 0000", "+44 (0)20 ..."). The run is
# then cut back group by group until its digits make a valid number.
_PHONE_RUN = re.compile(r"(?<![\w+/.£$€-])(?:\+\s?|(?=\(?0))\(?\d[\d() \-.]*\d\)?")
_GROUP = re.compile(r"\d+")


def _valid_phone(digits: str, plus: bool) -> bool:
    if plus or digits.startswith("00"):
        body = digits[2:] if digits.startswith("00") else digits
        if body.startswith("44"):
            national = body[2:]
            if national.startswith("0"):  # +44 (0)20 ...
                national = national[1:]
            return len(national) in (9, 10) and national[0] in "1235789"
        return 8 <= len(body) <= 15 and body[0] != "0"
    return digits.startswith("0") and len(digits) in (10, 11) and digits[1] in "1235789"


def find_phones(text: str) -> Iterator[Found]:
    pos = 0
    while m := _PHONE_RUN.search(text, pos):
        run = m.group()
        groups = list(_GROUP.finditer(run))
        plus = run.startswith("+")
        pos = m.end()
        # Longest valid prefix of digit groups: "call 07700 900123 2 times" keeps the
        # phone, and "07700 900123 - 01632 960000" yields both numbers.
        for last in range(len(groups), 0, -1):
            digits = "".join(g.group() for g in groups[:last])
            if len(digits) < 8:
                break
            if _valid_phone(digits, plus):
                start, end = m.start(), m.start() + groups[last - 1].end()
                inner = text[start:end]
                if inner.count("(") > inner.count(")"):
                    if ")" not in inner and inner.startswith("("):
                        start += 1  # "(020 7946 0000)": the brackets are not the number
                    elif text[end : end + 1] == ")":
                        end += 1  # "(07700) 900123" style closes inside; keep it whole
                yield ("phone", start, end)
                pos = end
                break


# --- emails and URLs --------------------------------------------------------------------
_EMAIL = re.compile(
    r"[A-Za-z0-9._%+'-]+\s?(?:@|\(at\)|\[at\])\s?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    r"|\b[A-Za-z0-9._%+-]+ at [A-Za-z0-9-]+ dot (?:com|co dot uk|org|net|co\.uk|ac dot uk)\b",
    re.IGNORECASE,
)
TLDS = (
    r"com|org|net|uk|co\.uk|org\.uk|gov\.uk|nhs\.uk|ac\.uk|me\.uk|ltd\.uk|plc\.uk|io|info|"
    r"biz|me|ly|app|eu|ie|us|ca|au|tv|co|scot|wales|cymru|london|online|site|xyz"
)
_KNOWN_DOMAIN_END = re.compile(rf"\.(?:{TLDS})$", re.IGNORECASE)
_URL = re.compile(
    r"\bhttps?://[^\s<>\"']+"
    r"|\bwww\.[^\s<>\"']+"
    rf"|(?<![@\w.-])[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.(?:{TLDS})\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_URL_TRAIL = ".,;:!?)]}'\"’"


_SPACE_THEN_AT = re.compile(r"\s@(?=\S)")


def find_emails(text: str) -> Iterator[Found]:
    for m in _EMAIL.finditer(text):
        found = m.group()
        # "my daughter @chloe.m.xo" is a handle: a space before "@" but none after makes
        # an e-mail only if the part after "@" ends like a real domain.
        if _SPACE_THEN_AT.search(found) and not _KNOWN_DOMAIN_END.search(found):
            continue
        yield ("email", m.start(), m.end())


def find_urls(text: str) -> Iterator[Found]:
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _URL_TRAIL:
            end -= 1
        yield ("url", m.start(), end)


# --- postcodes --------------------------------------------------------------------------
# The official pattern (outward code, inward digit and two letters from a reduced set).
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|(?:[A-PR-UWYZ]"
    r"(?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y]))"
    r" ?\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)


def find_postcodes(text: str) -> Iterator[Found]:
    for m in _POSTCODE.finditer(text):
        yield ("postcode", m.start(), m.end())


# --- NHS numbers ------------------------------------------------------------------------
_TEN_DIGITS = re.compile(r"(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
_NHS_CONTEXT = re.compile(r"\bnhs\s*(?:no\b\.?|num(?:ber)?\b|id\b|[#:])", re.IGNORECASE)
NHS_CONTEXT_REACH = 40  # characters before a number in which "NHS number" counts


def nhs_check_ok(digits: str) -> bool:
    """The NHS modulus-11 check: weights 10..2 on the first nine digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def find_nhs_numbers(text: str) -> Iterator[Found]:
    """Ten digits (3-3-4 or together) that pass the check digit, or follow "NHS number".

    A number a resident calls their NHS number is masked even if the check fails: a
    mistyped NHS number is still theirs, and the context makes a false alarm unlikely.
    """
    for m in _TEN_DIGITS.finditer(text):
        digits = "".join(m.groups())
        if digits.startswith("0"):
            continue  # a UK phone number, left to the phone rule
        near = text[max(0, m.start() - NHS_CONTEXT_REACH) : m.start()]
        if nhs_check_ok(digits) or _NHS_CONTEXT.search(near):
            yield ("nhs_number", m.start(), m.end())


# --- National Insurance numbers ---------------------------------------------------------
# Prefix: first letter not D F I Q U V; second not D F I O Q U V; never BG GB KN NK NT TN ZZ.
_NI = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}(?:[ -]?[A-D])?\b",
    re.IGNORECASE,
)
_NI_CONTEXT = re.compile(r"\b(?:national insurance|ni\s*(?:no\.?|number|#))", re.IGNORECASE)


def find_ni_numbers(text: str) -> Iterator[Found]:
    """National Insurance numbers; without the A-D suffix only after "NI number" or similar."""
    for m in _NI.finditer(text):
        compact = re.sub(r"[ -]", "", m.group())
        has_suffix = len(compact) == 9
        near = text[max(0, m.start() - NHS_CONTEXT_REACH) : m.start()]
        if has_suffix or _NI_CONTEXT.search(near):
            yield ("ni_number", m.start(), m.end())
