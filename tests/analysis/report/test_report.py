"""The report: four formats, safe self-contained HTML, charts with tables, suppression."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import jinja2
import pytest

from civicbot_analysis.report import build_report, render
from civicbot_analysis.report.csvsafe import guard, unguard, write_rows
from civicbot_analysis.report.model import Report
from civicbot_analysis.report.templating import environment
from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData
from tests.analysis.factory import small_round


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(small_round(60), seed=0)


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    p = _Tags()
    p.feed(html)
    p.close()
    return p.tags


def test_renders_all_formats(report: Report) -> None:
    for fmt in ("html", "md", "json", "csv"):
        assert render(report, fmt).strip()
    with pytest.raises(ValueError, match="unknown format"):
        render(report, "pdf")


def test_html_is_self_contained_and_accessible(report: Report) -> None:
    html = render(report, "html")
    tags = parse(html)
    names = [t for t, _ in tags]
    assert "script" not in names and "link" not in names and "iframe" not in names
    csp = [a for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0]["content"] == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    )
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
    svgs = [a for t, a in tags if t == "svg"]
    assert svgs and all(a.get("role") == "img" for a in svgs)
    # every chart has a table right beside it, with a caption and header scopes
    assert names.count("svg") <= names.count("table")
    for i, name in enumerate(names):
        if name == "svg":
            assert "table" in names[i : i + 200]
    assert "caption" in names and any(a.get("scope") for t, a in tags if t == "th")
    assert "SIMULATED DATA" in html
    assert "@media print" in html


def test_residents_words_are_escaped() -> None:
    base = small_round(30)
    evil = "<script>alert(1)</script> the bus route to town [link](http://x) | cell"
    extra = tuple(Answer(f"r{i:04d}", "experience", evil) for i in range(12))
    data = RoundData(base.round_id, base.title, base.questions, base.residents,
                     base.answers + extra)  # fmt: skip
    rep = build_report(data)
    html = render(rep, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = render(rep, "md")
    assert "<script>" not in md and "\\[link\\]" in md


def test_json_holds_no_suppressed_values_or_pseudonyms(report: Report) -> None:
    doc = json.loads(render(report, "json"))
    text = json.dumps(doc)
    assert "r0001" not in text

    def walk(o: object) -> None:
        if isinstance(o, dict):
            if o.get("suppressed") is True:
                assert o["value"] is None
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(doc)
    assert doc["title"] == "Test round"


def test_small_groups_are_suppressed() -> None:
    rep = build_report(small_round(14), k_min=10)
    html = render(rep, "html")
    assert "fewer than 10" in html
    shown = [t for ts in rep.theme_sets for t in ts.themes if t.residents.shown]
    assert all(t.residents.value == 0 or (t.residents.value or 0) >= 10 for t in shown)
    for ch in rep.choices:
        for bar in ch.chart.bars:
            v = bar.count.value
            assert not bar.count.shown or v == 0 or (v is not None and v >= 10)
    md = render(rep, "md")
    assert "fewer than 10" in md


def test_k_below_five_is_refused() -> None:
    with pytest.raises(ValueError, match="k >= 5"):
        build_report(small_round(10), k_min=3)


def test_works_without_demographics_votes_or_free_text() -> None:
    rep = build_report(small_round(30, demographics=False, simulated=False))
    html = render(rep, "html")
    assert "SIMULATED DATA" not in html
    assert rep.representation is None and rep.opinions is None
    q = Question("s", "scale", "Rate it", (), (("1", "Bad"), ("2", "Good")))
    residents = tuple(Resident(f"p{i}") for i in range(12))
    answers = tuple(Answer(f"p{i}", "s", "2") for i in range(12))
    only_scale = build_report(RoundData("x", "Only a scale", (q,), residents, answers))
    for fmt in ("html", "md", "json", "csv"):
        assert render(only_scale, fmt)


def test_strict_undefined_catches_missing_variables() -> None:
    env = environment(True)
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("report.html").render()
    with pytest.raises(jinja2.UndefinedError):
        environment(False).get_template("report.md").render(report=None)


def test_csv_cells_never_start_a_formula(report: Report) -> None:
    for bad in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'x"):
        assert guard(bad).startswith("'") and unguard(guard(bad)) == bad
    assert guard("fine") == "fine"
    text = write_rows(["a", "=b"], [["=cmd|' /C calc'!A0", 3, -1.5, None]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["a", "'=b"] and rows[1][0].startswith("'=")
    for row in csv.reader(io.StringIO(render(report, "csv"))):
        for cell in row:
            try:
                float(cell)
            except ValueError:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
