"""A script as one round runs it: the round's settings filled in.

Texts may say ``{{ round.organiser }}``, ``{{ round.contact }}`` and
``{{ round.retention_days }}``; the area question (``demographic: area``) gets the
round's own wards or neighbourhoods as its buttons, with "I live outside the area" and
"Prefer not to say" kept from the script, and a postcode-district map so a resident may
type "LS6 1AA" or "LS6" instead (only the area is stored, never the postcode).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from civicbot.script.model import PREFER_NOT, Option, Script, Section

# Script options kept after the round's own areas.
KEPT_AREA_VALUES = ("outside", PREFER_NOT)


def for_round(
    script: Script,
    *,
    organiser: str | None = None,
    contact: str | None = None,
    retention_days: int | None = None,
    areas: Sequence[tuple[str, str]] = (),
    postcodes: Mapping[str, str] | None = None,
) -> Script:
    """``script`` with the round's settings in place (unchanged where none are set)."""
    facts = {
        "organiser": organiser or "",
        "contact": contact or "",
        "retention_days": str(retention_days) if retention_days else "",
    }
    sections = list(script.sections)
    if areas or postcodes:
        sections = [_with_areas(section, areas, postcodes or {}) for section in sections]
    return script.model_copy(update={"round": facts, "sections": sections})


def _with_areas(
    section: Section, areas: Sequence[tuple[str, str]], postcodes: Mapping[str, str]
) -> Section:
    steps = []
    for step in section.steps:
        if step.demographic == "area":
            options = list(step.options)
            if areas:
                kept = [o for o in options if o.value in KEPT_AREA_VALUES]
                options = [Option(value=v, label=label) for v, label in areas] + kept
            known = {o.value for o in options}
            districts = {d.upper(): v for d, v in postcodes.items() if v in known}
            step = step.model_copy(update={"options": options, "postcodes": districts})
        steps.append(step)
    return section.model_copy(update={"steps": steps})
