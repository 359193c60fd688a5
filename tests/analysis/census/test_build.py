"""The reference builder on files in ONS's own layouts (tests/data/ons, see its README)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from civicbot_analysis.census.build import BuildError, build_rows, write_reference
from civicbot_analysis.census.ons import CensusFileError, age_bounds, read_table
from civicbot_analysis.equity.reference import parse_reference

ONS = Path(__file__).resolve().parents[2] / "data" / "ons"


def _column_sum(path: Path, code: str, ages: range) -> int:
    """People of ``ages`` in one row, summed straight from the file's single-year columns."""
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["geography code"] == code:
                top = int(row["Age: Aged 100 years and over; measures: Value"])
                return sum(
                    int(row[f"Age: Aged {a} years; measures: Value"])
                    for a in ages
                    if f"Age: Aged {a} years; measures: Value" in row
                ) + (top if 100 in ages else 0)
    raise AssertionError(code)


def test_age_bands_count_people_aged_16_and_over_from_single_years() -> None:
    path = ONS / "census2021-ts007-ltla.csv"
    rows = build_rows([read_table(path)], ["E08000010"])
    got = {r.value: r.count for r in rows}
    assert got["16-24"] == _column_sum(path, "E08000010", range(16, 25))
    assert got["75+"] == _column_sum(path, "E08000010", range(75, 101))
    total = _column_sum(path, "E08000010", range(16, 101))
    assert {r.total for r in rows} == {total} == {sum(got.values())}
    assert all(r.base == "aged 16+" and r.confirmed for r in rows)
    # Wigan's 16+ residents: 268,692 of 329,329 (the file's total counts all ages).
    assert total == 268_692


def test_several_geographies_add_together() -> None:
    table = read_table(ONS / "census2021-ts007-ltla.csv")
    one = build_rows([table], ["E08000010"])
    two = build_rows([table], ["E08000001"])
    both = build_rows([table], ["E08000010", "E08000001"])
    for a, b, c in zip(one, two, both, strict=True):
        assert c.count == a.count + b.count


def test_topic_summaries_map_onto_the_script_and_say_their_base() -> None:
    eth = build_rows([read_table(ONS / "census2021-ts021-wd.csv")], ["E05009608"])
    shares = {r.value: r.count for r in eth}
    # The high-level groups only, never the sub-groups counted twice.
    assert shares == {"asian": 117, "black": 38, "mixed": 99, "white": 5081, "other": 39}
    assert {r.base for r in eth} == {"all ages"}
    dis = build_rows([read_table(ONS / "census2021-ts038-wd.csv")], ["E05000861"])
    assert {r.value: r.count for r in dis} == {
        "yes_limited_lot": 1109,
        "yes_limited_little": 1264,
        "no": 9661,
    }


def test_a_custom_dataset_crossed_with_age_counts_only_16_and_over() -> None:
    table = read_table(ONS / "custom-ethnic-group-by-age-wd.csv")
    assert table.age_from == 16
    rows = build_rows([table], ["W99000001"])
    got = {r.value: r.count for r in rows}
    # Aged 16-24, 25-64 and 65+ of synthetic ward A; the under-16 row is left out.
    assert got == {"asian": 420, "black": 80, "mixed": 30, "white": 2380, "other": 40}
    assert {r.base for r in rows} == {"aged 16+"}
    with pytest.raises(CensusFileError, match="straddles"):
        read_table(ONS / "custom-ethnic-group-by-age-wd.csv", min_age=18)


def test_areas_inside_a_round_get_their_population_share() -> None:
    table = read_table(ONS / "census2021-ts007-msoa.csv")
    areas = [("E02001287", "north"), ("E02001288", "south"), ("E02001289", "centre")]
    rows = [r for r in build_rows([table], [c for c, _ in areas], areas=areas) if r.field == "area"]
    adults = {v: _column_sum(table_path := ONS / "census2021-ts007-msoa.csv", c, range(16, 101))
              for c, v in areas}  # fmt: skip
    assert table_path.exists()
    assert {r.value: r.count for r in rows} == adults
    assert sum(r.share for r in rows) == pytest.approx(1)


def test_written_reference_loads_and_names_geography_age_base_and_source() -> None:
    tables = [read_table(ONS / "census2021-ts007-ltla.csv")]
    text = write_reference(
        build_rows(tables, ["E09000002"]),
        title="Barking and Dagenham",
        geography="Barking and Dagenham (E09000002)",
        min_age=16,
        files=["census2021-ts007-ltla.csv"],
    )
    ref = parse_reference(text, name="bd.csv")
    assert ref.age_base == 16 and ref.title == "Barking and Dagenham"
    sentence = ref.describe()
    assert "Barking and Dagenham (E09000002)" in sentence
    assert "aged 16 or over" in sentence and "TS007" in sentence


@pytest.mark.parametrize(
    ("label", "bounds"),
    [
        ("Aged under 1 year", (0, 0)),
        ("Aged 4 years and under", (0, 4)),
        ("Aged 16 to 24 years", (16, 24)),
        ("Aged 85 years and over", (85, None)),
        ("Aged 17 years", (17, 17)),
        ("White", None),
    ],
)
def test_age_labels(label: str, bounds: tuple[int, int | None] | None) -> None:
    assert age_bounds(label) == bounds


def test_bad_inputs_get_clear_answers(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="no row for E99999999"):
        build_rows([read_table(ONS / "census2021-ts007-ltla.csv")], ["E99999999"])
    odd = tmp_path / "census2021-ts021-ltla.csv"
    odd.write_bytes("date,geography,code\n2021,Caf\xe9,E1\n".encode("latin-1"))
    with pytest.raises(CensusFileError, match="not UTF-8"):
        read_table(odd)
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CensusFileError, match="not an ONS Census 2021 table"):
        read_table(odd)
    five = tmp_path / "census2021-ts007a-ltla.csv"
    five.write_text(
        '"date","geography","geography code","Age: Total","Age: Aged 15 to 19 years",'
        '"Age: Aged 20 to 24 years"\n"2021","X","E1",100,50,50\n',
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match="single years of age"):
        build_rows([read_table(five)], ["E1"])


def test_finer_categories_are_added_up_when_the_groups_are_missing(tmp_path: Path) -> None:
    """A custom dataset of ethnic group (20 categories) has no high-level rows."""
    detailed = tmp_path / "custom-ethnic-group-20.csv"
    detailed.write_text(
        "Lower tier local authorities Code,Lower tier local authorities,"
        "Ethnic group (20 categories) Code,Ethnic group (20 categories),Observation\n"
        'E1,Town,1,"Asian, Asian British or Asian Welsh: Indian",30\n'
        'E1,Town,2,"Asian, Asian British or Asian Welsh: Pakistani",20\n'
        'E1,Town,3,"White: English, Welsh, Scottish, Northern Irish or British",900\n'
        "E1,Town,4,White: Irish,10\n"
        "E1,Town,5,Other ethnic group: Arab,40\n"
        "E1,Town,-8,Does not apply,0\n",
        encoding="utf-8",
    )
    rows = build_rows([read_table(detailed)], ["E1"])
    assert {r.value: r.count for r in rows} == {"asian": 50, "white": 910, "other": 40}
    care = tmp_path / "census2021-ts039-wd.csv"
    care.write_text(
        '"date","geography","geography code",'
        '"Provision of unpaid care: Total: All usual residents aged 5 and over",'
        '"Provision of unpaid care: Provides no unpaid care",'
        '"Provision of unpaid care: Provides 9 hours or less unpaid care a week",'
        '"Provision of unpaid care: Provides 50 or more hours unpaid care a week"\n'
        '"2021","Ward","E05",100,90,6,4\n',
        encoding="utf-8",
    )
    rows = build_rows([read_table(care)], ["E05"])
    assert {r.value: r.count for r in rows} == {"no": 90, "yes": 10}
    assert {r.base for r in rows} == {"aged 5+"}


def test_areas_can_be_marked_deprived_for_the_inverse_care_view() -> None:
    table = read_table(ONS / "census2021-ts007-msoa.csv")
    areas = [("E02001287", "north"), ("E02001288", "south")]
    rows = build_rows([table], [c for c, _ in areas], areas=areas, deprived=["E02001288"])
    text = write_reference(rows, title="t", geography="g", min_age=16, files=["f"])
    assert parse_reference(text, name="t.csv").deprived_values("area") == {"south"}
    with pytest.raises(BuildError, match="not one of the --area codes"):
        build_rows([table], ["E02001287"], areas=areas[:1], deprived=["E02001288"])
