"""The rules that keep the house easy to live in, checked by parsing imports and strings.

- ``telegram`` is imported only inside the bot adapter (``civicbot/bot``).
- SQL (and sqlite drivers) live only in the store (``civicbot/store``).
- ``analysis`` never imports ``civicbot`` or ``telegram``.
- The dialogue engine is pure: no telegram, no database, no network.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SQL = re.compile(
    r"\b(SELECT\s+.+\s+FROM|INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM|CREATE\s+TABLE|"
    r"UPDATE\s+\w+\s+SET|PRAGMA\s+\w+)\b",
    re.IGNORECASE | re.DOTALL,
)


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def top(name: str) -> str:
    return name.split(".")[0]


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_packages_exist() -> None:
    assert modules("civicbot") and modules("analysis")


def test_telegram_only_in_bot_adapter() -> None:
    offenders = [
        rel(p)
        for p in modules("civicbot") + modules("analysis")
        if "telegram" in {top(n) for n in imported(p)} and not rel(p).startswith("civicbot/bot/")
    ]
    assert offenders == []


def test_sql_only_in_store() -> None:
    offenders = []
    for p in modules("civicbot") + modules("analysis"):
        if rel(p).startswith("civicbot/store/"):
            continue
        names = {top(n) for n in imported(p)}
        if names & {"sqlite3", "aiosqlite", "asyncpg"}:
            offenders.append(rel(p))
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            if SQL.search(node.value):
                offenders.append(f"{rel(p)}:{node.lineno}")
    assert offenders == []


def test_analysis_is_independent() -> None:
    offenders = [
        rel(p)
        for p in modules("analysis")
        if {top(n) for n in imported(p)} & {"civicbot", "telegram"}
    ]
    assert offenders == []


def test_engine_is_pure() -> None:
    impure = {
        "telegram",
        "aiosqlite",
        "asyncpg",
        "sqlite3",
        "httpx",
        "aiohttp",
        "socket",
        "civicbot.store",
    }
    offenders = []
    for p in modules("civicbot/engine"):
        names = imported(p)
        if {top(n) for n in names} & impure or any(n.startswith("civicbot.store") for n in names):
            offenders.append(rel(p))
    assert offenders == []


# The folder each package lives in, by its import name (``analysis/`` installs as
# ``civicbot_analysis``).
FOLDERS = {"civicbot": "civicbot", "civicbot_analysis": "analysis"}


def module_name(path: Path, package: str = "civicbot") -> str:
    parts = path.relative_to(ROOT / FOLDERS[package]).with_suffix("").parts
    parts = (package, *parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree`` except those under ``if TYPE_CHECKING:``."""
    found: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        found.append(node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))
    return found


def import_graph(package: str) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (anywhere in the file, so imports put
    inside functions to dodge a cycle count too; only ``if TYPE_CHECKING:`` imports, which
    never run, are left out). ``from a.b import c`` points at module ``a.b.c`` when there
    is one, else at ``a.b``; importing ``a.b.c`` from outside ``a.b`` also runs ``a.b``'s
    ``__init__``, so it points there as well."""
    paths = {module_name(p, package): p for p in modules(FOLDERS[package])}

    def parents(name: str) -> set[str]:
        parts = name.split(".")
        return {".".join(parts[:n]) for n in range(1, len(parts))}

    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        targets: set[str] = set()
        for node in runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name in paths)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    if full in paths:
                        targets.add(full)
                    elif node.module in paths:
                        targets.add(node.module)
        mine = parents(name) | {name}
        for target in list(targets):
            targets.update(p for p in parents(target) if p in paths and p not in mine)
        graph[name] = targets - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_civicbot_has_no_import_cycles() -> None:
    """Imports point downstream: e.g. the dialogue no longer reaches into the facilitator
    package (whose routing falls through to the dialogue) for its moderation screening."""
    graph = import_graph("civicbot")
    assert "civicbot.bot.facilitator.routing" in graph  # the graph is read at all
    assert "civicbot.bot.dialogue" in graph["civicbot.bot.facilitator.routing"]
    assert cycles(graph) == []


def test_civicbot_analysis_has_no_import_cycles() -> None:
    """The same for the analysis: e.g. the brief uses the report's cell formatting from a
    module both it and the renderer import, instead of the renderer and the brief
    importing each other."""
    graph = import_graph("civicbot_analysis")
    assert "civicbot_analysis.report.render" in graph  # the graph is read at all
    assert "civicbot_analysis.report.model" in graph["civicbot_analysis.report.render"]
    assert cycles(graph) == []


MAX_LINES = 400


def test_modules_stay_small() -> None:
    """STYLE.md: past ~400 lines, a module is split along a responsibility."""
    long = {
        rel(p): n
        for p in modules("civicbot") + modules("analysis")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these along a seam (over {MAX_LINES} lines): {long}"


STRING_IMPORTS = {"import_module", "find_spec", "__import__", "spec_from_file_location"}


def test_no_string_imports_in_civicbot() -> None:
    """Wiring is imports you can read: handlers, background jobs and CLI commands are
    imported by name, never looked up from strings."""
    offenders = []
    for p in modules("civicbot"):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in STRING_IMPORTS:
                    offenders.append(f"{rel(p)}:{node.lineno}")
            elif (
                isinstance(node, ast.ImportFrom)
                and node.module == "importlib"
                and {a.name for a in node.names} & {"import_module", "util"}
            ):
                offenders.append(f"{rel(p)}:{node.lineno}")
    assert offenders == []


def test_moderation_screening_is_outside_the_telegram_adapter() -> None:
    assert not (ROOT / "civicbot/bot/facilitator/screening.py").exists()
    assert "telegram" not in {top(n) for n in imported(ROOT / "civicbot/screening.py")}
