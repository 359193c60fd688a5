"""Reference populations: what share of the population each demographic group is.

A reference is a CSV file (format in ``analysis/data/README.md``): lines starting with
``#`` are comments, and ``# key: value`` comments before the header name the reference
(``title``, ``geography``, ``age base``, ``built``); then a header with at least
``field,value,share,source`` and optionally ``population`` (a count), ``deprived``
(``yes``/``no``, marking areas as among the most deprived, used by the inverse care
view), ``base`` (the population a row counts, e.g. ``aged 16+`` or ``all ages``) and
``confirmed`` (``no`` marks a figure that could not be checked against its source).

Which references exist, and how a name, a geography code or a file under the configured
folder is turned into one safely (``load_reference``), is
:mod:`civicbot_analysis.equity.reference_select`, which builds on this module.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from civicbot_analysis.errors import UserError

REQUIRED_COLUMNS = ("field", "value", "share", "source")
OPTIONAL_COLUMNS = ("population", "deprived", "base", "confirmed")
META_KEYS = ("title", "geography", "age base", "built")
SUM_TOLERANCE = 0.01  # shares rounded to 0.1% may miss 1 by a few tenths of a percent


class ReferenceError(UserError, ValueError):
    """A reference file that cannot be used, with the file and line at fault (a
    :class:`~civicbot_analysis.errors.UserError`: the CLI prints it as one line, exit status 2)."""


@dataclass(frozen=True, slots=True)
class ReferenceShare:
    """The population share of one group, and where the figure comes from."""

    field: str
    value: str
    share: float
    source: str
    population: int | None = None
    deprived: bool = False
    base: str = ""  # the population counted, e.g. "aged 16+", "all ages", "aged 5+"
    confirmed: bool = True  # False: could not be checked against its source


@dataclass(frozen=True)
class Reference:
    """A reference population: ``shares[field][value]``, and what it covers (``meta``:
    ``title``, ``geography``, ``age base``, ``built``, from the file's header comments)."""

    name: str
    shares: dict[str, dict[str, ReferenceShare]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)

    def fields(self) -> list[str]:
        return list(self.shares)

    def share(self, field_name: str, value: str) -> float | None:
        """The population share of a group, or None if the reference has none."""
        row = self.shares.get(field_name, {}).get(value)
        return row.share if row else None

    def deprived_values(self, field_name: str = "area") -> set[str]:
        """Values marked ``deprived`` (areas among the most deprived)."""
        return {v for v, row in self.shares.get(field_name, {}).items() if row.deprived}

    @property
    def title(self) -> str:
        return self.meta.get("title") or self.meta.get("geography") or self.name

    @property
    def age_base(self) -> int | None:
        """The youngest age the reference counts (16 for "16+"), if it says."""
        found = re.search(r"\d+", self.meta.get("age base", ""))
        return int(found.group()) if found else None

    def field_note(self, field_name: str) -> str | None:
        """Where a field's figures are not like with like, in words: a population base
        other than the reference's age base, or figures that could not be confirmed."""
        rows = list(self.shares.get(field_name, {}).values())
        if not rows:
            return None
        notes: list[str] = []
        age = self.age_base
        bases = sorted({r.base for r in rows if r.base})
        if age is not None and bases and any(str(age) not in b for b in bases):
            notes.append(
                f"population figures count {' and '.join(_phrase(b) for b in bases)}, not "
                f"only people aged {age} or over: the census table used does not split "
                "this by age"
            )
        unconfirmed = [r.value for r in rows if not r.confirmed]
        if unconfirmed:
            notes.append(
                f"{len(unconfirmed)} of {len(rows)} population figures could not be "
                "confirmed against their source"
            )
        return "; ".join(notes) or None

    def _other_bases(self) -> list[str]:
        age = self.age_base
        return sorted(
            {r.base for g in self.shares.values() for r in g.values()
             if r.base and age is not None and str(age) not in r.base}
        )  # fmt: skip

    def describe(self) -> str:
        """One sentence: the reference's geography, age base and source."""
        tables = sorted({t for g in self.shares.values() for r in g.values()
                         for t in re.findall(r"\b(?:TS|RM)\d{3}[A-Z]?\b", r.source)})  # fmt: skip
        where = self.meta.get("geography") or self.title
        age = self.age_base
        ages = f"residents aged {age} or over" if age is not None else "usual residents"
        others = self._other_bases()
        if others:
            ages += (
                " where the census tables allow (other figures count "
                f"{' or '.join(_phrase(b) for b in others)}, as noted beside each table)"
            )
        listed = (
            ", ".join(tables[:-1]) + f" and {tables[-1]}" if len(tables) > 1 else "".join(tables)
        )
        source = f"ONS Census 2021 tables {listed}" if tables else "the sources named in the file"
        built = (self.meta.get("built") or "").split(" ")[0].rstrip(",")
        when = f" (built {built})" if built else ""
        return f"Population figures: {where}, {ages}, from {source}{when}."


def _phrase(base: str) -> str:
    """``"aged 5+"`` -> ``"people aged 5 or over"``; ``"all ages"`` -> ``"people of all ages"``."""
    found = re.fullmatch(r"aged (\d+)\+", base.strip())
    if found:
        return f"people aged {found.group(1)} or over"
    return "people of all ages" if base.strip() == "all ages" else base


def _flag(raw: str, where: str, column: str) -> bool | None:
    value = raw.strip().lower()
    if value not in ("", "yes", "no"):
        raise ReferenceError(f"{where}: {column} must be yes or no, not {value!r}")
    return None if not value else value == "yes"


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
    deprived = _flag(row.get("deprived") or "", where, "deprived")
    confirmed = _flag(row.get("confirmed") or "", where, "confirmed")
    return ReferenceShare(
        field=field_name,
        value=value,
        share=_parse_share((row.get("share") or "").strip(), where),
        source=source,
        population=population,
        deprived=bool(deprived),
        base=(row.get("base") or "").strip(),
        confirmed=confirmed is not False,
    )


def _meta(text: str) -> dict[str, str]:
    """``# key: value`` comments naming the reference (only the keys in META_KEYS)."""
    meta: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        key, sep, value = stripped.lstrip("#").partition(":")
        if sep and key.strip().lower() in META_KEYS and value.strip():
            meta.setdefault(key.strip().lower(), value.strip())
    return meta


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
    return Reference(name=name, shares=shares, meta=_meta(text))
