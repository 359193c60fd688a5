"""Plain-words names of demographic groups, and the groups the equity view compares.

``group_label("disability", "yes_limited_lot")`` gives "Disabled residents whose
day-to-day activities are limited a lot"; ``group_label("caring", "yes")`` gives "Carers".
:func:`comparison_groups` says which groups are compared with the rest for one field
(for example all disabled residents together, besides each answer on its own).
"""

from __future__ import annotations

from dataclasses import dataclass

from civicbot_analysis.rounddata import PREFER_NOT

NOT_ANSWERED = "not_answered"  # the resident was not asked or skipped the question

_LABELS: dict[tuple[str, str], str] = {
    ("disability", "yes"): "Disabled residents",
    ("disability", "yes_limited_lot"): (
        "Disabled residents whose day-to-day activities are limited a lot"
    ),
    ("disability", "yes_limited_little"): (
        "Disabled residents whose day-to-day activities are limited a little"
    ),
    ("disability", "no"): "Residents who are not disabled",
    ("caring", "yes"): "Carers",
    ("caring", "no"): "Residents who are not carers",
    ("money_worries", "finding_it_difficult"): (
        "Residents finding it difficult to manage financially"
    ),
    ("money_worries", "just_about"): "Residents just about getting by financially",
    ("money_worries", "comfortable"): "Residents managing comfortably financially",
    ("sex", "female"): "Women",
    ("sex", "male"): "Men",
    ("sex", "other"): "Residents who describe their sex another way",
    ("ethnicity", "asian"): "Asian residents",
    ("ethnicity", "black"): "Black residents",
    ("ethnicity", "mixed"): "Residents of mixed or multiple ethnicity",
    ("ethnicity", "white"): "White residents",
    ("ethnicity", "other"): "Residents of another ethnic group",
}

# The default script's option values, in its order.
KNOWN_ORDER: dict[str, tuple[str, ...]] = {
    "age_band": ("16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"),
    "sex": ("female", "male", "other"),
    "ethnicity": ("asian", "black", "mixed", "white", "other"),
    "disability": ("yes_limited_lot", "yes_limited_little", "no"),
    "caring": ("yes", "no"),
    "money_worries": ("finding_it_difficult", "just_about", "comfortable"),
}

# Groups made of several answers: (field, group value) -> the answer values it covers.
COMBINED: dict[tuple[str, str], frozenset[str]] = {
    ("disability", "yes"): frozenset({"yes_limited_lot", "yes_limited_little"}),
}


def _words(value: str) -> str:
    return value.replace("_", " ").replace("-", " ").strip()


# The default script's areas (organisers replace them with their own, named as given).
_AREAS: dict[str, str] = {
    "north": "the north",
    "south": "the south",
    "east": "the east",
    "west": "the west",
    "centre": "the town centre",
}


def group_label(field: str, value: str) -> str:
    """A capitalised plural phrase naming the group, fit to start a sentence."""
    if (field, value) in _LABELS:
        return _LABELS[(field, value)]
    if value == PREFER_NOT:
        return f"Residents who preferred not to give their {_words(field)}"
    if value == NOT_ANSWERED:
        return f"Residents who did not answer about their {_words(field)}"
    if field == "age_band":
        return f"Residents aged {value.replace('+', ' and over')}"
    if field == "area":
        if value == "outside":
            return "Residents from outside the area"
        return f"Residents of {_AREAS.get(value) or _words(value).title()}"
    if field == "disability" and value.startswith("yes"):
        return "Disabled residents"
    return f"Residents with {_words(field)} “{_words(value)}”"


def people_label(field: str, value: str) -> str:
    """A lower-case phrase for sentences like "People aged 16-24 were under-represented"."""
    if field == "age_band":
        return f"people aged {value.replace('+', ' and over')}"
    if field == "area":
        if value == "outside":
            return "people from outside the area"
        return f"people in {_AREAS.get(value) or _words(value).title()}"
    label = group_label(field, value)
    label = label.replace("Residents", "people", 1).replace("residents", "people", 1)
    if label.startswith(("Asian", "Black", "White")):
        return label
    return label[0].lower() + label[1:]


@dataclass(frozen=True, slots=True)
class Group:
    """A group to compare with the rest of those who answered ``field``."""

    field: str
    value: str
    members: frozenset[str]  # the answer values that put a resident in the group
    label: str


def order_values(field: str, values: set[str] | list[str]) -> list[str]:
    """Answer values in the order of the default script's options, unknown ones after."""
    known = KNOWN_ORDER.get(field, ())
    rank = {v: i for i, v in enumerate(known)}
    return sorted(set(values), key=lambda v: (rank.get(v, len(known)), v))


def comparison_groups(field: str, values: list[str]) -> list[Group]:
    """Groups compared with the rest for one field, given the answer values seen.

    Every answer value is a group, and combined groups (all disabled residents) come
    first where two or more of their parts are seen. A group that is the whole of those
    who answered, or the complement of an earlier group, is dropped: comparing it with
    the rest repeats a test (with two answer values, only the first is compared).
    """
    answered = [v for v in order_values(field, values) if v not in (PREFER_NOT, NOT_ANSWERED)]
    everyone = frozenset(answered)
    candidates: list[Group] = []
    for (f, value), members in COMBINED.items():
        present = members & everyone
        if f == field and len(present) >= 2:
            candidates.append(Group(field, value, frozenset(present), group_label(field, value)))
    candidates += [Group(field, v, frozenset({v}), group_label(field, v)) for v in answered]
    kept: list[Group] = []
    seen: set[frozenset[str]] = set()
    for g in candidates:
        if g.members == everyone or g.members in seen or (everyone - g.members) in seen:
            continue
        seen.add(g.members)
        kept.append(g)
    return kept
