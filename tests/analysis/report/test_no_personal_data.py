"""Done means (issue #9): a round where many answers repeat a worker's name, phone number
(also with zero-width and full-width digits), e-mail, postcode, NHS number, @handle, date of
birth and card number gives none of them, in any format, from ``civicbot report --from-csv``.
Before, themes were named "Doe, example, jane" and a full-width phone number was among
their distinctive words."""

from __future__ import annotations

import dataclasses
import json
import random
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from civicbot.cli import main
from civicbot_analysis.csv_input import write_csv
from tests.analysis.factory import small_round

ZW = "\u200b"
FULL = str.maketrans({str(d): chr(0xFF10 + d) for d in range(10)})

# The personal details, as residents type them.
DETAILS = [
    "my name is sarah okonkwo-briggs, ring me on 07700 900123",
    f"call 0770{ZW}0 900{ZW}123 or email jane.doe@example.com",
    "text " + "07700 900123".translate(FULL) + " any time",
    "I'm at LS6 2QT, NHS number 943 476 5919",
    "follow @sarahb_leeds, my DOB is 12/03/1985",
    "they charged my card 4111 1111 1111 1111 twice",
    "Mrs Okonkwo at jane.doe@example.com can tell you",
    "ring 07700 900123 and ask for Jane Doe, she's brilliant",
]
# What must never appear, after folding the output the way the scrubber folds input.
NEEDLES = [
    "okonkwo",
    "briggs",
    "jane.doe",
    "doe,",
    "07700",
    "900123",
    "ls6 2qt",
    "ls62qt",
    "943 476 5919",
    "9434765919",
    "sarahb_leeds",
    "12/03/1985",
    "4111 1111",
    "4111111111111111",
]


def _fold(text: str) -> str:
    out = []
    for c in unicodedata.normalize("NFKC", text):
        if unicodedata.category(c) == "Cf":
            continue
        out.append(str(unicodedata.decimal(c)) if unicodedata.category(c) == "Nd" else c)
    return "".join(out).lower()


def _round_with_details(tmp_path: Path) -> Path:
    data = small_round(80, seed=3)
    rng = random.Random(9)
    answers = []
    for a in data.answers:
        # A quarter of residents add the worker's details to both free-text answers.
        if a.question in ("experience", "values") and int(a.resident[1:]) % 4 == 0:
            a = dataclasses.replace(a, value=f"{a.value} {rng.choice(DETAILS)}")
        answers.append(a)
    src = tmp_path / "round.csv"
    src.write_text(write_csv(dataclasses.replace(data, answers=tuple(answers))), "utf-8")
    return src


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _round_with_details(tmp_path_factory.mktemp("pii"))


@pytest.mark.parametrize("fmt", ["html", "md", "json", "csv"])
def test_report_shows_no_personal_details(source: Path, fmt: str) -> None:
    out = source.with_name(f"report.{fmt}")
    args = ["report", "--from-csv", str(source), "--format", fmt, "--out", str(out), "--quiet"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    folded = _fold(text)
    found = [n for n in NEEDLES if n in folded]
    assert found == [], found
    # The themes are still about what people said.
    assert re.search(r"\b(bus|park|gp|surgery|appointment)\b", folded)


def test_details_are_in_the_source(source: Path) -> None:
    # The check above can fail: the source holds every needle.
    folded = _fold(source.read_text(encoding="utf-8"))
    compact = {"ls62qt", "9434765919", "4111111111111111"}  # other spellings of the same
    assert [n for n in NEEDLES if n not in folded and n not in compact] == []
    assert "07700 900123".translate(FULL) in source.read_text(encoding="utf-8")


def test_rejected_answers_take_no_part() -> None:
    from civicbot_analysis.scrub import scrub
    from civicbot_analysis.themes import find_themes

    data = small_round(60, seed=1)
    odd = "zyxwombat quokkaberry"
    answers = [
        dataclasses.replace(a, value=f"{a.value} {odd}", quotable=False, rejected=True)
        if a.question == "experience" and int(a.resident[1:]) % 3 == 0
        else a
        for a in data.answers
    ]
    result = find_themes(dataclasses.replace(data, answers=tuple(answers)), scrub=scrub)
    words = json.dumps([[t.label, t.terms, t.quotes] for t in result.all_themes()]).lower()
    assert "wombat" not in words and "quokka" not in words
    experience = next(s for s in result.per_question if s.scope == "experience")
    assert experience.answers == 40


def test_unapproved_answers_are_never_quoted() -> None:
    from civicbot_analysis.scrub import scrub
    from civicbot_analysis.themes import find_themes

    data = small_round(60, seed=1)
    answers = [
        dataclasses.replace(a, value=f"{a.value} Pending words here", quotable=False)
        if a.question == "experience"
        else a
        for a in data.answers
    ]
    result = find_themes(dataclasses.replace(data, answers=tuple(answers)), scrub=scrub)
    experience = next(s for s in result.per_question if s.scope == "experience")
    assert all(not t.quotes for t in experience.themes)
    assert sum(t.answers for t in experience.themes) == 60
