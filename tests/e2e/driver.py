"""Plays a resident through a dialogue over the stand-in Bot API, as a person would:
press an option (or type words for a free-text question) for each question the bot asks,
until the closing message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.e2e.fakeapi import CEILING, FakeTelegram, FakeUser

JSON = dict[str, Any]
FINISH_MARK = "Your answers are saved"
NAV = {"Skip", "⬅ Back"}


def buttons(message: JSON) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


def is_prompt(message: JSON) -> bool:
    return bool(buttons(message)) or FINISH_MARK in (message.get("text") or "")


async def next_prompt(tg: FakeTelegram, chat_id: int, timeout: float = CEILING) -> JSON:
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
    """Answer one prompt: a choice by pressing a button, a free-text question by typing;
    a deliberation step is left at once ("Move on ➜", in any language)."""
    labels = buttons(prompt)
    if any(label.startswith("✍") for label in labels):  # a deliberation step: move on
        await user.press(prompt, next(label for label in labels if label.endswith("➜")))
        return
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


def is_picker(message: JSON) -> bool:
    return any(b.startswith("✓ ") for b in buttons(message)) and "Cymraeg" in str(buttons(message))


async def pick(tg: FakeTelegram, user: FakeUser, language: str = "English") -> None:
    """Wait for the language picker and choose ``language`` (its name in its own script)."""
    picker = await tg.wait_for(user.chat_id, is_picker)
    label = next(b for b in buttons(picker) if b.removeprefix("✓ ") == language)
    await user.press(picker, label)


async def to_notice(
    tg: FakeTelegram, user: FakeUser, language: str = "English", timeout: float = CEILING
) -> JSON:
    """After /start: choose ``language`` in the picker (when the script offers several),
    press "Next ➡" past the notice's first layer (when it has one) and return the
    consent notice's second layer (the message with "I agree", in English)."""
    agree, more = "I agree", "Next ➡"
    first = await tg.wait_for(
        user.chat_id,
        lambda m: agree in buttons(m) or more in buttons(m) or is_picker(m),
        timeout=timeout,
    )
    if is_picker(first):
        label = next(b for b in buttons(first) if b.removeprefix("✓ ") == language)
        await user.press(first, label)
        first = await tg.wait_for(
            user.chat_id, lambda m: agree in buttons(m) or more in buttons(m), timeout=timeout
        )
    if more in buttons(first):
        await user.press(first, more)
        first = await tg.wait_for(user.chat_id, lambda m: agree in buttons(m), timeout=timeout)
    return first


async def consent(tg: FakeTelegram, user: FakeUser) -> JSON:
    """Send /start, choose English, read on past the notice's first layer if it has
    one, agree, and return the first question."""
    await user.send_command("start")
    notice = await to_notice(tg, user)
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
