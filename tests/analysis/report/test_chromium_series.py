"""The series report in a real browser: headless Chromium loads it with no console error,
asks for nothing outside the file, keeps headings in order, names its charts, meets AA
contrast, has no axe-core violation (the vendored test fixture) and does not scroll sideways.
Skipped only when Chromium is not installed."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from civicbot_analysis.series import SeriesData, build_series_report, render_series
from tests.analysis.report.page_checks import (
    HOSTILE,
    Seen,
    assert_headings_in_order,
    assert_quiet,
    look,
    needs_chromium,
)
from tests.analysis.series.factory import make_series

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> Seen:
    series = make_series()
    # A round title with markup that would fetch or run something if it were not escaped.
    first = dataclasses.replace(series.rounds[0], title=HOSTILE)
    html = render_series(
        build_series_report(SeriesData("Our year", (first, *series.rounds[1:])), seed=0), "html"
    )
    assert "<script>" not in html
    path = tmp_path_factory.mktemp("chromium-series") / "series.html"
    path.write_text(html, encoding="utf-8")
    return asyncio.run(look(path, axe=True, widths=(1200, 800)))


def test_no_axe_core_violations(seen: Seen) -> None:
    assert seen.found["axe"] == []


def test_loads_quietly_and_asks_for_nothing_outside_the_file(seen: Seen) -> None:
    assert seen.report.requests, "the page itself should have been requested"
    assert_quiet(seen.report)


def test_headings_in_order_and_links_resolve(seen: Seen) -> None:
    assert_headings_in_order(seen.found["headings"])
    assert seen.found["broken_links"] == []


def test_charts_are_named_images(seen: Seen) -> None:
    assert seen.found["svgs"] and all(s == ["img", True] for s in seen.found["svgs"])


def test_text_meets_aa_contrast_and_fits(seen: Seen) -> None:
    assert seen.found["low_contrast"] == []
    assert seen.found["overflow_1200"] <= 0 and seen.found["overflow_800"] <= 0
