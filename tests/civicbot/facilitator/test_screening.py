"""Which free-text answers go to moderation."""

from __future__ import annotations

from civicbot.bot.facilitator.screening import (
    APPROVAL,
    moderation_requests,
    reasons_for,
    register_check,
)
from civicbot.engine.types import AnswerGiven
from civicbot.store.rounddata import parse_frozen_script
from tests.civicbot.store.conftest import SCRIPT

script = parse_frozen_script(SCRIPT)


def test_flagged_free_text_is_queued_scrubbed() -> None:
    (req,) = moderation_requests(
        script, [AnswerGiven("matters", "ring 07700 900123"), AnswerGiven("treated", "always")],
        requires_approval=False,
    )  # fmt: skip
    assert req.ref == "matters" and req.reasons == ("phone",) and "07700" not in req.text


def test_clean_text_leaves_the_queue_unless_approval_is_required() -> None:
    (req,) = moderation_requests(script, [AnswerGiven("matters", "time")], requires_approval=False)
    assert req.reasons is None
    (req,) = moderation_requests(script, [AnswerGiven("matters", "time")], requires_approval=True)
    assert req.reasons == (APPROVAL,) and req.text == "time"
    (req,) = moderation_requests(script, [AnswerGiven("matters", None)], requires_approval=True)
    assert req.reasons is None


def test_more_checks_plug_in() -> None:
    register_check(lambda text: ["risk"] if "hurt" in text else [])
    assert reasons_for("I might get hurt") == ["risk"]
    assert reasons_for("fine") == []
