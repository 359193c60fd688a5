"""The shipped local references are exactly what bench/local_references.py builds from
the stored ONS figures in analysis/data/sources: no hand-edited figure can hide in them."""

from __future__ import annotations

from bench.local_references import build_all


def test_shipped_local_references_match_their_sources() -> None:
    for path, text in build_all().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: rebuild it"


def test_every_estimate_is_marked_and_says_how_it_was_made() -> None:
    for path, text in build_all().items():
        if path.name == "references.csv":
            continue
        for line in text.splitlines():
            if line.endswith(",no"):
                assert "NOT CONFIRMED, an estimate" in line, line
