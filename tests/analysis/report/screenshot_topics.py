"""The topics × opinion groups screenshot for docs/images: ``python -m
tests.analysis.report.screenshot_topics POLIS_DIR`` builds the report of that Pol.is export
(as ``civicbot report --from-polis``) and writes report-polis-topics.png, the top of its
topics section (the table and the first topic), 1200 pixels wide, and
report-opinion-map.png, the top of its opinion groups section (the map and the sizes).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from tests.analysis.report.chromium import chromium_path, open_page
from tests.analysis.report.screenshots import BOUNDS_JS, IMAGES
from tests.analysis.report.test_chromium_topics import polis_report_html

MAX_HEIGHT = 1500
MAP_HEIGHT = 720


async def main(folder: Path) -> None:
    binary = chromium_path()
    if binary is None:
        raise SystemExit("Chromium is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        html = polis_report_html(folder, Path(tmp) / "report.html")
        async with open_page(binary) as page:
            await page.load(html.as_uri())
            await page.screenshot(width=1200, height=900)  # lay out at the shot's width first
            top, height = await page.evaluate(BOUNDS_JS.format(a="topics-heading"))
            shot = await page.screenshot(
                width=1200, top=int(top), height=int(min(height, MAX_HEIGHT))
            )
            top, height = await page.evaluate(BOUNDS_JS.format(a="opinions-heading"))
            drawn = await page.screenshot(
                width=1200, top=int(top), height=int(min(height, MAP_HEIGHT))
            )
    (IMAGES / "report-polis-topics.png").write_bytes(shot)
    (IMAGES / "report-opinion-map.png").write_bytes(drawn)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
