"""What the browser tests of our pages (the report, the brief, the series report, a Pol.is
report, the demo's) look at, written once: the skip when Chromium is absent, the in-page
probes, one visit that gathers what a test asks for, and the checks every page must pass.

The visit runs :mod:`tests.analysis.report.chromium`'s headless Chromium; axe-core is its
vendored fixture.
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from tests.analysis.report.chromium import Page, PageReport, chromium_path, open_page

CHROMIUM = chromium_path()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)

# Residents' words that would fetch or run something if they were not escaped.
HOSTILE = (
    '<img src="https://example.org/x.png"> <script>console.error("ran")</script> '
    "the bus route to town was cut <link rel=stylesheet href=//example.org/s.css>"
)

# In the page: headings in document order, as (level, text).
HEADINGS_JS = "Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6'))" + (
    ".map(h => [Number(h.tagName[1]), h.textContent.trim()])"
)
# In-page links whose target does not exist.
BROKEN_LINKS_JS = (
    "Array.from(document.querySelectorAll('a[href^=\"#\"]'))"
    ".map(a => a.getAttribute('href').slice(1))"
    ".filter(id => !document.getElementById(id))"
)
# Every svg: its role and whether it has a non-empty title.
SVGS_JS = (
    "Array.from(document.querySelectorAll('svg')).map(s => [s.getAttribute('role'), "
    "!!(s.querySelector('title') && s.querySelector('title').textContent.trim())])"
)
# Text whose colour against its background is below WCAG AA (4.5:1), as [text, ratio].
CONTRAST_JS = """
(() => {
  const lum = c => {
    const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor;
      if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    if (el.closest('svg')) continue;
    const fg = lum(getComputedStyle(el).color), bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) bad.push([n.textContent.trim().slice(0, 40), ratio]);
  }
  return bad;
})()
"""
WIDE_JS = "document.documentElement.scrollWidth - window.innerWidth"
PROBES = {
    "headings": HEADINGS_JS,
    "broken_links": BROKEN_LINKS_JS,
    "svgs": SVGS_JS,
    "low_contrast": CONTRAST_JS,
}


@dataclasses.dataclass
class Seen:
    """What a visit found: the load's report, each probe's answer by name (``axe``,
    ``overflow_WIDTH`` too when asked), and the page printed to PDF when asked."""

    report: PageReport
    found: dict[str, Any]
    pdf: bytes = b""


async def look(
    path: Path,
    probes: Iterable[str] = PROBES,
    *,
    axe: bool = False,
    widths: Iterable[int] = (),
    pdf: bool = False,
    then: Callable[[Page, dict[str, Any]], Awaitable[None]] | None = None,
) -> Seen:
    """Load ``path`` in headless Chromium and gather what is asked: the named
    :data:`PROBES`, axe-core's violations, the sideways overflow at each of ``widths``
    (in CSS pixels), the PDF print; ``then`` may look further on the same page."""
    assert CHROMIUM is not None
    found: dict[str, Any] = {}
    async with open_page(CHROMIUM) as page:
        report = await page.load(path.as_uri())
        for name in probes:
            found[name] = await page.evaluate(PROBES[name])
        if axe:
            found["axe"] = await page.axe()
        for width in widths:
            await page.send(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=900,
                deviceScaleFactor=1,
                mobile=False,
            )
            found[f"overflow_{width}"] = await page.evaluate(WIDE_JS)
        printed = await page.pdf() if pdf else b""
        if then is not None:
            await then(page, found)
    return Seen(report, found, printed)


def assert_quiet(report: PageReport) -> None:
    """Nothing a reader's browser would complain of: no console message, no uncaught
    exception, no log error, no request outside the file."""
    assert report.console == []
    assert report.exceptions == []
    assert report.log_errors == []
    assert report.outside_requests == []


def assert_headings_in_order(headings: list[list[Any]]) -> None:
    """One top-level heading, first, and no level skipped on the way down."""
    levels = [level for level, _ in headings]
    assert levels and levels[0] == 1 and levels.count(1) == 1, headings
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, headings


def check_report_page(path: Path) -> Seen:
    """A report page in Chromium: quiet, no axe-core violation, every in-page link with a
    target, headings in order."""
    seen = asyncio.run(look(path, ["headings", "broken_links"], axe=True))
    assert_quiet(seen.report)
    assert seen.found["axe"] == []
    assert seen.found["broken_links"] == []
    assert_headings_in_order(seen.found["headings"])
    return seen
