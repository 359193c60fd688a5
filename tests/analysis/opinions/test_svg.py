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
    assert not root.findall(f".//{ns}circle")
    ovals = root.findall(f".//{ns}ellipse")
    assert len(ovals) == 4  # two per group, whatever its size
    for c in ovals:
        assert set(c.keys()) == {"cx", "cy", "rx", "ry", "transform", "fill", "fill-opacity",
                                 "stroke"}  # fmt: skip
        assert float(c.get("rx", 0)) > 0 and float(c.get("ry", 0)) > 0
    for resident in result.coords:
        assert not re.search(rf"\b{re.escape(resident)}\b", svg)
    labels = [t.text or "" for t in root.iter(f"{ns}text")]
    assert sorted(labels) == ["A", "B"]


def test_groups_far_apart_are_drawn_apart() -> None:
    """Two opposed camps: their ovals' centres are far apart, each inside the frame, and
    each group's inner oval is smaller than its outer one."""
    result = opinion_groups(camps())
    root = ElementTree.fromstring(opinion_map_svg(result))
    ns = "{http://www.w3.org/2000/svg}"
    outer, inner = (g.findall(f"{ns}ellipse") for g in root.findall(f"{ns}g"))
    centres = [(float(e.get("cx", 0)), float(e.get("cy", 0))) for e in outer]
    assert all(0 <= x <= 480 and 0 <= y <= 360 for x, y in centres)
    assert abs(centres[0][0] - centres[1][0]) + abs(centres[0][1] - centres[1][1]) > 150
    for o, i in zip(outer, inner, strict=True):
        assert float(i.get("rx", 0)) < float(o.get("rx", 0))


def test_a_group_not_shown_is_not_drawn() -> None:
    result = opinion_groups(camps())
    svg = opinion_map_svg(result, shown={0})
    assert svg.count("<ellipse") == 2 and ">B<" not in svg and ">A<" in svg
    assert "No group is large enough" in opinion_map_svg(result, shown=set())


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
