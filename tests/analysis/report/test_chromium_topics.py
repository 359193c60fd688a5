"""The report of a Pol.is export, led by topics × opinion groups, in headless Chromium: no
console error, no request outside the file, no axe-core violation (WCAG 2.1 A/AA and best
practice), headings in order and every in-page link with a target. On the planted export
always, and on a real conversation from ../shared/data/polis when it is there.

Skipped only when Chromium is not installed.
"""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path
from typing import Any

import pytest

from civicbot_analysis.polis import export_math, meta_statements, read_polis, write_polis
from civicbot_analysis.report import build_report, render
from tests.analysis.report.chromium import chromium_path, open_page
from tests.analysis.report.test_chromium import BROKEN_LINKS_JS, HEADINGS_JS
from tests.analysis.topics.planted import planted_round

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)
REAL = next(
    (p / "shared/data/polis/scoop-hivemind.affordable-housing"
     for p in Path(__file__).resolve().parents
     if (p / "shared/data/polis/scoop-hivemind.affordable-housing").is_dir()),
    None,
)  # fmt: skip


def polis_report_html(folder: Path, out: Path) -> Path:
    """The HTML report of a Pol.is export folder, as `civicbot report --from-polis` makes it."""
    data = read_polis(folder)
    report = build_report(
        data, opinion_math=export_math(folder, data), opinion_meta=meta_statements(data)
    )
    out.write_text(render(report, "html"), encoding="utf-8")
    return out


async def _visit(path: Path) -> dict[str, Any]:
    assert CHROMIUM is not None
    async with open_page(CHROMIUM) as page:
        seen = await page.load(path.as_uri())
        return {
            "seen": seen,
            "axe": await page.axe(),
            "headings": await page.evaluate(HEADINGS_JS),
            "broken": await page.evaluate(BROKEN_LINKS_JS),
        }


@pytest.mark.parametrize("which", ["planted", "real"])
def test_polis_report_in_chromium(which: str, tmp_path: Path) -> None:
    if which == "planted":
        folder = write_polis(planted_round(noise=0.15), tmp_path / "planted")
    elif REAL is None:
        pytest.skip("../shared/data/polis is not here")
    else:
        folder = REAL
    found = asyncio.run(_visit(polis_report_html(folder, tmp_path / "report.html")))
    seen = found["seen"]
    assert seen.console == [] and seen.exceptions == [] and seen.log_errors == []
    assert seen.outside_requests == []
    assert found["axe"] == []
    assert found["broken"] == []
    levels = [level for level, _ in found["headings"]]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    titles = [text for level, text in found["headings"] if level == 2]
    assert titles.index("Summary") + 1 == next(
        i for i, t in enumerate(titles) if t.startswith("Topics of the statements")
    )
