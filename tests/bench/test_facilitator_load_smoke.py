"""A tiny run of the facilitator load benchmark, so that it cannot rot: a small round,
both phases, a /report that arrives and a few /stats. It checks behaviour (every answer
answered, the document and /stats arrived), never speed."""

from __future__ import annotations

from pathlib import Path

from bench.facilitator_load import main_async, parse_args, report


async def test_both_phases_and_every_facilitator_answer(tmp_path: Path) -> None:
    options = parse_args(
        ["--sizes", "40", "--active", "5", "--rate", "5", "--seconds", "2",
         "--stats-every", "1", "--report-timeout", "300", "--keep", str(tmp_path)]
    )  # fmt: skip
    (result,) = await main_async(options)
    assert result.residents == 40 and result.answers > 0
    for phase in (result.quiet, result.busy):
        assert phase.sent >= 5 and phase.unanswered == 0, phase
    assert result.prepared_s > 0 and result.report_s > 0
    assert result.stats_s and all(s > 0 for s in result.stats_s)
    text = report([result], options)
    assert text.count("PASS") + text.count("FAIL") == 2
    assert (tmp_path / "facilitator-40.db").exists()  # kept for the next run
