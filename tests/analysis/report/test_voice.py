"""The report's voice figures: counted, hidden below k, quotes marked only when sure."""

from __future__ import annotations

from dataclasses import replace

from analysis.report import build_report, render
from analysis.report.voice import MARK, voice_quotes
from analysis.rounddata import Answer, Question, Resident, RoundData

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
    assert (report.voice.residents.value, report.voice.transcribed.value) == (11, 6)
    assert report.voice.waiting.value == 5
    assert len(report.voice.quotes) == 3
    assert "11 residents answered by voice note" in report.summary[-1] or any(
        "11 residents answered by voice note" in line for line in report.summary
    )
    assert MARK in render(report, "md")


def test_few_voice_residents_show_no_figures_and_no_quotes() -> None:
    report = build_report(_round(2, 1), k_min=5)
    assert report.voice is not None
    assert not report.voice.residents.shown
    assert report.voice.quotes == ()
    assert "fewer than 5 did" in report.voice.sentence
    assert "Heard by voice" not in render(report, "html")


def test_no_voice_no_section() -> None:
    data = _round(0, 0)
    assert build_report(replace(data, answers=()), k_min=5).voice is None


def test_a_quote_someone_also_typed_is_not_marked_as_voice() -> None:
    data = _round(6, 0, typed_copy=True)
    marked = voice_quotes(data)
    assert data.answers[0].value not in marked
    assert data.answers[1].value in marked
