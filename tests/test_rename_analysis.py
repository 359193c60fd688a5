"""tools/rename_analysis.py: the mechanical switch of the analysis package's import name."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "rename_analysis", ROOT / "tools/rename_analysis.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


R = _script()
OLD, NEW = R.OLD, R.NEW  # samples are built from these, so running the script leaves them be


def test_imports_dotted_references_and_package_strings_are_renamed() -> None:
    text = (
        f"from {OLD}.equity import Reference\n"
        f"import {OLD}.report as report\n"
        f"from {OLD} import scrub\n"
        f'"""See :func:`~{OLD}.report.build.build_report`."""\n'
        f'monkeypatch.setattr("{OLD}.report.pdf.shutil.which", None)\n'
        f'resources.files("{OLD}").joinpath("data")\n'
        f'PackageLoader("{OLD}", "templates")\n'
    )
    assert R.rename_python(text) == text.replace(OLD, NEW)


def test_paths_test_packages_and_other_words_are_left_alone() -> None:
    text = (
        f'DATA = ROOT / "{OLD}" / "data"\n'
        f"# format in {OLD}/data/README.md\n"
        f"from tests.{OLD}.factory import answers\n"
        f"bench/{OLD}_scale.py, the {OLD}. Then data_{OLD}.x\n"
        f'modules("{OLD}")\n'
    )
    assert R.rename_python(text) == text


def test_renaming_twice_changes_nothing() -> None:
    once = R.rename_python(f"from {OLD}.x import y  # see {OLD}.x\n")
    assert R.rename_python(once) == once


def test_long_docstring_and_comment_lines_are_rewrapped() -> None:
    words = " ".join(["word"] * 17)
    old = (
        f'"""Module.\n\n:mod:`{OLD}.report.build` {words} and more\n'
        'next line of the paragraph.\n"""\n'
        f"x = 1\n# see {OLD}.report.build and {words} then\n"
    )
    new = R.wrap_long(old, R.rename_python(old))
    assert max(len(line) for line in new.splitlines()) <= R.LIMIT
    words_of = lambda text: text.replace("#", " ").split()  # noqa: E731
    assert words_of(new) == words_of(R.rename_python(old))  # the same words, re-wrapped
    assert f"{NEW}.report.build" in new and "x = 1" in new
    assert all(line.startswith("#") for line in new.splitlines()[-2:])
