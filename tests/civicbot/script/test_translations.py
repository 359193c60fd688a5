"""Translation files beside a script: merged on load, out of date when the English
changes, problems named by file and line, frozen with the round, reported by check."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from civicbot.script import ScriptError, load_script, parse_script
from civicbot.script.model import text_in

SCRIPT = """\
id: tiny
version: 1
title: Tiny
languages: [en, cy]
consent:
  version: 1
  text: We keep your answers. OK?
finish: Thank you.
sections:
  - id: main
    steps:
      - id: mood
        type: single_choice
        text: How do you feel?
        options:
          - {value: good, label: Good}
          - {value: bad, label: Bad}
      - id: why
        type: free_text
        text: Why do you feel {{ answers.mood }}?
"""

WELSH = """\
language: cy
texts:
  title: {source: Tiny, reviewed: true, text: Bach}
  consent: {source: "We keep your answers. OK?", reviewed: false, text: "Rydym yn cadw. Iawn?"}
  mood: {source: "How do you feel?", reviewed: false, text: "Sut ydych chi'n teimlo?"}
  mood.good: {source: Good, reviewed: false, text: Da}
  why:
    {source: "Why do you feel {{ answers.mood }}?", reviewed: false,
     text: "Pam {{ answers.mood }}?"}
"""


def write(tmp_path: Path, script: str = SCRIPT, welsh: str = WELSH) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(script, encoding="utf-8")
    (tmp_path / "tiny.cy.yaml").write_text(welsh, encoding="utf-8")
    return path


def test_translations_are_merged_and_counted(tmp_path: Path) -> None:
    loaded = load_script(write(tmp_path))
    script = loaded.script
    assert text_in(script.title, "cy", "en") == "Bach"
    step = script.steps()[0]
    assert text_in(step.text, "cy", "en") == "Sut ydych chi'n teimlo?"
    assert text_in(step.options[1].label, "cy", "en") == "Bad"  # missing: English
    (cover,) = loaded.coverage
    assert cover.language == "cy" and cover.total == 7 and cover.translated == 5
    assert sorted(cover.missing) == ["finish", "mood.bad"]
    assert "title" not in cover.unreviewed and "mood" in cover.unreviewed
    assert cover.out_of_date == []


def test_changed_english_makes_the_entry_out_of_date_and_shows_english(tmp_path: Path) -> None:
    path = write(tmp_path, SCRIPT.replace("How do you feel?", "How are you today?"))
    loaded = load_script(path)
    assert loaded.coverage[0].out_of_date == ["mood"]
    step = loaded.script.steps()[0]
    assert text_in(step.text, "cy", "en") == "How are you today?"


def test_a_round_freezes_the_translations_with_the_script(tmp_path: Path) -> None:
    loaded = load_script(write(tmp_path))
    again = parse_script(loaded.source, "round 1")
    assert again.script == loaded.script
    # Editing the file later does not change what the round runs.
    (tmp_path / "tiny.cy.yaml").write_text(WELSH.replace("Bach", "Bychan"), encoding="utf-8")
    assert text_in(parse_script(loaded.source, "round 1").script.title, "cy", "en") == "Bach"


@pytest.mark.parametrize(
    ("welsh", "line", "words"),
    [
        (WELSH.replace("language: cy", "language: 12"), 1, "language code"),
        (WELSH + "  mood.bad: nonsense\n", 10, "must be a mapping"),
        (WELSH.replace("Pam {{ answers.mood }}?", "Pam {{ answers.other }}?"), 9, "answers.other"),
        (WELSH.replace("Pam {{ answers.mood }}?", "Pam {{ answers.mood }?"), 9, "template error"),
    ],
)
def test_problems_name_the_translation_file_and_line(
    tmp_path: Path, welsh: str, line: int, words: str
) -> None:
    with pytest.raises(ScriptError) as caught:
        load_script(write(tmp_path, welsh=welsh))
    shown = str(caught.value)
    assert f"tiny.cy.yaml:{line}:" in shown, shown
    assert words in shown


def test_a_key_that_names_no_text_is_a_warning(tmp_path: Path) -> None:
    welsh = WELSH + "  gone: {source: x, reviewed: false, text: y}\n"
    loaded = load_script(write(tmp_path, welsh=welsh))
    assert any("tiny.cy.yaml:10" in str(w) and "names no text" in str(w) for w in loaded.warnings)


def test_script_check_reports_missing_unreviewed_and_out_of_date(tmp_path: Path) -> None:
    path = write(tmp_path, SCRIPT.replace("How do you feel?", "How are you today?"))
    result = CliRunner().invoke(main, ["script", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "cy Cymraeg (Welsh) script: 4 of 7 translated; 3 unreviewed" in result.output
    assert "2 missing; 1 out of date" in result.output
    assert "out of date (the English changed; residents see the English): mood" in result.output
    assert "cy Cymraeg (Welsh) bot messages:" in result.output


def test_translate_writes_a_file_a_translator_can_fill(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = CliRunner().invoke(main, ["script", "translate", str(path), "-l", "pl"])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "tiny.pl.yaml").read_text(encoding="utf-8")
    assert "language: pl" in written and "reviewed: false" in written
    # Polish is not in the script's languages yet: the file loads with a warning.
    loaded = load_script(path)
    assert any("'pl' is not offered" in str(w) for w in loaded.warnings)
    # Updating keeps what is translated.
    result = CliRunner().invoke(main, ["script", "translate", str(path), "-l", "cy"])
    assert "Pam {{ answers.mood }}?" in (tmp_path / "tiny.cy.yaml").read_text(encoding="utf-8")
