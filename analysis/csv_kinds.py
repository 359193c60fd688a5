"""Question kinds read from the answers themselves, for CSV files that do not give them.

A CSV file from another tool may hold only ``resident``, ``question_id`` and ``value``.
Reading every question as free text would cluster "1".."5" into themes, so a question
without a ``question_kind`` gets one from its values:

- whole numbers from 0 to 10: a **scale** from 1 (or 0, when 0 is given) to the highest
  value seen (``1..5``, ``0..10``);
- only yes and no: **yes/no**;
- a few short values, each given by several residents: a **choice** (multiple choice when
  some resident has two rows for the question);
- anything else: **free text**.

:func:`infer_kinds` returns the questions with their kinds and one sentence per inferred
question, so the report can say what was assumed.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence

from civicbot_analysis.rounddata import Answer, Question

MAX_SCALE_POINTS = 11
MAX_CHOICES = 12
MAX_CHOICE_WORDS = 4
YES = frozenset({"yes", "y", "true"})
NO = frozenset({"no", "n", "false"})


def _as_int(value: str) -> int | None:
    text = value.strip()
    if text.lstrip("-").isdigit() and len(text) <= 3:
        return int(text)
    return None


def kind_from_values(
    values: Sequence[str], repeated: bool
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """(kind, options) for a question whose answers are ``values``; ``repeated`` when a
    resident answered it more than once (one row per chosen option)."""
    given = [v.strip() for v in values if v.strip()]
    if not given:
        return "free_text", ()
    numbers = [_as_int(v) for v in given]
    if all(n is not None for n in numbers) and not repeated:
        ints = [n for n in numbers if n is not None]
        low, high = (0 if min(ints) == 0 else 1), max(ints)
        if min(ints) >= 0 and 2 <= high - low + 1 <= MAX_SCALE_POINTS:
            return "scale", tuple((str(n), str(n)) for n in range(low, high + 1))
    distinct = Counter(given)
    lowered = {v.lower() for v in distinct}
    if lowered <= YES | NO and lowered & YES and lowered & NO and not repeated:
        yes = next(v for v in distinct if v.lower() in YES)
        no = next(v for v in distinct if v.lower() in NO)
        return "yes_no", ((yes, "Yes"), (no, "No"))
    short = all(len(v.split()) <= MAX_CHOICE_WORDS and len(v) <= 40 for v in distinct)
    reused = len(given) >= 2 * len(distinct) and min(distinct.values()) >= 2
    if short and 2 <= len(distinct) <= MAX_CHOICES and reused:
        options = tuple((v, v) for v in sorted(distinct))
        return ("multi_choice" if repeated else "single_choice"), options
    return "free_text", ()


def _describe(q: Question) -> str:
    if q.kind == "scale":
        return f"{q.id} as a scale from {q.options[0][0]} to {q.options[-1][0]}"
    if q.kind == "yes_no":
        return f"{q.id} as yes/no"
    if q.kind in ("single_choice", "multi_choice"):
        which = "multiple choice" if q.kind == "multi_choice" else "a choice"
        return f"{q.id} as {which} of {len(q.options)} options"
    return f"{q.id} as free text"


def infer_kinds(
    questions: Iterable[Question], untyped: set[str], answers: Sequence[Answer]
) -> tuple[list[Question], list[str]]:
    """Give each question in ``untyped`` a kind from its answers; returns the questions
    and a list of sentences saying what was inferred (empty when nothing was)."""
    values: dict[str, list[str]] = {}
    seen: Counter[tuple[str, str]] = Counter()
    for a in answers:
        if a.question in untyped:
            values.setdefault(a.question, []).append(a.value)
            seen[(a.question, a.resident)] += 1
    repeated = {q for (q, _), n in seen.items() if n > 1}
    out: list[Question] = []
    said: list[str] = []
    for q in questions:
        if q.id in untyped:
            kind, options = kind_from_values(values.get(q.id, []), q.id in repeated)
            q = dataclasses.replace(q, kind=kind, options=q.options or options)
            said.append(_describe(q))
        out.append(q)
    return out, said
