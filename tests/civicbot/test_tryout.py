"""``civicbot try``: a rehearsal in the terminal, driven through piped input."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from civicbot.cli import main
from civicbot.commands.try_cmd import try_
from civicbot.engine import Back, Press, SetLanguage, Skip, Start, Text
from civicbot.engine.types import Button, VoteCast
from civicbot.script.load import load_script
from civicbot.script.model import text_in
from civicbot.tryout import Rehearsal, parse_line

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"

SCRIPT = """
id: mini
version: 1
title: {en: Rehearsal, cy: Ymarfer}
languages: [en, cy]
consent: {version: 1, text: {en: "Is that OK?", cy: "Iawn?"}}
finish: {en: "Thanks, {{ answers.name }}!", cy: "Diolch!"}
sections:
  - id: s
    steps:
      - id: name
        type: free_text
        text: {en: "What should we call you?", cy: "Beth yw eich enw?"}
      - id: mood
        type: scale
        text: {en: "How are you?", cy: "Sut ydych chi?"}
        options:
          - {value: "1", label: {en: Low, cy: Isel}}
          - {value: "2", label: {en: High, cy: Uchel}}
      - id: vals
        type: multi_choice
        text: {en: "Which?", cy: "Pa rai?"}
        options:
          - {value: care, label: {en: Care, cy: Gofal}}
          - {value: love, label: {en: Love, cy: Cariad}}
"""


def script_file(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def answers_of(output: str) -> dict[str, object]:
    return dict(json.loads(output.split("Answers:\n", 1)[1]))


def test_a_piped_rehearsal_runs_to_the_end_and_prints_the_answers(tmp_path: Path) -> None:
    keys = "1\n1\n42\n2\n/back\n1\n1\n2\n3\n"  # English in the picker first
    result = CliRunner().invoke(try_, [str(script_file(tmp_path))], input=keys)
    assert result.exit_code == 0, result.output
    assert "[1] I agree   [2] No thanks" in result.output
    assert "You said: High" in result.output
    assert "[1] ✓ Care" in result.output
    assert "Thanks, 42!" in result.output  # a number on a free-text question is text
    assert answers_of(result.output) == {"name": "42", "mood": "1", "vals": ["care", "love"]}


def test_end_of_input_stops_cleanly_with_the_answers_so_far(tmp_path: Path) -> None:
    # "1" chooses English in the language picker, then agrees.
    result = CliRunner().invoke(try_, [str(script_file(tmp_path))], input="1\n1\nAlex\n")
    assert result.exit_code == 0, result.output
    assert "How are you?" in result.output
    assert answers_of(result.output) == {"name": "Alex"}


def test_commands_skip_language_and_quit(tmp_path: Path) -> None:
    keys = "1\n1\n/skip\n/language cy\n/language fr\n1\n1\n/quit\nnever read\n"
    result = CliRunner().invoke(main, ["try", str(script_file(tmp_path))], input=keys)
    assert result.exit_code == 0, result.output
    assert "Sut ydych chi?" in result.output
    assert "Rwy'n siarad: English, Cymraeg" in result.output  # names, not codes
    assert "never read" not in result.output
    assert answers_of(result.output) == {"name": None, "mood": "1"}


def test_declining_prints_no_answers(tmp_path: Path) -> None:
    result = CliRunner().invoke(try_, [str(script_file(tmp_path))], input="1\n2\n")
    assert result.exit_code == 0
    assert "nothing you said has been kept" in result.output
    assert answers_of(result.output) == {}


def test_a_broken_script_is_reported_not_run(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nversion: 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["try", str(path)], input="")
    assert result.exit_code == 2
    assert "bad.yaml" in result.output and len(result.output.splitlines()) == 1


def test_parse_line() -> None:
    buttons = [Button("Yes", "o:1:0"), Button("No", "o:1:1")]
    assert parse_line("2\n", buttons) == Press("o:1:1")
    assert parse_line("3\n", buttons) == Text("3")
    assert parse_line("2\n", buttons, numbers_press=False) == Text("2")
    assert parse_line("/skip\n", buttons) == Skip()
    assert parse_line("/BACK", buttons) == Back()
    assert parse_line("/restart", buttons) == Start(restart=True)
    assert parse_line("/language  cy ", buttons) == SetLanguage("cy")
    assert parse_line("hello there\n", buttons) == Text("hello there")


def test_a_rehearsal_shows_the_scripts_seed_statements_one_at_a_time() -> None:
    """Deliberation steps show the script's seeds, take votes and never show one twice."""
    script = load_script(PROMPTS / "deliberation-example.yaml").script
    step = next(s for s in script.steps() if s.type == "deliberation")
    seeds = [text_in(t, "en", "en").strip() for t in step.seed_statements]
    run = Rehearsal(script)
    consent = run.send(Start()).messages[-1]
    run.send(Press(consent.buttons[0][0].token))  # I agree
    outcome = run.send(Skip())  # the free-text question before the deliberation
    shown: list[str] = []
    for _ in seeds:
        prompt = outcome.messages[-1]
        quoted = [seed for seed in seeds if seed in prompt.text]
        assert len(quoted) == 1, prompt.text
        shown.append(quoted[0])
        outcome = run.send(Press(prompt.buttons[0][0].token))  # Agree
    assert sorted(shown) == sorted(seeds)
    votes = [r for r in run.records if isinstance(r, VoteCast)]
    assert len(votes) == len(seeds) and {v.vote for v in votes} == {1}
