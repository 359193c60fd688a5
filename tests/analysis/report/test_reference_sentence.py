"""The report names its reference population (geography, age base, source) in one
sentence above the tables, and says beside a table when its figures are not like with
like (another age base, unconfirmed figures), and again in the method section."""

from __future__ import annotations

import json
from dataclasses import replace

from civicbot_analysis.equity import load_reference
from civicbot_analysis.report import build_report, render
from tests.analysis.equity.test_local_comparison import matching
from tests.analysis.factory import small_round


def test_every_format_states_the_reference_and_its_notes() -> None:
    wigan = load_reference("wigan")
    data = small_round()
    data = replace(data, residents=tuple(matching(wigan, 60)))
    report = build_report(data, k_min=10, reference=wigan)
    sentence = report.reference_sentence
    assert sentence is not None
    assert sentence.startswith("Population figures: Wigan (E08000010), residents aged 16 or over")
    assert "TS007" in sentence and "TS021" in sentence
    note = report.reference_note("ethnicity")
    assert note is not None and "all ages" in note and "could not be confirmed" in note
    assert report.reference_note("age_band") is None  # counted from 16, confirmed
    html = render(report, "html")
    md = render(report, "md")
    who = html[html.index('id="who-heading"') :]
    assert who.index("Population figures: Wigan") < who.index("<table>")
    assert "Note: population figures count people of all ages" in who
    assert sentence in md and "Ethnicity: population figures count people of all ages" in md
    method = " ".join(report.method)
    assert (
        "compared with Wigan" in method
        and "Caring: population figures count people aged 5 or over" in method
    )
    plain = json.loads(render(report, "json"))
    assert plain["reference_sentence"] == sentence
