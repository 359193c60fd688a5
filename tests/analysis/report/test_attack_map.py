"""An attacker with the report and a magnifier: counting the opinion map.

The report publishes each opinion group's size with the cell-key method's noise, and hides
a small group's size (and a group's hidden to protect it). A map that drew one mark per
resident undid all of it: counting a group's marks gave its exact size, and counting the
grey ones gave the hidden groups plus the residents not grouped. For planted rounds with a
small group, a group just over k, groups whose published size differs from the true one,
and residents not grouped, these tests take every mark the HTML map draws (any shape: dot,
oval, path, polygon) and try to count each group off it, then check that the map changes
not at all when one more resident votes.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from civicbot_analysis.opinions.svg import UNGROUPED, group_colour
from civicbot_analysis.report import build_report, render
from civicbot_analysis.rounddata import RoundData
from tests.analysis.report.test_attack_subtraction import _members, _with_ungrouped
from tests.analysis.topics.planted import planted_round

K = 10
SHAPES = re.compile(r"<(circle|ellipse|rect|path|polygon|polyline|line|use)\b([^>]*)>")
FILL = re.compile(r'fill="(#[0-9A-Fa-f]{6})"')

# (camp A, camp B, vote noise, residents not grouped): a small group, groups whose
# published size carries noise, a group just over k, few and many not grouped.
CASES = [(40, 8, 0.05, 0), (40, 30, 0.05, 0), (60, 12, 0.05, 3), (40, 30, 0.15, 4),
         (30, 25, 0.3, 12), (40, 8, 0.05, 5), (35, 11, 0.05, 0)]  # fmt: skip


def _round(case: tuple[int, int, float, int]) -> RoundData:
    data = planted_round(case[0], case[1], noise=case[2])
    return _with_ungrouped(data, case[3]) if case[3] else data


def _map(html: str) -> str:
    found = re.search(r'<svg[^>]*class="opinion-map".*?</svg>', html, re.S)
    assert found, "the report has an opinion map"
    return found.group(0)


def _marks(svg: str) -> Counter[str]:
    """How many marks the map draws in each fill colour (the frame left out)."""
    marks: Counter[str] = Counter()
    for tag, attrs in SHAPES.findall(svg):
        fill = FILL.search(attrs)
        if tag == "rect" and fill and fill.group(1).lower() == "#ffffff":
            continue  # the white frame
        marks[fill.group(1).upper() if fill else "none"] += 1
    return marks


def _count_attack(data: RoundData) -> list[str]:
    report = build_report(data, k_min=K)
    op = json.loads(render(report, "json"))["opinions"]
    members = _members(data)
    true = [len(m) for m in members]
    voters = {v.resident for v in data.votes}
    outside = len(voters - set().union(*members))
    marks = _marks(_map(render(report, "html")))
    found = []
    for g, group in enumerate(op["groups"]):
        size = group["size"]
        counted = marks.get(group_colour(g).upper(), 0)
        if size["suppressed"] and counted:
            found.append(f"group {g} (size hidden, {true[g]}): {counted} marks drawn")
        elif counted == true[g] and size["value"] != true[g]:
            found.append(f"group {g}: {counted} marks give its exact size (shown {size['value']})")
    hidden = [g for g, group in enumerate(op["groups"]) if group["size"]["suppressed"]]
    grey = marks.get(UNGROUPED.upper(), 0)
    if grey and grey == outside + sum(true[g] for g in hidden):
        found.append(f"{grey} grey marks: not grouped and hidden groups, exactly")
    if sum(marks.values()) >= len(voters):
        found.append(f"{sum(marks.values())} marks for {len(voters)} voters")
    return found


@pytest.mark.parametrize("case", CASES, ids=str)
def test_no_group_can_be_counted_off_the_map(case: tuple[int, int, float, int]) -> None:
    found = _count_attack(_round(case))
    assert not found, found


def test_the_map_does_not_change_with_one_more_resident() -> None:
    """Two rounds a resident apart draw the same marks: the map carries no count."""
    one, two = (_marks(_map(render(build_report(planted_round(40, n), k_min=K), "html")))
                for n in (30, 31))  # fmt: skip
    assert one == two
    assert sum(one.values()) <= 2 * 2  # two ovals per group


def test_the_attack_finds_a_dot_per_resident() -> None:
    """The attack itself, on a map that draws one dot per resident (as the old map did)."""
    data = _round((40, 8, 0.05, 0))
    members = _members(data)
    dots = "".join(
        f'<circle cx="1" cy="1" r="4" fill="{group_colour(g)}"/>'
        for g, who in enumerate(members)
        for _ in who
    )
    marks = _marks(f'<svg class="opinion-map">{dots}</svg>')
    assert marks[group_colour(0).upper()] == len(members[0])
