"""Every hidden figure says why, in every format (issue #10: cells hidden to protect
another were labelled "fewer than 10", and the inverse care table showed "– –")."""

from __future__ import annotations

import csv
import io
import json

from civicbot_analysis.report import build_report, render
from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData

OPTIONS = (("a", "Often"), ("b", "Sometimes"), ("c", "Never"))


def _round() -> RoundData:
    # "Never" 4 (small), "Sometimes" 14 (hidden beside it), "Often" 40.
    plan = [("a", 40), ("b", 14), ("c", 4)]
    residents, answers = [], []
    for value, n in plan:
        for _ in range(n):
            rid = f"r{len(residents)}"
            residents.append(Resident(rid))
            answers.append(Answer(rid, "how", value))
    q = Question("how", "single_choice", "How often?", options=OPTIONS)
    return RoundData("r", "Reasons", (q,), tuple(residents), tuple(answers))


def test_hidden_cells_say_why_in_every_format() -> None:
    report = build_report(_round(), k_min=10)
    [ch] = report.choices
    by = {b.label: b.count for b in ch.chart.bars}
    assert by["Never"].reason == "small" and by["Sometimes"].reason == "secondary"
    html = render(report, "html")
    assert "hidden to protect another" in str(ch.chart.svg)
    assert "10 or fewer" in str(ch.chart.svg)
    assert '<td class="num">hidden to protect another</td>' in html
    md = render(report, "md")
    assert "| Sometimes | hidden to protect another |" in md
    assert "| Never | 10 or fewer |" in md
    doc = json.loads(render(report, "json"))
    bars = {b["label"]: b["count"] for b in doc["choices"][0]["chart"]["bars"]}
    assert bars["Sometimes"]["hidden_because"] == (
        "hidden so that another small number cannot be worked out"
    )
    assert bars["Never"]["hidden_because"] == "10 or fewer"
    assert bars["Often"]["value"] is not None and "hidden_because" not in bars["Often"]
    rows = {r["item"]: r for r in csv.DictReader(io.StringIO(render(report, "csv")))}
    assert rows["Sometimes"]["hidden_because"].startswith("hidden so that")
    assert rows["Never"]["hidden_because"] == "10 or fewer" and rows["Never"]["residents"] == ""
