"""Settings: read once from the environment, every one documented, secrets kept quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from civicbot.settings import SETTINGS, Settings, SettingsError

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
