"""Which free-text answers go to the moderation queue (no Telegram, no database).

The scrubber's finds (phone numbers, emails, addresses, names...) are the reasons; in a
round that requires approval every free-text answer needs a look. More checks (the
safeguarding ones) are passed in when a :class:`Screening` is made: a check takes the
resident's text and returns its reasons (empty when it has none). The running bot uses
:func:`standard`, built where the bot's services are put together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from civicbot.engine.types import AnswerGiven, Record
from civicbot.safeguarding.checkin import check_in_reasons
from civicbot.safeguarding.respond import moderation_reasons
from civicbot.script.model import Script
from civicbot.store.moderation import ModerationRequest
from civicbot_analysis.scrub import find_pii, scrub

Check = Callable[[str], Sequence[str]]
APPROVAL = "approval required"


@dataclass(frozen=True)
class Screening:
    """The personal-data finds plus ``checks``, in order."""

    checks: tuple[Check, ...] = ()

    def reasons_for(self, text: str, *, requires_approval: bool = False) -> list[str]:
        reasons = sorted({span.kind for span in find_pii(text)})
        for check in self.checks:
            reasons.extend(r for r in check(text) if r not in reasons)
        if requires_approval and not reasons:
            reasons.append(APPROVAL)
        return reasons

    def requests(
        self, script: Script, records: Sequence[Record], *, requires_approval: bool
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
            reasons = self.reasons_for(record.value, requires_approval=requires_approval)
            found.append(
                ModerationRequest(
                    "answer",
                    record.step_id,
                    scrub(record.value),
                    tuple(reasons) if reasons else None,
                )
            )
        return found


def standard() -> Screening:
    """The bot's screening: answers that disclose (or may disclose) a risk of harm also
    go to the moderation queue."""
    return Screening((moderation_reasons, check_in_reasons))
