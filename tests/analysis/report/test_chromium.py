"""The HTML report in a real browser: headless Chromium loads it with no console error,
asks for nothing outside the file, lays it out without sideways scrolling, keeps headings
in order, gives every chart a name, meets AA contrast, and prints.

Skipped only when Chromium is not installed (CI installs it in ``.ci/run``).
"""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from civicbot_analysis.report import build_report, render
from civicbot_analysis.rounddata import Answer, RoundData
from tests.analysis.factory import small_round
from tests.analysis.opinions.factories import camps
from tests.analysis.report.page_checks import (
    HOSTILE,
    Seen,
    assert_headings_in_order,
    assert_quiet,
    look,
    needs_chromium,
)

pytestmark = needs_chromium


def _round() -> RoundData:
    """The factory round with planted topics, demographics, hostile text and votes."""
    base = small_round(60)
    votes = camps(30, 30)
    rename = {f"a{i}": f"r{i:04d}" for i in range(30)} | {
        f"b{i}": f"r{30 + i:04d}" for i in range(30)
    }
    hostile = tuple(Answer(f"r{i:04d}", "experience", HOSTILE) for i in range(12))
    return dataclasses.replace(
        base,
        answers=base.answers + hostile,
        statements=votes.statements,
        votes=tuple(dataclasses.replace(v, resident=rename[v.resident]) for v in votes.votes),
    )


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> Seen:
    html = render(build_report(_round(), seed=0), "html")
    assert "<script>" not in html  # escaped before it ever reaches the browser
    path = tmp_path_factory.mktemp("chromium") / "report.html"
    path.write_text(html, encoding="utf-8")
    return asyncio.run(look(path, widths=(1200, 800), pdf=True))


def test_loads_quietly_and_asks_for_nothing_outside_the_file(seen: Seen) -> None:
    assert seen.report.requests, "the navigation itself should have been recorded"
    assert_quiet(seen.report)


def test_headings_start_at_one_and_never_skip_a_level(seen: Seen) -> None:
    assert_headings_in_order(seen.found["headings"])
    texts = [text for _, text in seen.found["headings"]]
    assert "Opinion groups" in texts and "Themes in what residents said" in texts


def test_links_and_charts_are_named(seen: Seen) -> None:
    assert seen.found["broken_links"] == []
    assert seen.found["svgs"], "the report should have charts"
    assert all(role == "img" and titled for role, titled in seen.found["svgs"])


def test_text_meets_aa_contrast(seen: Seen) -> None:
    assert seen.found["low_contrast"] == []


def test_no_sideways_scrolling(seen: Seen) -> None:
    assert seen.found["overflow_1200"] <= 0
    assert seen.found["overflow_800"] <= 0


def test_prints_to_pdf(seen: Seen) -> None:
    assert seen.pdf.startswith(b"%PDF") and len(seen.pdf) > 10_000
