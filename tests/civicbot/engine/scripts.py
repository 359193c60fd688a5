"""Small dialogue scripts and a driver for the engine tests."""

from __future__ import annotations

from typing import Any

import yaml

from civicbot.engine import Input, Outcome, SessionState, current_prompt, handle
from civicbot.engine.types import Record
from civicbot.script.model import Script

BASIC = """
id: basic
version: 1
title: Talking about services
languages: [en, cy]
ask_language: false
allow_restart: true
consent:
  version: 3
  text: {en: "We keep your answers safe. OK?", cy: "Rydym yn cadw eich atebion. Iawn?"}
ui:
  cy: {skip: "Hepgor hwn"}
finish: {en: "All done, thank you. You felt {{ answers.mood }}.", cy: "Diolch."}
sections:
  - id: intro
    title: {en: "About today", cy: "Am heddiw"}
    steps:
      - id: hello
        type: message
        text: {en: "Hello! A few questions.", cy: "Helo!"}
      - id: mood
        type: scale
        text: {en: "How do you feel?", cy: "Sut ydych chi'n teimlo?"}
        options:
          - {value: "1", label: {en: "Bad", cy: "Drwg"}}
          - {value: "2", label: {en: "OK", cy: "Iawn"}}
          - {value: "3", label: {en: "Good", cy: "Da"}}
      - id: used
        type: yes_no
        optional: false
        text: {en: "Have you used a service this year?", cy: "Ydych chi wedi defnyddio?"}
        next:
          - if: {step: used, equals: "no"}
            goto: values
      - id: story
        type: free_text
        max_length: 50
        text: {en: "Tell us what happened ({{ answers.mood }}).", cy: "Dywedwch."}
  - id: values
    steps:
      - id: values
        type: multi_choice
        min_choices: 1
        max_choices: 2
        text: {en: "Which matter most?", cy: "Pa rai?"}
        options:
          - {value: care, label: {en: "Care", cy: "Gofal"}}
          - {value: respect, label: {en: "Respect", cy: "Parch"}}
          - {value: love, label: {en: "Love", cy: "Cariad"}}
          - {value: prefer_not, label: {en: "Prefer not to say", cy: "Gwell gennyf beidio"}}
        next:
          - if: {step: values, any_of: [love]}
            goto: end
      - id: who
        type: single_choice
        text: {en: "Who helped?", cy: "Pwy?"}
        options:
          - {value: council, label: {en: "The council", cy: "Y cyngor"}}
          - {value: gp, label: {en: "My GP", cy: "Fy meddyg"}}
        next:
          - if: {step: who, skipped: true}
            goto: end
      - id: more
        type: free_text
        text: {en: "Anything else?", cy: "Unrhyw beth arall?"}
"""


def load(text: str = BASIC, **changes: Any) -> Script:
    data = yaml.safe_load(text)
    data.update(changes)
    return Script.model_validate(data)


class Driver:
    """Feeds inputs to the engine, keeping the state and every record, as an adapter would."""

    def __init__(self, script: Script, state: SessionState | None = None) -> None:
        self.script = script
        self.state = state or SessionState()
        self.records: list[Record] = []
        # As if the resident were looking at the current prompt already.
        self.last = Outcome(self.state, current_prompt(script, self.state), changed=False)

    def __call__(self, inp: Input) -> Outcome:
        outcome = handle(self.script, self.state, inp)
        self.state = outcome.state
        self.records.extend(outcome.records)
        self.last = outcome
        return outcome

    @property
    def text(self) -> str:
        return "\n---\n".join(m.text for m in self.last.messages)

    def tokens(self) -> dict[str, str]:
        """Button label -> token, over the last outcome's messages."""
        return {b.label: b.token for m in self.last.messages for row in m.buttons for b in row}

    def press(self, label: str) -> Outcome:
        from civicbot.engine import Press

        return self(Press(self.tokens()[label]))

    def start(self, language: str = "English") -> Outcome:
        """/start, then ``language`` in the language picker when the script shows one."""
        from civicbot.engine import Press, Start

        out = self(Start())
        picker = {k.removeprefix("✓ "): t for k, t in self.tokens().items() if t.startswith("l:")}
        return self(Press(picker[language])) if language in picker else out
