"""`civicbot report --from-polis` shows the opinion groups ``bench/polis_agreement.py`` measures
(its ``default``: the export read with its rejected comments, whose votes Pol.is's math sees),
while no rejected comment's text reaches any report format.

The planted export below is one where the votes on rejected comments decide the groups: read
without them (what the report did before 5 Dec 2026), the replay of Pol.is's 400 updates finds
four groups; with them, three.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from civicbot_analysis.opinions import opinion_groups
from civicbot_analysis.polis import export_math, meta_statements, read_polis
from civicbot_analysis.report.polis_groups import polis_opinion_input, shown_within

REJECTED = "REJECTEDWORDING"


def plant(dest: Path, seed: int = 8, residents: int = 60) -> Path:
    """A Pol.is export: 18 comments (6 rejected), residents of three blocs voting in time,
    and ``math-tick`` 400 (Pol.is ran 400 updates, which the default replays)."""
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    n, blocs = 18, 3
    rejected = set(rng.sample(range(n), 6))
    t0 = 1_650_000_000_000
    with (dest / "comments.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees",
                    "moderated", "comment-body"])  # fmt: skip
        for c in range(n):
            text = f"{REJECTED} {c}" if c in rejected else f"Statement {c} about the park"
            w.writerow([t0 + c, "", c, 0, 0, 0, -1 if c in rejected else 1, text])
    views = [[rng.choice((1, -1)) for _ in range(n)] for _ in range(blocs)]
    rows = []
    t = t0 + 1000
    for r in range(residents):
        b = rng.randrange(blocs)
        order = list(range(n))
        rng.shuffle(order)
        for c in order[: rng.randint(4, n)]:
            v = views[b][c] if rng.random() < 0.62 else rng.choice((1, -1, 0))
            t += rng.randint(1, 5000)
            rows.append((t, c, r, v))
    rows.sort()
    with (dest / "votes.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        w.writerows([t, "", c, r, v] for t, c, r, v in rows)
    (dest / "summary.csv").write_text("topic,Planted\nmath-tick,400\n", encoding="utf-8")
    return dest


def _groups_without_rejected(folder: Path) -> dict[str, int]:
    """The report's groups before 5 Dec 2026: drawn from the export read without rejected."""
    data = read_polis(folder)
    meta = meta_statements(data)
    math = export_math(folder, data, meta)
    return opinion_groups(data, meta=meta, math=math, stability_orders=0).groups


def _bench_default(folder: Path) -> dict[str, int]:
    """``bench/polis_variants.py``'s ``default`` (its ``load`` and ``ours``)."""
    data = read_polis(folder, keep_rejected=True)
    meta = meta_statements(data)
    math = export_math(folder, data, meta)
    return opinion_groups(data, meta=meta, math=math, stability_orders=0).groups


def _report(folder: Path, fmt: str, out: Path) -> str:
    result = CliRunner().invoke(
        main, ["report", "--from-polis", str(folder), "--format", fmt, "--out", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert REJECTED not in result.output
    return out.read_text(encoding="utf-8")


def test_planted_export_where_rejected_votes_decide_the_groups(tmp_path: Path) -> None:
    folder = plant(tmp_path / "planted")
    default = _bench_default(folder)
    k_default = len(set(default.values()))
    # The planted export is one where the two readings part (else this test could not fail).
    assert len(set(_groups_without_rejected(folder).values())) != k_default
    report = json.loads(_report(folder, "json", tmp_path / "report.json"))
    assert report["opinions"]["k"] == k_default == 3


def test_report_groups_are_the_bench_default(tmp_path: Path) -> None:
    """What the CLI draws the groups from gives the bench default's groups, resident by
    resident, and keeps only residents and texts of the export read without rejected."""
    folder = plant(tmp_path / "planted")
    given = polis_opinion_input(folder)
    result = opinion_groups(given.data, meta=given.meta, math=given.math, stability_orders=0)
    shown = shown_within(result, read_polis(folder))
    assert shown.groups == _bench_default(folder)
    assert shown.groups != _groups_without_rejected(folder)
    assert all(REJECTED not in text for text in shown.statement_text.values())
    assert sum(shown.group_sizes) == len(shown.groups)


@pytest.mark.parametrize("fmt", ["html", "md", "json", "csv", "brief"])
def test_no_rejected_comment_reaches_a_report(fmt: str, tmp_path: Path) -> None:
    folder = plant(tmp_path / "planted")
    text = _report(folder, fmt, tmp_path / f"report.{'html' if fmt == 'brief' else fmt}")
    # The report shows statements (the CSV their topics' names), never a rejected one.
    assert "park" in text.lower()
    assert REJECTED not in text
    assert REJECTED.lower() not in text.lower()
