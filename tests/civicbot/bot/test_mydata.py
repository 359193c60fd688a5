"""/mydata's message reads as the questions and buttons the resident saw."""

from __future__ import annotations

import yaml

from civicbot.bot.mydata import summarise
from civicbot.script.model import Script

SCRIPT = Script.model_validate(
    yaml.safe_load(
        """
id: s
version: 1
title: T
consent: {version: 1, text: ok}
finish: done
sections:
  - id: main
    steps:
      - id: care
        type: free_text
        text: "What does care mean to you?"
      - id: feel
        type: scale
        text: "How cared for do you feel?"
        options:
          - {value: "1", label: "Not at all"}
          - {value: "2", label: "A lot"}
      - id: age
        type: single_choice
        demographic: age_band
        text: "How old are you?"
        options:
          - {value: "16-24", label: "16 to 24"}
          - {value: prefer_not, label: "Prefer not to say"}
"""
    )
)


def test_answers_are_shown_with_their_questions_and_labels() -> None:
    data = {
        "resident": "abc",
        "sessions": [{"round_id": 1}],
        "answers": [
            {"round_id": 1, "step_id": "care", "value": "Being listened to"},
            {"round_id": 1, "step_id": "feel", "value": "1"},
        ],
        "demographics": [{"round_id": 1, "step_id": "age", "value": "16-24"}],
        "inbox": [{"update_id": 5}],
    }
    text = summarise(data, {1: SCRIPT})
    assert "Your answers: 2" in text
    assert "What does care mean to you?\n   Being listened to" in text
    assert "How cared for do you feel?\n   Not at all" in text
    assert "How old are you?\n   16 to 24" in text
    assert "Messages you sent that the bot has not finished handling yet: 1" in text


def test_unknown_tables_and_scripts_are_still_listed_in_plain_words() -> None:
    text = summarise({"new_table": [{"x": 1}], "answers": [{"step_id": "q7", "value": None}]})
    assert "Other records: 1" in text and "new_table" not in text and "new table" not in text
    assert "A question no longer in the survey\n   (skipped)" in text
    assert "q7" not in text  # no internal step ids


def test_no_internal_lines() -> None:
    data = {"inbox": [{"update_id": 1}] * 10, "audit": [{"id": 1}], "facilitators": [{}]}
    text = summarise(data)
    assert "inbox" not in text and "audit" not in text and "facilitators" not in text
    assert "Messages you sent that the bot has not finished handling yet: 10" in text
