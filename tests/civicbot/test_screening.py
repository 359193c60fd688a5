"""Which free-text answers go to moderation."""

from __future__ import annotations

from civicbot.engine.types import AnswerGiven
from civicbot.safeguarding.checkin import REASON as CHECK_IN
from civicbot.safeguarding.respond import REASON as SAFEGUARDING
from civicbot.screening import APPROVAL, Screening, standard
from civicbot.store.rounddata import parse_frozen_script
from tests.civicbot.store.conftest import SCRIPT

script = parse_frozen_script(SCRIPT)
moderation_requests = Screening().requests


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


def test_more_checks_are_passed_in() -> None:
    screening = Screening((lambda text: ["risk"] if "hurt" in text else [],))
    assert screening.reasons_for("I might get hurt") == ["risk"]
    assert screening.reasons_for("fine") == []
    assert Screening().reasons_for("I might get hurt") == []


def test_the_standard_screening_carries_both_safeguarding_tiers() -> None:
    assert standard().reasons_for("i want to kill myself") == [SAFEGUARDING]
    assert standard().reasons_for("more buses please") == []
    assert CHECK_IN not in Screening().reasons_for("i want to kill myself")
