"""Rebuild the shipped local reference populations from the stored ONS figures.

    .venv/bin/python bench/local_references.py            # rewrite analysis/data/reference_*.csv
    .venv/bin/python bench/local_references.py --check    # fail if a shipped file is stale

Inputs, all in ``analysis/data/sources`` (see its README for where each came from):

- ``census2021-ts007-ltla.csv``: ONS's bulk TS007 rows for the fifteen areas, unedited;
- ``census2021-ts039-ltla-from-msoa.csv``: TS039 summed from each area's MSOAs;
- ``ethnic-group-4way-visionofbritain.csv``: Census 2021 ethnic group (four-way), for
  the areas whose page was stored; ``sex-visionofbritain.csv`` likewise for sex.

Ages and unpaid care go through :func:`civicbot_analysis.census.build.build_rows`, exactly as
``civicbot reference build`` would. Ethnic group is added here, because its stored
copies are not in ONS's layout: Asian, Black and White are confirmed counts; the split of
the fourth group into Mixed and Other is an estimate (England's ratio) and is marked
``confirmed=no``. Sex is written only for Wigan, and disability for none: no other stored
copy of TS008 or TS038 was found for these areas, and no figure is invented.
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import date
from pathlib import Path

from civicbot_analysis.census.build import Row, build_rows, write_reference
from civicbot_analysis.census.ons import read_table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "analysis" / "data"
SOURCES = DATA / "sources"
BUILT = date(2026, 12, 4)
AREAS: tuple[tuple[str, str, str], ...] = (
    ("wigan", "E08000010", "Wigan"),
    ("barking-and-dagenham", "E09000002", "Barking and Dagenham"),
    ("gateshead", "E08000037", "Gateshead"),
    ("bolton", "E08000001", "Bolton"),
    ("bury", "E08000002", "Bury"),
    ("manchester", "E08000003", "Manchester"),
    ("oldham", "E08000004", "Oldham"),
    ("rochdale", "E08000005", "Rochdale"),
    ("salford", "E08000006", "Salford"),
    ("stockport", "E08000007", "Stockport"),
    ("tameside", "E08000008", "Tameside"),
    ("trafford", "E08000009", "Trafford"),
    ("newcastle-upon-tyne", "E08000021", "Newcastle upon Tyne"),
    ("north-tyneside", "E08000022", "North Tyneside"),
    ("northumberland", "E06000057", "Northumberland"),
)
# England, TS021, all usual residents: Mixed 3.0%, Other 2.2% (the shipped England file;
# their sum, 5.1%, is confirmed, the split is not). Used only to split the four-way
# "Other" group, and every row made with it says so.
MIXED_OF_MIXED_AND_OTHER = 0.030 / 0.052


def _ethnicity(code: str) -> list[Row]:
    with (SOURCES / "ethnic-group-4way-visionofbritain.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    found = next((r for r in rows if r["geography code"] == code), None)
    if found is None:
        return []
    asian, black, white, rest = (
        int(found[k]) for k in ("asian", "black", "white", "mixed_and_other")
    )
    total = asian + black + white + rest
    mixed = round(rest * MIXED_OF_MIXED_AND_OTHER)
    where = f"{found['geography']} ({code}), all usual residents (all ages)"
    page = f"four-way counts on {found['url']} (stored copy read 2026-12-04)"
    src = f"ONS Census 2021 TS021 (Ethnic group), {where}"
    estimate = (
        f"NOT CONFIRMED, an estimate: the page gives Mixed and Other together ({rest:,}); "
        "split in England's proportion (Mixed 3.0 : Other 2.2)"
    )
    counted = [("asian", asian), ("black", black), ("white", white)]
    rows = [
        Row("ethnicity", v, n, total, f"{src}: {n:,} of {total:,}; {page}", "all ages")
        for v, n in counted
    ]
    for value, n in (("mixed", mixed), ("other", rest - mixed)):
        rows.append(
            Row("ethnicity", value, n, total, f"{src}: {estimate}; {page}", "all ages", False)
        )
    return rows


def _sex(code: str) -> list[Row]:
    with (SOURCES / "sex-visionofbritain.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    found = next((r for r in rows if r["geography code"] == code), None)
    if found is None:
        return []
    female, male = int(found["female"]), int(found["male"])
    total = female + male
    src = (
        f"ONS Census 2021 TS008 (Sex), {found['geography']} ({code}), all usual residents "
        "(all ages)"
    )
    page = f"counts on {found['url']} (stored copy read 2026-12-04)"
    return [
        Row("sex", v, n, total, f"{src}: {n:,} of {total:,}; {page}", "all ages")
        for v, n in (("female", female), ("male", male))
    ]


def build_all() -> dict[Path, str]:
    """The text of every shipped local reference, and of the index."""
    ages = read_table(SOURCES / "census2021-ts007-ltla.csv")
    care = read_table(SOURCES / "census2021-ts039-ltla-from-msoa.csv")
    out: dict[Path, str] = {}
    index = ["name,code,file,title"]
    index += [
        "england,E92000001,reference_england.csv,England",
        "england-wales,K04000001,reference_england_wales.csv,England and Wales",
    ]
    for slug, code, title in AREAS:
        rows = build_rows([ages, care], [code])
        eth = _ethnicity(code)
        sex = _sex(code)
        missing = ["disability (TS038)"]
        if not sex:
            missing.insert(0, "sex (TS008)")
        if not eth:
            missing.insert(0, "ethnic group (TS021)")
        notes = [
            "Sources: analysis/data/sources/README.md. Not included, because no stored copy of",
            f"ONS's figures for this area was found: {', '.join(missing)}. Add them by",
            "building again with ONS's files (docs/organisers.md).",
        ]
        if eth:
            notes.append("Rows with confirmed=no are estimates; each row's source says how.")
        text = write_reference(
            rows + eth + sex,
            title=title,
            geography=f"{title} ({code})",
            min_age=16,
            files=[ages.source_file, care.source_file]
            + (["ethnic-group-4way-visionofbritain.csv"] if eth else [])
            + (["sex-visionofbritain.csv"] if sex else []),
            built=BUILT,
            notes=notes,
        )
        file = f"reference_{slug.replace('-', '_')}.csv"
        out[DATA / file] = text
        index.append(f"{slug},{code},{file},{title}")
    header = (
        "# The shipped reference populations: name, ONS geography code, file, title.\n"
        "# Rebuilt by bench/local_references.py (except England and England and Wales).\n"
    )
    out[DATA / "references.csv"] = header + "\n".join(index) + "\n"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the files are current")
    args = parser.parse_args(argv)
    stale = []
    for path, text in build_all().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path.name)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("stale: " + ", ".join(stale), file=sys.stderr)
        return 1
    print(("rewrote " if stale else "up to date: ") + (", ".join(stale) or "all files"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
