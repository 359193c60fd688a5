"""The patterns behind :func:`civicbot.safeguarding.detect.detect`, as data, one module
per screening framework they are grounded in:

- :mod:`.suicide`: the Columbia Suicide Severity Rating Scale (C-SSRS) screener's six
  steps, and self-harm; :mod:`.compose` reads the same steps as parts (a wish or an
  intent, then a way of dying) with words allowed between them;
- :mod:`.domestic`: the SafeLives DASH risk identification checklist for domestic abuse;
- :mod:`.adult` and :mod:`.care`: the Care Act 2014 statutory guidance categories of
  adult abuse and neglect;
- :mod:`.child`: Working Together to Safeguard Children and the NSPCC's signs of abuse,
  neglect and child sexual and criminal exploitation;
- :mod:`.danger`: immediate danger, right now.

Each :class:`Rule` names the kind of harm it points to and a regular expression over
normalised text (see :func:`civicbot.safeguarding.spelling.respell`). Rules are written
for recall: a resident who tells the bot they are at risk must never be missed, so the
patterns are broad and false alarms are trimmed by the checks in ``detect`` (idioms,
negation, news and talk about services in general, situations resolved long ago).

``scope`` says whose risk a rule is about: ``"self"`` rules are the resident's own (they
fire even beside talk about the news), ``"other"`` rules are about someone else (a child
next door, a parent in a care home) and are dropped in sentences that read as news or
talk in general. ``negatable`` is False where the negation is part of the disclosure
("I don't want to live").
"""

from __future__ import annotations

from civicbot.safeguarding.rules.adult import ADULT_RULES
from civicbot.safeguarding.rules.base import KINDS, Kind, Rule, Scope, rule
from civicbot.safeguarding.rules.care import CARE_SIGNS
from civicbot.safeguarding.rules.child import CHILD_RULES
from civicbot.safeguarding.rules.compose import COMPOSED
from civicbot.safeguarding.rules.danger import DANGER
from civicbot.safeguarding.rules.domestic import DOMESTIC
from civicbot.safeguarding.rules.suicide import SUICIDE

RULES: tuple[Rule, ...] = (
    SUICIDE + COMPOSED + DOMESTIC + ADULT_RULES + CARE_SIGNS + CHILD_RULES + DANGER
)

__all__ = ["KINDS", "RULES", "Kind", "Rule", "Scope", "rule"]
