"""“What we heard”: themes raised by at least k people, counts suppressed below k."""

from __future__ import annotations

import re

from analysis.rounddata import Answer, Question, Resident, RoundData
from civicbot.heard import what_we_heard


def _data(n: int) -> RoundData:
    texts = ["more time with the same doctor", "parks and libraries open late",
             "being listened to by the council"]  # fmt: skip
    residents = tuple(Resident(f"r{i}") for i in range(n))
    answers = tuple(Answer(f"r{i}", "q", f"{texts[i % 3]} {i}") for i in range(n))
    return RoundData(
        "1", "Spring", (Question("q", "free_text", "What matters?"),), residents, answers
    )


def test_big_round_names_themes() -> None:
    text = what_we_heard(_data(60))
    assert text.startswith("What we heard: “Spring”")
    # A protected count: 60 with the cell-key method's fixed noise (at most 2 either way).
    took_part = re.search(r"(\d+) people took part", text)
    assert took_part is not None and abs(int(took_part.group(1)) - 60) <= 2
    assert "What people talked about most:" in text


def test_small_round_says_no_numbers() -> None:
    text = what_we_heard(_data(6))
    assert "10 or fewer people took part" in text and "talked about" not in text
