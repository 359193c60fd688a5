"""Themes people can read: phrase labels, descriptions, non-answers, diverse trimmed quotes,
and round-level themes that never mix questions."""

from __future__ import annotations

import random

import numpy as np

from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData
from civicbot_analysis.scrub import scrub
from civicbot_analysis.themes import ROUND_SCOPE, Rename, find_themes
from civicbot_analysis.themes.label import LABEL_STOP_WORDS
from civicbot_analysis.themes.nonanswer import is_non_answer
from civicbot_analysis.themes.phrases import label_themes
from civicbot_analysis.themes.quotes import carrying_part, near_duplicate, pick_quotes

STORIES = {
    "repeat": [
        "I had to repeat my story to every new worker",
        "Having to repeat my story again and again wears you down",
        "The worst part was having to repeat my story to five people",
        "They never read the notes so I kept having to repeat my story",
    ],
    "phone": [
        "You can never get through on the phone line in the morning",
        "The phone line rings out and nobody answers it",
        "Waited an hour on the phone line before it cut off",
        "The phone line is engaged from eight until ten",
    ],
    "kind": [
        "The nurse was so kind and patient with my dad",
        "A kind nurse sat with me when I was frightened",
        "The night nurse was kind and explained everything",
        "Kindness from one nurse made all the difference",
    ],
}
SHRUGS = ["dunno", "nothing to add", "Sure", "n/a", "No comment", "not sure really", "idk", "-"]
EXTRA = ["really", "honestly", "and that was that", "for me anyway", "last year", "in winter"]


def story_round(per_topic: int = 24, shrugs: int = 12, seed: int = 2) -> RoundData:
    """Two free-text questions: q1 about services (three topics), q2 about parks."""
    rng = random.Random(seed)
    answers: list[Answer] = []
    residents: list[Resident] = []
    n = 0
    for sentences in STORIES.values():
        for _ in range(per_topic):
            text = f"{rng.choice(sentences)}, {rng.choice(EXTRA)}."
            residents.append(Resident(f"r{n}"))
            answers.append(Answer(f"r{n}", "q1", text))
            n += 1
    for i in range(shrugs):
        residents.append(Resident(f"r{n}"))
        answers.append(Answer(f"r{n}", "q1", SHRUGS[i % len(SHRUGS)]))
        n += 1
    parks = ["The park needs more benches", "Bins in the park overflow", "Park lights are broken"]
    for i in range(n):
        if i % 2 == 0:
            answers.append(Answer(f"r{i}", "q2", f"{rng.choice(parks)}, {rng.choice(EXTRA)}."))
    questions = (
        Question("q1", "free_text", "How were services?"),
        Question("q2", "free_text", "What about the park?"),
    )
    return RoundData("t", "Stories", questions, tuple(residents), tuple(answers))


def test_non_answers_are_recognised_and_real_answers_are_not() -> None:
    for text in [*SHRUGS, "Can't think of anything", "nothing else to say", "?", "ok thanks"]:
        assert is_non_answer(text), text
    for text in ["nothing helped", "not sure who to ring", "GP was great", "no interpreter"]:
        assert not is_non_answer(text), text


def test_non_answers_are_counted_never_themed() -> None:
    result = find_themes(story_round(), scrub=scrub)
    q1 = result.per_question[0]
    assert q1.non_answers == 12
    assert q1.non_answer_residents == 12
    assert q1.answers == 3 * 24 + 12  # every answer is counted, shrugs included
    for t in result.all_themes():
        assert not any(is_non_answer(t2) for t2 in t.label.split(", ")), t.label
        assert "dunno" not in t.terms and "sure" not in t.terms
    themed = {r for t in q1.themes for r in t.resident_ids}
    assert len(themed) == 72
    # Shares are of everyone who answered, so the shrugs' share is what the themes leave.
    assert abs(sum(t.share_residents for t in q1.themes) - 72 / 84) < 1e-9


def test_labels_are_phrases_from_the_answers_and_read_naturally() -> None:
    data = story_round()
    texts = " ".join(a.value.lower() for a in data.answers)
    result = find_themes(data, scrub=scrub, k=3)
    q1 = result.per_question[0]
    assert len(q1.themes) == 3
    stop = set(LABEL_STOP_WORDS)
    labels = [t.label for t in q1.themes]
    for label in labels:
        words = label.lower().split()
        assert 2 <= len(words) <= 5, label
        assert label.lower() in texts, label  # taken from the answers themselves
        assert words[-1] not in stop, label
        assert "," not in label, label  # not a word list
    joined = " | ".join(labels).lower()
    assert "repeat my story" in joined
    assert "phone line" in joined
    kind = " ".join(STORIES["kind"]).lower()
    assert any(label.lower() in kind for label in labels)
    assert len(set(labels)) == len(labels)


def test_description_is_one_sentence_from_the_theme_and_terms_stay() -> None:
    result = find_themes(story_round(), scrub=scrub, k=3)
    for t in result.per_question[0].themes:
        assert t.description.startswith("Answers about “")
        assert t.description.endswith(".") and t.description.count(". ") == 0
        assert t.label.lower()[1:] in t.description.lower()
        assert t.terms  # the distinctive words are kept as a secondary line


def test_label_falls_back_to_words_when_no_phrase_repeats() -> None:
    groups = [["apples pears plums", "pears figs"], ["buses trains", "trains trams"]]
    named = label_themes(groups, [["pears", "figs"], ["trains", "trams"]], groups)
    assert named[0][0] == "Pears, figs"
    assert named[1][0] == "Trains, trams"


def test_labels_are_unique_within_a_question() -> None:
    same = ["long waiting list for the clinic", "long waiting list again"]
    named = label_themes([same, same], [["waiting"], ["clinic"]], [same, same])
    assert named[0][0] != named[1][0]


def test_a_phrase_keeps_its_negation() -> None:
    groups = [
        [
            "Nobody owns the problem.",
            "passed around, nobody owns the problem",
            "Nobody owns the problem!",
        ],
        ["the park is lovely", "lovely park", "park is lovely in spring"],
    ]
    named = label_themes(groups, [["owns"], ["park"]], groups)
    assert named[0][0] == "Nobody owns the problem"


def test_quotes_are_diverse_not_near_duplicates() -> None:
    texts = [
        "The phone line rings out and nobody answers it.",
        "The phone line rings out and nobody answers it at all.",
        "The phone line rings out, nobody answers it.",
        "I waited an hour on hold before the line cut off.",
        "Nobody picks up the phone in the morning, I gave up.",
    ]
    rng = np.random.default_rng(0)
    base = rng.normal(size=8)
    vectors = np.array(
        [base + 0.01 * rng.normal(size=8) for _ in range(3)]
        + [base + 0.8 * rng.normal(size=8) for _ in range(2)]
    )
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    centroid = base / np.linalg.norm(base)
    quotes = pick_quotes(texts, vectors, centroid, scrub, terms=["phone", "line"])
    assert len(quotes) == 3
    for i, a in enumerate(quotes):
        for b in quotes[i + 1 :]:
            assert not near_duplicate(a, b), (a, b)
    assert quotes[0] in texts[:3]  # the most central comes first
    assert len(set(quotes) & set(texts[:3])) == 1  # and only one of its near-twins


def test_quotes_are_trimmed_to_the_part_that_carries_the_theme() -> None:
    text = (
        "Having to repeat my story to every new worker wears you down. "
        "My name is Sam Kerridge and I live at 14 Larch Close."
    )
    quote = carrying_part(scrub(text), ["repeat", "story", "worker"])
    assert quote.startswith("Having to repeat my story")
    assert "[" not in quote and "Larch" not in quote
    assert quote.endswith("…")
    # A sentence with a masked detail carries nothing, even when it names a theme word.
    phone = carrying_part(
        "Give us a real person on the phone. You can ring me on [phone] any time.", ["phone"]
    )
    assert phone == "Give us a real person on the phone. …"


def test_round_level_themes_never_mix_questions() -> None:
    data = story_round()
    question_of = {i: a.question for i, a in enumerate(data.answers)}
    result = find_themes(data, scrub=scrub)
    assert result.across is not None
    assert result.across.scope == ROUND_SCOPE
    assert result.across.themes
    per_question = {t.id: t for s in result.per_question for t in s.themes}
    for t in result.across.themes:
        assert len({question_of[r] for r in t.rows}) == 1, t.label
        assert t.question in {"q1", "q2"}
        assert per_question[t.id].rows == t.rows
    residents = [t.residents for t in result.across.themes]
    assert residents == sorted(residents, reverse=True)


def test_round_level_themes_are_stable_across_seeds_and_carry_renames() -> None:
    data = story_round()
    tops = []
    for seed in range(3):
        result = find_themes(data, scrub=scrub, seed=seed, k=3)
        assert result.across is not None
        tops.append([t.label for t in result.across.themes[:3]])
    assert tops[0] == tops[1] == tops[2]
    first = find_themes(data, scrub=scrub, k=3).per_question[0].themes[0]
    renamed = find_themes(data, scrub=scrub, k=3, edits=[Rename(first.id, "Telling it twice")])
    assert renamed.across is not None
    across = {t.id: t for t in renamed.across.themes}
    assert across[first.id].label == "Telling it twice"
    assert across[first.id].auto_label == first.auto_label
