"""Printing the brief to PDF with headless Chromium, when it is installed.

:func:`pdf_renderer` finds a Chromium (or Chrome) binary on the PATH, or returns None so
the caller can say plainly that no PDF was made. :func:`print_pdf` runs it with no
network (the page's own Content-Security-Policy allows no request, and background
networking is off) on a local file, with a fresh profile, and returns the PDF's bytes.
:func:`pdf_pages` counts the pages of a PDF, so a test can check the brief prints on one.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

BINARIES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_S = 120
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-pdf-header-footer",
)
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


def pdf_renderer() -> str | None:
    """The path of an installed headless Chromium, or None."""
    for name in BINARIES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(html: Path, binary: str) -> bytes:
    """``html`` (a local file) printed to PDF, A4 as its ``@page`` rule sets."""
    with tempfile.TemporaryDirectory(prefix="civicbot-pdf-") as tmp:
        out = Path(tmp) / "out.pdf"
        done = subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}",
             html.resolve().as_uri()],
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
        )  # fmt: skip
        if not out.exists() or out.stat().st_size == 0:
            tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
            raise RuntimeError(f"Chromium made no PDF (exit {done.returncode}): {' '.join(tail)}")
        return out.read_bytes()


def pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF has (its page objects; Chromium writes them uncompressed)."""
    return len(_PAGE.findall(pdf))
