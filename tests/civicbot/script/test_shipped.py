"""The dialogue scripts that ship inside the package are found from any folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from civicbot.facilitation import script_path
from civicbot.script.load import load_script
from civicbot.script.shipped import DEFAULT, default_script, folder, resolve, shipped

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_shipped_scripts_are_the_repository_prompts_folder() -> None:
    names = {p.name for p in folder().glob("*.yaml")}
    assert names == {p.name for p in (ROOT / "prompts").glob("*.yaml")}
    assert DEFAULT in names


def test_from_an_empty_folder_the_guides_names_find_the_shipped_script(empty: Path) -> None:
    found = resolve(Path("prompts") / DEFAULT)
    assert found.is_file() and found.parent == folder()
    assert resolve(Path(DEFAULT)) == found == default_script()
    loaded = load_script(found)
    assert set(loaded.script.languages) >= {"en", "cy"}  # its translations sit beside it


def test_an_organisers_own_copy_wins(empty: Path) -> None:
    (empty / "prompts").mkdir()
    own = empty / "prompts" / DEFAULT
    own.write_text("x: 1\n", encoding="utf-8")
    assert resolve(Path("prompts") / DEFAULT) == Path("prompts") / DEFAULT
    assert default_script().resolve() == own.resolve()


def test_other_missing_paths_are_left_for_the_loader_to_report(empty: Path) -> None:
    for given in ("elsewhere/values-and-services.yaml", "prompts/nope.yaml", "/no/such.yaml"):
        assert resolve(Path(given)) == Path(given)


def test_only_bare_names_are_looked_up() -> None:
    assert shipped("values-and-services") == folder() / DEFAULT
    assert script_path("deliberation-example") == folder() / "deliberation-example.yaml"
    for refused in ("", "../prompts/values-and-services", ".hidden", "a/b", "a\\b", "nope"):
        assert script_path(refused) is None


def test_an_uninstalled_checkout_reads_its_own_prompts_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from civicbot.script import shipped as module

    def missing(name: str) -> None:
        raise ModuleNotFoundError(name)

    monkeypatch.setattr(module.resources, "files", missing)
    assert module.folder() == ROOT / "prompts"
