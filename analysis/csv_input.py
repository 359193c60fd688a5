"""RoundData as one CSV file, one row per answer, so data gathered elsewhere can be analysed.

Columns (UTF-8, header row required, order free; unknown columns are ignored):

==================== =====================================================================
``round_id``         the round's id (the first row's value is used)
``round_title``      the round's title
``simulated``        ``true`` if the data are simulated (a banner says so in the report)
``resident``         the resident's pseudonym (never a name or a Telegram id)
``question_id``      the question's id
``question_kind``    ``free_text``, ``scale``, ``single_choice``, ``multi_choice``, ``yes_no``
``question_text``    the question as asked
``question_tags``    values and principles it speaks to, separated by ``;``
``question_options`` choices as ``value=label`` separated by ``|``, worst to best for a scale
``question_section`` the script section it belongs to (optional)
``value``            the answer: free text, or an option's value (one row per chosen option
                     of a multiple-choice question)
``answered_at``      ISO 8601 date and time (optional)
``demo_<field>``     the resident's "about you" answers, one column per field of
                     :data:`analysis.rounddata.DEMOGRAPHIC_FIELDS` (e.g. ``demo_age_band``);
                     blank means not answered, ``prefer_not`` means declined
==================== =====================================================================

A row with a blank ``question_id`` carries a resident who gave no answers; a row with a
blank ``resident`` carries a question nobody answered. Cells that would start a formula in a
spreadsheet are written with a leading apostrophe and read back without it.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from analysis.report.csvsafe import guard, unguard
from analysis.rounddata import DEMOGRAPHIC_FIELDS, Answer, Question, Resident, RoundData

COLUMNS: tuple[str, ...] = (
    "round_id",
    "round_title",
    "simulated",
    "resident",
    "question_id",
    "question_kind",
    "question_text",
    "question_tags",
    "question_options",
    "question_section",
    "value",
    "answered_at",
    *(f"demo_{f}" for f in DEMOGRAPHIC_FIELDS),
)
REQUIRED = ("resident", "question_id", "value")


class CsvFormatError(ValueError):
    """The file does not follow the documented format (the message says where)."""


def _options(q: Question) -> str:
    return "|".join(f"{v}={label}" for v, label in q.options)


def _parse_options(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for part in filter(None, text.split("|")):
        value, _, label = part.partition("=")
        out.append((value.strip(), (label or value).strip()))
    return tuple(out)


def write_csv(data: RoundData) -> str:
    """The round as CSV text in the documented format."""
    questions = {q.id: q for q in data.questions}
    residents = {r.id: r for r in data.residents}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)

    def row(resident: str, q: Question | None, value: str, at: datetime | None) -> None:
        demo = residents[resident].demographics if resident in residents else {}
        cells = [
            data.round_id,
            data.title,
            "true" if data.simulated else "false",
            resident,
            q.id if q else "",
            q.kind if q else "",
            q.text if q else "",
            ";".join(q.tags) if q else "",
            _options(q) if q else "",
            q.section if q else "",
            value,
            at.isoformat() if at else "",
            *(demo.get(f, "") for f in DEMOGRAPHIC_FIELDS),
        ]
        writer.writerow([guard(c) for c in cells])

    answered_q = set()
    answered_r = set()
    for a in data.answers:
        row(a.resident, questions.get(a.question), a.value, a.answered_at)
        answered_q.add(a.question)
        answered_r.add(a.resident)
    for r in data.residents:
        if r.id not in answered_r:
            row(r.id, None, "", None)
    for q in data.questions:
        if q.id not in answered_q:
            row("", q, "", None)
    return out.getvalue()


def read_csv_text(text: str, *, source: str = "CSV") -> RoundData:
    """RoundData from CSV text in the documented format."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise CsvFormatError(f"{source}: missing column(s) {', '.join(missing)}")
    round_id = title = ""
    simulated = False
    questions: dict[str, Question] = {}
    residents: dict[str, dict[str, str]] = {}
    answers: list[Answer] = []
    for line, raw in enumerate(reader, start=2):
        cell = {k: unguard(v or "") for k, v in raw.items() if k is not None}
        if not round_id:
            round_id = cell.get("round_id", "")
            title = cell.get("round_title", "")
            simulated = cell.get("simulated", "").strip().lower() in ("true", "1", "yes")
        qid, who = cell["question_id"].strip(), cell["resident"].strip()
        if qid and qid not in questions:
            questions[qid] = Question(
                id=qid,
                kind=cell.get("question_kind", "").strip() or "free_text",
                text=cell.get("question_text", "") or qid,
                tags=tuple(t.strip() for t in cell.get("question_tags", "").split(";") if t),
                options=_parse_options(cell.get("question_options", "")),
                section=cell.get("question_section", ""),
            )
        if who:
            demo = residents.setdefault(who, {})
            for f in DEMOGRAPHIC_FIELDS:
                value = cell.get(f"demo_{f}", "").strip()
                if value:
                    demo[f] = value
        if who and qid:
            answers.append(Answer(who, qid, cell["value"], _when(cell.get("answered_at"), line)))
    return RoundData(
        round_id=round_id or "csv",
        title=title or source,
        questions=tuple(questions.values()),
        residents=tuple(Resident(id=r, demographics=d) for r, d in residents.items()),
        answers=tuple(answers),
        simulated=simulated,
    )


def _when(text: str | None, line: int) -> datetime | None:
    if not text or not text.strip():
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise CsvFormatError(f"line {line}: answered_at {text!r} is not ISO 8601") from exc


def read_csv(path: str | Path) -> RoundData:
    """RoundData from a CSV file in the documented format."""
    p = Path(path)
    return read_csv_text(p.read_text(encoding="utf-8-sig"), source=p.name)
