"""What a rule is: the kind of harm it points to, a pattern over normalised text, whose
risk it is about (``scope``) and whether a negation right before it rules it out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "suicide_self_harm", "abuse", "domestic_violence", "child_at_risk", "immediate_danger"
]
KINDS: tuple[Kind, ...] = (
    "suicide_self_harm",
    "abuse",
    "domestic_violence",
    "child_at_risk",
    "immediate_danger",
)
Scope = Literal["self", "other"]


@dataclass(frozen=True)
class Rule:
    kind: Kind
    pattern: re.Pattern[str]
    scope: Scope = "self"
    negatable: bool = True


def rule(kind: Kind, pattern: str, scope: Scope = "self", negatable: bool = True) -> Rule:
    return Rule(kind, re.compile(pattern), scope, negatable)
