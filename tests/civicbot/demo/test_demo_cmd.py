"""``civicbot demo`` from the command line: options, summary, and the report files."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from click.testing import CliRunner

from civicbot.cli import main
from civicbot.demo.run import DEMO_SECRET
from civicbot.store import Store


async def _raw_answers(database: Path) -> list[str]:
    store = await Store.open(database, secret=DEMO_SECRET)
    try:
        data = await store.round_data(1)
    finally:
        await store.close()
    return [a.value for a in data.answers]


def test_demo_writes_the_report_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["demo", "--residents", "40", "--out", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    for fmt in ("html", "md", "json", "csv"):
        path = out / f"report.{fmt}"
        assert path.is_file() and path.stat().st_size > 0, fmt
    assert (out / "demo.db").is_file()
    assert "40 started" in result.output
    assert str(out / "report.html") in result.output
    assert "simulated" in result.output
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "simulated" in html.lower()
    # Residents gave personal details (stored as said), and the report shows none.
    said = asyncio.run(_raw_answers(out / "demo.db"))
    details = ("07700 900", "@example.", "999 123 4578", "YY1 4WX", "Larch Close", "Patel")
    assert any(detail in text for text in said for detail in details)
    for detail in details:
        assert detail not in html
    json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_an_unknown_format_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["demo", "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 2
    assert "not a report format" in result.output
    assert not out.exists()


def test_demo_is_listed_in_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "demo" in result.output
    result = CliRunner().invoke(main, ["demo", "--help"])
    assert "--residents" in result.output and "--seed" in result.output
