"""The shape of a dialogue script, as parsed from YAML (pydantic models).

A script holds a consent notice and sections of steps. Text is given per language
(``{en: "...", cy: "..."}``; a plain string means the script's default language) and may
use sandboxed Jinja2 (``{{ answers.step_id }}``) to refer back to earlier answers.
Structural checks that need the whole script (dangling branches, unreachable steps,
missing translations, duplicate ids) live in ``civicbot.script.validate``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from civicbot_analysis.rounddata import DEMOGRAPHIC_FIELDS as _DEMOGRAPHIC_FIELDS
from civicbot_analysis.rounddata import PREFER_NOT as _PREFER_NOT
from civicbot_analysis.rounddata import PRINCIPLES, VALUES

KNOWN_TAGS: frozenset[str] = frozenset(VALUES + PRINCIPLES)

STEP_KINDS: tuple[str, ...] = (
    "message",
    "free_text",
    "scale",
    "single_choice",
    "multi_choice",
    "yes_no",
    "deliberation",
)
QUESTION_KINDS: frozenset[str] = frozenset(STEP_KINDS) - {"message"}

# The "about you" fields and the "prefer not to say" value are the analysis's vocabulary.
DEMOGRAPHIC_FIELDS = _DEMOGRAPHIC_FIELDS
PREFER_NOT = _PREFER_NOT
END = "end"  # a branch target meaning "finish the dialogue"

# Text: either one string (the default language) or a mapping language -> text.
Text = str | dict[str, str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    """A button: a stable ``value`` stored with the answer, and the label shown."""

    value: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.+-]+$")
    label: Text


class Condition(_Strict):
    """True when the answer to ``step`` matches. Exactly one test should be given."""

    step: str
    equals: str | None = None
    any_of: list[str] | None = None
    skipped: bool | None = None


class Branch(_Strict):
    """``if`` the condition holds, go to step ``goto`` (or ``end``)."""

    when: Condition = Field(alias="if")
    goto: str

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Step(_Strict):
    id: str = Field(min_length=1, max_length=48, pattern=r"^[a-z0-9_]+$")
    type: str
    text: Text
    optional: bool = True
    options: list[Option] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    demographic: str | None = None
    max_length: int = Field(default=2000, ge=1, le=4000)
    min_choices: int = Field(default=1, ge=0)
    max_choices: int | None = Field(default=None, ge=1)
    next: list[Branch] = Field(default_factory=list)
    # The answer the progress count ("Question 3 of 14") assumes until the resident gives
    # one: for a gate such as "Would you like to tell us more?", so the count follows the
    # short route until the resident chooses the long one. None: no branch is assumed.
    assume: str | None = None
    # Deliberation steps only (see ``civicbot.engine.deliberation``): statements the
    # script offers for voting from the start, how many statements one resident may
    # write, how many votes the step asks for at most, and a statement's length limit.
    seed_statements: list[Text] = Field(default_factory=list)
    max_statements: int = Field(default=3, ge=0, le=20)
    max_votes: int | None = Field(default=None, ge=1)
    statement_max_length: int = Field(default=280, ge=20, le=280)
    # Postcode districts ("LS6") -> option value, for the area question: a resident may
    # type a postcode or its district instead of pressing a button. Only the option
    # value is stored, never the postcode. Filled from the round's settings.
    postcodes: dict[str, str] = Field(default_factory=dict)

    @property
    def is_question(self) -> bool:
        return self.type in QUESTION_KINDS


class Section(_Strict):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9_]+$")
    title: Text | None = None
    steps: list[Step]


class Consent(_Strict):
    """The consent notice, in two layers: ``intro`` (hello, who runs this, how long, who
    may take part) is shown first with a "Next" button; ``text`` (what is kept and for
    how long, what may be published, what happens if you tell us of a risk) comes next,
    with "I agree". A script without ``intro`` shows ``text`` alone."""

    version: int = Field(ge=1)
    intro: Text | None = None
    text: Text


class Script(_Strict):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9_-]+$")
    version: int = Field(ge=1)
    title: Text
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1)
    allow_restart: bool = False
    # With more than one language, ask which one before consent (a picker with each
    # language's name in its own script); False starts in Telegram's language_code.
    ask_language: bool = True
    consent: Consent
    # Per-language overrides of the engine's own button and notice words, e.g.
    # ``{cy: {skip: "Hepgor"}}``; see ``civicbot.engine.ui`` for the keys.
    ui: dict[str, dict[str, str]] = Field(default_factory=dict)
    finish: Text
    sections: list[Section] = Field(min_length=1)
    # "Question 3 of 14" above each question, counted on the route being taken.
    show_progress: bool = True
    # The round's settings that texts may use as ``{{ round.organiser }}`` and so on,
    # filled in when a round runs the script (``civicbot.script.rounds.for_round``).
    round: dict[str, str] = Field(default_factory=dict)

    @field_validator("languages")
    @classmethod
    def _languages_unique(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError("languages are listed twice")
        return v

    @property
    def picks_language(self) -> bool:
        return self.ask_language and len(self.languages) > 1

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def steps(self) -> list[Step]:
        """All steps in script order, across sections."""
        return [step for section in self.sections for step in section.steps]

    def section_of(self, step_id: str) -> Section:
        for section in self.sections:
            if any(s.id == step_id for s in section.steps):
                return section
        raise KeyError(step_id)


YES_NO_OPTIONS: tuple[Option, ...] = (
    Option(value="yes", label={"en": "Yes", "cy": "Ydw"}),
    Option(value="no", label={"en": "No", "cy": "Nac ydw"}),
)


def options_of(step: Step) -> list[Option]:
    """The options a step offers: its own, or the implicit Yes / No of a yes/no step."""
    if step.type == "yes_no":
        return list(step.options) if step.options else list(YES_NO_OPTIONS)
    return list(step.options)


def text_in(text: Text, language: str, default_language: str) -> str:
    """Pick ``language`` from a per-language text, falling back to the default language."""
    if isinstance(text, str):
        return text
    return text.get(language) or text.get(default_language) or next(iter(text.values()), "")
