"""Whole-script checks that a single pydantic model cannot make.

Structure: step types, unique ids, options per kind, choice limits, tags, "about you"
(demographic) steps, branches and their conditions, and steps no route reaches. The
checks on text (translations, Jinja2) live in :mod:`civicbot.script.texts`. Each check
adds a :class:`ScriptProblem` naming the step and, through ``locate``, its line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from civicbot.script.graph import reachable
from civicbot.script.model import (
    DEMOGRAPHIC_FIELDS,
    END,
    KNOWN_TAGS,
    PREFER_NOT,
    STEP_KINDS,
    Branch,
    Script,
    Step,
    options_of,
)
from civicbot.script.problems import Loc, Locator, ScriptProblem, Severity, no_lines
from civicbot.script.texts import check_texts

_CHOICE_KINDS = frozenset({"scale", "single_choice", "multi_choice"})
_NO_OPTION_KINDS = frozenset({"message", "free_text", "deliberation"})


class _Report:
    """Collects problems; knows each step's position so branch checks can look back."""

    def __init__(self, file: str, locate: Locator, steps: list[Step]) -> None:
        self.file = file
        self.locate = locate
        self.problems: list[ScriptProblem] = []
        self.by_id: dict[str, Step] = {}
        self.order: dict[str, int] = {}
        for position, step in enumerate(steps):
            self.by_id.setdefault(step.id, step)
            self.order.setdefault(step.id, position)

    def add(self, step: str | None, loc: Loc, message: str, severity: Severity = "error") -> None:
        self.problems.append(ScriptProblem(self.file, step, self.locate(loc), message, severity))


def _hint(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(sorted(known))})"


def located_steps(script: Script) -> Iterator[tuple[Step, Loc]]:
    """Every step with its path in the document, in script order."""
    for s, section in enumerate(script.sections):
        for i, step in enumerate(section.steps):
            yield step, ("sections", s, "steps", i)


def _check_ids(script: Script, report: _Report) -> None:
    seen_sections: set[str] = set()
    for s, section in enumerate(script.sections):
        if section.id in seen_sections:
            report.add(None, ("sections", s, "id"), f"section id {section.id!r} is used twice")
        seen_sections.add(section.id)
        if not section.steps:
            report.add(None, ("sections", s), f"section {section.id!r} has no steps", "warning")
    seen_steps: set[str] = set()
    for step, loc in located_steps(script):
        if step.id == END:
            report.add(step.id, (*loc, "id"), f"{END!r} is kept for branches that finish")
        elif step.id in seen_steps:
            report.add(step.id, (*loc, "id"), "this step id is used twice; ids must be unique")
        seen_steps.add(step.id)
        values: set[str] = set()
        for o, option in enumerate(step.options):
            if option.value in values:
                where = (*loc, "options", o, "value")
                report.add(step.id, where, f"option value {option.value!r} is used twice")
            values.add(option.value)


def _check_kind(step: Step, loc: Loc, report: _Report) -> None:
    """Type, options, choice limits and tags of one step."""
    if step.type not in STEP_KINDS:
        message = f"unknown step type {step.type!r}{_hint(step.type, STEP_KINDS)}"
        report.add(step.id, (*loc, "type"), message)
    count = len(step.options)
    if step.type in _CHOICE_KINDS and count < 2:
        report.add(step.id, loc, f"a {step.type} step needs at least 2 options (has {count})")
    if step.type in _NO_OPTION_KINDS and count:
        report.add(step.id, (*loc, "options"), f"a {step.type} step cannot have options")
    if step.type == "yes_no" and count not in (0, 2):
        message = "a yes_no step has exactly 2 options (or none, for plain Yes / No)"
        report.add(step.id, (*loc, "options"), message)
    if step.max_choices is not None and step.max_choices < step.min_choices:
        message = f"max_choices ({step.max_choices}) is less than min_choices ({step.min_choices})"
        report.add(step.id, (*loc, "max_choices"), message)
    if step.type == "multi_choice" and count >= 2 and step.min_choices > count:
        message = f"min_choices ({step.min_choices}) is more than the {count} options"
        report.add(step.id, (*loc, "min_choices"), message)
    for t, tag in enumerate(step.tags):
        if tag not in KNOWN_TAGS:
            report.add(step.id, (*loc, "tags", t), f"unknown tag {tag!r}{_hint(tag, KNOWN_TAGS)}")
    if step.assume is not None:
        values = [o.value for o in options_of(step)]
        if step.type not in ("yes_no", "single_choice", "scale") or step.assume not in values:
            message = f"'assume' must be one of this step's option values, not {step.assume!r}"
            report.add(step.id, (*loc, "assume"), message)
    if step.is_question and not step.optional and step.demographic is None:
        message = "this question cannot be skipped; residents should be free to skip"
        report.add(step.id, (*loc, "optional"), message, "warning")


def _check_deliberation(step: Step, loc: Loc, report: _Report) -> None:
    """Deliberation fields belong on deliberation steps; seeds fit the length limit."""
    if step.type != "deliberation":
        fields = ("seed_statements", "max_statements", "max_votes", "statement_max_length")
        for name in sorted(step.model_fields_set & set(fields)):
            message = f"{name!r} applies only to deliberation steps"
            report.add(step.id, (*loc, name), message)
        return
    for k, seed in enumerate(step.seed_statements):
        texts = [seed] if isinstance(seed, str) else list(seed.values())
        if any(len(t.strip()) > step.statement_max_length for t in texts):
            message = (
                f"seed statement {k + 1} is longer than {step.statement_max_length} characters"
            )
            report.add(step.id, (*loc, "seed_statements", k), message)


def _check_demographic(step: Step, loc: Loc, asked: dict[str, str], report: _Report) -> None:
    field = step.demographic
    if field is None:
        return
    where = (*loc, "demographic")
    if step.type == "message":
        report.add(step.id, where, "a message step cannot be an 'about you' question")
        return
    if field not in DEMOGRAPHIC_FIELDS:
        message = f"unknown demographic field {field!r}{_hint(field, DEMOGRAPHIC_FIELDS)}"
        report.add(step.id, where, message)
    elif field in asked:
        message = f"demographic field {field!r} is already asked by step {asked[field]!r}"
        report.add(step.id, where, message)
    else:
        asked[field] = step.id
    if not step.optional:
        report.add(step.id, (*loc, "optional"), "'about you' questions must be optional")
    if step.type not in ("single_choice", "multi_choice"):
        message = f"an 'about you' question must be single_choice or multi_choice, not {step.type}"
        report.add(step.id, (*loc, "type"), message)
    if step.type in STEP_KINDS and all(o.value != PREFER_NOT for o in options_of(step)):
        message = f"an 'about you' question needs an option with value {PREFER_NOT!r}"
        report.add(step.id, (*loc, "options"), message)


def _check_branch(step: Step, index: int, branch: Branch, loc: Loc, report: _Report) -> None:
    order = report.order
    if branch.goto != END:
        if branch.goto not in order:
            message = f"branch goes to unknown step {branch.goto!r}{_hint(branch.goto, order)}"
            report.add(step.id, (*loc, "goto"), message)
        elif order[branch.goto] <= index:
            message = f"branch goes back to {branch.goto!r}; branches may only jump forward"
            report.add(step.id, (*loc, "goto"), message)
    cond = branch.when
    where: Loc = (*loc, "if")
    tests = [t for t in (cond.equals, cond.any_of, cond.skipped) if t is not None]
    if len(tests) != 1:
        message = "a condition needs exactly one of 'equals', 'any_of' or 'skipped'"
        report.add(step.id, where, message)
    target = report.by_id.get(cond.step)
    if target is None:
        message = f"condition names unknown step {cond.step!r}{_hint(cond.step, order)}"
        report.add(step.id, (*where, "step"), message)
        return
    if order[cond.step] > index:
        message = f"condition names {cond.step!r}, which comes later and is not answered yet"
        report.add(step.id, (*where, "step"), message)
    if not target.is_question:
        message = f"condition names {cond.step!r}, which is not a question"
        report.add(step.id, (*where, "step"), message)
        return
    if target.type == "deliberation":
        message = f"condition names {cond.step!r}, a deliberation step, which has no answer"
        report.add(step.id, (*where, "step"), message)
        return
    values = [cond.equals] if cond.equals is not None else list(cond.any_of or [])
    if cond.any_of is not None and not cond.any_of:
        report.add(step.id, (*where, "any_of"), "'any_of' lists no values")
    if values and target.type == "free_text":
        message = f"{cond.step!r} is free text: a condition on it can only test 'skipped'"
        report.add(step.id, where, message)
        return
    allowed = [o.value for o in options_of(target)]
    for value in values:
        if value not in allowed:
            message = (
                f"condition value {value!r} is not an option of {cond.step!r} "
                f"(its values: {', '.join(allowed)})"
            )
            report.add(step.id, where, message)
    if cond.skipped is True and not target.optional:
        message = f"{cond.step!r} cannot be skipped, so this rule never applies"
        report.add(step.id, where, message, "warning")


def validate(
    script: Script,
    *,
    file: str = "<script>",
    locate: Locator = no_lines,
    from_files: set[str] | frozenset[str] = frozenset(),
) -> list[ScriptProblem]:
    """Every problem (errors and warnings) in ``script``, in document order. Languages
    in ``from_files`` come from translation files, which are checked as they are read."""
    located = list(located_steps(script))
    report = _Report(file, locate, [step for step, _ in located])
    _check_ids(script, report)
    asked: dict[str, str] = {}
    for index, (step, loc) in enumerate(located):
        _check_kind(step, loc, report)
        _check_deliberation(step, loc, report)
        _check_demographic(step, loc, asked, report)
        for b, branch in enumerate(step.next):
            _check_branch(step, index, branch, (*loc, "next", b), report)
    reached = reachable(script)
    for step, loc in located:
        if step.id not in reached:
            message = "no route from the first step reaches this step"
            report.add(step.id, loc, message)
    report.problems.extend(check_texts(script, file=file, locate=locate, from_files=from_files))
    return sorted(report.problems, key=lambda p: (p.line is None, p.line or 0))
