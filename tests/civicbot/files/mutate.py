"""Hypothesis strategies that spoil a good input file the ways files from elsewhere are
spoiled: random bytes, truncation, missing and extra columns, wrong types, huge fields,
empty files, and a folder in place of the file."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

# A spoiler writes the spoiled input at a path (a file or a folder) from the good bytes.
Spoiler = Callable[[Path, bytes], None]


def _write(data: bytes) -> Spoiler:
    def spoil(path: Path, good: bytes) -> None:
        path.write_bytes(data)

    return spoil


def _truncate(fraction: float) -> Spoiler:
    def spoil(path: Path, good: bytes) -> None:
        path.write_bytes(good[: int(len(good) * fraction)])

    return spoil


def _folder(path: Path, good: bytes) -> None:
    path.mkdir()
    (path / "inside.csv").write_bytes(good)


def _missing(path: Path, good: bytes) -> None:
    pass


def _good(path: Path, good: bytes) -> None:
    path.write_bytes(good)


def _table(good: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(good.decode("utf-8-sig"), newline="")))


def _table_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def _drop_column(index: int) -> Spoiler:
    def spoil(path: Path, good: bytes) -> None:
        rows = _table(good)
        i = index % max(1, len(rows[0]))
        path.write_bytes(_table_bytes([r[:i] + r[i + 1 :] for r in rows]))

    return spoil


def _extra_column(name: str, value: str) -> Spoiler:
    def spoil(path: Path, good: bytes) -> None:
        rows = _table(good)
        path.write_bytes(_table_bytes([rows[0] + [name]] + [[*r, value] for r in rows[1:]]))

    return spoil


def _set_cell(row: int, column: int, value: str) -> Spoiler:
    """A wrong type or a huge field: one cell replaced."""

    def spoil(path: Path, good: bytes) -> None:
        rows = _table(good)
        r = rows[1 + row % max(1, len(rows) - 1)] if len(rows) > 1 else rows[0]
        if r:
            r[column % len(r)] = value
        path.write_bytes(_table_bytes(rows))

    return spoil


def _flip_bytes(positions: list[int], value: int) -> Spoiler:
    def spoil(path: Path, good: bytes) -> None:
        data = bytearray(good)
        for p in positions:
            if data:
                data[p % len(data)] = value
        path.write_bytes(bytes(data))

    return spoil


CELL_VALUES = st.one_of(
    st.sampled_from(["", "abc", "-1", "1e999", "nan", "2026-13-45", "=cmd()", '"', "\x00"]),
    st.text(max_size=20),
    st.integers(200_000, 300_000).map(lambda n: "x" * n),  # huge field
)


def spoilers(*, table: bool = True) -> st.SearchStrategy[Spoiler]:
    """Every kind of spoiling; ``table`` adds the column and cell ones (CSV inputs)."""
    common = [
        st.binary(max_size=2000).map(_write),
        st.floats(0, 1).map(_truncate),
        st.just(_write(b"")),
        st.just(_folder),
        st.just(_missing),
        st.just(_good),
        st.tuples(st.lists(st.integers(0, 10**6), min_size=1, max_size=5), st.integers(0, 255)).map(
            lambda a: _flip_bytes(*a)
        ),
    ]
    if table:
        common += [
            st.integers(0, 30).map(_drop_column),
            st.tuples(st.text(max_size=10), CELL_VALUES).map(lambda a: _extra_column(*a)),
            st.tuples(st.integers(0, 100), st.integers(0, 30), CELL_VALUES).map(
                lambda a: _set_cell(*a)
            ),
        ]
    return st.one_of(*common)


def fresh(path: Path) -> None:
    """Remove whatever a previous example left at ``path``."""
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
