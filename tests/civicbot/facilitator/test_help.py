"""/help for facilitators (issue #13): their commands, from the same list as their menu,
admin-only ones for admins alone, and the guide shows what the bot says."""

from __future__ import annotations

import re
from pathlib import Path

from civicbot.bot.facilitator import words

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "facilitators.md"


def test_every_facilitator_command_is_in_help() -> None:
    mine = words.facilitator_help(admin=False)
    admin = words.facilitator_help(admin=True)
    for name, _ in words.FACILITATOR_COMMANDS:
        assert (f"/{name}" in mine) is (name not in words.ADMIN_ONLY), name
        assert f"/{name}" in admin
    assert "\n/rounds  List rounds with their numbers\n" in mine
    assert "\n/grant USER_ID  Make someone a facilitator\n" in admin


def test_the_guide_shows_the_help_the_bot_gives() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    block = re.search(r"\n  For facilitators:\n(.*?)\n```", text, re.S)
    assert block, "docs/facilitators.md no longer shows a facilitator's /help"
    shown = ["For facilitators:", *(line.removeprefix("  ") for line in block[1].splitlines())]
    assert [x.strip() for x in shown] == words.facilitator_help(admin=False).splitlines()
