"""Property tests, one per input kind that carries answers: the answers CSV, a Pol.is
export folder, the ``--edits`` JSON, the reference population file, and ``--out``.

Each generated case ends with exit status 2 and one line on stderr, or with a whole,
valid report; a failed command never leaves an output file or a partial one."""

from __future__ import annotations

import json
import random
import tempfile
from importlib import resources
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from civicbot_analysis.csv_input import write_csv
from civicbot_analysis.polis import write_polis
from civicbot_analysis.rounddata import RoundData, Statement, Vote
from tests.analysis.factory import small_round
from tests.civicbot.files.helpers import outcome, property_settings, run
from tests.civicbot.files.mutate import Spoiler, spoilers

GOOD_CSV = write_csv(small_round(12)).encode("utf-8")


def _report(out: Path, *args: str) -> list[str]:
    return ["report", *args, "--format", "json", "--out", str(out), "--quiet"]


def _valid_report(out: Path) -> None:
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "round_id" in doc and "theme_sets" in doc


@property_settings
@given(spoil=spoilers())
def test_answers_csv(spoil: Spoiler) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "answers.csv", Path(tmp) / "r.json"
        spoil(src, GOOD_CSV)
        result = run(_report(out, "--from-csv", str(src)))
        outcome(result, out, lambda: _valid_report(out))


def _polis_round() -> RoundData:
    rng = random.Random(1)
    statements = tuple(Statement(str(i), f"Statement number {i} about the park") for i in range(6))
    votes = tuple(
        Vote(f"p{p}", s.id, rng.choice([-1, 0, 1])) for p in range(14) for s in statements
    )
    return RoundData("polis", "A conversation", (), (), (), statements=statements, votes=votes)


@property_settings
@given(
    which=st.sampled_from(["comments.csv", "votes.csv", "participants-votes.csv", "summary.csv"]),
    spoil=spoilers(),
    folder_is_file=st.booleans(),
)
def test_polis_folder(which: str, spoil: Spoiler, folder_is_file: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "export", Path(tmp) / "r.json"
        if folder_is_file:
            folder.write_bytes(GOOD_CSV)
        else:
            write_polis(_polis_round(), folder)
            path = folder / which
            good = path.read_bytes()
            path.unlink()
            spoil(path, good)
        result = run(_report(out, "--from-polis", str(folder)))
        outcome(result, out, lambda: _valid_report(out))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
GOOD_EDITS = json.dumps(
    {"version": 1, "edits": [{"op": "rename", "theme": "t-00000000", "name": "Waiting"}]}
).encode()


@property_settings
@given(
    spoil=st.one_of(
        spoilers(table=False),
        JSON.map(lambda v: lambda p, g: p.write_text(json.dumps(v))),
        st.just(lambda p, g: p.write_text("[" * 100_000)),  # nested too deeply
    ),
    rename=st.booleans(),
)
def test_edits_json(spoil: Spoiler, rename: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, edits, out = Path(tmp) / "a.csv", Path(tmp) / "edits.json", Path(tmp) / "r.json"
        src.write_bytes(GOOD_CSV)
        spoil(edits, GOOD_EDITS)
        before = edits.read_bytes() if edits.is_file() else None
        extra = ["--rename", "t-1", "New name"] if rename else []
        result = run(_report(out, "--from-csv", str(src), "--edits", str(edits), *extra))
        outcome(result, out, lambda: _valid_report(out))
        if result.exit_code != 0 and before is not None:
            assert edits.read_bytes() == before  # a refused edit never rewrites the file


GOOD_REFERENCE = (
    resources.files("civicbot_analysis").joinpath("data", "reference_england.csv").read_bytes()
)


@property_settings
@given(spoil=spoilers())
def test_reference_file(spoil: Spoiler) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, ref, out = Path(tmp) / "a.csv", Path(tmp) / "ref.csv", Path(tmp) / "r.json"
        src.write_bytes(GOOD_CSV)
        try:
            spoil(ref, GOOD_REFERENCE)
        except (UnicodeDecodeError, IndexError):
            ref.write_bytes(GOOD_REFERENCE[:100])  # the reference's comment lines are not a table
        result = run(_report(out, "--from-csv", str(src), "--reference", str(ref)))
        outcome(result, out, lambda: _valid_report(out))


@property_settings
@given(
    shape=st.sampled_from(["fine", "missing folder", "a folder", "parent is a file", "long name"]),
    name=st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=30),
)
def test_out_path(shape: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        src = base / "a.csv"
        src.write_bytes(GOOD_CSV)
        if name in (".", ".."):
            name = "report"
        out = {
            "fine": base / name,
            "missing folder": base / "nowhere" / name,
            "a folder": base / "dir",
            "parent is a file": base / "a.csv" / name,
            "long name": base / ("x" * 300),
        }[shape]
        if shape == "a folder":
            out.mkdir()
        result = run(_report(out, "--from-csv", str(src)))
        outcome(result, out, lambda: _valid_report(out))
        if shape != "fine":
            assert result.exit_code == 2
