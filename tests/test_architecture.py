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
        if names & {"sqlite3", "aiosqlite"}:
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
    impure = {"telegram", "aiosqlite", "sqlite3", "httpx", "aiohttp", "socket", "civicbot.store"}
    offenders = []
    for p in modules("civicbot/engine"):
        names = imported(p)
        if {top(n) for n in names} & impure or any(n.startswith("civicbot.store") for n in names):
            offenders.append(rel(p))
    assert offenders == []
