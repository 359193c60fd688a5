"""Build RoundData for equity tests: residents with given demographics and answers."""

from __future__ import annotations

from collections.abc import Iterable

from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData

SCALE5 = tuple((str(i), f"level {i}") for i in range(5))


def resident(rid: str, **demographics: str) -> Resident:
    return Resident(id=rid, demographics=dict(demographics))


def people(prefix: str, n: int, **demographics: str) -> list[Resident]:
    return [resident(f"{prefix}{i}", **demographics) for i in range(n)]


def round_data(
    residents: Iterable[Resident],
    answers: Iterable[Answer] = (),
    questions: Iterable[Question] = (),
) -> RoundData:
    return RoundData(
        round_id="r1",
        title="Test round",
        questions=tuple(questions),
        residents=tuple(residents),
        answers=tuple(answers),
    )


def scale_question(qid: str, text: str, tags: tuple[str, ...] = ()) -> Question:
    return Question(id=qid, kind="scale", text=text, tags=tags, options=SCALE5)
