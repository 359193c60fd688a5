"""Settings: read once from the environment, every one documented, secrets kept quiet."""

from __future__ import annotations

from dataclasses import MISSING, fields
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from civicbot.errors import UserError
from civicbot.settings import BY_NAME, SETTINGS, Setting, Settings, SettingsError

DOCS = Path(__file__).resolve().parents[2] / "docs" / "operators.md"


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in text]
    assert missing == []


def test_defaults_and_parsing() -> None:
    settings = Settings.from_env(
        {"CIVICBOT_ADMINS": "12, 34", "TELEGRAM_BOT_TOKEN": "1:abc", "CIVICBOT_POLL_TIMEOUT": "5"}
    )
    assert settings.admins == frozenset({12, 34})
    assert settings.db_path == Path("civicbot.db")
    assert settings.api_url == "https://api.telegram.org/bot"
    assert settings.poll_timeout == 5
    assert settings.require_token() == "1:abc"
    assert "1:abc" not in repr(settings)


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"CIVICBOT_ADMINS": "@someone"}, "numeric"),
        ({"CIVICBOT_POLL_TIMEOUT": "soon"}, "whole number"),
        ({"CIVICBOT_LOG_LEVEL": "LOUD"}, "DEBUG"),
    ],
)
def test_bad_settings_are_explained(env: dict[str, str], words: str) -> None:
    with pytest.raises(SettingsError, match=words):
        Settings.from_env(env)


def test_missing_token_is_explained() -> None:
    with pytest.raises(SettingsError, match="BotFather"):
        Settings.from_env({}).require_token()


RANGED = [s for s in SETTINGS if s.kind in {"whole", "number"} and (s.low, s.high) != (None, None)]


def test_defaults_are_written_once_in_the_table() -> None:
    """The Settings class carries no defaults of its own: each comes from SETTINGS."""
    own = [f.name for f in fields(Settings) if f.name != "env" and f.default is not MISSING]
    assert own == []
    settings = Settings.from_env({})
    assert settings.poll_timeout == int(BY_NAME["CIVICBOT_POLL_TIMEOUT"].default or "")
    assert settings.broadcast_rate == float(BY_NAME["CIVICBOT_BROADCAST_RATE"].default or "")
    assert settings.webhook_listen == ("127.0.0.1", 8443)
    assert settings.default_script == Path(BY_NAME["CIVICBOT_DEFAULT_SCRIPT"].default or "")
    assert settings.retention_days is None and settings.speech is False


@pytest.mark.parametrize("setting", RANGED, ids=lambda s: s.name)
def test_each_range_holds_its_default_and_its_ends(setting: Setting) -> None:
    Settings.from_env({})  # every default is in range
    for end in (setting.low, setting.high):
        if end is None or (end == setting.low and setting.above):
            continue
        given = str(int(end)) if setting.kind == "whole" else f"{end:g}"
        Settings.from_env({setting.name: given})


@pytest.mark.parametrize("setting", RANGED, ids=lambda s: s.name)
def test_out_of_range_is_an_error_naming_the_setting_never_clamped(setting: Setting) -> None:
    outside = []
    if setting.low is not None:
        outside.append(setting.low if setting.above else setting.low - 1)
    if setting.high is not None:
        outside.append(setting.high + 1)
    for value in outside:
        given = str(int(value)) if setting.kind == "whole" else f"{value:g}"
        with pytest.raises(SettingsError) as caught:
            Settings.from_env({setting.name: given})
        message = str(caught.value)
        assert message.startswith(f"{setting.name} must be ") and repr(given) in message
        assert isinstance(caught.value, UserError)


@pytest.mark.parametrize(
    ("name", "given", "words"),
    [
        ("CIVICBOT_BROADCAST_RATE", "50", "from 0.1 to 30"),
        ("CIVICBOT_POLL_TIMEOUT", "90", "whole number from 0 to 50"),
        ("CIVICBOT_ALERT_RETRY_SECONDS", "0", "more than 0 and at most 60"),
        ("CIVICBOT_ALERT_RETRY_SECONDS", "600", "more than 0 and at most 60"),
        ("CIVICBOT_SCHEDULER_SECONDS", "0.01", "from 0.05 to 3600"),
        ("CIVICBOT_REMINDER_HOURS", "inf", "number"),
        ("CIVICBOT_REMINDER_HOURS", "nan", "number"),
        ("CIVICBOT_FLOOD_RATE", "٣", "number"),
        ("CIVICBOT_FLOOD_BURST", "2.5", "whole number"),
        ("CIVICBOT_RETENTION_DAYS", "0", "from 1 to 36500"),
        ("CIVICBOT_FACILITATOR_CHAT", "team", "whole number"),
        ("CIVICBOT_WEBHOOK_LISTEN", "127.0.0.1:70000", "port from 1 to 65535"),
        ("CIVICBOT_SPEECH", "maybe", "on or off"),
    ],
)
def test_bad_values_name_the_setting_and_what_it_takes(name: str, given: str, words: str) -> None:
    with pytest.raises(SettingsError, match=name) as caught:
        Settings.from_env({name: given})
    assert words in str(caught.value)


def test_values_in_range_are_kept_as_given() -> None:
    settings = Settings.from_env(
        {
            "CIVICBOT_BROADCAST_RATE": "30",
            "CIVICBOT_POLL_TIMEOUT": "0",
            "CIVICBOT_ALERT_RETRY_SECONDS": "0.1",
            "CIVICBOT_SCHEDULER_SECONDS": "0.05",
            "CIVICBOT_LOG_LEVEL": "debug",
            "CIVICBOT_FACILITATOR_CHAT": "-1001234",
        }
    )
    assert (settings.broadcast_rate, settings.poll_timeout) == (30.0, 0)
    assert (settings.alert_retry_seconds, settings.scheduler_seconds) == (0.1, 0.05)
    assert (settings.log_level, settings.facilitator_chat) == ("DEBUG", -1001234)


def test_the_cli_prints_one_line_and_exits_2() -> None:
    result = CliRunner().invoke(main, ["run"], env={"CIVICBOT_BROADCAST_RATE": "50"})
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines == ["Error: CIVICBOT_BROADCAST_RATE must be a number from 0.1 to 30, not '50'."], (
        result.output
    )


def test_every_range_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [s.name for s in RANGED if f"- `{s.name}`: {s.allowed()}\n" not in text]
    assert missing == []
