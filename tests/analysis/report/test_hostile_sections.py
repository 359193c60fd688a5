"""Hostile words in a round built so that EVERY section of the HTML report renders.

The property test beside this one (test_hostile.py) uses random votes, so it never
renders "Where the groups split", and its round has no clear differences between groups
or inverse-care finding either. This round has all of them: two camps of residents who
vote opposite ways on half the statements (so opinion groups, common ground and the split
appear), free-text answers on planted topics (themes and quotes), a choice and scale
questions, disabled residents and carers treated clearly worse (differences between groups
and the inverse care view), and hostile strings in the title, question and option texts,
answers, statements, an area name and a theme's new name. Each section must be present,
carry the hostile text as text, and nothing may become live HTML.
"""

from __future__ import annotations

import itertools
import random
import re
from functools import cache

from civicbot_analysis.report import build_report, render
from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData, Statement, Vote
from civicbot_analysis.themes.edits import Rename
from tests.analysis.factory import TOPICS, topic_text
from tests.analysis.report.test_hostile import CSP, MARK, PAYLOADS, Page

# Each section of the HTML report, by the id of its heading.
SECTIONS = (
    "summary-heading",
    "who-heading",
    "themes-heading",
    "values-heading",
    "choices-heading",
    "differences-heading",
    "inverse-heading",
    "opinions-heading",
    "opinions-common",
    "opinions-split",
)
# Sections whose content comes from residents' or facilitators' words, so the hostile
# text must be seen there (escaped).
CARRY_WORDS = (
    "themes-heading",
    "choices-heading",
    "differences-heading",
    "opinions-heading",
    "opinions-split",
)
SCALE = (("never", "Never"), ("sometimes", "Sometimes"), ("always", "Always"))


def words() -> itertools.cycle[str]:
    return itertools.cycle([f"{MARK}{p}" for p in PAYLOADS])


@cache
def hostile_round() -> RoundData:
    w = words()
    rng = random.Random(7)
    questions = (
        Question("experience", "free_text", f"Tell us about services {next(w)}", ("care",)),
        Question("treated", "scale", f"Were you treated as a person? {next(w)}",
                 ("relational",), SCALE),
        Question("early", "scale", f"Did help come early? {next(w)}", ("preventative",), SCALE),
        Question("joined", "scale", f"Did services work together? {next(w)}", ("joined-up",),
                 SCALE),
        Question("help", "single_choice", f"Where did you get help? {next(w)}", (),
                 (("gp", f"GP {next(w)}"), ("council", f"Council {next(w)}"))),
    )  # fmt: skip
    residents: list[Resident] = []
    answers: list[Answer] = []
    topics = list(TOPICS)
    hostile_area = f"{MARK}<script>alert('area')</script>"
    for i in range(160):
        rid = f"r{i:03d}"
        need = i % 4 == 0  # 40 disabled carers, treated clearly worse
        residents.append(
            Resident(
                rid,
                demographics={
                    "disability": "yes_limited_lot" if need else "no",
                    "caring": "yes" if need else "no",
                    "area": hostile_area if i % 2 else "north_ward",
                },
            )
        )
        text = topic_text(rng, topics[i % 3])
        answers.append(Answer(rid, "experience", f"{next(w)} {text}" if i % 5 == 0 else text))
        for qid in ("treated", "early", "joined"):
            answers.append(
                Answer(rid, qid, "never" if need else rng.choice(["sometimes", "always"]))
            )
        answers.append(Answer(rid, "help", "gp" if need or i % 3 else "council"))
    # Two camps: each mostly agrees with its four statements (80%) and mostly rejects the
    # other camp's (20% agree), so each camp's shares on the split statements rest on more
    # than 10 residents on either side and may be shown; everyone agrees with the last two
    # (common ground).
    statements = tuple(Statement(f"s{j}", f"{next(w)} Statement {j}") for j in range(10))
    votes: list[Vote] = []
    for i, r in enumerate(residents):
        camp = i % 2
        for j, s in enumerate(statements):
            own = (j < 4) == (camp == 0)
            agrees = j >= 8 or rng.random() < (0.8 if own else 0.2)
            vote = 1 if agrees else -1
            if rng.random() < 0.05:
                vote = 0
            votes.append(Vote(r.id, s.id, vote))
    return RoundData(
        round_id="hostile",
        title=f"{next(w)} round",
        questions=questions,
        residents=tuple(residents),
        answers=tuple(answers),
        statements=statements,
        votes=tuple(votes),
    )


def _section(html: str, heading_id: str) -> str:
    """The HTML of the section a heading opens: up to the next heading of its level or
    above (an ``h3``'s section ends at the next ``h3`` or ``h2``)."""
    found = re.search(rf'<h([23]) id="{heading_id}"', html)
    assert found is not None, f"section {heading_id} is missing"
    level = int(found.group(1))
    rest = html[found.end() :]
    stop = re.search(rf"<h[2-{level}][ >]", rest)
    return rest[: stop.start()] if stop else rest


def test_every_section_renders_with_hostile_words_escaped() -> None:
    data = hostile_round()
    first = build_report(data, k_min=10)
    theme_id = first.theme_sets[0].themes[0].id
    report = build_report(data, k_min=10, edits=[Rename(theme_id, f"{MARK}<b onclick=x>t</b>")])
    # The parts behind each section were really found, not left out with a note.
    assert report.theme_sets and report.theme_sets[0].themes
    assert report.difference_rows and report.differences
    assert report.inverse_care_rows and report.inverse_care
    assert report.opinions is not None and report.opinions.k >= 2
    assert report.opinions.divisive and report.opinions.common_ground
    html = render(report, "html")

    for heading in SECTIONS:
        body = _section(html, heading)
        assert "<script" not in body.lower(), heading
        if heading in CARRY_WORDS:
            assert MARK in body, f"no hostile words reached {heading}"
            # (Which hostile statements a section lists follows the figures shown: the
            # split list may hold only those whose attack is a quote, escaped as &#34;.)
            assert "&lt;" in body or "&#34;" in body, f"nothing escaped in {heading}"
    split = _section(html, "opinions-split")
    assert "Statement" in split and MARK in split and "<li>&ldquo;HOSTILE" in split

    page = Page()
    page.feed(html)
    page.close()
    assert [t for t, _ in page.tags if t in {"script", "iframe", "object", "embed"}] == []
    for tag, attrs in page.tags:
        for name, value in attrs:
            assert not name.lower().startswith("on"), (tag, name)
            assert "javascript:" not in "".join((value or "").split()).lower(), (tag, name)
    policies = [
        dict(attrs).get("content")
        for tag, attrs in page.tags
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower().startswith("content-")
    ]
    assert policies == [CSP]
    assert [t for t, _ in page.tags].count("style") == 1
    assert MARK not in "".join(page.styles)
