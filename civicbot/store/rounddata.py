"""From stored rows to the analysis input: a pure function, no database.

The round's frozen script says what each question was (kind, text in the script's default
language, tags, options, section); the rows say who took part and what they answered.
Demographic steps are not questions here: their answers travel on each
:class:`~civicbot_analysis.rounddata.Resident`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import yaml

from civicbot.script.model import Script, options_of, text_in
from civicbot.script.translations import split_frozen
from civicbot.store.rows import AnswerRow, DemographicRow, RoundRow, RoundRows, SessionRow
from civicbot_analysis.rounddata import Answer, Question, Resident, RoundData

_NULL_TAG = "tag:yaml.org,2002:null"


class _TextLoader(yaml.SafeLoader):
    """Reads every plain scalar as text except null, as script files mean them
    (``value: 1`` is the option value "1", ``equals: yes`` is "yes")."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == _NULL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_frozen_script(source: str) -> Script:
    """The script a round froze (its own language: the report asks its questions in
    that). It was validated, with its translations, when the round was created."""
    own = split_frozen(source)[0]
    return Script.model_validate(yaml.load(own, Loader=_TextLoader))


# A question's text may refer back to an earlier answer ("You chose {{ answers.x }}").
# Reports show the question for everyone, so such a reference reads as "…".
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def plain_text(text: str) -> str:
    return re.sub(r"[ \t]{2,}", " ", _TEMPLATE.sub("…", text)).strip()


def questions_of(script: Script) -> tuple[Question, ...]:
    language = script.default_language
    return tuple(
        Question(
            id=step.id,
            kind=step.type,
            text=plain_text(text_in(step.text, language, language)),
            tags=tuple(step.tags),
            options=tuple(
                (option.value, text_in(option.label, language, language))
                for option in options_of(step)
            ),
            section=section.id,
        )
        for section in script.sections
        for step in section.steps
        if step.is_question and step.demographic is None and step.type != "deliberation"
    )


def build_round_data(
    round_row: RoundRow,
    script: Script,
    sessions: Iterable[SessionRow],
    answers: Iterable[AnswerRow],
    demographics: Iterable[DemographicRow],
    moderation: Mapping[tuple[str, str], str] | None = None,
) -> RoundData:
    """The analysis view of a round: residents who consented, and what they said.

    A multiple-choice answer becomes one :class:`Answer` per chosen value; skipped
    questions give no answer.

    ``moderation`` ((resident, step) -> status) decides which free text may be quoted:
    never when rejected; when the round requires approval, only when approved; otherwise
    unless it waits for review.
    """
    questions = questions_of(script)
    asked = {q.id for q in questions}
    about: dict[str, dict[str, str]] = defaultdict(dict)
    for row in demographics:
        about[row.resident][row.field] = row.value
    residents = tuple(
        Resident(
            id=s.resident,
            started_at=s.started_at,
            finished_at=s.finished_at,
            source=s.source,
            demographics=dict(about.get(s.resident, {})),
        )
        for s in sessions
        if s.consent_version is not None
    )
    taking_part = {r.id for r in residents}
    return RoundData(
        round_id=str(round_row.id),
        title=round_row.title,
        questions=questions,
        residents=residents,
        answers=tuple(
            _quotable(
                _answers(answers, asked, taking_part, script.default_language),
                moderation or {},
                round_row.requires_approval,
            )
        ),
        simulated=round_row.simulated,
        opened_at=round_row.opened_at,
        closed_at=round_row.closed_at,
        language=script.default_language,
    )


def _answers(
    rows: Iterable[AnswerRow], asked: set[str], taking_part: set[str], default_language: str
) -> list[Answer]:
    found: list[Answer] = []
    for row in rows:
        if row.value is None or row.step_id not in asked or row.resident not in taking_part:
            continue
        values: Sequence[str] = (row.value,) if isinstance(row.value, str) else row.value
        language = row.language or default_language
        found.extend(
            Answer(row.resident, row.step_id, value, row.answered_at, language=language)
            for value in values
        )
    return found


def _quotable(
    found: list[Answer], moderation: Mapping[tuple[str, str], str], requires_approval: bool
) -> list[Answer]:
    if not moderation and not requires_approval:
        return found
    out: list[Answer] = []
    for answer in found:
        status = moderation.get((answer.resident, answer.question))
        quotable = status == "approved" or (status is None and not requires_approval)
        rejected = status == "rejected"
        out.append(answer if quotable else replace(answer, quotable=False, rejected=rejected))
    return out


def round_data_from_rows(rows: RoundRows) -> RoundData:
    script = parse_frozen_script(rows.round.script_source)
    return build_round_data(
        rows.round, script, rows.sessions, rows.answers, rows.demographics, rows.moderation
    )


def with_voice(data: RoundData, voice: Mapping[tuple[str, str], bool]) -> RoundData:
    """Mark the answers voice notes gave (``voice``: (resident, step) -> transcribed?):
    a transcribed one is text like any other, marked as from voice; one still waiting for
    its transcript has no words yet, so it is counted apart and left out of themes."""
    if not voice:
        return data
    answers: list[Answer] = []
    waiting: list[tuple[str, str]] = []
    for answer in data.answers:
        done = voice.get((answer.resident, answer.question))
        if done is None:
            answers.append(answer)
        elif done:
            answers.append(replace(answer, voice=True))
        else:
            waiting.append((answer.resident, answer.question))
    return replace(data, answers=tuple(answers), voice_waiting=tuple(dict.fromkeys(waiting)))
