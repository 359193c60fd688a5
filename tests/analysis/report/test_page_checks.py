"""The shared browser checks catch what they are there for: a page that logs an error,
asks for a file elsewhere, skips a heading level and links nowhere fails them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.analysis.report.page_checks import (
    assert_headings_in_order,
    assert_quiet,
    look,
    needs_chromium,
)

pytestmark = needs_chromium

BAD = """<!doctype html><html lang="en"><head><title>Bad</title></head><body>
<h1>Bad page</h1><h3>Skipped a level</h3><a href="#nowhere">a link to nothing</a>
<img alt="" src="http://127.0.0.1:9/elsewhere.png">
<script>console.error("something broke")</script>
</body></html>"""
GOOD = """<!doctype html><html lang="en"><head><title>Good</title></head><body>
<main><h1>Good page</h1><h2 id="part">A part</h2><a href="#part">to the part</a></main>
</body></html>"""


def test_the_checks_fail_a_bad_page_and_pass_a_good_one(tmp_path: Path) -> None:
    bad, good = tmp_path / "bad.html", tmp_path / "good.html"
    bad.write_text(BAD, encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")

    seen = asyncio.run(look(bad, ["headings", "broken_links"]))
    with pytest.raises(AssertionError):
        assert_quiet(seen.report)
    assert seen.report.console and seen.report.outside_requests
    with pytest.raises(AssertionError):
        assert_headings_in_order(seen.found["headings"])
    assert seen.found["broken_links"] == ["nowhere"]

    fine = asyncio.run(look(good, ["headings", "broken_links"], widths=(800,)))
    assert_quiet(fine.report)
    assert_headings_in_order(fine.found["headings"])
    assert fine.found["broken_links"] == [] and fine.found["overflow_800"] <= 0
