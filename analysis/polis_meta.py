"""Pol.is "meta" statements ("I am under 30", "My ethnicity is White") as "about you" answers.

A Pol.is conversation asks about its voters with statements they agree or disagree with;
they take no part in the opinion math (:func:`civicbot_analysis.polis.meta_statements` finds them),
and before issue #10 the report dropped them and said no "about you" answers were given.
:func:`demographics_from_meta` reads each one it can onto a demographic field of
:data:`civicbot_analysis.rounddata.DEMOGRAPHIC_FIELDS` (ethnicity, sex, age band, area), and gives
each voter the value of the one statement of that field they agreed with. A voter who agreed
with none, or with two that cannot both hold (two age bands), gets nothing for that field:
disagreeing with "I identify as male" does not say what someone is. Statements it cannot
map (employment, first language, "my gender has changed since birth", ...) are listed, so
the report can say they were left out rather than drop them silently.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace

from civicbot_analysis.rounddata import Resident, RoundData

_ETHNICITY = (
    ("white", "white"),
    ("black", "black"),
    ("african", "black"),
    ("caribbean", "black"),
    ("asian", "asian"),
    ("mixed", "mixed"),
    ("multiple", "mixed"),
    ("arab", "other"),
)
_SEX = {"female": "female", "a woman": "female", "woman": "female", "male": "male", "a man": "male"}
_AREA = {"city": "city", "town": "town", "rural": "rural", "urban": "urban"}


@dataclass(frozen=True)
class MetaMapping:
    """Which statements became which answers, and which could not be read."""

    mapped: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (field, value)
    unmapped: dict[str, str] = field(default_factory=dict)  # id -> text
    residents_with: int = 0  # voters who got at least one "about you" answer


def _age(text: str) -> str | None:
    t = text.lower()
    if m := re.search(r"between (\d+) and (\d+)", t):
        return f"{m[1]}-{m[2]}"
    if m := re.search(r"(\d+) years of age or older but (?:less|younger) than (\d+)", t):
        return f"{m[1]}-{int(m[2]) - 1}"
    if m := re.search(r"(?:under|younger than|less than) (\d+)", t):
        return f"under {m[1]}"
    if m := re.search(r"(?:(\d+) years of age or older|over (\d+)|(\d+) or older)", t):
        return f"{m[1] or m[2] or m[3]}+"
    return None


def read_statement(text: str) -> tuple[str, str] | None:
    """The (field, value) a meta statement states about the voter who agrees, or None."""
    t = " ".join(text.lower().split())
    if re.match(r"^(my ethnicity is|i am|i'm|i identify as)\b", t) and (
        "ethnicity" in t or re.match(r"^(i am|i'm) (white|black|asian|mixed)\b", t)
    ):
        for word, value in _ETHNICITY:
            if re.search(rf"\b{word}\b", t):
                return "ethnicity", value
        return "ethnicity", "other"
    if m := re.match(r"^(?:i identify as|i am|i'm) (a woman|a man|female|male|woman)\b\.?$", t):
        return "sex", _SEX[m[1]]
    if re.match(r"^(i am|i'm|are you)\b", t) and re.search(r"\d+ (years|or older)|under \d+", t):
        age = _age(t)
        return ("age_band", age) if age else None
    if m := re.match(r"^i live in an? (city|town|rural|urban)\b", t):
        return "area", _AREA[m[1]]
    return None


def demographics_from_meta(data: RoundData, meta: Collection[str]) -> tuple[RoundData, MetaMapping]:
    """``data`` with "about you" answers read from the votes on meta statements ``meta``."""
    texts = {s.id: s.text for s in data.statements if s.id in meta}
    mapped: dict[str, tuple[str, str]] = {}
    unmapped: dict[str, str] = {}
    for sid, text in texts.items():
        read = read_statement(text)
        if read is None:
            unmapped[sid] = " ".join(text.split())
        else:
            mapped[sid] = read
    if not mapped:
        return data, MetaMapping(mapped, unmapped)
    agreed: dict[str, dict[str, set[str]]] = {}
    for v in data.votes:
        if v.vote == 1 and v.statement in mapped:
            f, value = mapped[v.statement]
            agreed.setdefault(v.resident, {}).setdefault(f, set()).add(value)
    residents: list[Resident] = []
    given = 0
    for r in data.residents:
        mine = {f: next(iter(vals)) for f, vals in agreed.get(r.id, {}).items() if len(vals) == 1}
        if mine:
            given += 1
            residents.append(replace(r, demographics={**r.demographics, **mine}))
        else:
            residents.append(r)
    return replace(data, residents=tuple(residents)), MetaMapping(mapped, unmapped, given)
