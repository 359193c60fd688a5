from __future__ import annotations

from civicbot.script import edges, mermaid, reachable
from civicbot.script.graph import Edge, describe, rules_always_fire
from civicbot.script.model import Condition, Script
from tests.civicbot.script.helpers import base, parse, step


def test_edges_follow_script_order_and_branches() -> None:
    script = parse(base()).script
    assert edges(script) == [
        Edge("hello", "used"),
        Edge("used", "story", Condition(step="used", equals="no")),
        Edge("used", "fair"),
        Edge("fair", "story"),
        Edge("story", "end"),
    ]
    assert reachable(script) == {"hello", "used", "fair", "story", "end"}


def test_rules_always_fire_only_when_every_answer_is_caught() -> None:
    data = base()
    used = step(data, "used")
    used["next"] = [{"if": {"step": "used", "any_of": ["yes", "no"]}, "goto": "story"}]
    assert not rules_always_fire(parse(data).script.steps()[1])  # skipping falls through
    used["next"].append({"if": {"step": "used", "skipped": True}, "goto": "story"})
    script = Script.model_validate(data)  # "fair" is now unreachable: not a valid script
    assert rules_always_fire(script.steps()[1])
    assert Edge("used", "fair") not in edges(script)


def test_describe_conditions() -> None:
    assert describe(Condition(step="a", equals="no")) == "a = no"
    assert describe(Condition(step="a", any_of=["1", "2"])) == "a in 1, 2"
    assert describe(Condition(step="a", skipped=True)) == "a skipped"
    assert describe(Condition(step="a", skipped=False)) == "a answered"


def test_mermaid_has_every_step_sections_edges_and_end() -> None:
    data = base()
    step(data, "fair")["text"] = 'Is it "fair" <really>? ' + "word " * 20
    text = mermaid(parse(data).script)
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    assert '    subgraph sec_one["One"]' in lines
    assert '    subgraph sec_two["two"]' in lines  # no title: the id
    assert '        s_hello["<b>hello</b> (message)<br/>Hello"]' in lines
    fair = next(line for line in lines if line.strip().startswith("s_fair["))
    assert "#quot;fair#quot; #lt;really#gt;?" in fair and fair.endswith('…"]')
    assert '    End(["End"])' in lines
    assert '    s_used -.->|"used = no"| s_story' in lines
    assert "    s_used --> s_fair" in lines
    assert "    s_story --> End" in lines
    assert text.endswith("\n")


def test_mermaid_in_another_language() -> None:
    data = base()
    data["languages"] = ["en", "cy"]
    step(data, "hello")["text"] = {"en": "Hello", "cy": "Helo"}
    script = parse_lenient(data)
    assert "<br/>Helo" in mermaid(script, "cy")
    assert "<br/>Hello" in mermaid(script)


def parse_lenient(data: dict[str, object]) -> Script:
    # Other texts lack a cy translation; the graph does not care, so skip validation.
    return Script.model_validate(data)
