"""Language names in their own script, matching typed names, right-to-left text."""

from __future__ import annotations

from civicbot.languages import LRI, PDI, RLM, for_direction, match_name, own_name


def test_names_are_in_their_own_script() -> None:
    assert [own_name(c) for c in ("en", "cy", "pl", "ur")] == [
        "English",
        "Cymraeg",
        "Polski",
        "اردو",
    ]


def test_typed_names_codes_and_telegram_codes_match() -> None:
    codes = ["en", "cy", "pl", "ur"]
    assert match_name("Cymraeg", codes) == "cy"
    assert match_name("  welsh ", codes) == "cy"
    assert match_name("cy-GB", codes) == "cy"
    assert match_name("POLSKI", codes) == "pl"
    assert match_name("اردو", codes) == "ur"
    assert match_name("Français", codes) is None
    assert match_name("", codes) is None


def test_right_to_left_lines_isolate_numbers_links_and_commands() -> None:
    text = "کال کریں 0808 2000 247 یا /help دیکھیں https://example.org/a?b=1\nEnglish line 3"
    shown = for_direction("ur", text)
    first, second = shown.split("\n")
    assert first.startswith(RLM)
    assert f"{LRI}0808 2000 247{PDI}" in first
    assert f"{LRI}/help{PDI}" in first
    assert f"{LRI}https://example.org/a?b=1{PDI}" in first
    assert second == "English line 3"  # no right-to-left script: left alone
    assert for_direction("ur", shown) == shown  # idempotent
    assert for_direction("cy", text) == text
