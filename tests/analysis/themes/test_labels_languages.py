"""Theme and topic labels in languages other than English: whole words of the residents'
own texts, every letter kept, no stop word at a label's edge.

The texts are written here (two subjects per language, answers built from a few openings
and endings so that phrases repeat as they do in real answers); the checks split labels
and texts on white space and punctuation only, not with the code under test.
"""

from __future__ import annotations

import itertools
import re

import pytest

from civicbot_analysis.languages import in_language
from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData, Statement
from civicbot_analysis.scrub import scrub
from civicbot_analysis.themes import find_themes
from civicbot_analysis.themes.label import ClassTfidf
from civicbot_analysis.themes.vectorise import TextEmbedder
from civicbot_analysis.themes.words import language_of
from civicbot_analysis.topics import find_topics
from civicbot_analysis.topics.casing import surface_forms

# language: (subject A openings, subject A endings, subject B openings, endings, stop words
# that must not start or end a label: a few of the commonest, chosen by the test)
TEXTS: dict[str, tuple[list[str], list[str], list[str], list[str], set[str]]] = {
    "sk": (
        [
            "Mimovládne organizácie by mali",
            "Podľa mňa mimovládne organizácie musia",
            "Chcem, aby mimovládne organizácie vedeli",
            "Verím, že mimovládne organizácie budú",
        ],
        [
            "zverejňovať financovanie",
            "byť nezávislé od politikov",
            "pomáhať ľuďom v núdzi",
            "získať späť dôveru verejnosti",
            "hovoriť zrozumiteľne",
        ],
        [
            "Verejná doprava je",
            "Autobusy v našej obci sú",
            "Vlaky a autobusy sú",
            "Cestovanie verejnou dopravou je",
        ],
        [
            "príliš drahé",
            "stále meškajú",
            "pre starších ľudí nedostupné",
            "špinavé a plné",
            "zriedkavé večer",
        ],
        {"by", "mali", "sa", "je", "sú", "na", "a", "v", "že", "aby", "pre", "od"},
    ),
    "de": (
        [
            "Der öffentliche Nahverkehr ist",
            "Die Busse im Dorf sind",
            "Züge und Busse sind",
            "Mit dem Bus zu fahren ist",
        ],
        [
            "viel zu teuer",
            "ständig verspätet",
            "für ältere Menschen schwierig",
            "abends kaum möglich",
            "überfüllt und schmutzig",
        ],
        [
            "Grünflächen in der Stadt sollten",
            "Mehr Bäume und Grünflächen würden",
            "Öffentliche Parks müssen",
            "Die Grünflächen am Fluss sollten",
        ],
        [
            "geschützt werden",
            "für Kinder zugänglich bleiben",
            "die Hitze im Sommer mildern",
            "besser gepflegt werden",
            "nicht bebaut werden",
        ],
        {"der", "die", "das", "und", "ist", "sind", "zu", "für", "im", "mit", "werden"},
    ),
    "cy": (
        [
            "Mae'r ysgol Gymraeg yn",
            "Dw i'n meddwl bod yr ysgol Gymraeg yn",
            "Mae addysg Gymraeg i'n plant yn",
            "Mae'r ysgol Gymraeg leol yn",
        ],
        [
            "bwysig iawn i'r gymuned",
            "rhy bell o'r pentref",
            "llawn bob blwyddyn",
            "haeddu mwy o arian",
            "rhoi dyfodol i'r iaith",
        ],
        [
            "Roedd yr ŵyl fwyd ar y traeth yn",
            "Mae angen i'r ŵyl fwyd fod yn",
            "Dylai'r ŵyl gerddoriaeth fod yn",
            "Roedd y gŵyl yn yr haf yn",
        ],
        [
            "wych i'r teulu",
            "rhatach i bobl ifanc",
            "fwy hygyrch i bawb",
            "llawn sŵn a hwyl",
            "dda i fusnesau lleol",
        ],
        {"yn", "y", "yr", "i", "a", "o", "mae", "bod", "ar", "fod", "'r", "dw", "roedd"},
    ),
    "fi": (
        [
            "Julkinen liikenne on",
            "Bussit meidän kylässä ovat",
            "Junat ja bussit ovat",
            "Bussilla matkustaminen on",
        ],
        [
            "liian kallista",
            "aina myöhässä",
            "vaikeaa vanhuksille",
            "harvinaista iltaisin",
            "täynnä ja likaista",
        ],
        [
            "Kaupungin puistot tarvitsevat",
            "Lasten leikkipuistot tarvitsevat",
            "Joen rannan viheralueet tarvitsevat",
            "Kaikki puistot tarvitsevat",
        ],
        [
            "lisää puita",
            "parempaa valaistusta",
            "siivousta joka päivä",
            "turvallisia leikkivälineitä",
            "enemmän varjoa",
        ],
        {"on", "ja", "ovat", "ei", "se", "joka", "kaikki"},
    ),
    "el": (
        [
            "Τα λεωφορεία στη γειτονιά μας είναι",
            "Η δημόσια συγκοινωνία είναι",
            "Τα δρομολόγια των λεωφορείων είναι",
            "Για τους ηλικιωμένους τα λεωφορεία είναι",
        ],
        [
            "πολύ ακριβά",
            "συνεχώς καθυστερημένα",
            "γεμάτα το πρωί",
            "σπάνια το βράδυ",
            "βρώμικα και παλιά",
        ],
        [
            "Οι παιδικές χαρές στο πάρκο χρειάζονται",
            "Το δημοτικό πάρκο χρειάζεται",
            "Οι παιδικές χαρές της πόλης χρειάζονται",
            "Τα πάρκα για τα παιδιά χρειάζονται",
        ],
        [
            "περισσότερα δέντρα",
            "καλύτερο φωτισμό",
            "καθαριότητα κάθε μέρα",
            "ασφαλή παιχνίδια",
            "περισσότερη σκιά",
        ],
        {"τα", "το", "η", "οι", "της", "και", "είναι", "για", "στη", "στο", "μας", "των"},
    ),
}


# Polish and Urdu are labelled with their own lists only when the round (or the answer)
# says its language: no guess tells Polish from Slovak.
TEXTS["pl"] = (
    [
        "Autobusy w naszej dzielnicy są",
        "Komunikacja miejska jest",
        "Wieczorne autobusy są",
        "Pociągi i autobusy są",
    ],
    ["za drogie", "zawsze spóźnione", "rano przepełnione", "brudne i stare", "rzadkie wieczorem"],
    [
        "Place zabaw w parku potrzebują",
        "Miejski park potrzebuje",
        "Parki nad rzeką potrzebują",
        "Skwery przy blokach potrzebują",
    ],
    [
        "więcej drzew",
        "lepszego oświetlenia",
        "codziennego sprzątania",
        "bezpiecznych huśtawek",
        "więcej cienia",
    ],
    {"w", "są", "jest", "i", "nad", "przy", "za", "się", "że"},
)
TEXTS["ur"] = (
    ["ہمارے محلے کی بس", "شہر کی بسیں", "شام کی بس", "اسکول کی بس"],
    [
        "بہت دیر سے آتی ہے۔",
        "بہت مہنگی ہے۔",
        "ہمیشہ بھری ہوتی ہے۔",
        "بہت کم چلتی ہے۔",
        "گندی اور پرانی ہے۔",
    ],
    [
        "پارک میں بچوں کے لیے",
        "ہمارے علاقے کے پارک میں",
        "دریا کے کنارے پارک میں",
        "اسکول کے پاس پارک میں",
    ],
    [
        "زیادہ درخت چاہئیں۔",
        "بہتر روشنی چاہیے۔",
        "روزانہ صفائی چاہیے۔",
        "محفوظ جھولے چاہئیں۔",
        "زیادہ سایہ چاہیے۔",
    ],
    {"کی", "کے", "ہے", "میں", "بہت", "اور", "سے", "لیے"},
)
GUESSED = ["cy", "de", "el", "fi", "sk"]


def _answers(code: str) -> list[str]:
    a_open, a_end, b_open, b_end, _ = TEXTS[code]
    out = [f"{o} {e}." for o, e in itertools.product(a_open, a_end)]
    out += [f"{o} {e}." for o, e in itertools.product(b_open, b_end)]
    return out


def _split(text: str) -> list[str]:
    # White space and punctuation only; a word keeps every letter it was written with.
    return [w for w in re.split(r"[\s,.;:!?“”\"()۔،]+", text) if w]


def _round(texts: list[str], language: str) -> RoundData:
    q = Question("q1", "free_text", "What matters to you?")
    answers = tuple(Answer(f"r{i}", "q1", t) for i, t in enumerate(texts))
    residents = tuple(Resident(a.resident) for a in answers)
    return RoundData("r", "Round", (q,), residents, answers, language=language)


def _check_labels(labels: list[str], texts: list[str], stop: set[str]) -> None:
    vocabulary = {w.casefold() for t in texts for w in _split(t)}
    for label in labels:
        words = _split(label)
        assert words, label
        for word in words:
            assert word.casefold() in vocabulary, (label, word)
        assert words[0].casefold() not in stop, label
        assert words[-1].casefold() not in stop, label


@pytest.mark.parametrize(
    ("code", "declared"),
    [(c, "own") for c in sorted(TEXTS)] + [(c, "en") for c in GUESSED],
)
def test_theme_labels_are_whole_words_of_the_answers(code: str, declared: str) -> None:
    """The round says its language, or (as a Pol.is export) says nothing and reads as
    English: either way the labels are the answers' own words, no stop word at the edges."""
    texts = _answers(code)
    result = find_themes(_round(texts, code if declared == "own" else "en"), scrub=scrub, k=2)
    themes = result.per_question[0].themes
    assert len(themes) == 2
    _check_labels([t.label for t in themes], texts, TEXTS[code][4])
    for t in themes:
        _check_labels(list(t.terms), texts, TEXTS[code][4])


@pytest.mark.parametrize("code", GUESSED)
def test_topic_labels_are_whole_words_of_the_statements(code: str) -> None:
    texts = _answers(code)
    statements = tuple(Statement(str(i), t, moderated=1) for i, t in enumerate(texts))
    data = RoundData("r", "Round", (), (), (), statements=statements)
    found = find_topics(data, scrub=scrub, k=2, subtopics=False, runs=1)
    assert len(found.topics) == 2
    _check_labels([t.label for t in found.topics], texts, TEXTS[code][4])


def test_the_language_of_texts_is_told_by_their_stop_words_and_script() -> None:
    assert language_of(_answers("sk"), "en") == "sk"
    assert language_of(_answers("de"), "en") == "de"
    assert language_of(_answers("el"), "en") == "el"
    assert language_of(_answers("fi"), "en") == "fi"
    assert language_of(_answers("cy"), "en") == "cy"
    english = ["The buses are late every morning and too dear for families."] * 5
    assert language_of(english, "en") == "en"
    assert language_of(["我認為人工智慧應該保護人權。"], "en") == "zh"
    assert language_of(["AIは人権を守るべきだと思います。"], "en") == "ja"
    # A round that says its language keeps it.
    assert language_of(english, "cy") == "cy"
    assert language_of(_answers("sk"), "pl") == "pl"  # no list for Polish: none, not Slovak


def test_chinese_labels_are_runs_of_characters_the_statements_share() -> None:
    """No word splitter ships: a label is characters that stand together in the texts."""
    a = [
        "我認為人工智慧應該保護人權",
        "人工智慧需要尊重人權",
        "人工智慧不能侵犯人權",
        "政府應該監管人工智慧",
        "人工智慧的訓練資料要公開",
        "人工智慧公司必須負責",
    ]
    b = [
        "公車路線太少了",
        "公車經常誤點",
        "我希望公車班次更多",
        "公車票價太貴",
        "晚上沒有公車",
        "公車站需要遮雨棚",
    ]
    texts = a * 2 + b * 2
    found = find_themes(_round(texts, "en"), scrub=scrub, k=2).per_question[0].themes
    joined = ["".join(t.split()) for t in texts]
    for theme in found:
        label = "".join(theme.label.split())
        assert 2 <= len(label) <= 8, theme.label
        assert any(label in t for t in joined), theme.label
        # Quoted too: a Chinese answer has no spaces, yet it is more than one word.
        assert theme.quotes and all("".join(q.split()) in joined for q in theme.quotes)
    assert {t.label for t in found} >= {"人工智慧"} or any("公車" in t.label for t in found)


def test_stop_words_follow_the_language() -> None:
    texts = _answers("sk")
    vocabulary = TextEmbedder(dims=2, language="sk").fit(texts).word_vectoriser
    assert vocabulary is not None
    words = set(vocabulary.get_feature_names_out())
    assert "sa" not in words and "je" not in words and "verejná" in words
    counts = ClassTfidf(language="sk").fit(texts)
    import numpy as np

    terms = counts.top_terms(np.array([0] * 20 + [1] * 20))
    assert all(t.split()[0] not in {"by", "je", "sú", "v"} for ts in terms.values() for t in ts)


def test_answers_in_another_language_are_themed_as_that_language() -> None:
    data = _round(_answers("cy"), "en")
    data = RoundData(
        data.round_id,
        data.title,
        data.questions,
        data.residents,
        tuple(Answer(a.resident, a.question, a.value, language="cy") for a in data.answers),
    )
    assert in_language(data, "cy").language == "cy"


def test_casing_keeps_letters_outside_a_to_z() -> None:
    forms = surface_forms(["Cesta do Žiliny je dlhá", "Autobus do Žiliny mešká", "V Žiline"])
    assert forms["žiliny"] == "Žiliny"
    # A decomposed letter (e + combining acute) is one word, in normal form C.
    forms = surface_forms(
        ["We met in Tr\u030cebi\u0301c\u030c today", "Back to Tr\u030cebi\u0301c\u030c"]
    )
    assert forms["třebíč".casefold()] == "Třebíč"


def test_answers_in_other_scripts_are_answers_not_shrugs() -> None:
    """Greek, Chinese and Cyrillic answers hold words; English shrugs are still shrugs."""
    from civicbot_analysis.themes.nonanswer import is_non_answer

    for text in ("Τα λεωφορεία αργούν", "公車太少", "Автобусы опаздывают", "Mimovládky"):
        assert not is_non_answer(text), text
    for text in ("n/a", "dunno", "I don't know", "-", "nothing to add"):
        assert is_non_answer(text), text


def test_inflected_forms_are_one_term_outside_english() -> None:
    """No stemmer for Slovak: "demokracia" and "demokraciu" are one word in the terms."""
    from civicbot_analysis.themes.label import _redundant

    assert _redundant("demokraciu", ["demokracia"], "sk")
    assert _redundant("ruských", ["ruskí"], "sk")
    assert not _redundant("pravidlá", ["pravda"], "sk")
    assert _redundant("hoaxy", ["hoaxov", "šport"], "sk")
    assert not _redundant("polícia", ["politika"], "sk")
    # English keeps its own rule: suffixes, not prefixes.
    assert not _redundant("policy", ["police"], "en")


def test_japanese_labels_are_unbroken_runs_of_the_answers() -> None:
    buses = ["バスの本数が", "駅までのバスが", "市営バスが", "夜のバスが"]
    bus_ends = ["少なすぎます。", "いつも遅れます。", "高すぎます。", "混んでいます。"]
    parks = ["公園の木が", "子供の遊び場が", "川沿いの公園が", "近所の公園が"]
    park_ends = ["足りません。", "汚いです。", "暗いです。", "危ないです。"]
    texts = [a + b for a, b in itertools.product(buses, bus_ends)]
    texts += [a + b for a, b in itertools.product(parks, park_ends)]
    found = find_themes(_round(texts, "en"), scrub=scrub, k=2).per_question[0].themes
    assert len(found) == 2
    for theme in found:
        assert " " not in theme.label and any(theme.label in t for t in texts), theme.label
        assert all(any(term in t for t in texts) for term in theme.terms), theme.terms
        assert not any(term in {"です", "ます", "すぎ"} for term in theme.terms), theme.terms
