"""The report's voice figures: counted, hidden below k, quotes marked only when sure."""

from __future__ import annotations

from dataclasses import replace

from civicbot_analysis.report import build_report, render
from civicbot_analysis.report.voice import MARK, voice_quotes
from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData

Q = Question("story", "free_text", "Tell us what happened.")


def _round(voiced: int, waiting: int, *, typed_copy: bool = False) -> RoundData:
    residents = tuple(Resident(f"r{i}") for i in range(voiced + waiting + 1))
    answers = [
        Answer(f"r{i}", "story", f"The buses number {i} never come on time here.", voice=True)
        for i in range(voiced)
    ]
    if typed_copy:
        answers.append(Answer("r999", "story", answers[0].value))
    pending = tuple((f"r{voiced + i}", "story") for i in range(waiting))
    return RoundData("1", "Test", (Q,), residents, tuple(answers), voice_waiting=pending)


def test_voice_answers_are_counted_and_quoted_when_enough_residents() -> None:
    report = build_report(_round(6, 5), k_min=5)
    assert report.voice is not None
    # Counts are protected by the cell-key method: within 2 of the truth, never below k,
    # and a count of exactly k (5 here) may be hidden.
    v = report.voice
    assert isinstance(v.residents.value, int) and abs(v.residents.value - 11) <= 2
    assert isinstance(v.transcribed.value, int) and abs(v.transcribed.value - 6) <= 2
    assert v.waiting.suppressed or abs(int(v.waiting.value or 0) - 5) <= 2  # type: ignore[arg-type]
    assert len(report.voice.quotes) == 3
    said = f"{v.residents.render()} residents answered by voice note"
    assert any(said in line for line in report.summary)
    assert MARK in render(report, "md")


def test_few_voice_residents_show_no_figures_and_no_quotes() -> None:
    report = build_report(_round(2, 1), k_min=5)
    assert report.voice is not None
    assert not report.voice.residents.shown
    assert report.voice.quotes == ()
    assert "5 or fewer did" in report.voice.sentence
    assert "Heard by voice" not in render(report, "html")


def test_no_voice_no_section() -> None:
    data = _round(0, 0)
    assert build_report(replace(data, answers=()), k_min=5).voice is None


def test_a_quote_someone_also_typed_is_not_marked_as_voice() -> None:
    data = _round(6, 0, typed_copy=True)
    marked = voice_quotes(data)
    assert data.answers[0].value not in marked
    assert data.answers[1].value in marked
