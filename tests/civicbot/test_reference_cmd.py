"""`civicbot reference build | list | check` on files in ONS's layout."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from civicbot.cli import main
from civicbot.settings import Settings
from civicbot_analysis.equity.reference_select import choose

ONS = Path(__file__).resolve().parents[1] / "data" / "ons"


def test_build_then_check_then_use_in_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "two.csv"
    result = CliRunner().invoke(
        main,
        ["reference", "build", str(ONS / "census2021-ts007-ltla.csv"), "--geography",
         "E08000010", "--geography", "E08000001", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Wigan (E08000010), Bolton (E08000001), fields age_band" in result.output
    checked = CliRunner().invoke(main, ["reference", "check", str(out)])
    assert checked.exit_code == 0 and "is a usable reference" in checked.output
    ref = choose("two.csv", folder=tmp_path).reference
    assert ref.age_base == 16 and ref.title == "Wigan and Bolton"


def test_build_refuses_what_it_cannot_make(tmp_path: Path) -> None:
    runner = CliRunner()
    no_code = runner.invoke(
        main, ["reference", "build", str(ONS / "census2021-ts007-ltla.csv"), "--out", "x.csv"]
    )
    assert no_code.exit_code != 0 and "--geography" in no_code.output
    wrong = runner.invoke(
        main,
        ["reference", "build", str(ONS / "census2021-ts021-wd.csv"), "--geography",
         "E08000010", "--out", str(tmp_path / "x.csv")],
    )  # fmt: skip
    assert wrong.exit_code != 0 and "no row for E08000010" in wrong.output
    bad_area = runner.invoke(
        main,
        ["reference", "build", str(ONS / "census2021-ts007-msoa.csv"), "--area", "north",
         "--out", str(tmp_path / "x.csv")],
    )  # fmt: skip
    assert bad_area.exit_code != 0 and "CODE=VALUE" in bad_area.output
    (tmp_path / "bad.csv").write_bytes(b"field,value,share,source\nsex,f\xe9,1,x\n")
    checked = runner.invoke(main, ["reference", "check", str(tmp_path / "bad.csv")])
    assert checked.exit_code != 0 and "not UTF-8" in checked.output


def test_list_shows_every_shipped_place() -> None:
    listed = CliRunner().invoke(main, ["reference", "list"])
    assert listed.exit_code == 0
    for name in ("england-wales", "wigan", "barking-and-dagenham", "northumberland"):
        assert name in listed.output
    assert "E08000010" in listed.output


def test_the_references_folder_setting() -> None:
    assert Settings.from_env({}).references_dir is None
    assert Settings.from_env({"CIVICBOT_REFERENCES": "/srv/refs"}).references_dir == Path(
        "/srv/refs"
    )
