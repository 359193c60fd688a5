"""What every file-error test checks: a command ends with exit status 2 and one line on
stderr, or succeeds with a whole, valid output; and never leaves a partial file behind.

Commands run in-process through the real ``civicbot`` group (:func:`civicbot.cli.main`),
so the one place that catches :class:`~civicbot.errors.UserError` is exercised.
``CIVICBOT_FILE_EXAMPLES`` raises the number of generated cases per input kind (CI runs
the default).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from civicbot.cli import main

EXAMPLES = int(os.environ.get("CIVICBOT_FILE_EXAMPLES", "20"))
SECRET = "a-test-secret-of-enough-length-123"
NO_SECRET = {"CIVICBOT_SECRET": "", "CIVICBOT_SECRET_FILE": "", "CIVICBOT_DEBUG": ""}

# Generated cases per kind; deadline off (a valid case builds a whole report).
property_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def run(args: Sequence[str], env: Mapping[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env={**NO_SECRET, **(env or {})})


def one_line_error(result: Result) -> str:
    """The single stderr line of a refused command (asserting there is exactly one)."""
    assert result.exit_code == 2, (result.exit_code, result.output, repr(result.exception))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def no_partial_files(folder: Path) -> None:
    left = [p.name for p in folder.rglob("*") if p.name.endswith((".part", ".restoring"))]
    assert not left, left


def _tally(what: str) -> None:
    # CIVICBOT_FILE_TALLY=FILE counts the outcomes per test, for a closing note.
    if path := os.environ.get("CIVICBOT_FILE_TALLY"):
        test = os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0]
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"{test}\t{what}\n")


def outcome(result: Result, out: Path | None, valid: Callable[[], None]) -> str:
    """'ok' (after ``valid()`` passed) or the error line; checks the invariants either way."""
    _tally("ok" if result.exit_code == 0 else "refused")
    if out is not None and out.parent.is_dir():
        no_partial_files(out.parent)
    if result.exit_code == 0:
        valid()
        return "ok"
    line = one_line_error(result)
    if out is not None and out.parent.is_dir():
        left = out.name in os.listdir(out.parent) and not (out.parent / out.name).is_dir()
        assert not left, "a failed command left an output file"
    return line
