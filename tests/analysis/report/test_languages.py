"""The report's language section: counts per language, themes per language, quotes in
the original with the language named, and small-number protection."""

from __future__ import annotations

import random
from dataclasses import replace

from civicbot_analysis.languages import in_language, language_of_answers, languages_used
from civicbot_analysis.report import build_report, render
from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData

WELSH = [
    "Roedd y staff yn garedig ac yn gwrando arnaf bob tro.",
    "Mae'r staff caredig yn gwneud byd o wahaniaeth i mi.",
    "Does dim bws i'r dref ar ddydd Sul, mae'n anodd iawn.",
    "Mae'r bws yn rhy ddrud ac yn rhy brin yn y pentref.",
]
URDU = ["ڈاکٹر سے ملاقات کے لیے بہت لمبا انتظار کرنا پڑا۔", "نرس بہت مہربان تھی اور میری بات سنی۔"]
ENGLISH = [
    "The waiting list for the doctor was far too long for us.",
    "Staff were kind and listened to what I had to say.",
    "There is no bus into town on Sundays, which is hard.",
    "The library is a warm place where people meet each other.",
]


# A few more words per answer, so that no two answers are the same text.
FILLERS = {
    "cy": "heddiw ddoe bore nos wythnos mis blwyddyn tref pentref ysgol teulu ffrind",
    "ur": "آج کل صبح شام ہفتہ مہینہ سال شہر گاؤں اسکول خاندان دوست",
    "en": "today yesterday morning evening week month year town village school family friend",
}


def round_with(welsh: int, urdu: int, english: int = 60, seed: int = 3) -> RoundData:
    rng = random.Random(seed)
    questions = (Question("story", "free_text", "Tell us a story."),)
    residents, answers = [], []
    plan = [("cy", WELSH)] * welsh + [("ur", URDU)] * urdu + [("en", ENGLISH)] * english
    for n, (code, bank) in enumerate(plan):
        who = f"r{n}"
        residents.append(Resident(who))
        words = " ".join(rng.sample(FILLERS[code].split(" "), 3))
        answers.append(Answer(who, "story", f"{rng.choice(bank)} {words}", language=code))
    return RoundData("1", "Languages", questions, tuple(residents), tuple(answers))


def test_languages_are_counted_by_resident_and_ordered() -> None:
    data = round_with(welsh=12, urdu=4)
    assert languages_used(data) == ["en", "cy", "ur"]
    assert set(language_of_answers(data).values()) == {"en", "cy", "ur"}
    assert {a.language for a in in_language(data, "cy").answers} == {"cy"}


def test_the_section_names_languages_and_quotes_in_the_original() -> None:
    report = build_report(round_with(welsh=14, urdu=4), k_min=10)
    view = report.languages
    assert view is not None
    names = [row.name for row in view.rows]
    assert names[0] == "English" and "Cymraeg (Welsh)" in names
    welsh = next(o for o in view.others if o.row.code == "cy")
    assert welsh.themes is not None
    quotes = [q for t in welsh.themes.themes for q in t.quotes]
    assert quotes and all(any(w[:20] in q for w in WELSH) for q in quotes)
    html = render(report, "html")
    assert '<blockquote lang="cy">' in html
    assert 'in <bdi lang="cy">Cymraeg</bdi> (Welsh)' in html
    md = render(report, "md")
    assert "## Languages residents answered in" in md
    assert "(in Cymraeg (Welsh))" in md


def test_the_main_themes_hold_no_other_language() -> None:
    report = build_report(round_with(welsh=14, urdu=0), k_min=10)
    main_quotes = [q for ts in report.theme_sets for t in ts.themes for q in t.quotes]
    assert main_quotes
    assert not any(q.strip("“”") in WELSH for q in main_quotes)


def test_a_language_fewer_than_k_answered_in_shows_no_count_themes_or_quotes() -> None:
    report = build_report(round_with(welsh=14, urdu=4), k_min=10)
    view = report.languages
    assert view is not None
    urdu = next(row for row in view.rows if row.code == "ur")
    assert not urdu.residents.shown and not urdu.answers.shown
    # Secondary suppression: the Urdu count cannot be worked out from the total.
    hidden = [row for row in view.rows if not row.residents.shown]
    assert len(hidden) >= 2
    other = next(o for o in view.others if o.row.code == "ur")
    assert other.themes is None
    html = render(report, "html")
    assert not any(u in html for u in URDU)
    assert "\u2068اردو\u2069 (Urdu)" in render(report, "md")


def test_one_language_means_no_section() -> None:
    data = round_with(welsh=0, urdu=0)
    assert build_report(data, k_min=10).languages is None
    unknown = replace(data, answers=tuple(replace(a, language="") for a in data.answers))
    assert build_report(unknown, k_min=10).languages is None
