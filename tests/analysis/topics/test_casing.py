"""Topic labels in their statements' own case: "EU, Brexit", not "Eu, brexit"; a word
capitalised only at the start of sentences stays lower case."""

from __future__ import annotations

from civicbot_analysis.topics.casing import cased, surface_forms
from civicbot_analysis.topics.model import Topic

TEXTS = (
    "Leaving the EU will hurt workers",
    "Brexit was sold on lies about the EU",
    "After Brexit the border with Ireland matters more",
    "Parks are lovely. Parks need money and the parks team is small",
    "I love our parks",
)


def test_labels_take_the_statements_own_case() -> None:
    forms = surface_forms(TEXTS)
    assert forms["eu"] == "EU" and forms["brexit"] == "Brexit" and "parks" not in forms
    topic = Topic(
        "t1",
        "Eu, brexit",
        "Statements about “eu, brexit”, often mentioning “parks”.",
        ("eu", "brexit", "parks"),
        ("s1",),
        subtopics=(Topic("t1-a", "Parks, eu", "", ("parks",), ("s1",)),),
    )
    out = cased(topic, forms)
    assert out.label == "EU, Brexit"
    assert out.description == "Statements about “EU, Brexit”, often mentioning “parks”."
    assert out.terms == ("EU", "Brexit", "parks")
    assert out.subtopics[0].label == "Parks, EU"
