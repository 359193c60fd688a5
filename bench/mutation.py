"""Mutation testing of civicbot's critical modules: do the tests catch a planted defect?

    nice -n 10 .venv/bin/python bench/mutation.py                  # a seeded sample
    nice -n 10 .venv/bin/python bench/mutation.py --per-module 0   # every mutant (slow)
    .venv/bin/python bench/mutation.py --module analysis/suppress.py --list

A small AST mutator of our own (no dependency). For each module in :data:`MODULES` it
finds every place one of these defects can be planted:

- ``compare``: flip a comparison (``<`` to ``>=``, ``==`` to ``!=``, ``in`` to ``not in`` ...)
- ``boolop``: ``and`` to ``or`` and back; ``not x`` to ``x``
- ``boundary``: a whole-number constant ±1; ``True`` to ``False`` and back
- ``arith``: ``+`` to ``-``, ``-`` to ``+``, ``*`` to ``/``
- ``return``: ``return x`` to ``return None``
- ``drop``: a call made for its effect (``store.audit(...)``, ``await tx.execute(...)``)
  replaced by ``pass``; logging calls are left alone (their loss is not a defect)

then copies the project to a scratch folder once and, mutant by mutant, writes the
mutated module there and runs only the tests mapped to that module (``pytest -x``, with a
timeout per mutant: three times the clean run, at least 20 s; a timeout counts as
killed). The original tree is never touched. Prints, per module, mutants tried, killed,
and the survivors (file:line, operator, the mutated line) so each can be killed by a new
test or explained as equivalent. Mutants are sampled per module with a fixed seed when
``--per-module`` is set (default 12), and the sample size is printed.

It runs on demand, not in CI: the whole set takes hours on two cores.
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRUB_TESTS = ("tests/analysis/test_scrub.py", "tests/analysis/test_scrub_exact.py")
# Critical module -> the tests that guard it (run for each of its mutants).
MODULES: dict[str, tuple[str, ...]] = {
    "analysis/suppress.py": (
        "tests/analysis/test_suppress.py",
        "tests/analysis/test_suppress_checks.py",
        "tests/analysis/equity",
    ),
    "analysis/scrub/__init__.py": SCRUB_TESTS,
    "analysis/scrub/identifiers.py": SCRUB_TESTS,
    "analysis/scrub/addresses.py": SCRUB_TESTS,
    "analysis/scrub/names.py": SCRUB_TESTS,
    "civicbot/store/inbox.py": (
        "tests/civicbot/store/test_inbox.py",
        "tests/civicbot/store/test_inbox_copies.py",
    ),
    "civicbot/store/sessions.py": (
        "tests/civicbot/store/test_sessions.py",
        "tests/civicbot/store/test_current_round.py",
        "tests/civicbot/store/test_inbox.py",
    ),
    "civicbot/store/residents.py": (
        "tests/civicbot/store/test_privacy.py",
        "tests/civicbot/store/test_identity.py",
        "tests/civicbot/store/test_sessions.py",
        "tests/civicbot/test_backup.py",
        "tests/civicbot/bot/test_mydata.py",
    ),
    "civicbot/store/pseudonym.py": ("tests/civicbot/store/test_pseudonym.py",),
    "civicbot/safeguarding/respond.py": ("tests/civicbot/safeguarding",),
    "civicbot/safeguarding/delivery.py": ("tests/civicbot/safeguarding",),
    "civicbot/store/alerts.py": ("tests/civicbot/safeguarding",),
    "civicbot/bot/webhook.py": (
        "tests/civicbot/bot/test_webhook_app.py",
        "tests/e2e/test_webhook.py",
    ),
    "civicbot/bot/facilitator/auth.py": (
        "tests/civicbot/facilitator/test_auth.py",
        "tests/e2e/test_auth_matrix.py",
    ),
    "analysis/equity/stats.py": (
        "tests/analysis/equity",
        "tests/analysis/report/test_false_findings.py",
    ),
    "analysis/equity/differences.py": (
        "tests/analysis/equity",
        "tests/analysis/report/test_false_findings.py",
    ),
    "analysis/report/render.py": (
        "tests/analysis/report/test_report.py",
        "tests/analysis/report/test_hostile.py",
        "tests/analysis/report/test_hostile_sections.py",
        "tests/analysis/report/test_render_figures.py",
    ),
    "analysis/report/csvsafe.py": ("tests/analysis/report/test_csv_property.py",),
}
# The import name of analysis/ is a symlink to it (see README, "Import names"); copied as one.
COPIED = tuple(
    name
    for name in ("civicbot", "analysis", "civicbot_analysis", "tests", "prompts", "pyproject.toml")
    if (ROOT / name).exists() or (ROOT / name).is_symlink()
)
LOGGERS = {"log", "logger", "logging", "warnings"}
FLIP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}  # fmt: skip
ARITH: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div,
}  # fmt: skip


@dataclass(frozen=True)
class Mutant:
    module: str
    index: int  # the index-th mutation site in the module's walk
    variant: int  # 0, or 1 for the second mutation of a site (constant - 1)
    operator: str
    line: int
    text: str = ""  # the mutated line, filled in when applied

    @property
    def where(self) -> str:
        return f"{self.module}:{self.line}"


def _docstring_ids(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _is_logging(call: ast.AST) -> bool:
    target = call.value if isinstance(call, ast.Await) else call
    if not isinstance(target, ast.Call):
        return False
    func = target.func
    while isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Name) and func.value.id in LOGGERS:
            return True
        func = func.value
    return False


def sites(tree: ast.AST) -> Iterator[tuple[ast.AST, str, int]]:
    """(node, operator, variants) for every place a defect can be planted, in walk order."""
    docstrings = _docstring_ids(tree)
    for node in ast.walk(tree):
        kind = _kind(node, docstrings)
        if kind is not None:
            yield node, kind, 2 if kind == "boundary" and _is_int(node) else 1


def _is_int(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int


def _kind(node: ast.AST, docstrings: set[int]) -> str | None:
    """Which operator can mutate ``node``, if any."""
    if isinstance(node, ast.Compare):
        return "compare"
    if isinstance(node, ast.BoolOp) or (
        isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)
    ):
        return "boolop"
    if isinstance(node, ast.Constant):
        wanted = isinstance(node.value, int) and id(node) not in docstrings
        return "boundary" if wanted else None
    if isinstance(node, ast.BinOp) and type(node.op) in ARITH:
        return "arith"
    if isinstance(node, ast.Return) and node.value is not None:
        value = node.value
        return None if isinstance(value, ast.Constant) and value.value is None else "return"
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call | ast.Await):
        keep = _is_logging(node.value) or id(node.value) in docstrings
        return None if keep else "drop"
    return None


def _mutate(node: ast.AST, variant: int) -> ast.AST:
    """A mutated copy of ``node``."""
    new = copy.deepcopy(node)
    if isinstance(new, ast.Compare):
        new.ops = [FLIP.get(type(new.ops[0]), ast.Eq)(), *new.ops[1:]]
    elif isinstance(new, ast.BoolOp):
        new.op = ast.Or() if isinstance(new.op, ast.And) else ast.And()
    elif isinstance(new, ast.UnaryOp):
        return new.operand
    elif isinstance(new, ast.Constant):
        if isinstance(new.value, bool):
            new.value = not new.value
        else:
            new.value = new.value + (1 if variant == 0 else -1)
    elif isinstance(new, ast.BinOp):
        new.op = ARITH[type(new.op)]()
    elif isinstance(new, ast.Return):
        new.value = ast.Constant(None)
    elif isinstance(new, ast.Expr):
        return ast.Pass()
    return new


class _Replace(ast.NodeTransformer):
    def __init__(self, target: ast.AST, replacement: ast.AST) -> None:
        self.target, self.replacement = target, replacement

    def visit(self, node: ast.AST) -> ast.AST:
        if node is self.target:
            return self.replacement
        return super().visit(node)


def mutants(module: str, root: Path = ROOT) -> list[Mutant]:
    tree = ast.parse((root / module).read_text(encoding="utf-8"))
    found: list[Mutant] = []
    for index, (node, operator, variants) in enumerate(sites(tree)):
        line = getattr(node, "lineno", 0)
        found.extend(Mutant(module, index, v, operator, line) for v in range(variants))
    return found


def mutated_source(mutant: Mutant, root: Path = ROOT) -> tuple[str, str]:
    """The module's source (in ``root``) with ``mutant`` planted, and the mutated line."""
    tree = ast.parse((root / mutant.module).read_text(encoding="utf-8"))
    node, _, _ = list(sites(tree))[mutant.index]
    replacement = _mutate(node, mutant.variant)
    new_tree = ast.fix_missing_locations(_Replace(node, replacement).visit(tree))
    text = ast.unparse(replacement).splitlines()[0] if replacement is not None else ""
    return ast.unparse(new_tree) + "\n", text[:100]


def scratch_copy() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="civicbot-mutation-"))
    for name in COPIED:
        source = ROOT / name
        if source.is_symlink():  # e.g. civicbot_analysis -> analysis: the same files
            (folder / name).symlink_to(source.readlink())
        elif source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    return folder


def run_tests(folder: Path, tests: tuple[str, ...], timeout: float) -> tuple[bool, float]:
    """(passed, seconds) for the mapped tests in ``folder``; a timeout counts as failed."""
    env = {
        **os.environ,
        "PYTHONPATH": str(folder),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HYPOTHESIS_STORAGE_DIRECTORY": str(folder / ".hypothesis"),
    }
    started = time.monotonic()
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    try:
        done = subprocess.run(
            command, cwd=folder, env=env, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return False, time.monotonic() - started
    return done.returncode == 0, time.monotonic() - started


def choose(found: list[Mutant], per_module: int, seed: int) -> list[Mutant]:
    if per_module <= 0 or len(found) <= per_module:
        return found
    return sorted(random.Random(seed).sample(found, per_module), key=lambda m: (m.index, m.variant))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--module", action="append", help="only this module (repeatable)")
    parser.add_argument("--per-module", type=int, default=12, help="sample size (0: all)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    args = parser.parse_args()
    modules = args.module or list(MODULES)
    folder = None if args.list else scratch_copy()
    totals = [0, 0, 0]  # sites, tried, killed
    try:
        for module in modules:
            # Read from the scratch copy: the working tree may change while this runs.
            found = mutants(module, folder or ROOT)
            chosen = choose(found, args.per_module, args.seed)
            totals[0] += len(found)
            if args.list:
                for m in chosen:
                    print(f"{m.where:45} {m.operator:9} {mutated_source(m)[1]}")
                continue
            assert folder is not None
            tests = MODULES[module]
            target = folder / module
            original = target.read_text(encoding="utf-8")
            clean, seconds = run_tests(folder, tests, timeout=1800)
            if not clean:
                print(f"{module}: its tests fail before any mutation; skipped", flush=True)
                continue
            timeout = max(20.0, 3 * seconds)
            survivors: list[Mutant] = []
            killed = 0
            for m in chosen:
                source, text = mutated_source(m, folder)
                target.write_text(source, encoding="utf-8")
                try:
                    passed, _ = run_tests(folder, tests, timeout)
                finally:
                    target.write_text(original, encoding="utf-8")
                if passed:
                    survivors.append(Mutant(m.module, m.index, m.variant, m.operator, m.line, text))
                else:
                    killed += 1
            totals[1] += len(chosen)
            totals[2] += killed
            rate = 100 * killed / len(chosen) if chosen else 100.0
            print(
                f"{module}: {killed}/{len(chosen)} killed ({rate:.0f}%), sample of"
                f" {len(chosen)} from {len(found)} mutants, clean run {seconds:.1f}s",
                flush=True,
            )
            for s in survivors:
                print(f"  SURVIVED {s.where} {s.operator}: {s.text}", flush=True)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    if not args.list and totals[1]:
        print(
            f"overall: {totals[2]}/{totals[1]} killed ({100 * totals[2] / totals[1]:.1f}%),"
            f" {totals[1]} sampled of {totals[0]} mutants (seed {args.seed})"
        )


if __name__ == "__main__":
    main()
