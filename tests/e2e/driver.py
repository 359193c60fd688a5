"""Plays a resident through a dialogue over the stand-in Bot API, as a person would:
press an option (or type words for a free-text question) for each question the bot asks,
until the closing message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.e2e.fakeapi import FakeTelegram, FakeUser

JSON = dict[str, Any]
FINISH_MARK = "Your answers are saved"
NAV = {"Skip", "⬅ Back"}


def buttons(message: JSON) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


def is_prompt(message: JSON) -> bool:
    return bool(buttons(message)) or FINISH_MARK in (message.get("text") or "")


async def next_prompt(tg: FakeTelegram, chat_id: int, timeout: float = 15.0) -> JSON:
    """The next message that asks something (has buttons) or closes the dialogue."""
    return await tg.wait_for(chat_id, is_prompt, timeout=timeout)


Chooser = Callable[[JSON, list[str]], str | None]


def first_option(message: JSON, options: list[str]) -> str | None:
    return options[0] if options else None


async def answer(
    tg: FakeTelegram,
    user: FakeUser,
    prompt: JSON,
    *,
    text: str = "Being listened to, and help that comes in time.",
    choose: Chooser = first_option,
) -> None:
    """Answer one prompt: a choice by pressing a button, a free-text question by typing."""
    labels = buttons(prompt)
    options = [label for label in labels if label not in NAV and label != "Done"]
    if "Done" in labels:  # multiple choice: tick one, then confirm
        await user.press(prompt, choose(prompt, options) or options[0])
        await tg.wait_for(user.chat_id, lambda m: "✓" in str(m.get("reply_markup")), edits=True)
        await user.press(prompt, "Done")
        return
    choice = choose(prompt, options)
    if options and choice is not None:
        await user.press(prompt, choice)
    elif options:
        await user.press(prompt, "Skip")
    else:
        await user.send_text(text)


async def consent(tg: FakeTelegram, user: FakeUser) -> JSON:
    """Send /start, read on past the notice's first layer if it has one, agree, and
    return the first question."""
    await user.send_command("start")
    notice = await tg.wait_for(
        user.chat_id, lambda m: "I agree" in buttons(m) or "Next ➡" in buttons(m)
    )
    if "Next ➡" in buttons(notice):
        await user.press(notice, "Next ➡")
        notice = await tg.wait_for(user.chat_id, lambda m: "I agree" in buttons(m))
    await user.press(notice, "I agree")
    return await next_prompt(tg, user.chat_id)


async def complete(tg: FakeTelegram, user: FakeUser, *, max_steps: int = 80) -> int:
    """Take ``user`` from /start to the closing message; returns the questions answered."""
    prompt = await consent(tg, user)
    answered = 0
    while FINISH_MARK not in (prompt.get("text") or ""):
        await answer(tg, user, prompt)
        answered += 1
        assert answered <= max_steps, tg.transcript(user.chat_id)[-3000:]
        prompt = await next_prompt(tg, user.chat_id)
    return answered
