"""A tiny run of the Pol.is agreement bench on two synthetic exports, so that it cannot rot:
every section prints, the default finds the camps Pol.is "found", replays are cached."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.polis_agreement import main
from civicbot_analysis.polis import write_polis
from tests.analysis.opinions.factories import camps


def test_bench_prints_every_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folders = []
    for name, seed, year in (("one", 1, 2016), ("two", 2, 2024)):
        data = dataclasses.replace(camps(seed=seed), opened_at=datetime(year, 3, 1, tzinfo=UTC))
        truth = {r.id: int(r.id.startswith("b")) for r in data.residents}
        folders.append(str(write_polis(data, tmp_path / name, groups=truth)))
    cache = tmp_path / "cache"
    assert main([*folders, "--cache", str(cache)]) == 0
    out = capsys.readouterr().out
    assert "DEFAULT over all 2: median  1.000  min  1.000  k = Pol.is's on 2/2" in out
    for section in ("Ablation", "replay 3600s reboot", "What each export says", "LEAVE-ONE-OUT"):
        assert section in out
    # Clear camps: every rerun from another start and every replay at another cadence agrees.
    assert "STABLE across restarts and cadences (share of grouped residents): median 100%" in out
    assert "Which map Pol.is's own groups lie on" in out and "yes: Pol.is" not in out
    assert len(list(cache.glob("*.json"))) == 12  # six replays of two exports
    assert main([*folders, "--no-replay", "--cache", str(cache)]) == 0
    assert "replay" not in capsys.readouterr().out.split("Ablation")[1].split("What each")[0]
