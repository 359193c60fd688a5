"""A fast, exact pre-check for the rules: the words a pattern cannot match without.

Running a few hundred regular expressions over each message costs most of the detector's
time, though most messages match none of them. :func:`needs` reads a compiled pattern's
structure once and finds a set of literal strings such that *every* match contains at
least one of them (``"kill"``, ``"i'm"``/``"i am"``...). A rule is searched only when one
of them is in the sentence, which is a plain substring test. The set is an
over-approximation by construction, so the gate never changes what is found; where no
such set can be read (a pattern that starts with a character class, say) there is no gate.

It reads the pattern with the standard library's own parser (``re._parser``, named
``sre_parse`` before Python 3.11); if that ever moves, every rule is simply ungated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

try:  # the stdlib's regular-expression parser (see the module docstring)
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older or newer Pythons: no gates, same results
    _p = _c = None

_MAX_STRINGS = 64
_MIN_LENGTH = 2


def _finite(items: Any) -> set[str] | None:
    """Every string ``items`` can match, when it is only literals and alternatives."""
    out = {""}
    for op, av in items:
        if op is _c.LITERAL:
            out = {s + chr(av) for s in out}
        elif op is _c.BRANCH:
            alts: set[str] = set()
            for branch in av[1]:
                found = _finite(branch)
                if found is None:
                    return None
                alts |= found
            out = {s + a for s in out for a in alts}
        elif op is _c.SUBPATTERN:
            found = _finite(av[-1])
            if found is None:
                return None
            out = {s + a for s in out for a in found}
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        else:
            return None
        if len(out) > _MAX_STRINGS:
            return None
    return out


_WEAK = frozenset(
    {"to", "the", "my", "me", "her", "his", "our", "a", "i", "and", "of", "in", "on", "it"}
    | {"is", "be", "he", "she", "they", "for", "at", "s", "'s", "with", "no", "not", "you"}
)


def _strength(strings: frozenset[str]) -> tuple[int, int]:
    """How rarely a set of strings occurs, roughly: long, not a common word; few of them."""
    return min(0 if s.strip() in _WEAK else len(s.strip()) for s in strings), -len(strings)


def _best(candidates: list[set[str]]) -> set[str] | None:
    useful = [c for c in candidates if c and min(map(len, c)) >= _MIN_LENGTH]
    if not useful:
        return None
    return max(useful, key=lambda c: _strength(frozenset(c)))


def _required(items: Any) -> set[str] | None:
    """Strings of which every match of the sequence ``items`` contains at least one."""
    candidates: list[set[str]] = []
    run = {""}

    def close() -> None:
        nonlocal run
        if run != {""}:
            candidates.append(run)
        run = {""}

    for op, av in items:
        literal = _finite([(op, av)]) if op in (_c.LITERAL, _c.BRANCH, _c.SUBPATTERN) else None
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        if literal is not None and len(run) * len(literal) <= _MAX_STRINGS:
            run = {s + a for s in run for a in literal}
            continue
        close()
        if op is _c.BRANCH:
            parts = [_required(branch) for branch in av[1]]
            if all(part is not None for part in parts):
                candidates.append(set().union(*(p for p in parts if p is not None)))
        elif op is _c.SUBPATTERN:
            inner = _required(av[-1])
            if inner is not None:
                candidates.append(inner)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            inner = _required(av[2])
            if inner is not None:
                candidates.append(inner)
    close()
    return _best(candidates)


def needs(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains (None: none could be read)."""
    if _p is None:
        return None
    try:
        found = _required(_p.parse(pattern.pattern))
    except Exception:
        return None
    if found is None:
        return None
    return frozenset(found)


@dataclass(frozen=True)
class Gate:
    """A rule's pre-check: one of these strings must be in the sentence (searched as one
    compiled alternation of plain strings, which the regex engine runs in C)."""

    strings: tuple[str, ...]
    any_of: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        alternation = "|".join(re.escape(s) for s in self.strings)
        object.__setattr__(self, "any_of", re.compile(alternation))

    def passes(self, text: str) -> bool:
        return self.any_of.search(text) is not None


def gate_for(pattern: re.Pattern[str]) -> Gate | None:
    """The gate of a rule's pattern (None: every sentence must be searched)."""
    found = needs(pattern)
    return None if found is None else Gate(tuple(sorted(found, key=len)))


def _trie_pattern(strings: frozenset[str]) -> str:
    """One regular expression matching, at a position, the longest of ``strings`` that
    starts there (a trie of them: alternatives by next character, greedy optional ends)."""
    root: dict[str, dict] = {}
    for s in strings:
        node = root
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return pattern(root)


class GateSet:
    """Every rule's gate, checked in one pass over a sentence: which rules may match it.

    One compiled trie of every gate's strings finds, at each position of the sentence,
    the longest gate string starting there; the strings that are prefixes of it start
    there too. A rule is unlocked when any of its strings is found, exactly as
    :meth:`Gate.passes` would say, so the answer is the same as asking each gate in turn,
    in one scan instead of one search per rule (most of the detector's time before)."""

    def __init__(self, gates: list[Gate | None]) -> None:
        self.always = tuple(i for i, g in enumerate(gates) if g is None)
        owners: dict[str, set[int]] = {}
        for i, gate in enumerate(gates):
            for s in gate.strings if gate is not None else ():
                owners.setdefault(s, set()).add(i)
        # each string unlocks its own rules and those of every gate string it begins with
        self.unlocks = {
            s: frozenset().union(*(owners[s[:n]] for n in range(1, len(s) + 1) if s[:n] in owners))
            for s in owners
        }
        self.scan = re.compile(f"(?=({_trie_pattern(frozenset(owners))}))") if owners else None

    def open(self, text: str) -> list[int]:
        """Indices (in order) of the rules whose gate ``text`` passes, and the ungated."""
        found: set[int] = set(self.always)
        if self.scan is not None:
            for s in {m.group(1) for m in self.scan.finditer(text)}:
                found |= self.unlocks[s]
        return sorted(found)
