"""A script's translations, kept in their own files beside it and merged when it loads.

``prompts/values-and-services.cy.yaml`` holds the Welsh for
``prompts/values-and-services.yaml``. Each entry is keyed by what it translates and
carries a copy of the English (``source``) it was made from, and whether a fluent
speaker has ``reviewed`` it::

    language: cy
    texts:
      title:                      # the script's title
        source: Values and services
        reviewed: false
        text: Gwerthoedd a gwasanaethau
      care_feel:                  # step care_feel's text
        ...
      care_feel.often:            # the label of option "often" of step care_feel
        ...

Keys: ``title``, ``finish``, ``consent``, ``consent.intro``, ``section.<id>`` (a
section's title), ``<step>`` (a step's text), ``<step>.<option value>``, and
``<step>.seed<N>`` (seed statement N, from 1). When the English changes, its copy no
longer matches: the entry is *out of date*, the resident sees the English instead of a
translation that may say something else, and ``civicbot script check`` says so. An
entry that is missing or empty also shows the English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from civicbot.script.problems import ScriptProblem

# ``name.LANG.yaml`` beside ``name.yaml``; LANG as in BCP 47 (``cy``, ``pt-BR``).
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
# Separates the script from its translations in a round's frozen copy of the source.
MARKER = "\n--- # civicbot translation: "
_ENV = SandboxedEnvironment()
_TEMPLATE_NAMES = frozenset({"answers", "round"})


@dataclass
class Coverage:
    """How complete one language's translation is, for ``script check`` and organisers."""

    language: str
    file: str
    total: int = 0
    translated: int = 0
    unreviewed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    out_of_date: list[str] = field(default_factory=list)

    @property
    def reviewed(self) -> bool:
        return not (self.unreviewed or self.missing or self.out_of_date)


def translation_files(path: Path) -> list[Path]:
    """The translation files beside the script at ``path``, by language code."""
    found = []
    for candidate in sorted(path.parent.glob(f"{path.stem}.*{path.suffix}")):
        middle = candidate.name[len(path.stem) + 1 : -len(path.suffix) or None]
        if LANGUAGE_CODE.fullmatch(middle):
            found.append(candidate)
    return found


def split_frozen(source: str) -> tuple[str, list[tuple[str, str]]]:
    """A round's frozen source split into the script and its (name, text) translations."""
    parts = source.split(MARKER)
    pieces = []
    for part in parts[1:]:
        name, _, text = part.partition("\n")
        pieces.append((name.strip(), text))
    return parts[0], pieces


def join_frozen(source: str, translations: list[tuple[str, str]]) -> str:
    return source + "".join(f"{MARKER}{name}\n{text}" for name, text in translations)


def _text_sites(data: dict[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    """(key, container, index) for every translatable text of a script's raw data."""
    yield "title", data, "title"
    consent = data.get("consent")
    if isinstance(consent, dict):
        yield "consent", consent, "text"
        if consent.get("intro") is not None:
            yield "consent.intro", consent, "intro"
    yield "finish", data, "finish"
    for section in data.get("sections") or []:
        if not isinstance(section, dict):
            continue
        if section.get("title") is not None:
            yield f"section.{section.get('id')}", section, "title"
        for step in section.get("steps") or []:
            if not isinstance(step, dict):
                continue
            sid = step.get("id")
            yield str(sid), step, "text"
            for option in step.get("options") or []:
                if isinstance(option, dict):
                    yield f"{sid}.{option.get('value')}", option, "label"
            seeds = step.get("seed_statements") or []
            for k in range(len(seeds)):
                yield f"{sid}.seed{k + 1}", seeds, k


def english_texts(data: dict[str, Any], default: str) -> dict[str, str]:
    """Every translatable text of a script in its default language, by key."""
    out: dict[str, str] = {}
    for key, holder, index in _text_sites(data):
        value = holder[index] if isinstance(holder, list) else holder.get(index)
        if isinstance(value, dict):
            value = value.get(default)
        if isinstance(value, str):
            out[key] = value
    return out


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


_REF = re.compile(r"answers\.([a-z0-9_]+)|answers\[[\"']([a-z0-9_]+)")


def _refs(text: str) -> set[str]:
    return {m.group(1) or m.group(2) for m in _REF.finditer(text)}


class _Reader:
    """Checks one translation file against the script's English, line by line."""

    def __init__(self, name: str, line_of: Any, problems: list[ScriptProblem]) -> None:
        self.name = name
        self.line_of = line_of
        self.problems = problems

    def add(self, loc: tuple[str | int, ...], message: str, severity: str = "error") -> None:
        problem = ScriptProblem(self.name, None, self.line_of(loc), message)
        if severity == "warning":
            problem = ScriptProblem(self.name, None, self.line_of(loc), message, "warning")
        self.problems.append(problem)

    def entries(
        self, tdata: Any, english: dict[str, str], languages: list[str]
    ) -> tuple[str, dict[str, str], Coverage] | None:
        if not isinstance(tdata, dict):
            self.add((), "a translation file must be a mapping with 'language' and 'texts'")
            return None
        for key in tdata:
            if key not in ("language", "script", "note", "texts"):
                self.add((key,), f"unknown key {key!r} (expected language, script, note, texts)")
        language = tdata.get("language")
        if not isinstance(language, str) or not LANGUAGE_CODE.fullmatch(language):
            self.add(("language",), "'language' must be a language code such as cy or pl")
            return None
        if language == languages[0]:
            self.add(("language",), f"{language!r} is the script's own language")
            return None
        if language not in languages:
            listed = ", ".join(languages)
            message = f"{language!r} is not offered: the script's languages are {listed}"
            self.add(("language",), message, "warning")
        texts = tdata.get("texts") or {}
        if not isinstance(texts, dict):
            self.add(("texts",), "'texts' must be a mapping of key: {source, reviewed, text}")
            return None
        coverage = Coverage(language, self.name, total=len(english))
        merged: dict[str, str] = {}
        for key, entry in texts.items():
            got = self.entry(str(key), entry, english, coverage)
            if got is not None:
                merged[str(key)] = got
        coverage.missing = [k for k in english if k not in texts or _blank(texts.get(k))]
        coverage.translated = len(merged)
        return language, merged, coverage

    def entry(
        self, key: str, entry: Any, english: dict[str, str], coverage: Coverage
    ) -> str | None:
        loc = ("texts", key)
        if key not in english:
            self.add(loc, f"{key!r} names no text of the script", "warning")
            return None
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str | None):
            self.add(loc, f"{key!r} must be a mapping with source, reviewed and text")
            return None
        for name in entry:
            if name not in ("source", "reviewed", "text"):
                self.add((*loc, name), f"{key!r} has an unknown field {name!r}")
        text = entry.get("text") or ""
        if not text.strip():
            return None
        reviewed = str(entry.get("reviewed", "false")).casefold()
        if reviewed not in ("true", "false", "yes", "no"):
            self.add((*loc, "reviewed"), f"{key!r}: reviewed must be true or false")
        source = entry.get("source")
        if not isinstance(source, str) or not _same(source, english[key]):
            coverage.out_of_date.append(key)
            return None
        if reviewed not in ("true", "yes"):
            coverage.unreviewed.append(key)
        if not self.template_ok(key, text, english[key], (*loc, "text")):
            return None
        return text

    def template_ok(self, key: str, text: str, english: str, loc: tuple[str | int, ...]) -> bool:
        try:
            ast = _ENV.parse(text)
            _ENV.compile(ast)
        except TemplateSyntaxError as exc:
            self.add(loc, f"{key!r} has a template error: {exc.message}")
            return False
        for name in sorted(meta.find_undeclared_variables(ast) - _TEMPLATE_NAMES):
            self.add(loc, f"{key!r} uses {name!r}; a text can only use 'answers'")
            return False
        extra = _refs(text) - _refs(english)
        if extra:
            names = ", ".join(f"answers.{r}" for r in sorted(extra))
            self.add(loc, f"{key!r} refers to {names}, which the English does not")
            return False
        return True


def _blank(entry: Any) -> bool:
    return not (
        isinstance(entry, dict) and isinstance(entry.get("text"), str) and entry["text"].strip()
    )


def merge(data: dict[str, Any], language: str, merged: dict[str, str], default: str) -> None:
    """Put one language's translated texts into the script's raw data, in place. A text
    the script gives inline for that language is kept."""
    for key, holder, index in _text_sites(data):
        words = merged.get(key)
        if words is None:
            continue
        value = holder[index] if isinstance(holder, list) else holder.get(index)
        if isinstance(value, str):
            value = {default: value}
        if isinstance(value, dict) and language not in value:
            value = {**value, language: words}
            holder[index] = value
