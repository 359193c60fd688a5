"""The report of a Pol.is export, led by topics × opinion groups, in headless Chromium: no
console error, no request outside the file, no axe-core violation (WCAG 2.1 A/AA and best
practice), headings in order and every in-page link with a target. On the planted export
always, and on a real conversation from ../shared/data/polis when it is there.

Skipped only when Chromium is not installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from civicbot_analysis.polis import export_math, meta_statements, read_polis, write_polis
from civicbot_analysis.report import build_report, render
from tests.analysis.report.page_checks import check_report_page, needs_chromium
from tests.analysis.topics.planted import planted_round

pytestmark = needs_chromium
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


@pytest.mark.parametrize("which", ["planted", "real"])
def test_polis_report_in_chromium(which: str, tmp_path: Path) -> None:
    if which == "planted":
        folder = write_polis(planted_round(noise=0.15), tmp_path / "planted")
    elif REAL is None:
        pytest.skip("../shared/data/polis is not here")
    else:
        folder = REAL
    seen = check_report_page(polis_report_html(folder, tmp_path / "report.html"))
    titles = [text for level, text in seen.found["headings"] if level == 2]
    assert titles.index("Summary") + 1 == next(
        i for i, t in enumerate(titles) if t.startswith("Topics of the statements")
    )
