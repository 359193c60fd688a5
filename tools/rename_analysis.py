#!/usr/bin/env python3
"""Give the analysis package an import name of its own: ``analysis`` -> ``civicbot_analysis``.

The repository keeps its top-level ``analysis/`` folder (the agreed layout); installing
maps it to the import package ``civicbot_analysis`` (``setup.py``'s ``package_dir``), so
civicbot never claims a generic top-level name such as ``analysis`` that another package
could also claim. This script makes the switch, mechanically, on whatever the tree holds
when it runs (so it can be run again after other work is merged):

1. every Python file git tracks: ``import analysis``/``from analysis ...`` and each dotted
   reference to the package (``analysis.equity.Reference`` in code, strings and
   docstrings) become ``civicbot_analysis...``; ``resources.files("analysis")`` and
   ``PackageLoader("analysis", ...)`` name the package too. Folder paths
   (``analysis/...``, ``ROOT / "analysis"``) and ``tests.analysis`` are left alone;
2. dotted references in Markdown (not CHANGELOG.md, which records history);
3. the packaging and tool settings listed in :data:`SETTINGS` (the import name in
   ``setup.py``, the package-data key and mypy's files in ``pyproject.toml``, the wheel
   check's allowed top-level names);
4. a ``civicbot_analysis`` symlink to ``analysis/`` at the top of the repository, so mypy
   checks the package under its import name, and imports work from a checkout without an
   install;
5. lines the longer name pushed past 100 characters, in docstrings and comments, are
   wrapped: the words past the limit go to a new line below, indented to match;
6. ``ruff check --fix --select I`` and ``ruff format`` on what changed (import order
   depends on the name).

Usage, from the repository root: ``python3 tools/rename_analysis.py`` (``--check`` only
reports whether anything is left to rename: exit status 1 if so). Running it twice
changes nothing the second time.
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OLD, NEW = "analysis", "civicbot_analysis"

# ``import analysis``, ``import analysis.x``, ``from analysis import``, ``from analysis.x``.
IMPORT = re.compile(rf"^(\s*(?:from|import)\s+){OLD}(?=[\s.,]|$)", re.MULTILINE)
# A dotted reference to the package: not part of a longer name, a path or ``tests.analysis``.
DOTTED = re.compile(rf"(?<![\w./\\-]){OLD}(?=\.[A-Za-z_])")
# The package named as a string where the import name is meant.
CALLS = re.compile(rf"((?:resources\.files|PackageLoader)\(\s*)([\"']){OLD}\2")

# Exact replacements in settings files: (path, old text, new text).
SETTINGS: tuple[tuple[str, str, str], ...] = (
    ("setup.py", 'ANALYSIS_NAME = "analysis"', 'ANALYSIS_NAME = "civicbot_analysis"'),
    ("pyproject.toml", '\nanalysis = ["templates/', '\ncivicbot_analysis = ["templates/'),
    ("pyproject.toml", 'files = ["civicbot", "analysis"]',
     'files = ["civicbot", "civicbot_analysis"]'),
    (".ci/wheel_check.py", 'ALLOWED_TOP_LEVEL = {"civicbot", "analysis"}',
     'ALLOWED_TOP_LEVEL = {"civicbot", "civicbot_analysis"}'),
)  # fmt: skip
LINK = ROOT / NEW
LIMIT = 100  # ruff's line length


def tracked(*patterns: str) -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "-z", *patterns], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / name for name in out.split("\0") if name and not name.startswith(f"{NEW}/")]


def rename_python(text: str) -> str:
    text = IMPORT.sub(rf"\g<1>{NEW}", text)
    text = CALLS.sub(rf"\g<1>\g<2>{NEW}\g<2>", text)
    return DOTTED.sub(NEW, text)


def _prose(text: str) -> tuple[set[int], dict[int, int]]:
    """Where a line may be broken in two without changing what the code does: the line
    numbers (from 1) inside docstrings, and each comment's line and column."""
    docstrings: set[int] = set()
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        first = node.body[0] if node.body else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
            and first.end_lineno is not None
        ):
            docstrings.update(range(first.lineno, first.end_lineno + 1))
    comments = {
        token.start[0]: token.start[1]
        for token in tokenize.generate_tokens(io.StringIO(text).readline)
        if token.type == tokenize.COMMENT
    }
    return docstrings, comments


def wrap_long(old: str, new: str) -> str:
    """``new`` with each docstring or comment line that the rename pushed past
    :data:`LIMIT` re-wrapped: the words past the limit join the start of the next line
    when it continues the same paragraph (which may push that one over in turn), or go
    on a new line below, indented to match. Code lines are left to ``ruff format``."""
    if max((len(line) for line in new.splitlines()), default=0) <= LIMIT:
        return new
    was_long = {line for line in old.splitlines() if len(line) > LIMIT}
    docstrings, comments = _prose(new)
    lines = new.split("\n")
    kinds: list[str] = [
        "comment" if n in comments and lines[n - 1].lstrip().startswith("#")
        else "doc" if n in docstrings else "code"
        for n in range(1, len(lines) + 1)
    ]  # fmt: skip
    index = 0
    while index < len(lines):
        line, number = lines[index], index + 1
        cut = line.rfind(" ", 0, LIMIT + 1)
        indent = len(line) - len(line.lstrip())
        in_comment = number in comments and comments[number] < cut
        if (
            len(line) <= LIMIT
            or line in was_long
            or cut <= indent
            or not (in_comment or number in docstrings)
        ):
            index += 1
            continue
        if in_comment:
            lead, kind = " " * indent + "# ", "comment"
        else:
            bullet = 2 if line.lstrip().startswith(("- ", "* ")) else 0
            lead, kind = " " * (indent + bullet), "doc"
        head, tail = line[:cut].rstrip(), line[cut + 1 :]
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is not None and _continues(following, lead, kind, kinds[index + 1]):
            lines[index + 1] = lead + tail + " " + following[len(lead) :]
            lines[index] = head
        else:
            lines[index : index + 1] = [head, lead + tail]
            kinds.insert(index + 1, kind)
            comments = {n + (n > number): c for n, c in comments.items()}
            docstrings = {n + (n > number) for n in docstrings} | (
                {number + 1} if kind == "doc" else set()
            )
            if kind == "comment":
                comments[number + 1] = indent
        index += 1
    return "\n".join(lines)


def _continues(line: str, lead: str, kind: str, its_kind: str) -> bool:
    """Whether ``line`` carries on the paragraph whose wrapped lines start with ``lead``."""
    if its_kind != kind or not line.startswith(lead):
        return False
    rest = line[len(lead) :]
    if not rest.strip() or rest[0] == " " or rest.startswith(('"""', "- ", "* ", "#")):
        return False
    return not rest.rstrip().endswith("::")


def rename_markdown(text: str) -> str:
    return DOTTED.sub(NEW, text)


def planned() -> dict[Path, str]:
    """Every file whose text changes, with its new text."""
    changes: dict[Path, str] = {}
    for path in tracked("*.py"):
        if path == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8")
        new = rename_python(text)
        if new != text:
            changes[path] = wrap_long(text, new)
    for path in tracked("*.md"):
        if path.name == "CHANGELOG.md":
            continue
        text = path.read_text(encoding="utf-8")
        new = rename_markdown(text)
        if new != text:
            changes[path] = new
    for name, old, new_text in SETTINGS:
        path = ROOT / name
        text = changes.get(path, path.read_text(encoding="utf-8"))
        if old in text:
            changes[path] = text.replace(old, new_text)
        elif new_text not in text:
            raise SystemExit(f"{name}: expected {old!r} (or {new_text!r}); fix SETTINGS")
    return changes


def main(argv: list[str]) -> int:
    changes = planned()
    link_missing = not LINK.is_symlink()
    if "--check" in argv:
        for path in sorted(changes):
            print(f"to rename: {path.relative_to(ROOT)}")
        if link_missing:
            print(f"to add: the {NEW} -> {OLD} symlink")
        return 1 if changes or link_missing else 0
    for path, text in changes.items():
        path.write_text(text, encoding="utf-8")
    if link_missing:
        LINK.symlink_to(OLD, target_is_directory=True)
    python = [str(p) for p in changes if p.suffix == ".py"]
    if python:
        ruff = [sys.executable, "-m", "ruff"]
        subprocess.run([*ruff, "check", "--fix", "--quiet", "--select", "I", *python], cwd=ROOT)
        subprocess.run([*ruff, "format", "--quiet", *python], cwd=ROOT, check=True)
        # Anything still too long needs a hand: say where (and fail).
        left = subprocess.run([*ruff, "check", "--quiet", "--select", "E501", *python], cwd=ROOT)
        if left.returncode != 0:
            return 1
    added = ", added the symlink" if link_missing else ""
    print(f"renamed {OLD} -> {NEW} in {len(changes)} files{added}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
