"""Theme renames made with ``civicbot report --edits`` are kept with the round, so that
“what we heard” (/results) and /report name the themes as the report does."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from click.testing import CliRunner

from civicbot.cli import main
from civicbot.facilitation import edits_for, summary_for
from civicbot.store import Store


def test_report_edits_are_kept_for_results(tmp_path: Path) -> None:
    runner = CliRunner()
    demo = tmp_path / "demo"
    made = runner.invoke(
        main, ["demo", "--out", str(demo), "--residents", "60", "--format", "json"]
    )
    assert made.exit_code == 0, made.output
    db = demo / "demo.db"
    out = tmp_path / "report.json"
    args = ["report", "1", "--db", str(db), "--format", "json", "--out", str(out), "--quiet"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    doc = json.loads(out.read_text(encoding="utf-8"))

    async def summary_now() -> str:
        store = await Store.open(db, secret=None)
        try:
            row = await store.get_round(1)
            assert row is not None
            return await summary_for(store, row)
        finally:
            await store.close()

    # A theme "what we heard" names: its top five by their own protected counts, which
    # need not include the report's first theme (the counts' noise is keyed per table).
    before = asyncio.run(summary_now())
    theme = next(t for t in doc["across"]["themes"] if f"• {t['label']} (" in before)
    edits = tmp_path / "edits.json"
    renamed = runner.invoke(
        main, [*args, "--edits", str(edits), "--rename", theme["id"], "Being heard at last"]
    )
    assert renamed.exit_code == 0, renamed.output
    assert "Theme edits kept with round 1" in renamed.output

    async def check() -> tuple[list[object], str]:
        store = await Store.open(db, secret=None)
        try:
            row = await store.get_round(1)
            assert row is not None
            return edits_for(await store.theme_edits(1)), await summary_for(store, row)
        finally:
            await store.close()

    kept, summary = asyncio.run(check())
    assert len(kept) == 1
    assert "Being heard at last" in summary
    assert theme["label"] not in summary
