"""Rehearse a dialogue script in a terminal, through the same engine the bot uses.

Messages are printed with their buttons numbered; typing a number presses that button,
anything else is sent as text, and a few slash commands stand in for the bot's:
``/skip``, ``/back``, ``/pause``, ``/start``, ``/restart``, ``/language xx``,
``/quit``. Reading stops cleanly at the end of input, so a rehearsal can be piped in.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from civicbot.engine import (
    Back,
    Button,
    Input,
    Outcome,
    Pause,
    Press,
    Record,
    SessionState,
    SetLanguage,
    Skip,
    Start,
    Text,
    handle,
)
from civicbot.engine.flow import live_answers
from civicbot.engine.types import AnswerValue, DeliberationPool, PoolStatement
from civicbot.numbers import ascii_int
from civicbot.script.model import Script, text_in

HELP = (
    "Type a number to press a button, or type your answer "
    "(on a question answered in words, numbers are words too). "
    "Commands: /skip /back /pause /start /restart /language xx /quit /help"
)

_COMMANDS: dict[str, Input] = {
    "/skip": Skip(),
    "/back": Back(),
    "/pause": Pause(),
    "/start": Start(),
    "/restart": Start(restart=True),
}


class _Quit:
    pass


class _Help:
    pass


def parse_line(
    line: str, buttons: list[Button], *, numbers_press: bool = True
) -> Input | _Quit | _Help:
    """What a typed line means, given the buttons on screen (numbered from 1). On a
    free-text question a number is an answer, not a press (``numbers_press`` False)."""
    stripped = line.strip()
    word, _, rest = stripped.partition(" ")
    command = word.casefold()
    if command in ("/quit", "/exit"):
        return _Quit()
    if command == "/help":
        return _Help()
    if command == "/language":
        return SetLanguage(rest.strip())
    if command in _COMMANDS and not rest:
        return _COMMANDS[command]
    number = ascii_int(stripped, max_digits=4) if numbers_press else None
    if number is not None and 1 <= number <= len(buttons):
        return Press(buttons[number - 1].token)
    return Text(line.rstrip("\r\n"))


def show(outcome: Outcome) -> tuple[list[str], list[Button]]:
    """The outcome's messages as terminal lines, and its buttons in number order."""
    lines: list[str] = []
    buttons: list[Button] = []
    for message in outcome.messages:
        if message.edit:
            lines.append("(message updated)")
        lines.append(message.text)
        for row in message.buttons:
            labels = []
            for button in row:
                buttons.append(button)
                labels.append(f"[{len(buttons)}] {button.label}")
            lines.append("   ".join(labels))
        lines.append("")
    return lines, buttons


@dataclass
class Rehearsal:
    """One resident's run through a script; ``records`` holds what the bot would store."""

    script: Script
    state: SessionState = field(default_factory=SessionState)
    records: list[Record] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.state.pool is None:
            self.state = replace(self.state, pool=seed_pool(self.script))

    def send(self, inp: Input) -> Outcome:
        outcome = handle(self.script, self.state, inp)
        self.state = outcome.state
        self.records.extend(outcome.records)
        return outcome

    def answers(self) -> dict[str, AnswerValue]:
        return live_answers(self.state) if self.state.status != "finished" else self.state.answers


def seed_pool(script: Script) -> DeliberationPool:
    """What a rehearsal's deliberation steps show: the script's seed statements, as a
    round's would be before any resident writes one. Statements written in the rehearsal
    are the rehearser's own, so (as in the bot) they are never shown back to them."""
    language = script.default_language
    seeds = [
        (step.id, k, text_in(seed, language, language).strip())
        for step in script.steps()
        if step.type == "deliberation"
        for k, seed in enumerate(step.seed_statements)
    ]
    return DeliberationPool(
        statements=tuple(
            PoolStatement(id=i, step_id=step_id, text=text, seed=k)
            for i, (step_id, k, text) in enumerate(seeds, start=1)
        )
    )


def rehearse(
    script: Script,
    read_line: Callable[[], str | None],
    write: Callable[[str], None],
    *,
    echo: bool = False,
    language: str | None = None,
) -> Rehearsal:
    """Run a dialogue until ``/quit`` or the end of input. ``read_line`` returns None at
    the end of input; ``echo`` repeats each line read (useful when input is piped)."""
    run = Rehearsal(script)
    if language is not None:
        run.send(SetLanguage(language))
    outcome = run.send(Start())
    lines, buttons = show(outcome)
    free_text = _asks_free_text(script, outcome)
    write("\n".join(lines))
    while True:
        write("> ")
        line = read_line()
        if line is None:
            write("\n")
            break
        if echo:
            write(line if line.endswith("\n") else line + "\n")
        parsed = parse_line(line, buttons, numbers_press=not free_text)
        if isinstance(parsed, _Quit):
            break
        if isinstance(parsed, _Help):
            write(HELP + "\n")
            continue
        outcome = run.send(parsed)
        lines, shown = show(outcome)
        # Buttons of the last outcome stay pressable when a reply carries none (a
        # note such as "paused"), as they would in a chat.
        if shown:
            buttons, free_text = shown, _asks_free_text(script, outcome)
        write("\n".join(lines))
    return run


def _asks_free_text(script: Script, outcome: Outcome) -> bool:
    asked = {m.step_id for m in outcome.messages if m.step_id is not None}
    return any(s.type == "free_text" for s in script.steps() if s.id in asked)


def answers_json(run: Rehearsal) -> str:
    """The answers collected, as JSON (several choices as a list, skipped as null)."""
    answers = {k: list(v) if isinstance(v, tuple) else v for k, v in run.answers().items()}
    return json.dumps(answers, ensure_ascii=False, indent=2)
