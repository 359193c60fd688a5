"""docs/scripts.md shows real output: run its example and compare."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.commands.script_cmd import script

ROOT = Path(__file__).resolve().parents[3]
DOC = (ROOT / "docs" / "scripts.md").read_text(encoding="utf-8")


def console(command: str) -> str:
    """The output shown under ``$ civicbot <command>`` in the guide."""
    match = re.search(rf"```console\n\$ civicbot {re.escape(command)}\n(.*?)```", DOC, re.S)
    assert match, command
    return match.group(1)


def run(args: list[str]) -> str:
    result = CliRunner().invoke(script, args)
    return result.output


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    yaml_block = re.search(r"```yaml\n(id: library-chat\n.*?)```", DOC, re.S)
    assert yaml_block
    path = tmp_path / "library-chat.yaml"
    path.write_text(yaml_block.group(1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return path


def test_example_check_output_is_real(example: Path) -> None:
    assert run(["check", "library-chat.yaml"]) == console("script check library-chat.yaml")


def test_example_graph_output_is_real(example: Path) -> None:
    assert run(["graph", "library-chat.yaml"]) == console("script graph library-chat.yaml")


def test_default_script_check_output_is_real(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    shown = console("script check prompts/values-and-services.yaml")
    assert run(["check", "prompts/values-and-services.yaml"]) == shown
