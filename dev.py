#!/usr/bin/env python3
"""The README's two commands, for a fresh machine with only Python 3.11+.

    python3 dev.py demo    create .venv, install civicbot, run `civicbot demo`
    python3 dev.py test    create .venv, install civicbot with test extras, run the tests
    python3 dev.py lint    ruff (lint and format check) and mypy

Each creates its own virtual environment in .venv (once) and reinstalls only when
pyproject.toml or setup.py changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older Python
        sys.exit(f"civicbot needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not (BIN / "python").exists():
        print("Creating a virtual environment in .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    stamp = VENV / f".installed-{extras or 'base'}"
    digest = hashlib.sha256(
        b"".join((ROOT / name).read_bytes() for name in ("pyproject.toml", "setup.py"))
    ).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".[{extras}]" if extras else "."
    print(f"Installing civicbot ({target}) into .venv ...", flush=True)
    subprocess.run(
        [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
        check=True,
    )
    subprocess.run(
        [str(BIN / "python"), "-m", "pip", "install", "--quiet", "-e", target],
        check=True,
        cwd=ROOT,
    )
    stamp.write_text(digest)


def _run(*args: str) -> int:
    return subprocess.call([str(BIN / args[0]), *args[1:]], cwd=ROOT)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    rest = argv[1:]
    if command == "demo":
        _ensure_venv("")
        return _run("civicbot", "demo", *rest)
    if command == "test":
        _ensure_venv("test")
        return _run("python", "-m", "pytest", *rest)
    if command == "lint":
        _ensure_venv("test")
        status = _run("ruff", "check", ".")
        status |= _run("ruff", "format", "--check", ".")
        status |= _run("mypy")
        return status
    print(__doc__)
    return 0 if command in {"help", "-h", "--help"} else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
