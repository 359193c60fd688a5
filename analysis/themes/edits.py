"""Facilitators' edits to themes: rename one, merge several, kept in a small JSON file.

Edits name themes by their stable id (see :func:`theme_id`): a hash of the question the
theme belongs to and its distinctive terms, so the same data and seed give the same ids and
the edits re-apply every time the report is rebuilt. The file looks like::

    {"version": 1, "edits": [
      {"op": "rename", "theme": "t-3f9a0c12", "name": "Waiting for a GP"},
      {"op": "merge", "themes": ["t-3f9a0c12", "t-77d01b5e"], "name": "Getting seen"}
    ]}

Edits apply in order. A merged theme keeps the id of the first theme listed, so it can be
renamed later. An edit naming a theme that is not in the report is reported, not fatal.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civicbot_analysis.errors import UserError, read_bytes
from civicbot_analysis.textfile import decode, write_atomic

VERSION = 1


class EditsError(UserError, ValueError):
    """The edits file cannot be read (the message names the file and what to do)."""


@dataclass(frozen=True, slots=True)
class Rename:
    theme: str
    name: str


@dataclass(frozen=True, slots=True)
class Merge:
    themes: tuple[str, ...]
    name: str | None = None


Edit = Rename | Merge


def theme_id(scope: str, terms: Sequence[str]) -> str:
    """A stable id from the theme's scope and its five most distinctive terms."""
    signature = scope + "|" + "|".join(sorted(terms[:5]))
    return "t-" + hashlib.sha1(signature.encode("utf-8")).hexdigest()[:8]


def parse_edits(obj: Any) -> list[Edit]:
    """Edits from the decoded JSON document (or its ``edits`` list)."""
    items = obj.get("edits", []) if isinstance(obj, dict) else obj
    if not isinstance(items, list):
        raise EditsError("'edits' must be a list")
    out: list[Edit] = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise EditsError(f"edit {n}: expected an object")
        op = item.get("op")
        if op == "rename":
            theme, name = item.get("theme"), item.get("name")
            if not isinstance(theme, str) or not isinstance(name, str) or not name.strip():
                raise EditsError(f"edit {n}: rename needs 'theme' and a non-empty 'name'")
            out.append(Rename(theme, name.strip()))
        elif op == "merge":
            themes, name = item.get("themes"), item.get("name")
            if (
                not isinstance(themes, list)
                or len(themes) < 2
                or not all(isinstance(t, str) for t in themes)
            ):
                raise EditsError(f"edit {n}: merge needs 'themes', a list of two or more ids")
            if name is not None and (not isinstance(name, str) or not name.strip()):
                raise EditsError(f"edit {n}: 'name' must be a non-empty string")
            out.append(Merge(tuple(themes), name.strip() if name else None))
        else:
            raise EditsError(f"edit {n}: 'op' must be 'rename' or 'merge'")
    return out


def load_edits(path: str | Path) -> list[Edit]:
    """Edits from a JSON file; a missing file means no edits yet."""
    p = Path(path)
    if not p.exists():
        return []
    fix = "correct it (format in docs/organisers.md), or give another --edits file"
    text = decode(read_bytes(p, "edits JSON file"), p).text
    try:
        return parse_edits(json.loads(text))
    except json.JSONDecodeError as exc:
        raise EditsError(f"{p} is not valid JSON ({exc.msg}, line {exc.lineno}): {fix}") from None
    except RecursionError:
        raise EditsError(f"{p} is nested too deeply to be an edits file: {fix}") from None
    except EditsError as exc:
        raise EditsError(f"{p}: {exc}: {fix}") from None


def to_json(edits: Iterable[Edit]) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for e in edits:
        if isinstance(e, Rename):
            items.append({"op": "rename", "theme": e.theme, "name": e.name})
        else:
            item: dict[str, Any] = {"op": "merge", "themes": list(e.themes)}
            if e.name:
                item["name"] = e.name
            items.append(item)
    return {"version": VERSION, "edits": items}


def save_edits(path: str | Path, edits: Iterable[Edit]) -> None:
    """Write the edits file whole or not at all (a temporary file, then a rename)."""
    write_atomic(Path(path), json.dumps(to_json(edits), indent=2) + "\n", option="--edits")
