"""Reference populations: what share of the population each demographic group is.

A reference is a CSV file (format in ``analysis/data/README.md``): lines starting with
``#`` are comments; then a header with at least ``field,value,share,source`` and
optionally ``population`` (a count) and ``deprived`` (``yes``/``no``, marking areas as
among the most deprived, used by the inverse care view). Two are shipped, from Census
2021: ``england`` and ``england-wales``. A facilitator can pass their own, for example
with shares per local ``area``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

SHIPPED: dict[str, str] = {
    "england": "reference_england.csv",
    "england-wales": "reference_england_wales.csv",
}
REQUIRED_COLUMNS = ("field", "value", "share", "source")
OPTIONAL_COLUMNS = ("population", "deprived")
SUM_TOLERANCE = 0.01  # shares rounded to 0.1% may miss 1 by a few tenths of a percent


class ReferenceError(ValueError):
    """A reference file that cannot be used, with the file and line at fault."""


@dataclass(frozen=True, slots=True)
class ReferenceShare:
    """The population share of one group, and where the figure comes from."""

    field: str
    value: str
    share: float
    source: str
    population: int | None = None
    deprived: bool = False


@dataclass(frozen=True)
class Reference:
    """A reference population: ``shares[field][value]``."""

    name: str
    shares: dict[str, dict[str, ReferenceShare]] = field(default_factory=dict)

    def fields(self) -> list[str]:
        return list(self.shares)

    def share(self, field_name: str, value: str) -> float | None:
        """The population share of a group, or None if the reference has none."""
        row = self.shares.get(field_name, {}).get(value)
        return row.share if row else None

    def deprived_values(self, field_name: str = "area") -> set[str]:
        """Values marked ``deprived`` (areas among the most deprived)."""
        return {v for v, row in self.shares.get(field_name, {}).items() if row.deprived}


def load_reference(name_or_path: str | Path) -> Reference:
    """Load a shipped reference (``"england"``, ``"england-wales"``) or a CSV file."""
    key = str(name_or_path)
    if key in SHIPPED:
        text = resources.files("analysis").joinpath("data", SHIPPED[key]).read_text("utf-8")
        return parse_reference(text, name=key)
    path = Path(name_or_path)
    if not path.is_file():
        known = ", ".join(SHIPPED)
        raise ReferenceError(f"{key}: no such reference; use one of {known} or a CSV file path")
    return parse_reference(path.read_text("utf-8"), name=str(path))


def _parse_share(raw: str, where: str) -> float:
    try:
        share = float(raw)
    except ValueError:
        raise ReferenceError(f"{where}: share {raw!r} is not a number") from None
    if not 0.0 <= share <= 1.0:
        raise ReferenceError(f"{where}: share {raw!r} must be a fraction between 0 and 1")
    return share


def _parse_row(row: dict[str, str], where: str) -> ReferenceShare:
    field_name = (row.get("field") or "").strip()
    value = (row.get("value") or "").strip()
    if not field_name or not value:
        raise ReferenceError(f"{where}: field and value must both be given")
    source = (row.get("source") or "").strip()
    if not source:
        raise ReferenceError(f"{where}: every figure needs a source")
    population: int | None = None
    raw_pop = (row.get("population") or "").strip()
    if raw_pop:
        try:
            population = int(raw_pop.replace(",", ""))
        except ValueError:
            raise ReferenceError(f"{where}: population {raw_pop!r} is not a count") from None
    raw_dep = (row.get("deprived") or "").strip().lower()
    if raw_dep not in ("", "yes", "no"):
        raise ReferenceError(f"{where}: deprived must be yes or no, not {raw_dep!r}")
    return ReferenceShare(
        field=field_name,
        value=value,
        share=_parse_share((row.get("share") or "").strip(), where),
        source=source,
        population=population,
        deprived=raw_dep == "yes",
    )


def parse_reference(text: str, name: str = "reference") -> Reference:
    """Parse and validate reference CSV text; errors name the file and line."""
    numbered = [
        (i, line)
        for i, line in enumerate(text.splitlines(), 1)
        if not line.lstrip().startswith("#")
    ]
    numbered = [(i, line) for i, line in numbered if line.strip()]
    if not numbered:
        raise ReferenceError(f"{name}: the file is empty")
    header_line, header = numbered[0]
    columns = [c.strip() for c in next(csv.reader([header]))]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ReferenceError(
            f"{name}, line {header_line}: header lacks {', '.join(missing)} "
            f"(expected {','.join(REQUIRED_COLUMNS)}[,{','.join(OPTIONAL_COLUMNS)}])"
        )
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in numbered)))
    shares: dict[str, dict[str, ReferenceShare]] = {}
    for (line_no, _), row in zip(numbered[1:], reader, strict=True):
        where = f"{name}, line {line_no}"
        parsed = _parse_row(row, where)
        group = shares.setdefault(parsed.field, {})
        if parsed.value in group:
            raise ReferenceError(f"{where}: {parsed.field}={parsed.value} is given twice")
        group[parsed.value] = parsed
    for field_name, group in shares.items():
        total = sum(r.share for r in group.values())
        if abs(total - 1.0) > SUM_TOLERANCE:
            raise ReferenceError(
                f"{name}: the shares of {field_name} add up to {total:.3f}, not 1 "
                f"(each field must cover its whole population)"
            )
    return Reference(name=name, shares=shares)
