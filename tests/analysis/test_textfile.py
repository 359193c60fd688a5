"""Decoding what spreadsheets save, choosing the separator, and writing whole files only."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from civicbot_analysis.errors import FileError, UserError
from civicbot_analysis.textfile import decode, sniff_delimiter, write_atomic

TEXT = "resident\tquestion_id\tvalue\nr1\tq\tLe café\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 with a byte-order mark"),
        (TEXT.encode("utf-16"), "UTF-16"),
        (TEXT.encode("utf-16-le"), "UTF-16"),  # no byte-order mark
        (TEXT.encode("utf-16-be"), "UTF-16"),
    ],
)
def test_decode_guesses_what_spreadsheets_write(data: bytes, encoding: str) -> None:
    found = decode(data, "a.csv")
    assert (found.text.lstrip("\ufeff"), found.encoding) == (TEXT, encoding)


def test_decode_names_the_byte_and_line() -> None:
    with pytest.raises(FileError) as caught:
        decode("a,b\n1,2\nx,é\n".encode("cp1252"), "/data/answers.csv")
    assert str(caught.value) == (
        "answers.csv is not UTF-8 (byte 0xe9 at line 3): save it as UTF-8 CSV, "
        "or pass --encoding cp1252"
    )
    assert decode("x,é\n".encode("cp1252"), "a.csv", "cp1252").text == "x,é\n"
    with pytest.raises(UserError, match="not an encoding civicbot knows"):
        decode(b"x", "a.csv", "klingon")


@pytest.mark.parametrize(
    ("header", "sep"),
    [("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ('"a,b";c;d', ";"), ("abc", ",")],
)
def test_sniff_delimiter(header: str, sep: str) -> None:
    assert sniff_delimiter(header + "\n1,2;3\t4\n") == sep


def test_write_atomic_replaces_whole_or_not_at_all(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("old")
    write_atomic(out, "new")
    assert out.read_text() == "new" and os.listdir(tmp_path) == ["report.html"]
    with pytest.raises(FileError, match=r"the folder .* does not exist"):
        write_atomic(tmp_path / "no" / "r.html", "x")
    with pytest.raises(FileError, match="is a folder"):
        write_atomic(tmp_path, "x")
    assert os.listdir(tmp_path) == ["report.html"]  # no temporary file left behind
