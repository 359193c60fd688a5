"""Reading Census 2021 tables in the layouts ONS publishes them.

Two layouts are read, both as ONS writes them (no editing needed):

- **Bulk topic summaries** (Nomis "Census 2021 bulk data", files such as
  ``census2021-ts021-ltla.csv``): one row per geography, columns ``date``,
  ``geography``, ``geography code``, then one column per category named
  ``<variable>: <category>``, sometimes followed by ``; measures: Value`` (or
  ``; measures: Percent``, which is skipped). These tables count all ages (or the
  population their ``Total`` column names, e.g. "aged 5 and over").
- **Custom datasets** (ONS "Create a custom dataset", long format): columns
  ``<geography type> Code``, ``<geography type>``, then a ``Code`` and a label column per
  variable, and ``Observation``. When one of the variables is age, the table crosses the
  other variable with age, so a reference can count only the ages who can take part.

Every table is read into a :class:`CensusTable`: counts per geography code and
category label. Errors name the file and what was expected.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 200_000_000  # bulk files for output areas are large; ours are far smaller
_TABLE_ID = re.compile(r"\b(ts\d{3}[a-z]?|rm\d{3})\b", re.IGNORECASE)
_AGE_RANGE = re.compile(
    r"aged\s+(?:(under\s+1)|(\d+))\s*(?:to\s+(\d+))?\s*years?"
    r"(?:\s+(and\s+over|and\s+under))?",
    re.IGNORECASE,
)


class CensusFileError(ValueError):
    """A file that is not a Census 2021 table in a layout ONS publishes."""


@dataclass
class CensusTable:
    """One table: ``counts[code][category]``, the geography names, the variable's name
    (``"Ethnic group"``), the table's id (``"TS021"`` or ``"custom"``), the file it came
    from, the label of its total (which says its population base), and whether it was
    cut to ages ``min_age`` and over (``age_from``)."""

    table_id: str
    variable: str
    source_file: str
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    total_label: str = ""
    age_from: int | None = None

    def total(self, code: str) -> int | None:
        row = self.counts.get(code, {})
        for label, value in row.items():
            if label.lower().startswith("total"):
                return value
        return None


def age_bounds(label: str) -> tuple[int, int | None] | None:
    """``"Aged 16 to 24 years"`` -> (16, 24); ``"Aged 85 years and over"`` -> (85, None);
    ``"Aged under 1 year"`` -> (0, 0); ``"Aged 4 years and under"`` -> (0, 4)."""
    found = _AGE_RANGE.search(label)
    if not found:
        return None
    under1, low, high, tail = found.groups()
    if under1:
        return 0, 0
    lo = int(low)
    if tail and "under" in tail.lower():
        return 0, lo
    if tail:
        return lo, None
    return lo, int(high) if high else lo


def _text(path: Path) -> str:
    if path.stat().st_size > MAX_BYTES:
        raise CensusFileError(f"{path.name}: larger than any Census 2021 table we read")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CensusFileError(f"{path.name}: not UTF-8 text; is it an ONS CSV file?") from None


def _number(raw: str, where: str) -> int:
    cleaned = raw.strip().replace(",", "")
    if not cleaned.isascii() or not cleaned.isdigit():
        raise CensusFileError(f"{where}: {raw!r} is not a count")
    return int(cleaned)


def read_table(path: Path, min_age: int = 16, keep: Collection[str] | None = None) -> CensusTable:
    """Read a bulk topic summary or a custom dataset (see the module's notes); with
    ``keep``, only the rows of those geography codes (an output-area file is large)."""
    rows = list(csv.reader(io.StringIO(_text(path))))
    if keep is not None and rows:
        wanted = set(keep)
        rows = rows[:1] + [r for r in rows[1:] if wanted.intersection(c.strip() for c in r[:3])]
    if not rows:
        raise CensusFileError(f"{path.name}: the file is empty")
    header = [h.strip() for h in rows[0]]
    lowered = [h.lower() for h in header]
    if "geography code" in lowered:
        return _read_bulk(path, header, rows[1:])
    if "observation" in lowered:
        return _read_custom(path, header, rows[1:], min_age)
    raise CensusFileError(
        f"{path.name}: not an ONS Census 2021 table: expected a 'geography code' column "
        "(bulk topic summary) or an 'Observation' column (custom dataset)"
    )


def _read_bulk(path: Path, header: list[str], body: list[list[str]]) -> CensusTable:
    code_at = [h.lower() for h in header].index("geography code")
    name_at = [h.lower() for h in header].index("geography") if "geography" in header else None
    columns: dict[int, tuple[str, str]] = {}
    for i, name in enumerate(header):
        label, _, measure = name.partition("; measures:")
        if measure and measure.strip().lower() != "value":
            continue  # percentages are worked out again from the counts
        variable, sep, category = label.partition(": ")
        if sep:
            columns[i] = (variable.strip(), category.strip())
    if not columns:
        raise CensusFileError(f"{path.name}: no '<variable>: <category>' columns found")
    variables = {v for v, _ in columns.values()}
    if len(variables) != 1:
        raise CensusFileError(f"{path.name}: columns of more than one variable: {variables}")
    found = _TABLE_ID.search(path.name)
    table = CensusTable(
        table_id=found.group(1).upper() if found else "bulk",
        variable=variables.pop(),
        source_file=path.name,
    )
    for n, row in enumerate(body, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise CensusFileError(f"{path.name}, line {n}: {len(row)} cells, not {len(header)}")
        code = row[code_at].strip()
        table.names[code] = row[name_at].strip() if name_at is not None else code
        table.counts[code] = {
            cat: _number(row[i], f"{path.name}, line {n}") for i, (_, cat) in columns.items()
        }
    table.total_label = next((c for _, c in columns.values() if c.lower().startswith("total")), "")
    return table


def _read_custom(path: Path, header: list[str], body: list[list[str]], min_age: int) -> CensusTable:
    obs = [h.lower() for h in header].index("observation")
    labels = [i for i, h in enumerate(header) if not h.endswith(" Code") and i != obs]
    codes = {h[: -len(" Code")]: i for i, h in enumerate(header) if h.endswith(" Code")}
    if len(labels) < 2 or header[labels[0]] not in codes:
        raise CensusFileError(
            f"{path.name}: expected a geography's 'Code' and name columns, then a variable"
        )
    geo_name = labels[0]
    age_cols = [i for i in labels[1:] if header[i].lower().startswith("age")]
    others = [i for i in labels[1:] if i not in age_cols]
    if len(others) != 1 or len(age_cols) > 1:
        raise CensusFileError(
            f"{path.name}: expected one variable, optionally crossed with age; found "
            f"{', '.join(header[i] for i in labels[1:])}"
        )
    var_at = others[0]
    variable = re.sub(r"\s*\(.*\)$", "", header[var_at])
    table = CensusTable("custom", variable, path.name, age_from=min_age if age_cols else None)
    code_at = codes[header[geo_name]]
    for n, row in enumerate(body, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise CensusFileError(f"{path.name}, line {n}: {len(row)} cells, not {len(header)}")
        if age_cols:
            bounds = age_bounds(row[age_cols[0]])
            if bounds is None:
                raise CensusFileError(f"{path.name}, line {n}: age {row[age_cols[0]]!r}?")
            low, high = bounds
            if high is not None and high < min_age:
                continue
            if low < min_age:
                raise CensusFileError(
                    f"{path.name}, line {n}: the age group {row[age_cols[0]]!r} straddles "
                    f"{min_age}; choose age groups that start at {min_age} in the dataset"
                )
        code = row[code_at].strip()
        table.names[code] = row[geo_name].strip()
        cats = table.counts.setdefault(code, {})
        label = row[var_at].strip()
        cats[label] = cats.get(label, 0) + _number(row[obs], f"{path.name}, line {n}")
    return table
