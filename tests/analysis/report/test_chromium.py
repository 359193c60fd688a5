"""The HTML report in a real browser: headless Chromium loads it with no console error,
asks for nothing outside the file, lays it out without sideways scrolling, keeps headings
in order, gives every chart a name, meets AA contrast, and prints.

Skipped only when Chromium is not installed (CI installs it in ``.ci/run``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from pathlib import Path
from typing import Any

import pytest

from civicbot_analysis.report import build_report, render
from civicbot_analysis.rounddata import Answer, RoundData
from tests.analysis.factory import small_round
from tests.analysis.opinions.factories import camps
from tests.analysis.report.chromium import PageReport, chromium_path, open_page

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(
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


@dataclasses.dataclass
class Seen:
    report: PageReport
    found: dict[str, Any]
    pdf: bytes


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
        for width in (1200, 800):
            await page.send(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=900,
                deviceScaleFactor=1,
                mobile=False,
            )
            found[f"overflow_{width}"] = await page.evaluate(WIDE_JS)
        pdf = await page.pdf()
    return Seen(report, found, pdf)


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> Seen:
    html = render(build_report(_round(), seed=0), "html")
    assert "<script>" not in html  # escaped before it ever reaches the browser
    path = tmp_path_factory.mktemp("chromium") / "report.html"
    path.write_text(html, encoding="utf-8")
    return asyncio.run(_visit(path))


def test_loads_without_console_errors(seen: Seen) -> None:
    assert seen.report.console == []
    assert seen.report.exceptions == []
    assert seen.report.log_errors == []


def test_no_request_leaves_the_file(seen: Seen) -> None:
    assert seen.report.requests, "the navigation itself should have been recorded"
    assert seen.report.outside_requests == []


def test_headings_start_at_one_and_never_skip_a_level(seen: Seen) -> None:
    levels = [level for level, _ in seen.found["headings"]]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, seen.found["headings"]
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
