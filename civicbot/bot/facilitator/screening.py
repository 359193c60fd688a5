"""Which free-text answers go to the moderation queue (no Telegram, no database).

The scrubber's finds (phone numbers, emails, addresses, names...) are the reasons; in a
round that requires approval every free-text answer needs a look. More checks (the
safeguarding one) plug in with :func:`register_check`: a check takes the resident's text
and returns its reasons (empty when it has none).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from analysis.scrub import find_pii, scrub
from civicbot.engine.types import AnswerGiven, Record
from civicbot.script.model import Script
from civicbot.store.moderation import ModerationRequest

Check = Callable[[str], Sequence[str]]
APPROVAL = "approval required"
_CHECKS: list[Check] = []


def register_check(check: Check) -> None:
    """Add a check whose reasons send an answer to moderation (e.g. safeguarding)."""
    if check not in _CHECKS:
        _CHECKS.append(check)


def reasons_for(text: str, *, requires_approval: bool = False) -> list[str]:
    reasons = sorted({span.kind for span in find_pii(text)})
    for check in _CHECKS:
        reasons.extend(r for r in check(text) if r not in reasons)
    if requires_approval and not reasons:
        reasons.append(APPROVAL)
    return reasons


def moderation_requests(
    script: Script, records: Sequence[Record], *, requires_approval: bool
) -> list[ModerationRequest]:
    """Queue (or take out of the queue) the free-text answers among ``records``."""
    free_text = {
        step.id
        for section in script.sections
        for step in section.steps
        if step.type == "free_text" and step.demographic is None
    }
    found: list[ModerationRequest] = []
    for record in records:
        if not isinstance(record, AnswerGiven) or record.step_id not in free_text:
            continue
        if not isinstance(record.value, str) or not record.value.strip():
            found.append(ModerationRequest("answer", record.step_id, "", None))
            continue
        reasons = reasons_for(record.value, requires_approval=requires_approval)
        found.append(
            ModerationRequest(
                "answer", record.step_id, scrub(record.value), tuple(reasons) if reasons else None
            )
        )
    return found
