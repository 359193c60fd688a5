"""A voice answer has no words for moderation to screen until it is typed up."""

from __future__ import annotations

from civicbot.bot.dialogue import _words_only
from civicbot.engine.types import VOICE_ANSWER, AnswerGiven, VoiceKept
from civicbot.screening import standard
from civicbot.script.model import Script

SCRIPT = Script.model_validate(
    {
        "id": "s",
        "version": 1,
        "title": "T",
        "consent": {"version": 1, "text": "OK?"},
        "finish": "Thanks.",
        "sections": [{"id": "a", "steps": [{"id": "story", "type": "free_text", "text": "Say"}]}],
    }
)


def test_a_voice_answer_queues_nothing_even_where_approval_is_required() -> None:
    records = (AnswerGiven("story", VOICE_ANSWER), VoiceKept("story", "file", 3))
    [request] = standard().requests(SCRIPT, _words_only(records), requires_approval=True)
    assert request.reasons is None  # out of the queue, not waiting for approval
    assert request.text == ""


def test_typed_answers_are_screened_as_before() -> None:
    records = (AnswerGiven("story", "Call me on 07700 900123"),)
    assert _words_only(records) == records
    [request] = standard().requests(SCRIPT, records, requires_approval=False)
    assert request.reasons


def test_durations_in_either_form() -> None:
    from datetime import timedelta

    from civicbot.bot.dialogue import _seconds

    assert _seconds(7) == 7
    assert _seconds(timedelta(seconds=7)) == 7
    assert _seconds(None) == 0
