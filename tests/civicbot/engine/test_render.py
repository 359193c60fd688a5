"""Sandboxed Jinja2 rendering of script text."""

from __future__ import annotations

from civicbot.engine.render import clip, render_template


def test_answers_are_filled_in_and_missing_ones_are_empty() -> None:
    assert render_template("You said {{ answers.a }}.", {"a": "care"}) == "You said care."
    assert render_template("[{{ answers.nope }}]", {}) == "[]"
    assert render_template("{{ answers['a'] | upper }}", {"a": "x"}) == "X"


def test_no_html_escaping() -> None:
    assert render_template("{{ answers.a }}", {"a": "<b>&"}) == "<b>&"


def test_a_syntax_error_falls_back_to_the_text_without_template_parts() -> None:
    assert render_template("Hello {{ answers.a ", {}) == "Hello {{ answers.a"
    assert render_template("Hi {{ answers.a | nosuchfilter }} there", {}) == "Hi  there"


def test_the_sandbox_refuses_unsafe_access_without_crashing() -> None:
    text = "A{{ answers.__class__.__mro__[1].__subclasses__() }}B"
    assert render_template(text, {}) == "AB"


def test_a_runtime_error_falls_back() -> None:
    assert render_template("x{{ 1 / 0 }}y", {}) == "xy"


def test_resident_text_is_never_evaluated() -> None:
    evil = "{{ 7 * 7 }}"
    assert render_template("You said {{ answers.a }}", {"a": evil}) == "You said {{ 7 * 7 }}"


def test_clip_counts_utf16_units() -> None:
    assert clip("abc") == "abc"
    clipped = clip("😀" * 3000)
    assert len(clipped.encode("utf-16-le")) // 2 <= 4096
    assert clipped.endswith("…")
    assert clip("a" * 4096) == "a" * 4096
    assert len(clip("a" * 5000)) == 4096
