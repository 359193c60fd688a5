"""The brief and the report's equity charts in headless Chromium: no console error, no
request outside the file, no axe-core violation (WCAG 2.1 A/AA and best practice), every
chart named, and the brief printed on exactly one A4 page.

axe-core is a vendored test fixture (``vendor/``, MPL-2.0), injected through DevTools.
Skipped only when Chromium is not installed.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from civicbot_analysis.report import build_report, render
from civicbot_analysis.report.model import Report
from civicbot_analysis.report.pdf import pdf_pages
from tests.analysis.report.brief_round import brief_round
from tests.analysis.report.chromium import Page
from tests.analysis.report.page_checks import Seen, assert_quiet, look, needs_chromium

pytestmark = needs_chromium
# The printable area of A4 with the brief's @page margins (10 mm top and bottom, 12 mm
# either side), in CSS pixels (96 per inch).
A4_WIDTH_PX = round((210 - 24) / 25.4 * 96)
A4_HEIGHT_PX = round((297 - 20) / 25.4 * 96)
LONG_NEXT = (
    "The council's health and care committee will discuss these findings at its meeting on "
    "14 January, in public; we will write to everyone who took part with what was decided, "
    "and the next round, on getting help at home, opens in March."
)


async def _print_height(page: Page, found: dict[str, Any]) -> None:
    """How tall the page lays out in print at the A4 width, into ``found``."""
    await page.send("Emulation.setEmulatedMedia", media="print")
    await page.send(
        "Emulation.setDeviceMetricsOverride",
        width=A4_WIDTH_PX,
        height=200,  # shorter than the page, so the body's own height is measured
        deviceScaleFactor=1,
        mobile=False,
    )
    found["print_height"] = await page.evaluate(
        "Math.ceil(document.body.getBoundingClientRect().bottom)"
    )


def _visit(path: Path) -> Seen:
    return asyncio.run(look(path, ["svgs"], axe=True, pdf=True, then=_print_height))


@pytest.fixture(scope="module")
def report() -> Report:
    data, pr = brief_round()
    return build_report(data, reference=pr.reference)


@pytest.fixture(scope="module")
def brief(report: Report, tmp_path_factory: pytest.TempPathFactory) -> Seen:
    path = tmp_path_factory.mktemp("brief") / "brief.html"
    path.write_text(render(report, "brief", next_steps=LONG_NEXT), encoding="utf-8")
    return _visit(path)


@pytest.fixture(scope="module")
def full(report: Report, tmp_path_factory: pytest.TempPathFactory) -> Seen:
    assert report.difference_plots and report.care_plot is not None and report.sources
    path = tmp_path_factory.mktemp("full") / "report.html"
    path.write_text(render(report, "html"), encoding="utf-8")
    return _visit(path)


def test_brief_prints_on_one_a4_page(brief: Seen) -> None:
    assert brief.pdf.startswith(b"%PDF")
    assert pdf_pages(brief.pdf) == 1
    assert brief.found["print_height"] <= A4_HEIGHT_PX


@pytest.mark.parametrize("name", ["brief", "full"])
def test_no_console_errors_no_requests_no_axe_violations(
    name: str, request: pytest.FixtureRequest
) -> None:
    seen: Seen = request.getfixturevalue(name)
    assert_quiet(seen.report)
    assert seen.found["axe"] == []


def test_every_chart_in_the_report_is_named(full: Seen) -> None:
    svgs = full.found["svgs"]
    assert len(svgs) >= 3  # at least one difference plot, the inverse care plot, themes
    assert all(role == "img" and titled for role, titled in svgs)
