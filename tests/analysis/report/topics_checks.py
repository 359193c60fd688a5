"""Checks that the topics section's sentences follow from the figures its table shows, for
the topics tests: :func:`check_readings` on a report's JSON, CSV, Markdown and HTML.

The rules (the section's own method): the groups "divide" on a topic only where two shown
groups' 95% intervals do not overlap, and the sentence names the group with the higher
share first, with the very figures the table shows; "alike" only where every pair of shown
intervals overlaps and the shares lie within ten points; a group whose figure is hidden is
named as hidden and given no figure.
"""

from __future__ import annotations

import csv
import html as html_lib
import io
import re
from itertools import permutations
from typing import Any

ALIKE = 0.1
HIDDEN = r"roup (\w)’s figure is hidden|figures of groups ([\w ,]+) are hidden"


def _shown(g: dict[str, Any]) -> tuple[str, float, float, float] | None:
    share, interval = g["share"], g["interval"]
    if share["suppressed"] or interval["suppressed"]:
        return None
    # The interval as the reader sees it ("43%–54%"): whole points.
    low, high = (int(x) / 100 for x in re.findall(r"\d+", interval["text"]))
    return g["letter"], int(share["text"].rstrip("%")) / 100, low, high


def check_reading(topic: dict[str, Any]) -> None:
    """One topic's sentence against its own table row (JSON form)."""
    groups = topic["groups"]
    reading: str = topic["reading"]
    shown = [b for g in groups if (b := _shown(g)) is not None]
    hidden = [g["letter"] for g in groups if _shown(g) is None]
    for letter in hidden:
        named = re.search(HIDDEN, reading)
        assert named, (letter, reading)
        assert letter in re.findall(r"\w+", named.group(1) or named.group(2)), (letter, reading)
        assert not re.search(rf"group {letter}’s votes|group {letter} \d", reading), reading
    if len(shown) < 2:
        assert "divide" not in reading and "alike" not in reading, reading
        return
    pairs = [(a, b) for a, b in permutations(shown, 2) if a[2] > b[3]]
    if pairs:
        assert reading.startswith("The groups divide here"), (reading, shown)
        named = re.findall(r"(\d+)% of group (\w)’s", reading)
        (hv, hi), (lv, lo) = named
        by_letter = {x: v for x, v, _, _ in shown}
        text = {g["letter"]: g["share"]["text"] for g in groups}  # as the table shows it
        assert by_letter[hi] > by_letter[lo], (reading, shown)
        assert f"{hv}%" == text[hi] and f"{lv}%" == text[lo], (reading, text)
        return
    assert "divide here" not in reading, (reading, shown)
    values = [v for _, v, _, _ in shown]
    if max(values) - min(values) < ALIKE:
        assert reading.startswith("The groups voted alike here"), (reading, shown)
    else:
        assert "alike" not in reading and "do not show a clear division" in reading


def check_readings(report: dict[str, Any], texts: dict[str, str]) -> int:
    """Every topic's sentence in JSON follows from its row and is the sentence Markdown,
    HTML and CSV carry; no statement is called splitting the groups on a hidden figure.
    Returns how many topics were checked."""
    topics = report["topics"]["topics"]
    rows = list(csv.DictReader(io.StringIO(texts["csv"])))
    details = {r["question_id"]: r["detail"] for r in rows if r["table"] == "topic_group"
               and r["item_id"] == "all"}  # fmt: skip
    page = html_lib.unescape(re.sub(r"<[^>]+>", "", texts["html"]))
    for t in topics:
        check_reading(t)
        if t["reading"]:
            assert t["reading"] in texts["md"]
            assert t["reading"] in page
            assert details[t["id"]].endswith(t["reading"])
        for sub in (t, *t["subtopics"]):
            for st in sub["statements"]:
                if st.get("divides", bool(st["split"])):  # (main had no "divides")
                    shares = [c for _, c in st["split"] if not c["suppressed"]]
                    assert len(shares) >= 2, st
    for text in (texts["md"], page):
        for line in text.splitlines():
            if "Groups split" in line:
                assert len(re.findall(r"group \w \d+%", line)) >= 2, line
            assert not re.search(r"group \w hidden", line), line
            if "every group disagreed" in line:  # its figure is the share who disagreed
                assert re.search(r"\): (\d+% |most )disagreed \(", line), line
    return len(topics)
