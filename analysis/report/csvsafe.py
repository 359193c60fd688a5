"""CSV cells that a spreadsheet will never run as a formula.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula (or can become one) in Excel, LibreOffice and Google Sheets, so it gets a leading
apostrophe (OWASP "CSV injection"). A cell that already starts with an apostrophe gets one
more, so :func:`unguard` can always restore the original text exactly. Numbers written by
the report itself are not text and pass as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "'")

Cell = str | int | float | None


def guard(value: str) -> str:
    """``value`` made safe to open in a spreadsheet."""
    return "'" + value if value.startswith(DANGEROUS) else value


def unguard(value: str) -> str:
    """The original text of a guarded cell."""
    return value[1:] if value.startswith("'") else value


def safe_cell(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    return guard(value)


def write_rows(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """A whole CSV document (RFC 4180, CRLF line ends) with every text cell guarded."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([guard(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return out.getvalue()
