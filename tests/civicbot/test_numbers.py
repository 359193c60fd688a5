"""Numbers from people are ASCII digits only: "²" and "٣" are refused, never crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.bot.sending import parse_callback
from civicbot.cli import main
from civicbot.numbers import ascii_int
from civicbot.settings import Settings, SettingsError


@pytest.mark.parametrize("text", ["²", "٣", "１", "3.0", "", " 3", "+3", "1" * 13, None])
def test_only_ascii_digits_are_numbers(text: str | None) -> None:
    assert ascii_int(text) is None


def test_ascii_numbers() -> None:
    assert ascii_int("042") == 42
    assert ascii_int("-7", signed=True) == -7 and ascii_int("-7") is None


def test_button_data_with_unicode_digits_is_foreign() -> None:
    assert parse_callback("²:c:y") == (None, "")
    assert parse_callback("٣:c:y") == (None, "")
    assert parse_callback("3:c:y") == (3, "c:y")


def test_settings_refuse_unicode_digits() -> None:
    with pytest.raises(SettingsError, match="CIVICBOT_ADMINS"):
        Settings.from_env({"CIVICBOT_ADMINS": "²"})


@pytest.mark.parametrize("round_id", ["²", "٣"])
def test_cli_round_numbers_are_ascii(tmp_path: Path, round_id: str) -> None:
    result = CliRunner().invoke(main, ["stats", round_id, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2, result.output
    assert "not a whole number" in result.output


@pytest.mark.parametrize(
    "command", [["round", "open"], ["round", "close"], ["report", "--out", "r.html"]]
)
def test_more_commands_refuse_unicode_round_numbers(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "x.db"
    db.touch()
    words = (
        [*command[:-2], "٣", "--db", str(db), *command[-2:]]
        if command[0] == "report"
        else [*command, "٣", "--db", str(db)]
    )
    result = CliRunner().invoke(main, words)
    assert result.exit_code == 2, result.output
    assert "whole number" in result.output or "not a round number" in result.output
