"""The series report in a real browser: headless Chromium loads it with no console error,
asks for nothing outside the file, keeps headings in order, names its charts, meets AA
contrast, has no axe-core violation (the vendored test fixture) and does not scroll sideways.
Skipped only when Chromium is not installed."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from pathlib import Path
from typing import Any

import pytest

from civicbot_analysis.series import SeriesData, build_series_report, render_series
from tests.analysis.report.chromium import PageReport, chromium_path, open_page
from tests.analysis.report.test_chromium import (
    BROKEN_LINKS_JS,
    CONTRAST_JS,
    HEADINGS_JS,
    HOSTILE,
    SVGS_JS,
    WIDE_JS,
)
from tests.analysis.series.factory import make_series

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)


@dataclasses.dataclass
class Seen:
    report: PageReport
    found: dict[str, Any]


async def _visit(path: Path) -> Seen:
    assert CHROMIUM is not None
    found: dict[str, Any] = {}
    async with open_page(CHROMIUM) as page:
        report = await page.load(path.as_uri())
        for name, js in (
            ("headings", HEADINGS_JS),
            ("broken_links", BROKEN_LINKS_JS),
            ("svgs", SVGS_JS),
            ("low_contrast", CONTRAST_JS),
        ):
            found[name] = await page.evaluate(js)
        found["axe"] = await page.axe()
        for width in (1200, 800):
            await page.send(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=900,
                deviceScaleFactor=1,
                mobile=False,
            )
            found[f"overflow_{width}"] = await page.evaluate(WIDE_JS)
    return Seen(report, found)


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
    return asyncio.run(_visit(path))


def test_no_axe_core_violations(seen: Seen) -> None:
    assert seen.found["axe"] == []


def test_loads_without_console_errors(seen: Seen) -> None:
    assert seen.report.console == []
    assert seen.report.exceptions == []
    assert seen.report.log_errors == []


def test_no_request_leaves_the_file(seen: Seen) -> None:
    assert seen.report.requests, "the page itself should have been requested"
    assert seen.report.outside_requests == []


def test_headings_in_order_and_links_resolve(seen: Seen) -> None:
    levels = [level for level, _ in seen.found["headings"]]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert seen.found["broken_links"] == []


def test_charts_are_named_images(seen: Seen) -> None:
    assert seen.found["svgs"] and all(s == ["img", True] for s in seen.found["svgs"])


def test_text_meets_aa_contrast_and_fits(seen: Seen) -> None:
    assert seen.found["low_contrast"] == []
    assert seen.found["overflow_1200"] <= 0 and seen.found["overflow_800"] <= 0
