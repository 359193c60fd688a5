"""Choosing a reference: shipped names and geography codes, files only under the
configured folder, never the database, each refusal in plain words (issue #9, finding 5)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from civicbot_analysis.equity.reference import ReferenceError
from civicbot_analysis.equity.reference_select import choose, shipped

GOOD = (
    "# title: Our wards\n# age base: 16+\n"
    "field,value,share,source\narea,north,0.4,ONS TS007 wards\narea,south,0.6,ONS TS007 wards\n"
)


@pytest.mark.parametrize(
    ("spec", "name"),
    [
        ("england", "england"),
        ("england-wales", "england-wales"),
        ("england_wales", "england-wales"),  # the spelling the old docs used
        ("England and Wales", "england-wales"),
        ("Wigan", "wigan"),
        ("E08000010", "wigan"),
        ("e09000002", "barking-and-dagenham"),
        ("Barking and Dagenham", "barking-and-dagenham"),
        ("newcastle upon tyne", "newcastle-upon-tyne"),
    ],
)
def test_names_and_codes_find_shipped_references(spec: str, name: str) -> None:
    chosen = choose(spec)
    assert chosen.name == name
    assert chosen.reference.shares, "a chosen reference always compares with something"


def test_every_shipped_reference_loads_with_its_age_base() -> None:
    entries = shipped()
    assert len(entries) == 17  # England, England and Wales, and the fifteen local areas
    for entry in entries:
        ref = choose(entry.code).reference
        assert ref.age_base == 16 and "age_band" in ref.shares
        assert all(r.base == "aged 16+" for r in ref.shares["age_band"].values())


@pytest.mark.parametrize("spec", ["scotland", "E99999999", "", "englandd", "/etc/passwd"])
def test_unknown_names_are_refused_with_the_choices(spec: str) -> None:
    with pytest.raises(ReferenceError) as err:
        choose(spec)
    assert "england" in str(err.value) or "civicbot reference build" in str(err.value)


def test_a_file_in_the_folder_is_read_checked_and_frozen(tmp_path: Path) -> None:
    (tmp_path / "wards.csv").write_text(GOOD, encoding="utf-8")
    chosen = choose("wards.csv", folder=tmp_path)
    assert chosen.name == "wards.csv" and chosen.text == GOOD
    assert chosen.reference.share("area", "north") == 0.4


def test_files_outside_the_folder_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "refs"
    folder.mkdir()
    (tmp_path / "outside.csv").write_text(GOOD, encoding="utf-8")
    (folder / "link.csv").symlink_to(tmp_path / "outside.csv")
    for spec in ("../outside.csv", str(tmp_path / "outside.csv"), "link.csv", ".hidden.csv"):
        with pytest.raises(ReferenceError):
            choose(spec, folder=folder)
    with pytest.raises(ReferenceError, match="no folder for your own reference files"):
        choose("outside.csv")


def test_the_database_is_never_read_as_a_reference(tmp_path: Path) -> None:
    db = tmp_path / "civicbot.db"
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.commit()
    (tmp_path / "db.csv").symlink_to(db)
    with pytest.raises(ReferenceError, match="the bot's database"):
        choose("db.csv", folder=tmp_path, forbid=[db])
    (tmp_path / "copy.csv").write_bytes(db.read_bytes())
    with pytest.raises(ReferenceError, match="SQLite database"):
        choose("copy.csv", folder=tmp_path)
    with pytest.raises(ReferenceError, match="the bot's database"):
        choose(str(tmp_path / "db.csv"), allow_paths=True, forbid=[db])
    with pytest.raises(ReferenceError, match="not a reference population"):
        choose(str(db), allow_paths=True, forbid=[db])


def test_files_that_are_not_utf8_or_not_a_reference_are_refused(tmp_path: Path) -> None:
    (tmp_path / "latin.csv").write_bytes(GOOD.replace("Our", "Caf\xe9").encode("latin-1"))
    with pytest.raises(ReferenceError, match="not UTF-8"):
        choose("latin.csv", folder=tmp_path)
    (tmp_path / "half.csv").write_text(GOOD.replace("0.6", "0.3"), encoding="utf-8")
    with pytest.raises(ReferenceError, match=r"add up to 0\.700"):
        choose("half.csv", folder=tmp_path)
    (tmp_path / "big.csv").write_text(GOOD + "#" * 1_000_001, encoding="utf-8")
    with pytest.raises(ReferenceError, match="too large"):
        choose("big.csv", folder=tmp_path)
