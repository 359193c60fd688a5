"""The routes through a dialogue script: edges, reachability, and a Mermaid picture.

Every step has one edge per ``next`` rule, and a default edge to the next step in script
order (across sections; the last step leads to the end). Rules are conditional, so the
default edge stays, except in the one case where it provably never applies: the rules
that test the step's own answer cover every answer it can get (each option, and being
skipped if it is optional). A step is reachable if a chain of edges from the first step
leads to it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from civicbot.script.model import END, Condition, Script, Step, options_of, text_in

END_NODE = "End"


@dataclass(frozen=True)
class Edge:
    """From step ``source`` to step ``target`` (or :data:`END`). ``condition`` is None
    for the default edge to the next step in script order."""

    source: str
    target: str
    condition: Condition | None = None


_SKIPPED = "\x00skipped"
_ANSWERED = "\x00answered"
# Kinds whose answer is one value, so ``equals`` / ``any_of`` decide it fully.
_ONE_VALUE_KINDS = frozenset({"yes_no", "single_choice", "scale"})


def rules_always_fire(step: Step) -> bool:
    """True when the step's own rules catch every answer it can get, so the dialogue
    never falls through to the next step. Only rules on the step itself count: an
    earlier step may not have been asked at all on the route taken."""
    if not step.is_question:
        return False
    if step.type in _ONE_VALUE_KINDS:
        answers = {option.value for option in options_of(step)}
    else:
        answers = {_ANSWERED}  # free text or several choices: only "answered" is sure
    if step.optional:
        answers.add(_SKIPPED)
    caught: set[str] = set()
    for branch in step.next:
        cond = branch.when
        if cond.step != step.id:
            continue
        if cond.skipped is True:
            caught.add(_SKIPPED)
        elif cond.skipped is False:
            caught |= answers - {_SKIPPED}
        elif step.type in _ONE_VALUE_KINDS:
            caught |= {cond.equals} if cond.equals is not None else set(cond.any_of or ())
    return bool(answers) and answers <= caught


def edges(script: Script) -> list[Edge]:
    """Branch edges, then the default edge (unless the rules always fire), step by step."""
    steps = script.steps()
    found: list[Edge] = []
    for index, step in enumerate(steps):
        for branch in step.next:
            found.append(Edge(step.id, branch.goto, branch.when))
        if not rules_always_fire(step):
            following = steps[index + 1].id if index + 1 < len(steps) else END
            found.append(Edge(step.id, following))
    return found


def reachable(script: Script) -> set[str]:
    """Ids of the steps some route from the first step reaches (plus :data:`END`)."""
    steps = script.steps()
    if not steps:
        return {END}
    out: dict[str, list[str]] = {}
    for edge in edges(script):
        out.setdefault(edge.source, []).append(edge.target)
    seen = {steps[0].id}
    queue = deque([steps[0].id])
    while queue:
        for target in out.get(queue.popleft(), []):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def describe(condition: Condition) -> str:
    """A condition in a few words, e.g. ``used_services = no``."""
    if condition.equals is not None:
        return f"{condition.step} = {condition.equals}"
    if condition.any_of is not None:
        return f"{condition.step} in {', '.join(condition.any_of)}"
    if condition.skipped is not None:
        return f"{condition.step} {'skipped' if condition.skipped else 'answered'}"
    return f"{condition.step} ?"


def _escape(text: str) -> str:
    # Mermaid labels sit inside double quotes; entity codes keep quotes and angle
    # brackets from ending the label or being read as HTML.
    return (
        text.replace("#", "#35;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
        .replace("|", "#124;")
    )


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _node(step_id: str) -> str:
    # Prefixed so that ids such as ``end`` or ``graph`` cannot clash with Mermaid words.
    return END_NODE if step_id == END else f"s_{step_id}"


def mermaid(script: Script, language: str | None = None) -> str:
    """A Mermaid ``flowchart TD``: one node per step (grouped by section), solid arrows
    for the default flow, dotted arrows labelled with each branch's condition."""
    lang = language or script.default_language
    lines = ["flowchart TD"]
    for section in script.sections:
        title = section.id
        if section.title is not None:
            title = text_in(section.title, lang, script.default_language)
        lines.append(f'    subgraph sec_{section.id}["{_escape(_short(title, 60))}"]')
        for step in section.steps:
            text = _short(text_in(step.text, lang, script.default_language))
            label = f"<b>{step.id}</b> ({step.type})<br/>{_escape(text)}"
            lines.append(f'        {_node(step.id)}["{label}"]')
        lines.append("    end")
    lines.append(f'    {END_NODE}(["End"])')
    for edge in edges(script):
        source, target = _node(edge.source), _node(edge.target)
        if edge.condition is None:
            lines.append(f"    {source} --> {target}")
        else:
            lines.append(f'    {source} -.->|"{_escape(describe(edge.condition))}"| {target}')
    return "\n".join(lines) + "\n"
