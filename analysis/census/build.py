"""Building a reference population file from Census 2021 tables (``civicbot reference build``).

Each table read by :mod:`civicbot_analysis.census.ons` is mapped onto the demographic fields of
the default script by its category labels:

==============  ========================================  ==============================
field           ONS table                                  values
==============  ========================================  ==============================
``age_band``    TS007 (age by single year)                 16-24 … 75+, from ``min_age``
``sex``         TS008, or a custom dataset by age          female, male
``ethnicity``   TS021, or a custom dataset by age          asian, black, mixed, white, other
``disability``  TS038, or a custom dataset by age          yes_limited_lot, yes_limited_little, no
``caring``      TS039, or a custom dataset by age          yes, no
``household_deprivation``  TS011 (households; context only)  none … four
``area``        any table, one row per chosen area         the value given for each area
==============  ========================================  ==============================

Like with like: a topic summary (TS) counts all ages (or the base its total names); a
custom dataset crossed with age counts only people aged ``min_age`` or over. Each row
records its base, and the report says so beside a field whose base is not the round's.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from civicbot_analysis.census.ons import CensusFileError, CensusTable, age_bounds

BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("16-24", 16, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45-54", 45, 54),
    ("55-64", 55, 64),
    ("65-74", 65, 74),
    ("75+", 75, None),
)
# (field, value, category labels as ONS writes them, lower case). Where a table has only
# finer categories ("White: Irish", "Provides 9 hours or less unpaid care a week"), they
# are added up: see _count.
CATEGORIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("sex", "female", ("female",)),
    ("sex", "male", ("male",)),
    ("ethnicity", "asian", ("asian, asian british or asian welsh",)),
    ("ethnicity", "black", ("black, black british, black welsh, caribbean or african",)),
    ("ethnicity", "mixed", ("mixed or multiple ethnic groups",)),
    ("ethnicity", "white", ("white",)),
    ("ethnicity", "other", ("other ethnic group",)),
    (
        "disability",
        "yes_limited_lot",
        ("disabled under the equality act: day-to-day activities limited a lot",),
    ),
    (
        "disability",
        "yes_limited_little",
        ("disabled under the equality act: day-to-day activities limited a little",),
    ),
    ("disability", "no", ("not disabled under the equality act",)),
    ("caring", "no", ("provides no unpaid care",)),
    (
        "caring",
        "yes",
        (
            "provides 19 hours or less unpaid care a week",
            "provides 20 to 49 hours unpaid care a week",
            "provides 50 or more hours unpaid care a week",
        ),
    ),
    ("household_deprivation", "none", ("household is not deprived in any dimension",)),
    ("household_deprivation", "one", ("household is deprived in one dimension",)),
    ("household_deprivation", "two", ("household is deprived in two dimensions",)),
    ("household_deprivation", "three", ("household is deprived in three dimensions",)),
    ("household_deprivation", "four", ("household is deprived in four dimensions",)),
)


class BuildError(ValueError):
    """The tables cannot make the reference asked for; the message says why."""


@dataclass(frozen=True)
class Row:
    field: str
    value: str
    count: int
    total: int
    source: str
    base: str
    confirmed: bool = True
    deprived: bool = False  # an area the organiser marks as among the most deprived

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0


def is_age_table(table: CensusTable) -> bool:
    """A table of age itself (TS007, TS007A), not another topic crossed with age."""
    return table.variable.strip().lower() == "age" and table.age_from is None


def _base(table: CensusTable, min_age: int) -> str:
    if table.age_from is not None or is_age_table(table):
        return f"aged {min_age}+"
    label = table.total_label.lower()
    if "household" in label:
        return "households"
    found = re.search(r"aged (\d+) (?:years )?and over", label)
    return f"aged {found.group(1)}+" if found else "all ages"


def _where(table: CensusTable, codes: Sequence[str]) -> str:
    return ", ".join(f"{table.names.get(c, c)} ({c})" for c in codes)


def _sum(table: CensusTable, codes: Sequence[str]) -> dict[str, int]:
    missing = [c for c in codes if c not in table.counts]
    if missing:
        raise BuildError(
            f"{table.source_file} has no row for {', '.join(missing)}; check the geography "
            "codes and the file's level (ltla = local authority, wd = ward, msoa)"
        )
    out: dict[str, int] = {}
    for code in codes:
        for label, value in table.counts[code].items():
            out[label.lower()] = out.get(label.lower(), 0) + value
    return out


def _describe(table: CensusTable, where: str, base: str) -> str:
    kind = (
        f"ONS Census 2021 {table.table_id} ({table.variable})"
        if table.table_id != "custom"
        else f"ONS Census 2021 custom dataset ({table.variable} by age)"
    )
    return f"{kind}, {where}, {base}, file {table.source_file}"


def age_rows(table: CensusTable, codes: Sequence[str], min_age: int) -> list[Row]:
    """Age bands of people aged ``min_age`` or over, from single years of age (TS007)."""
    if min_age != BANDS[0][1]:
        raise BuildError(f"the script's age bands start at 16; min_age {min_age} does not fit")
    summed = _sum(table, codes)
    singles: dict[int, int] = {}
    for label, value in summed.items():
        bounds = age_bounds(label)
        if bounds and (bounds[0] == bounds[1] or (bounds[1] is None and bounds[0] >= 85)):
            if bounds[1] is None and any(b is not None and b >= bounds[0] for b in singles):
                continue
            singles[bounds[0]] = value
    if not any(a >= min_age for a in singles) or min_age - 1 not in singles:
        raise BuildError(
            f"{table.source_file}: needs single years of age (TS007, not the five-year "
            "bands of TS007A) to count people aged 16 and over exactly"
        )
    counts = {
        band: sum(v for a, v in singles.items() if a >= lo and (hi is None or a <= hi))
        for band, lo, hi in BANDS
    }
    total = sum(counts.values())
    where = _where(table, codes)
    src = _describe(table, where, f"usual residents aged {min_age}+")
    return [
        Row("age_band", band, n, total, f"{src}: {n:,} of {total:,}", f"aged {min_age}+")
        for band, n in counts.items()
    ]


# Finer categories that make up a coarser one, where the label does not say so.
_PARTS: dict[str, tuple[str, ...]] = {
    "provides 19 hours or less unpaid care a week": (
        "provides 9 hours or less unpaid care a week",
        "provides 10 to 19 hours unpaid care a week",
    ),
    "provides 20 to 49 hours unpaid care a week": (
        "provides 20 to 34 hours unpaid care a week",
        "provides 35 to 49 hours unpaid care a week",
    ),
}


def _one(summed: dict[str, int], label: str) -> int | None:
    """The people in one category; else in its finer categories (``label: …``)."""
    if label in summed:
        return summed[label]
    finer = [v for k, v in summed.items() if k.startswith(label + ": ")]
    finer += [summed[k] for k in _PARTS.get(label, ()) if k in summed]
    return sum(finer) if finer else None


def _count(summed: dict[str, int], labels: tuple[str, ...]) -> int | None:
    found = [n for n in (_one(summed, label) for label in labels) if n is not None]
    return sum(found) if found else None


def category_rows(table: CensusTable, codes: Sequence[str], min_age: int) -> list[Row]:
    """The script's fields found among the table's categories."""
    summed = _sum(table, codes)
    groups: dict[str, dict[str, int]] = {}
    for field_name, value, labels in CATEGORIES:
        found = _count(summed, labels)
        if found is not None:
            groups.setdefault(field_name, {})[value] = found
    if not groups:
        raise BuildError(
            f"{table.source_file}: no categories of age, sex, ethnic group, disability, "
            f"unpaid care or household deprivation found (variable {table.variable!r})"
        )
    base = _base(table, min_age)
    where = _where(table, codes)
    rows: list[Row] = []
    for field_name, values in groups.items():
        total = sum(values.values())
        src = _describe(table, where, base)
        rows.extend(
            Row(field_name, v, n, total, f"{src}: {n:,} of {total:,}", base)
            for v, n in values.items()
        )
    return rows


def area_rows(
    table: CensusTable,
    areas: Sequence[tuple[str, str]],
    min_age: int,
    deprived: Collection[str] = (),
) -> list[Row]:
    """Each chosen area's share of the people in all of them (``areas``: code, value);
    areas whose code is in ``deprived`` are marked so (for the inverse care view)."""
    unknown = set(deprived) - {c for c, _ in areas}
    if unknown:
        raise BuildError(f"--deprived {', '.join(sorted(unknown))}: not one of the --area codes")
    counts: dict[str, int] = {}
    for code, value in areas:
        if is_age_table(table):
            counts[value] = sum(r.count for r in age_rows(table, [code], min_age))
        else:
            total = table.total(code) if code in table.counts else None
            if total is None:
                raise BuildError(f"{table.source_file} has no total for {code}")
            counts[value] = total
    total = sum(counts.values())
    base = _base(table, min_age)
    return [
        Row(
            "area",
            v,
            counts[v],
            total,
            f"{_describe(table, _where(table, [code]), base)}: {counts[v]:,} of {total:,} "
            "in the chosen areas",
            base,
            deprived=code in deprived,
        )
        for code, v in areas
    ]


def build_rows(
    tables: Iterable[CensusTable],
    codes: Sequence[str],
    *,
    min_age: int = 16,
    areas: Sequence[tuple[str, str]] = (),
    deprived: Collection[str] = (),
) -> list[Row]:
    """Every field the tables give, for the geographies ``codes`` added together. Where
    two tables give one field, a table counting ``min_age`` and over wins over one
    counting all ages."""
    chosen: dict[str, list[Row]] = {}
    tables = list(tables)
    for table in tables:
        made = (
            age_rows(table, codes, min_age)
            if is_age_table(table)
            else category_rows(table, codes, min_age)
        )
        for field_name in {r.field for r in made}:
            rows = [r for r in made if r.field == field_name]
            old = chosen.get(field_name)
            if old is None or old[0].base != f"aged {min_age}+":
                chosen[field_name] = rows  # a table counting min_age and over is kept
    if areas:
        by_age = [t for t in tables if is_age_table(t)] or tables
        chosen["area"] = area_rows(by_age[0], areas, min_age, deprived)
    if not chosen:
        raise BuildError("no figures could be built from these files")
    return [r for rows in chosen.values() for r in rows]


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def write_reference(
    rows: Sequence[Row],
    *,
    title: str,
    geography: str,
    min_age: int,
    files: Sequence[str],
    built: date | None = None,
    notes: Sequence[str] = (),
) -> str:
    """The reference file's text (format: ``analysis/data/README.md``)."""
    day = (built or date.today()).isoformat()
    lines = [
        f"# title: {title}",
        f"# geography: {geography}",
        f"# age base: {min_age}+",
        f"# built: {day} with `civicbot reference build` from {', '.join(files)}",
        "# Shares are fractions of the population in each row's base column. A base other",
        f"# than 'aged {min_age}+' means ONS's table does not split that topic by age here.",
        *(f"# {n}" for n in notes),
        "field,value,share,source,population,base,confirmed,deprived",
    ]
    for r in rows:
        if r.total == 0:
            raise BuildError(f"{r.field}: the chosen geographies have no people in this table")
        cells = [r.field, r.value, f"{r.share:.4f}", r.source, str(r.count), r.base]
        cells += ["yes" if r.confirmed else "no", "yes" if r.deprived else ""]
        lines.append(",".join(_csv_cell(c) for c in cells))
    return "\n".join(lines) + "\n"


__all__ = [
    "BuildError",
    "CensusFileError",
    "Row",
    "build_rows",
    "write_reference",
]
