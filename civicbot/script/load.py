"""Reading a dialogue script from YAML: parse, build the model, validate, report.

Scalars are read as text (only ``null`` / ``~`` / empty stay None), so ``equals: yes``
means the option value ``"yes"`` and ``value: 1`` the value ``"1"``, as a script writer
means them; pydantic turns ``"1"`` or ``"false"`` into numbers and booleans where the
model wants those. Every problem (YAML syntax, the model's own rules, the whole-script
checks of :mod:`civicbot.script.validate`) comes back as one :class:`ScriptError`, each
problem with its file, step and line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from civicbot.script.model import Script
from civicbot.script.problems import (
    Loc,
    ScriptError,
    ScriptProblem,
    errors_in,
    warnings_in,
)
from civicbot.script.pydantic_words import translate
from civicbot.script.translations import (
    Coverage,
    _Reader,
    english_texts,
    join_frozen,
    merge,
    split_frozen,
    translation_files,
)
from civicbot.script.validate import validate

_NULL_TAG = "tag:yaml.org,2002:null"


class _TextLoader(yaml.SafeLoader):
    """A safe loader whose only implicit type is null: every other scalar is a string."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == _NULL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class LoadedScript:
    script: Script
    source: str  # the YAML text as read: a round stores it to freeze the script
    sha256: str  # hex digest of the UTF-8 bytes of ``source``
    path: str
    warnings: tuple[ScriptProblem, ...] = field(default=())
    # One per translation file: what is missing, unreviewed or out of date.
    coverage: tuple[Coverage, ...] = field(default=())


class NodeIndex:
    """Finds the line of any node in the composed YAML document by its path."""

    def __init__(self, root: yaml.Node | None) -> None:
        self._root = root

    def node_at(self, loc: Loc) -> yaml.Node | None:
        node = self._root
        for key in loc:
            if isinstance(node, yaml.MappingNode) and isinstance(key, str):
                node = next((v for k, v in node.value if k.value == key), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                node = node.value[key] if 0 <= key < len(node.value) else None
            else:
                return node  # deeper than the document goes: the nearest node will do
            if node is None:
                return None
        return node

    def line(self, loc: Loc) -> int | None:
        # Walk back to the nearest ancestor that exists (a missing key has no node).
        for end in range(len(loc), -1, -1):
            node = self.node_at(loc[:end])
            if node is not None:
                return int(node.start_mark.line) + 1
        return None


def _duplicate_keys(root: yaml.Node | None, name: str) -> list[ScriptProblem]:
    """PyYAML keeps the last of two equal keys without a word; a script writer wants to know."""
    problems: list[ScriptProblem] = []
    stack = [root] if root is not None else []
    # Aliases make the nodes a graph, not a tree: visit each node once, or a file of
    # nested aliases would take exponential time.
    visited: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        line = int(key.start_mark.line) + 1
                        message = f"key {key.value!r} is given twice in the same place"
                        problems.append(ScriptProblem(name, None, line, message))
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems


def _read_yaml(source: str, name: str) -> tuple[Any, yaml.Node | None]:
    try:
        # The reader checks the characters as soon as the loader is made.
        loader = _TextLoader(source)
    except yaml.YAMLError as exc:
        raise ScriptError([ScriptProblem(name, None, None, f"not valid YAML: {exc}")]) from None
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark is not None else None
        words = " ".join(w for w in (exc.context, exc.problem) if w)
        message = f"this is not valid YAML: {words or exc}"
        if "flow" in (exc.context or ""):
            # The usual cause: a comma, colon or question mark in an unquoted {...} value.
            message += " (inside { } or [ ], put text with , : ? or # in quotes)"
        raise ScriptError([ScriptProblem(name, None, line, message)]) from None
    except yaml.YAMLError as exc:
        raise ScriptError([ScriptProblem(name, None, None, f"not valid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    return data, root


def _in_line_order(problems: list[ScriptProblem]) -> list[ScriptProblem]:
    return sorted(problems, key=lambda p: (p.line is None, p.line or 0))


def parse_script(source: str, name: str = "<string>", folder: str | None = None) -> LoadedScript:
    """Build and check a script from YAML text; raise :class:`ScriptError` with every
    problem found. Warnings (e.g. a question that cannot be skipped) are kept on the
    result. ``source`` may carry translation files after the script (as a round freezes
    it, see :mod:`civicbot.script.translations`); their problems name their own file,
    inside ``folder`` when given."""
    own, pieces = split_frozen(source)
    data, root = _read_yaml(own, name)
    index = NodeIndex(root)
    problems = _duplicate_keys(root, name)
    if data is None:
        problems.append(ScriptProblem(name, None, None, "the file is empty"))
        raise ScriptError(problems)
    coverage: list[Coverage] = []
    from_files: set[str] = set()
    if pieces and isinstance(data, dict):
        languages = data.get("languages")
        listed = [str(x) for x in languages] if isinstance(languages, list) else ["en"]
        english = english_texts(data, listed[0] if listed else "en")
        for tname, ttext in pieces:
            shown = f"{folder}/{tname}" if folder else tname
            tdata, troot = _read_yaml(ttext, shown)
            problems.extend(_duplicate_keys(troot, shown))
            reader = _Reader(shown, NodeIndex(troot).line, problems)
            got = reader.entries(tdata, english, listed or ["en"])
            if got is not None:
                language, merged, cover = got
                merge(data, language, merged, listed[0] if listed else "en")
                coverage.append(cover)
                from_files.add(language)
    try:
        script = Script.model_validate(data)
    except ValidationError as exc:
        problems.extend(translate(exc, data, name, index.line))
        raise ScriptError(_in_line_order(problems)) from None
    problems.extend(validate(script, file=name, locate=index.line, from_files=from_files))
    if errors_in(problems):
        raise ScriptError(_in_line_order(problems))
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return LoadedScript(script, source, digest, name, tuple(warnings_in(problems)), tuple(coverage))


def load_script(path: str | Path) -> LoadedScript:
    """Read, build and check the script at ``path`` (see :func:`parse_script`)."""
    name = str(path)
    try:
        # Bytes decoded as they are (no newline translation), so ``sha256`` is the
        # digest of the file itself.
        source = Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        message = "cannot read the file: it is not UTF-8 text"
        raise ScriptError([ScriptProblem(name, None, None, message)]) from None
    except OSError as exc:
        message = f"cannot read the file: {exc.strerror or exc}"
        raise ScriptError([ScriptProblem(name, None, None, message)]) from None
    pieces = []
    for file in translation_files(Path(path)):
        try:
            pieces.append((file.name, file.read_bytes().decode("utf-8")))
        except (UnicodeDecodeError, OSError) as exc:
            reason = "it is not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else exc
            message = f"cannot read the translation file: {reason}"
            raise ScriptError([ScriptProblem(str(file), None, None, message)]) from None
    folder = str(Path(path).parent)
    return parse_script(join_frozen(source, pieces), name, folder)
