"""“What we heard”: phrase labels and renames, one equity finding, counts suppressed below k."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace

from civicbot.facilitation import edits_for
from civicbot.heard import top_themes, what_we_heard
from civicbot.store import Store
from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData
from civicbot_analysis.themes import Rename
from civicbot_analysis.themes.edits import to_json
from tests.analysis.factory import small_round
from tests.civicbot.store.conftest import new_round


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


def _stories(n: int) -> RoundData:
    """Two free-text questions with phrases people repeat, and a scale on which disabled
    residents (every seventh) fare worse."""
    rng = random.Random(4)
    base = small_round(n, seed=3)
    stories = [
        "I kept having to repeat my story to every new worker",
        "nobody answers the phone line in the morning",
        "the nurse was kind and patient with my mum",
    ]
    answers = []
    for a in base.answers:
        if a.question == "experience":
            i = int(a.resident[1:])
            a = replace(a, value=f"{stories[i % 3]}, {rng.choice(['really', 'tbh'])}. {a.value}")
        elif a.question == "treated":
            i = int(a.resident[1:])
            a = replace(a, value="never" if i % 7 == 0 else rng.choice(["sometimes", "always"]))
        answers.append(a)
    return replace(base, answers=tuple(answers))


def test_themes_are_named_by_phrases_and_renames() -> None:
    data = _stories(150)
    text = what_we_heard(data)
    themes = top_themes(data, 10)
    assert themes and all(", " not in t.label for t in themes), [t.label for t in themes]
    said = " ".join(a.value.lower() for a in data.answers)
    for t in themes:
        assert t.label.lower() in said  # a phrase residents used, not a word list
        assert f"• {t.label}" in text
    assert any("story" in t.label.lower() for t in themes)
    renamed = what_we_heard(data, edits=[Rename(themes[0].id, "Telling it all again")])
    assert "Telling it all again" in renamed
    assert themes[0].label not in renamed


def test_one_equity_finding_in_plain_words() -> None:
    text = what_we_heard(_stories(150))
    assert "One thing we noticed:" in text
    finding = text.split("One thing we noticed:\n", 1)[1].splitlines()[0]
    assert "Disabled" in finding and "lower than others" in finding, finding
    assert text.count("One thing we noticed") == 1


def test_no_equity_finding_resting_on_fewer_than_k() -> None:
    # 40 residents: about 6 disabled, fewer than k = 10, so no finding about them.
    text = what_we_heard(_stories(40))
    assert "Disabled" not in text
    assert "One thing we noticed" not in text


async def test_results_use_the_stored_theme_edits(store: Store) -> None:
    data = _stories(150)
    first = top_themes(data, 10)[0]
    round_id = await new_round(store)
    assert edits_for(await store.theme_edits(round_id)) == []
    edits = [Rename(first.id, "Telling it all again")]
    await store.set_theme_edits(round_id, json.dumps(to_json(edits)))
    assert edits_for(await store.theme_edits(round_id)) == edits
    assert "Telling it all again" in what_we_heard(
        data, edits=edits_for(await store.theme_edits(round_id))
    )
    await store.set_theme_edits(round_id, "{not json")
    assert edits_for(await store.theme_edits(round_id)) == []  # a damaged row names nothing
