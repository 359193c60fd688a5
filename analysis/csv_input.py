"""RoundData as one CSV file, one row per answer, so data gathered elsewhere can be analysed.

Columns (header row required, order free; unknown columns are ignored). Files are read as
spreadsheets save them: UTF-8 with or without a byte-order mark, UTF-16 ("Unicode text"),
or another encoding named with ``--encoding``; separated by commas, semicolons or tabs.
Problems raise :class:`CsvFormatError`, one line naming the file, what is wrong and what
to do. A question without ``question_kind`` gets a kind from its answers
(:mod:`civicbot_analysis.csv_kinds`), and the report says so.

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
                     :data:`civicbot_analysis.rounddata.DEMOGRAPHIC_FIELDS` (e.g.
                     ``demo_age_band``); blank means not answered, ``prefer_not`` means declined
==================== =====================================================================

A row with a blank ``question_id`` carries a resident who gave no answers; a row with a
blank ``resident`` carries a question nobody answered. Cells that would start a formula in a
spreadsheet are written with a leading apostrophe and read back without it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from civicbot_analysis.csv_kinds import infer_kinds
from civicbot_analysis.errors import FileError, read_bytes
from civicbot_analysis.report.csvsafe import guard, unguard
from civicbot_analysis.rounddata import DEMOGRAPHIC_FIELDS, Answer, Question, Resident, RoundData
from civicbot_analysis.textfile import DELIMITERS, decode, sniff_delimiter

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


class CsvFormatError(FileError, ValueError):
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


KINDS = ("free_text", "scale", "single_choice", "multi_choice", "yes_no")
FORMAT_HELP = "see the CSV format in docs/organisers.md"


@dataclass(frozen=True)
class CsvRead:
    """What :func:`read_answers` found: the round, and what it says about the reading
    (encoding, separator, inferred question kinds) for the organiser to see."""

    data: RoundData
    notes: tuple[str, ...] = ()  # for the report: e.g. the question kinds inferred
    how: str = ""  # for the terminal: the encoding and separator used


def _rows(text: str, source: str, delimiter: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        fields = [f.strip() for f in (reader.fieldnames or [])]
        reader.fieldnames = fields
        rows = [{k: v for k, v in raw.items() if k is not None} for raw in reader]
    except csv.Error as exc:
        line = reader.line_num
        raise CsvFormatError(
            source,
            f"cannot be read as CSV at line {line} ({exc})",
            "check the quotes on that line: an unclosed quote runs on to the end of the file",
        ) from None
    return fields, rows


def read_csv_text(text: str, *, source: str = "CSV", delimiter: str = ",") -> RoundData:
    """RoundData from CSV text in the documented format."""
    return _read(text, source, delimiter).data


def _read(text: str, source: str, delimiter: str) -> CsvRead:
    if not text.strip():
        raise CsvFormatError(source, "is empty", "export the answers again")
    fields, rows = _rows(text, source, delimiter)
    missing = [c for c in REQUIRED if c not in fields]
    if missing:
        found = ", ".join(f for f in fields if f)[:120] or "none"
        raise CsvFormatError(
            source,
            f"lacks the column(s) {', '.join(missing)} (found: {found})",
            f"the header must name resident, question_id and value; {FORMAT_HELP}",
        )
    round_id = title = ""
    simulated = False
    questions: dict[str, Question] = {}
    untyped: set[str] = set()
    residents: dict[str, dict[str, str]] = {}
    answers: list[Answer] = []
    for line, raw in enumerate(rows, start=2):
        cell = {k: unguard(v or "") for k, v in raw.items()}
        if not round_id:
            round_id = cell.get("round_id", "")
            title = cell.get("round_title", "")
            simulated = cell.get("simulated", "").strip().lower() in ("true", "1", "yes")
        qid, who = cell.get("question_id", "").strip(), cell.get("resident", "").strip()
        if qid and qid not in questions:
            kind = cell.get("question_kind", "").strip()
            if kind and kind not in KINDS:
                raise CsvFormatError(
                    source,
                    f"line {line}: question_kind {kind[:40]!r} is not one of {', '.join(KINDS)}",
                    "correct it, or leave it blank to have the kind read from the answers",
                )
            if not kind:
                untyped.add(qid)
            questions[qid] = Question(
                id=qid,
                kind=kind or "free_text",
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
            when = _when(cell.get("answered_at"), line, source)
            answers.append(Answer(who, qid, cell.get("value", ""), when))
    if not answers and not residents and not questions:
        raise CsvFormatError(source, "has a header but no answers", "export the answers again")
    typed, inferred = infer_kinds(questions.values(), untyped, answers)
    notes = []
    if inferred:
        notes.append(
            f"{source} gives no question kinds for {len(inferred)} question(s), so they were "
            f"read from the answers: {'; '.join(inferred)}. Add a question_kind column to "
            "say otherwise."
        )
    data = RoundData(
        round_id=round_id or "csv",
        title=title or source,
        questions=tuple(typed),
        residents=tuple(Resident(id=r, demographics=d) for r, d in residents.items()),
        answers=tuple(answers),
        simulated=simulated,
    )
    return CsvRead(data, tuple(notes))


def _when(text: str | None, line: int, source: str = "CSV") -> datetime | None:
    if not text or not text.strip():
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise CsvFormatError(
            source,
            f"line {line}: answered_at {text.strip()[:40]!r} is not a date and time",
            "write it as ISO 8601 (2026-05-01T10:30:00), or leave it blank",
        ) from None


def read_answers(path: str | Path, encoding: str | None = None) -> CsvRead:
    """Read an answers CSV file as spreadsheets save it: UTF-8 with or without a
    byte-order mark, UTF-16, or ``encoding``; separated by commas, semicolons or tabs.
    The notes say which encoding and separator were used, and any inferred kinds."""
    p = Path(path)
    decoded = decode(read_bytes(p, "CSV file"), p, encoding)
    delimiter = sniff_delimiter(decoded.text)
    read = _read(decoded.text, p.name, delimiter)
    how = f"Read {p.name} as {decoded.encoding}, separated by {DELIMITERS[delimiter]}."
    return CsvRead(read.data, read.notes, how)


def read_csv(path: str | Path, encoding: str | None = None) -> RoundData:
    """RoundData from a CSV file in the documented format (see :func:`read_answers`)."""
    return read_answers(path, encoding).data
