"""The demo's round has a deliberation step: residents vote on statements and write their
own, and the report shows their topics crossed with the opinion groups found."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from civicbot.demo.run import run_demo


def test_demo_report_has_topics_by_opinion_groups(tmp_path: Path) -> None:
    result = asyncio.run(run_demo(tmp_path, formats=("json", "html"), env={}))
    report = json.loads(result.files["json"].read_text(encoding="utf-8"))
    assert report["opinions"] is not None and report["opinions"]["k"] >= 2
    topics = report["topics"]
    assert len(topics["topics"]) >= 2
    assert all(t["label"] and t["statements"] for t in topics["topics"])
    # Residents wrote statements of their own, beside the script's seeds.
    texts = {s["text"] for t in topics["topics"] for s in t["statements"]}
    assert len(texts) > 6
    assert [g["letter"] for g in topics["groups"]][:2] == ["A", "B"]
    shown = [g for t in topics["topics"] for g in t["groups"] if not g["share"]["suppressed"]]
    assert shown
    order = report["sections"]
    assert order.index("topics") == order.index("opinions") - 1

    # In a real browser: no console error, no request outside the file, no axe violation.
    from tests.analysis.report.page_checks import CHROMIUM, check_report_page

    if CHROMIUM is not None:
        check_report_page(result.files["html"])
