from __future__ import annotations

from civicbot_analysis.opinions import opinion_groups
from civicbot_analysis.opinions.equity_lens import equity_lens, group_makeup
from tests.analysis.opinions.factories import camps


def _carers() -> dict[str, dict[str, str]]:
    # Camp A are carers (30), camp B not (30); 4 residents of B are in a small area.
    demo: dict[str, dict[str, str]] = {}
    for i in range(30):
        demo[f"a{i}"] = {"caring": "yes", "area": "north"}
        demo[f"b{i}"] = {"caring": "no", "area": "east" if i < 4 else "north"}
    demo["a0"]["area"] = "prefer_not"
    return demo


def test_lens_finds_planted_difference() -> None:
    data = camps(demographics=_carers())
    lens = equity_lens(data, label={("caring", "yes"): "Carers"})
    carers = [f for f in lens.findings if f.field == "caring" and f.value == "yes"]
    assert carers
    top = carers[0]
    assert top.statement in {f"s{j}" for j in range(10)}
    assert top.share > 0.8 and top.rest_share < 0.2
    assert top.sentence.startswith("Carers ")
    assert f"({top.share:.0%} vs {top.rest_share:.0%})" in top.sentence
    assert "far more than others" in top.sentence


def test_lens_suppresses_small_groups() -> None:
    lens = equity_lens(camps(demographics=_carers()))
    assert ("area", "east") in lens.suppressed
    assert not [f for f in lens.findings if f.field == "area"]
    # With no other answer large enough, "north" has no one to compare with either.
    assert ("area", "north") in lens.suppressed
    assert all(f.group.seen >= 10 and f.rest.seen >= 10 for f in lens.findings)


def test_group_makeup_hides_small_counts_and_their_complement() -> None:
    data = camps(demographics=_carers())
    result = opinion_groups(data)
    makeup = group_makeup(data, result.groups, result.k)
    b = makeup[result.groups["b0"]]
    cells = {c.value: c.count for c in b["area"]}
    assert cells["east"] is None
    # Only one cell was small, so the next smallest is hidden too (group size is public).
    assert cells["north"] is None
    a = makeup[result.groups["a0"]]
    assert {c.value: c.count for c in a["caring"]} == {"yes": 30}
    a_area = {c.value: c.count for c in a["area"]}
    assert a_area["not given"] is None and a_area["north"] is None
