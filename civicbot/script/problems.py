"""What goes wrong in a dialogue script, said so a script writer can fix it.

A :class:`ScriptProblem` names the file, the step and the line; a :class:`ScriptError`
carries every problem found, so one run of ``civicbot script check`` shows them all.
Warnings use the same shape and never stop a script from loading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# A path into the YAML document, as pydantic reports it: keys and list indexes.
Loc = tuple[str | int, ...]
# Finds the line (1-based) of the YAML node at a path, if there is one.
Locator = Callable[[Loc], int | None]


def no_lines(_loc: Loc) -> int | None:
    """A locator for scripts that did not come from YAML text."""
    return None


@dataclass(frozen=True)
class ScriptProblem:
    file: str
    step: str | None
    line: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.severity == "warning":
            parts.append("warning")
        if self.step is not None:
            parts.append(f"step {self.step!r}")
        parts.append(self.message)
        return ": ".join(parts)


class ScriptError(Exception):
    """A script that cannot be used, with every problem found in it."""

    def __init__(self, problems: Iterable[ScriptProblem]) -> None:
        self.problems: list[ScriptProblem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def one_line(self, path: object) -> str:
        """The first problem, and how to see the rest (for commands that only load)."""
        errors = errors_in(self.problems) or self.problems
        more = len(errors) - 1
        rest = f" (and {more} more: civicbot script check {path})" if more > 0 else ""
        return f"{errors[0]}{rest}: fix the script and try again"


def errors_in(problems: Iterable[ScriptProblem]) -> list[ScriptProblem]:
    return [p for p in problems if p.severity == "error"]


def warnings_in(problems: Iterable[ScriptProblem]) -> list[ScriptProblem]:
    return [p for p in problems if p.severity == "warning"]
