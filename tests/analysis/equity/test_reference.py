"""Reference populations: the shipped Census 2021 files and facilitators' own CSVs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from civicbot_analysis.equity.reference import ReferenceError
from civicbot_analysis.equity.reference_select import load_reference

DEFAULT_SCRIPT_VALUES = {
    "age_band": {"16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"},
    "sex": {"female", "male"},
    "ethnicity": {"asian", "black", "mixed", "white", "other"},
    "disability": {"yes_limited_lot", "yes_limited_little", "no"},
    "caring": {"yes", "no"},
}


@pytest.mark.parametrize("name", ["england", "england-wales"])
def test_shipped_references_cover_the_default_script(name: str) -> None:
    ref = load_reference(name)
    for field, values in DEFAULT_SCRIPT_VALUES.items():
        assert set(ref.shares[field]) == values, field
        assert sum(r.share for r in ref.shares[field].values()) == pytest.approx(1, abs=0.002)
    # money_worries has no census question behind it, so no reference.
    assert "money_worries" not in ref.shares
    for group in ref.shares.values():
        for row in group.values():
            assert "Census 2021" in row.source and re.search(r"\bTS0\d\d", row.source)


def test_custom_reference_with_areas(tmp_path: Path) -> None:
    path = tmp_path / "local.csv"
    path.write_text(
        "# my borough, ONS mid-year estimates 2022\n"
        "field,value,share,source,population,deprived\n"
        'area,north_ward,0.25,ONS MYE 2022,"12,000",yes\n'
        "area,south_ward,0.75,ONS MYE 2022,36000,no\n",
        encoding="utf-8",
    )
    ref = load_reference(path)
    assert ref.share("area", "north_ward") == 0.25
    assert ref.shares["area"]["north_ward"].population == 12000
    assert ref.deprived_values("area") == {"north_ward"}
    assert ref.share("area", "east") is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("field,value,share\nsex,female,0.5\n", "header lacks source"),
        ("field,value,share,source\nsex,female,half,x\n", "line 2: share 'half' is not a number"),
        ("field,value,share,source\nsex,female,51,x\nsex,male,49,x\n", "fraction between 0 and 1"),
        ("field,value,share,source\nsex,female,0.5,x\nsex,male,0.3,x\n", "add up to 0.800"),
        ("field,value,share,source\nsex,female,0.5,x\nsex,female,0.5,x\n", "given twice"),
        ("field,value,share,source\nsex,female,1.0,\n", "needs a source"),
        ("field,value,share,source,deprived\narea,a,1.0,x,maybe\n", "deprived must be yes or no"),
        ("# nothing\n", "empty"),
    ],
)
def test_invalid_references_explain_themselves(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ReferenceError, match=re.escape(message)):
        load_reference(path)


def test_unknown_reference_name() -> None:
    with pytest.raises(ReferenceError, match="england-wales"):
        load_reference("scotland")
