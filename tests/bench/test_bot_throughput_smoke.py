"""A tiny run of the bot throughput benchmark, so that it cannot rot: both bots, every
phase, a handful of updates. It checks behaviour (every update answered, the dialogue
moved on, memory read), never speed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.bot_data import populate, write_script
from bench.bot_load import civic_key
from bench.bot_throughput import Options, format_report, parse_args, run_bench


async def test_every_phase_answers_every_update(tmp_path: Path) -> None:
    options = Options(
        updates=24,
        residents=3,
        rate=20,
        seconds=0.5,
        memory_residents=12,
        memory_small=4,
        memory_sample=8,
        db_dir=tmp_path,
        reply_timeout=20,
    )
    report = await run_bench(options, log=False)

    assert (report.echo_closed.sent, report.civic_closed.sent) == (24, 24)
    assert report.echo_open.sent == report.civic_open.sent == 10
    assert report.memory_small.load.sent == report.memory_large.load.sent == 8
    for loop in report.loops():
        assert loop.answered == loop.sent, loop
        assert loop.percentile(50) > 0
    assert report.memory_small.residents == 4 and report.memory_large.residents == 12
    assert report.memory_small.vm_hwm_kib > 10_000  # a Python process is at least ~10 MiB
    text = format_report(report)
    assert "PASS: every update answered (0 unanswered)" in text
    assert text.count("PASS") + text.count("FAIL") == 4


async def test_populate_puts_residents_mid_dialogue(tmp_path: Path) -> None:
    script = tmp_path / "script.yaml"
    write_script(script, 30)
    db = tmp_path / "pre.db"
    steps = await populate(db, script, 12, 9_000, scratch=tmp_path)

    assert steps == [i % 10 + 1 for i in range(12)]
    with sqlite3.connect(db) as conn:
        answers = conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
        at = sorted(row[0] for row in conn.execute("SELECT step_id FROM sessions"))
    assert answers == sum(step - 1 for step in steps)
    assert at == sorted(f"q{step:04d}" for step in steps)
    assert list(tmp_path.glob("pre-*.db*")) == []  # the scratch copy is gone


def test_options_from_the_command_line() -> None:
    quick = parse_args(["--quick", "--rate", "50"])
    assert (quick.updates, quick.rate, quick.memory_residents) == (400, 50, 2000)
    assert parse_args([]) == Options()
    assert civic_key("Got it.\n\nQuestion 17?") == "17" and civic_key("All done.") is None
