"""``bench/safeguarding_quality.py --file`` scores any labelled CSV (every row, whatever its
split), as the blind set will be scored once the rules are frozen: run for real on a small
synthetic file whose right answers are known."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from civicbot.safeguarding.detect import screen

from .labelled import FIELDS

ROOT = Path(__file__).resolve().parents[3]
BENCH = ROOT / "bench" / "safeguarding_quality.py"

SH = "suicide_self_harm"
ROWS = [
    ("disclosure", "C-SSRS", "cssrs_ideation", SH, "held-out", "i want to kill myself"),
    ("disclosure", "C-SSRS", "cssrs_ideation", SH, "tune", "im going to end my life tonight"),
    ("disclosure", "SafeLives DASH", "dash_fear", "domestic_violence", "", "the bins were late"),
    ("may_disclose", "C-SSRS (may disclose)", "cant_cope", "", "tune", "i cant cope any more"),
    ("negative", "", "everyday", "", "held-out", "more buses on sundays please"),
    ("negative", "", "everyday", "", "tune", "the library should open later"),
    ("negative", "", "news", "", "tune", "i want to kill myself"),
]  # fmt: skip


def _run(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH), "--file", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def _write(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
    return path


def test_every_row_counts_per_category(tmp_path: Path) -> None:
    # The synthetic rows' answers, checked against the detector itself first.
    assert screen(ROWS[0][5]).tier == screen(ROWS[1][5]).tier == 1
    assert screen(ROWS[2][5]).tier == 0 and screen(ROWS[3][5]).tier == 2
    done = _run(_write(tmp_path / "blind.csv", FIELDS, ROWS))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()

    def line(start: str) -> str:
        return next(x for x in lines if x.strip().startswith(start))

    assert "2/2" in line("cssrs_ideation") and "100.0%" in line("cssrs_ideation")
    assert "0/1" in line("dash_fear")
    assert line("ALL DISCLOSURES").split()[2:6] == ["2/3", "66.7%", "2/3", "66.7%"]
    assert line("cant_cope").split()[1:3] == ["1/1", "100.0%"]
    assert line("everyday").split()[1:3] == ["0/2", "0.0%"]
    assert line("news").split()[1:3] == ["1/1", "100.0%"]
    assert line("ALL NEGATIVES").split()[2:4] == ["1/3", "33.3%"]
    assert line("ALL NEGATIVES").split()[6:8] == ["1/3", "33.3%"]  # rules + model, tier 1
    assert (
        "RESULT (blind.csv, tier 1, rules + model): recall 66.7%, false positives 33.3%"
        in done.stdout
    )
    assert "NOT MET" in done.stdout and "ms per message (mean over 7)" in done.stdout
    assert "HELD-OUT" not in done.stdout  # the labelled set is not read


def test_a_bad_file_gets_a_clear_answer(tmp_path: Path) -> None:
    no_text = _run(_write(tmp_path / "a.csv", FIELDS[:-1], [r[:-1] for r in ROWS]))
    assert no_text.returncode != 0 and "missing column(s) text" in no_text.stderr
    odd = _run(_write(tmp_path / "b.csv", FIELDS, [("maybe", "", "x", "", "", "hello")]))
    assert odd.returncode != 0 and "unknown label(s) maybe" in odd.stderr
    gone = _run(tmp_path / "absent.csv")
    assert gone.returncode != 0 and "cannot read" in gone.stderr
