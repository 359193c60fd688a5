"""The large labelled set for the safeguarding detector, read from ``data/labelled.csv``.

Written for this project (no outside data), in residents' own styles: lower case, no
punctuation, misspellings, text-speak, indirect phrasing. Three labels:

- ``disclosure``: a message that discloses a risk of harm, by category of the screening
  framework it comes from (C-SSRS, SafeLives DASH, Care Act 2014, Working Together /
  NSPCC, self-harm, immediate danger); tier 1 must find it;
- ``may_disclose``: hopelessness, "can't cope", indirect wording; tier 2 (a gentle
  check-in and the review queue) should find it, tier 1 may;
- ``negative``: everyday answers about services, anger, sadness without risk, idioms,
  news, quotation, negation, events resolved long ago, talk about services for others.

Each row has a fixed ``split`` (``tune`` or ``held-out``), assigned once by
:func:`assign_splits` before any rule was written: within each (label, category) the rows
are ordered by a seeded hash of their text and alternate, held-out first, so each
category is split about 50/50. A test checks the column still equals that assignment, so
no example can move between halves after results are seen.

Rows written later, to broaden what the rules are tuned on, go to ``data/tune_added.csv``
(same columns, every row ``tune``), never into ``labelled.csv``: adding them there would
let the seeded hash send some to the held-out half, and the held-out half stays as it was
when its figures were first reported. :func:`load_all` reads both.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PATH = Path(__file__).parent / "data" / "labelled.csv"
ADDED_PATH = Path(__file__).parent / "data" / "tune_added.csv"
SEED = "civicbot-safeguarding-split-2026-12-04"
LABELS = ("disclosure", "may_disclose", "negative")
SPLITS = ("held-out", "tune")
FIELDS = ("label", "framework", "category", "kind", "split", "text")

FRAMEWORKS = {
    "cssrs": "C-SSRS",
    "self": "self-harm",
    "dash": "SafeLives DASH",
    "care": "Care Act 2014",
    "child": "Working Together / NSPCC",
    "immediate": "immediate danger",
}
KIND_OF = {
    "C-SSRS": "suicide_self_harm",
    "self-harm": "suicide_self_harm",
    "SafeLives DASH": "domestic_violence",
    "Care Act 2014": "abuse",
    "Working Together / NSPCC": "child_at_risk",
    "immediate danger": "immediate_danger",
}


@dataclass(frozen=True)
class Example:
    label: str
    framework: str
    category: str
    kind: str
    split: str
    text: str


def _key(text: str) -> str:
    return hashlib.sha256(f"{SEED}\x00{text}".encode()).hexdigest()


def assign_splits(rows: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """``text -> split`` for ``(label, category, text)`` rows: seeded-hash order within
    each (label, category), alternating held-out / tune."""
    groups: dict[tuple[str, str], list[str]] = {}
    for label, category, text in rows:
        groups.setdefault((label, category), []).append(text)
    split: dict[str, str] = {}
    for texts in groups.values():
        for i, text in enumerate(sorted(texts, key=_key)):
            split[text] = SPLITS[i % 2]
    return split


def load(path: Path = PATH) -> tuple[Example, ...]:
    with path.open(encoding="utf-8", newline="") as f:
        return tuple(Example(**{k: row[k] for k in FIELDS}) for row in csv.DictReader(f))


def write(examples: Iterable[Example], path: Path = PATH) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        out.writeheader()
        for e in examples:
            out.writerow({k: getattr(e, k) for k in FIELDS})


def load_all() -> tuple[Example, ...]:
    """``labelled.csv`` and the tune rows added to it later (``tune_added.csv``)."""
    return load(PATH) + (load(ADDED_PATH) if ADDED_PATH.exists() else ())
