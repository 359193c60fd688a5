"""Property: hostile words anywhere in a round (answers, question texts, statements, the
title, theme edit names) never become live HTML in the report.

The HTML is parsed with ``html.parser``: no ``script`` element, no ``on*`` handler
attribute, no ``javascript:`` in any attribute, exactly one content-security policy
(the expected one), and nothing from the input inside a ``style`` element.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from functools import cache
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civicbot_analysis.report import build_report, render
from civicbot_analysis.rounddata import Answer, RoundData, Statement, Vote
from civicbot_analysis.themes.edits import Rename
from tests.analysis.factory import small_round

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
MARK = "HOSTILE"
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus '",
    '<a href="javascript:alert(1)">x</a>',
    "javascript:alert(1)",
    "</style><script>alert(1)</script>",
    "</title><script>x</script>",
    "]]><script>x</script>",
    "<!-- x --><script>x</script>",
    "<![CDATA[<script>x</script>]]>",
    '<meta http-equiv="Content-Security-Policy" content="default-src *">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<iframe srcdoc='<script>x</script>'>",
    "&lt;script&gt;",
    "{{ 7*7 }}{% if 1 %}x{% endif %}",
    "\u202e<script>\u200d",
    "＜script＞",
    "<scr<script>ipt>",
)
hostile = st.lists(
    st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=6)), min_size=1, max_size=3
).map(lambda parts: MARK + "".join(parts))


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


@cache
def base() -> RoundData:
    """A round that yields themes, quotes and opinion groups, with statements to vote on."""
    data = small_round(40)
    rng = random.Random(1)
    statements = tuple(Statement(f"s{i}", f"Statement number {i}") for i in range(6))
    votes = tuple(
        Vote(r.id, s.id, rng.choice([-1, 1, 1, 0])) for r in data.residents for s in statements
    )
    return replace(data, statements=statements, votes=votes)


@cache
def theme_ids() -> tuple[str, ...]:
    report = build_report(base(), k_min=5)
    return tuple(t.id for ts in report.theme_sets for t in ts.themes)


def hostile_round(words: list[str]) -> RoundData:
    data = base()
    w = itertools.cycle(words)
    answers = tuple(
        replace(a, value=f"{next(w)} {a.value}") if a.question == "experience" else a
        for a in data.answers
    )
    # The same hostile sentence from many residents, so it is surely quoted or a theme.
    answers += tuple(Answer(r.id, "values", words[0]) for r in data.residents[:12])
    questions = tuple(replace(q, text=f"{q.text} {next(w)}") for q in data.questions)
    statements = tuple(replace(s, text=f"{next(w)} {s.text}") for s in data.statements)
    return replace(data, title=next(w), questions=questions, answers=answers,
                   statements=statements)  # fmt: skip


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile, min_size=3, max_size=6))
def test_hostile_words_never_become_live_html(words: list[str]) -> None:
    ids = theme_ids()
    edits = [Rename(ids[0], words[1]), Rename(words[2], "a theme that is not there")]
    report = build_report(hostile_round(words), k_min=5, edits=edits)
    html = render(report, "html")
    page = Page()
    page.feed(html)
    page.close()

    assert [t for t, _ in page.tags if t in {"script", "iframe", "object", "embed"}] == []
    for tag, attrs in page.tags:
        for name, value in attrs:
            assert not name.lower().startswith("on"), (tag, name)
            squeezed = "".join((value or "").split()).lower()
            assert "javascript:" not in squeezed, (tag, name, value)
    policies = [
        dict(attrs).get("content")
        for tag, attrs in page.tags
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower().startswith("content-")
    ]
    assert policies == [CSP]
    assert [t for t, _ in page.tags].count("style") == 1
    assert MARK not in "".join(page.styles)
    # The hostile words did reach the page (as text), so the checks above meant something.
    assert html.count(MARK) >= 3
