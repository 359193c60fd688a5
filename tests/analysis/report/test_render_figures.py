"""The figures themselves reach every format: a shown count as its number, a hidden one
as "fewer than k", and the CSV's residents column as numbers."""

from __future__ import annotations

import csv
import io
import json
from functools import cache

import pytest

from civicbot_analysis.report import build_report, render
from civicbot_analysis.report.model import Report
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


def _number(text: str) -> float | None:
    part = text.replace(",", "").strip()
    scale = 100.0 if part.endswith("%") else 1.0
    try:
        return float(part.rstrip("%")) / scale
    except ValueError:
        return None


def _shown_cells(obj: object) -> list[dict[str, object]]:
    if isinstance(obj, dict):
        here = [obj] if {"value", "text", "suppressed"} <= obj.keys() else []
        return here + [c for v in obj.values() for c in _shown_cells(v)]
    if isinstance(obj, list):
        return [c for v in obj for c in _shown_cells(v)]
    return []


def test_json_figures_say_what_the_report_text_says() -> None:
    # A reader of the JSON gets each shown figure at the precision the report prints it:
    # counts whole, shares as the percent shown, averages and intervals to one decimal.
    built = report()
    doc = json.loads(render(built, "json"))
    assert doc["residents"] == {
        "value": built.residents.value,
        "text": built.residents.render(),
        "suppressed": False,
    }
    checked = 0
    for cell in _shown_cells(doc):
        if cell["suppressed"]:
            continue
        value, text = cell["value"], str(cell["text"])
        values = value if isinstance(value, list) else [value]
        parts = text.split("–") if isinstance(value, list) else [text]
        numbers = [_number(p) for p in parts]
        if None in numbers or len(numbers) != len(values):
            continue
        assert values == pytest.approx(numbers, abs=1e-9), (value, text)
        checked += 1
    assert checked >= 10


def test_csv_holds_shares_and_averages_as_shown() -> None:
    built = report()
    rows = list(csv.DictReader(io.StringIO(render(built, "csv"))))
    shares = [float(r["share"]) for r in rows if r["table"] == "theme" and r["share"]]
    assert shares and all(0 < s < 1 for s in shares)
    means = {r["question_id"]: r["share"] for r in rows if r["table"] == "scale_mean"}
    for ch in built.choices:
        if ch.mean is not None and ch.mean.shown:
            assert means[ch.question_id] == ch.mean.render()
