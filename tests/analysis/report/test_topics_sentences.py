"""The topics section says only what its shown figures support, and shows no personal data.

- Two opinion groups that clearly differ on a topic (intervals far apart, though the shares
  are less than 25 points apart) are said to divide on it, naming the group that agreed
  more, in every format; never "voted alike".
- A statement is not called splitting the groups on the strength of a hidden figure.
- A group whose topic figure is hidden is named as hidden and nothing is said of it (the
  sentences themselves: test_topics_reading.py).
- Every statement text the report shows, the opinion groups' and common ground's too, is
  scrubbed: a phone number and an email planted in statements appear in no format.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import numpy as np

from civicbot_analysis.report import build_report, render
from civicbot_analysis.rounddata import Resident, RoundData, Statement, Vote
from tests.analysis.report.topics_checks import check_readings
from tests.analysis.topics.planted import BUSES, LIBRARIES, PARKS, planted_round

EMAIL = "jo.bloggs@example.org"
PHONE = "07700 900456"
CONTACT_TEXT = f"Library opening hours should include evenings; email {EMAIL} or ring {PHONE}"
# Agree and disagree chances per camp (the rest pass): the camps part on buses, differ
# clearly but moderately on parks (40% against 62% agree), and share libraries.
CHANCES = {
    "bus": {"a": (0.92, 0.05), "b": (0.05, 0.92)},
    "park": {"a": (0.40, 0.40), "b": (0.62, 0.20)},
    "library": {"a": (0.93, 0.03), "b": (0.93, 0.03)},
}


def camps_round(n: int = 60, seed: int = 11) -> RoundData:
    rng = np.random.default_rng(seed)
    texts = {"bus": BUSES, "park": PARKS, "library": (CONTACT_TEXT, *LIBRARIES[2:])}
    statements = [
        Statement(f"{name}{j}", t, moderated=1) for name, ts in texts.items() for j, t in
        enumerate(ts)
    ]  # fmt: skip
    residents = [f"a{i}" for i in range(n)] + [f"b{i}" for i in range(n)]
    votes = []
    for r in residents:
        for s in statements:
            agree, disagree = CHANCES[s.id.rstrip("0123456789")][r[0]]
            if s.id == "library0":  # the contact details: agreed by nearly all
                agree, disagree = 0.995, 0.0
            u = rng.random()
            votes.append(Vote(r, s.id, 1 if u < agree else -1 if u < agree + disagree else 0))
    return RoundData(
        round_id="camps",
        title="Camps",
        questions=(),
        residents=tuple(Resident(r) for r in residents),
        answers=(),
        statements=tuple(statements),
        votes=tuple(votes),
    )


@cache
def _formats(which: str) -> tuple[dict[str, Any], dict[str, str]]:
    data = camps_round() if which == "camps" else planted_round(noise=0.15)
    report = build_report(data)
    texts = {fmt: render(report, fmt) for fmt in ("json", "md", "html", "csv", "brief")}
    return json.loads(texts["json"]), texts


def _park(report: dict[str, Any]) -> dict[str, Any]:
    (topic,) = [
        t for t in report["topics"]["topics"]
        if all(s["id"].startswith("park") for s in t["statements"])
    ]  # fmt: skip
    return topic


def test_groups_that_clearly_differ_on_a_topic_are_said_to_divide_on_it() -> None:
    report, texts = _formats("camps")
    park = _park(report)
    shares = {g["letter"]: g["share"]["value"] for g in park["groups"]}
    lows = {g["letter"]: g["interval"]["value"][0] for g in park["groups"]}
    highs = {g["letter"]: g["interval"]["value"][1] for g in park["groups"]}
    hi, lo = sorted(shares, key=lambda x: -shares[x])
    # The premise: the shown intervals are apart, and the shares less than 25 points apart.
    assert lows[hi] > highs[lo] and shares[hi] - shares[lo] < 0.25
    assert "alike" not in park["reading"]
    assert park["reading"].startswith("The groups divide here")
    shown = {g["letter"]: g["share"]["text"] for g in park["groups"]}
    assert f"{shown[hi]} of group {hi}’s votes" in park["reading"]
    assert check_readings(report, texts) >= 2
    summary = " ".join(report["summary"])
    assert "alike" not in summary


def test_the_summary_sentence_follows_the_same_figures() -> None:
    report, _ = _formats("camps")
    summary = " ".join(report["summary"])
    found = re.search(r"divided most on “([^”]+)” \(agree votes: group (\w) (\d+)%, group (\w) "
                      r"(\d+)%\)", summary)  # fmt: skip
    assert found, summary
    label, hi, hv, lo, lv = found.groups()
    (topic,) = [t for t in report["topics"]["topics"] if t["label"] == label]
    assert topic["reading"].startswith("The groups divide here")
    shown = {g["letter"]: g["share"]["text"] for g in topic["groups"]}
    assert shown[hi] == f"{hv}%" and shown[lo] == f"{lv}%"


def test_no_statement_splits_the_groups_on_a_hidden_figure() -> None:
    # In the planted round each camp agrees with its own side nearly always, so the
    # groups' shares on the divisive statements rest on 10 or fewer on one side: hidden.
    report, texts = _formats("planted")
    rows = [s for t in report["topics"]["topics"] for s in t["statements"] if s["split"]]
    hidden = [s for s in rows if any(c["suppressed"] for _, c in s["split"])]
    assert hidden, "the premise: some divisive statement has a hidden group figure"
    assert not any(s.get("divides", True) for s in hidden if len([c for _, c in s["split"]
                   if not c["suppressed"]]) < 2)  # fmt: skip
    for s in hidden:
        quoted = s["text"].strip()
        for text in (texts["md"], texts["html"]):
            lines = [x for x in text.splitlines() if quoted[:20] in x and "votes)" in x]
            assert lines and not any("split" in x for x in lines), lines
    assert "group A hidden" not in texts["md"] and "group B hidden" not in texts["md"]
    # The opinion groups' "where the groups split" list holds to the same rule.
    for d in report["opinions"]["divisive"]:
        assert len([c for _, c in d["shares"] if not c["suppressed"]]) >= 2, d
    split = texts["html"].partition('id="opinions-split"')[2].partition("</ul>")[0]
    assert "10 or fewer" not in split and "hidden" not in split
    check_readings(report, texts)


def test_no_format_shows_personal_data_planted_in_statements() -> None:
    for which in ("camps", "planted"):
        report, texts = _formats(which)
        # The premise: the planted statements are shown (the email as common ground, in
        # the opinion groups' section and the summary).
        shown = json.dumps(report["opinions"] if which == "camps" else report, ensure_ascii=False)
        planted = (EMAIL, "[email]") if which == "camps" else ("07700 900123", "[phone]")
        assert any(x in shown for x in planted)
        for fmt, text in texts.items():
            for secret in (EMAIL, PHONE, "example.org", "900456", "07700 900123", "900123"):
                assert secret not in text, (which, fmt, secret)
