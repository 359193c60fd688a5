"""Screenshots for docs/images from a demo folder: ``python -m tests.analysis.report.screenshots
DEMO_DIR`` after ``civicbot demo --out DEMO_DIR`` and ``civicbot report 1 --db
DEMO_DIR/demo.db --format brief --out DEMO_DIR/brief.html --next TEXT``.

Writes report-brief.png (the whole brief, 820 pixels wide), report-differences.png and
report-inverse-care.png (those sections of the report, 1200 pixels wide).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from tests.analysis.report.chromium import chromium_path, open_page

IMAGES = Path(__file__).resolve().parents[3] / "docs" / "images"
# The top of a section and the top of the next one, in page coordinates.
BOUNDS_JS = (
    "(() => {{ const a = document.getElementById('{a}').closest('section'); "
    "const r = a.getBoundingClientRect(); return [r.top + scrollY - 8, r.height + 16]; }})()"
)


async def main(demo: Path) -> None:
    binary = chromium_path()
    if binary is None:
        raise SystemExit("Chromium is not installed")
    async with open_page(binary) as page:
        await page.load((demo / "brief.html").as_uri())
        (IMAGES / "report-brief.png").write_bytes(await page.screenshot(width=820))
        await page.load((demo / "report.html").as_uri())
        await page.screenshot(width=1200, height=900)  # lay out at the shot's width first
        for heading, name in (
            ("differences-heading", "report-differences.png"),
            ("inverse-heading", "report-inverse-care.png"),
        ):
            top, height = await page.evaluate(BOUNDS_JS.format(a=heading))
            shot = await page.screenshot(width=1200, top=int(top), height=int(min(height, 2400)))
            (IMAGES / name).write_bytes(shot)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
