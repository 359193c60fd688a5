"""Text files from spreadsheets and other tools: decoding, separators, and safe writing.

Spreadsheets save CSV in several shapes. :func:`decode` reads UTF-8 with or without a
byte-order mark, UTF-16 (Excel's "Unicode text", which is tab-separated), and any encoding
named with ``--encoding`` (Windows-1252, ``cp1252``, is the usual one); bytes that do not
decode become a :class:`~civicbot_analysis.errors.FileError` naming the byte and its line.
:func:`sniff_delimiter` picks comma, semicolon (Excel in much of Europe) or tab from the
header line. :func:`write_atomic` writes through a temporary file and a rename, so a
failed write never leaves a partial file behind.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from civicbot_analysis.errors import FileError, UserError, os_problem, path_kind, read_bytes

DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # in words, e.g. "UTF-8 with a byte-order mark"


def check_encoding(name: str) -> str:
    """The codec's name, or a :class:`UserError` for a name Python does not know."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise UserError(
            f"--encoding {name!r} is not an encoding civicbot knows: use utf-8, utf-16 or "
            "cp1252 (Windows)"
        ) from None


def _looks_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` for BOM-less UTF-16 text (every other byte zero), else None."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, path: str | Path, encoding: str | None = None) -> Decoded:
    """Decode a text file's bytes, guessing among the encodings spreadsheets write unless
    ``encoding`` is given."""
    name = Path(path).name
    if encoding is not None:
        codec = check_encoding(encoding)
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        return Decoded(_strict(data, path, codec, encoding), encoding)
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(_strict(data, path, "utf-8-sig", "UTF-8"), "UTF-8 with a byte-order mark")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(_strict(data, path, "utf-16", "UTF-16"), "UTF-16")
    guessed = _looks_utf16(data)
    if guessed:
        return Decoded(_strict(data, path, guessed, "UTF-16"), "UTF-16")
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileError(
            name,
            f"is not UTF-8 (byte 0x{data[exc.start]:02x} at line {line})",
            "save it as UTF-8 CSV, or pass --encoding cp1252",
        ) from None


def _strict(data: bytes, path: str | Path, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileError(
            Path(path).name,
            f"is not valid {label} (byte 0x{data[exc.start]:02x} at line {line})",
            "save it again as UTF-8 CSV, or pass the --encoding it was saved in",
        ) from None


def sniff_delimiter(text: str) -> str:
    """The separator of the header line: the most frequent of comma, semicolon and tab
    outside quotes (comma when none is there)."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def check_output_file(path: Path, option: str = "--out") -> None:
    """Raise :class:`FileError` now, before any long work, if ``path`` cannot be written."""
    folder = path.parent
    if path_kind(folder) != "dir":
        what = "does not exist" if path_kind(folder) == "missing" else "is not a folder"
        fix = f"create the folder first, or choose another {option}"
        raise FileError(path, f"cannot be written: the folder {folder} {what}", fix)
    if path_kind(path) == "dir":
        raise FileError(path, "is a folder", f"give a file name for {option}")
    if not os.access(folder, os.W_OK | os.X_OK):
        problem = f"cannot be written: no permission to write in {folder}"
        raise FileError(path, problem, f"choose another {option}")


def _default_mode() -> int:
    # What open() would give a new file: mkstemp makes it 0600 whatever the umask.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(
    path: Path, content: str | bytes, *, mode: int | None = None, option: str = "--out"
) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder and a
    rename: readers see the old file or the whole new one, never a part. Problems become
    a :class:`FileError` naming ``path``."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = path.parent
    check_output_file(path, option)
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _default_mode() if mode is None else mode)
        os.replace(tmp, path)
        tmp = ""
    except OSError as exc:
        problem = os_problem(exc).replace("cannot be opened", "cannot be written")
        raise FileError(path, problem) from exc
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def read_text(path: str | Path, what: str = "file", encoding: str | None = None) -> str:
    """The text of an input file as :func:`decode` reads it; every problem (missing, a
    folder, unreadable, not text) as a one-line :class:`FileError`."""
    p = Path(path)
    return decode(read_bytes(p, what), p, encoding).text
