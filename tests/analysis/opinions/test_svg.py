from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from xml.etree import ElementTree

import jinja2

from civicbot_analysis.opinions import opinion_groups
from civicbot_analysis.opinions.svg import opinion_map_svg
from civicbot_analysis.opinions.view import opinions_view
from civicbot_analysis.rounddata import Statement
from tests.analysis.opinions.factories import camps

TEMPLATES = Path(__file__).resolve().parents[3] / "analysis" / "templates"


def test_map_has_no_resident_labels_or_ids() -> None:
    result = opinion_groups(camps())
    svg = opinion_map_svg(result)
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title") is not None and root.find(f"{ns}desc") is not None
    circles = root.findall(f".//{ns}circle")
    assert len(circles) == 60
    for c in circles:
        assert set(c.keys()) == {"cx", "cy", "r", "fill"}
    for resident in result.coords:
        assert not re.search(rf"\b{re.escape(resident)}\b", svg)
    labels = [t.text or "" for t in root.iter(f"{ns}text")]
    assert sorted(labels) == ["A", "B"]


def test_partial_renders_escaped() -> None:
    data = camps()
    evil = Statement("s0", "<script>alert(1)</script> & more", moderated=1)
    data = dataclasses.replace(data, statements=(evil, *data.statements[1:]))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    view = opinions_view(opinion_groups(data), data)
    html = env.get_template("_partials/opinions.html").render(opinions=view)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<svg" in html and "Group A" in html and "Common ground" in html
    assert "Everyone agrees with this" in html
