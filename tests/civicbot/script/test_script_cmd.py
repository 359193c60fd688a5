from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from civicbot.cli import main
from civicbot.commands.script_cmd import script
from tests.civicbot.script.helpers import base, dump, step

DEFAULT = Path(__file__).resolve().parents[3] / "prompts" / "values-and-services.yaml"


def write(tmp_path: Path, data: dict[str, object], name: str = "s.yaml") -> str:
    path = tmp_path / name
    path.write_text(dump(data), encoding="utf-8")
    return str(path)


def test_check_prints_a_summary_and_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path, base())
    result = CliRunner().invoke(script, ["check", path])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f'OK  {path}: "Test" v1 — 2 sections, 4 steps (3 questions, 0 about you, '
        "1 message), languages en, about 1 minute\n"
        "  warning: step hello: reading age 13.4 (above 9)\n"
        "  reading age [en]: 5 of 6 texts (83%) at 9 or below; highest 13.4 (step hello)\n"
    )


def test_check_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    data = base()
    step(data, "used")["next"][0]["goto"] = "nope"
    step(data, "fair")["tags"] = ["kindness"]
    path = write(tmp_path, data)
    result = CliRunner().invoke(script, ["check", path])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 3
    assert (
        lines[0].startswith(f"{path}:")
        and "step 'used': branch goes to unknown step 'nope'" in lines[0]
    )
    assert "step 'fair': unknown tag 'kindness'" in lines[1]
    assert lines[2] == f"FAIL  {path}: 2 problems"


def test_check_several_files_fails_if_one_does(tmp_path: Path) -> None:
    good = write(tmp_path, base(), "good.yaml")
    result = CliRunner().invoke(script, ["check", good, str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("OK  ")
    assert "cannot read the file" in result.output


def test_check_shows_warnings_but_passes(tmp_path: Path) -> None:
    data = base()
    step(data, "story")["optional"] = False
    result = CliRunner().invoke(script, ["check", write(tmp_path, data)])
    assert result.exit_code == 0
    assert ": warning: step 'story': this question cannot be skipped" in result.output


def test_check_the_default_script_through_the_main_cli() -> None:
    result = CliRunner().invoke(main, ["script", "check", str(DEFAULT)])
    assert result.exit_code == 0, result.output
    assert '"Values and services" v2' in result.output
    assert "reading age [en]: 43 of 43 texts (100%) at 9 or below" in result.output
    assert "7 about you" in result.output


def test_graph_prints_mermaid(tmp_path: Path) -> None:
    result = CliRunner().invoke(script, ["graph", write(tmp_path, base())])
    assert result.exit_code == 0
    assert result.output.startswith("flowchart TD\n")
    assert '    s_used -.->|"used = no"| s_story' in result.output


def test_graph_of_a_bad_script_fails(tmp_path: Path) -> None:
    data = base()
    step(data, "story")["type"] = "nope"
    result = CliRunner().invoke(main, ["script", "graph", write(tmp_path, data)])
    assert result.exit_code == 2
    assert "unknown step type 'nope'" in result.output
