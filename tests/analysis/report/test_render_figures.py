"""The figures themselves reach every format: a shown count as its number, a hidden one
as "fewer than k", and the CSV's residents column as numbers."""

from __future__ import annotations

import csv
import io
from functools import cache

from analysis.report import build_report, render
from analysis.report.model import Report
from tests.analysis.factory import small_round


@cache
def report() -> Report:
    return build_report(small_round(60), k_min=10)


def test_counts_and_hidden_counts_are_written_out() -> None:
    built = report()
    assert built.residents.shown  # published (perhaps perturbed) from the 60 who took part
    shown = built.residents.render()
    for form in ("html", "md"):
        page = render(built, form)
        assert shown in page and "residents took part" in page
        assert "None" not in page
    md = render(built, "md")
    assert f"{shown} residents took part and gave" in md
    hidden = [g for f in built.representation.fields for g in f.groups if not g.count.shown]  # type: ignore[union-attr]
    assert hidden, "the round should have a group too small to show"
    assert "fewer than 10" in md


def test_csv_holds_the_counts() -> None:
    built = report()
    rows = list(csv.DictReader(io.StringIO(render(built, "csv"))))
    themes = [r for r in rows if r["table"] == "theme"]
    assert themes and all(r["residents"] == "" or int(r["residents"]) >= 10 for r in themes)
    sets = [*built.theme_sets, *([built.across] if built.across else [])]
    shown = [t for ts in sets for t in ts.themes if t.residents.shown]
    assert sorted(int(r["residents"]) for r in themes if r["residents"]) == sorted(
        int(t.residents.value)
        for t in shown  # type: ignore[arg-type]
    )
    assert any(r["residents"] for r in themes)
