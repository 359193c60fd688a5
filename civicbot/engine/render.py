"""Turning script text into what a resident reads: sandboxed Jinja2, and messages.

Texts are rendered with a sandboxed Jinja2 environment, autoescape off (Telegram gets
plain text, no ``parse_mode``), and undefined names rendering as nothing. The only
context is ``answers``: step id -> the answer as words (option labels in the resident's
language, several joined with ", ", a skipped question as ""). A template that fails
to compile or render never stops the dialogue: its raw text is shown with the template
parts removed.

This module also builds the messages that carry buttons, within Telegram's limits.
"""

from __future__ import annotations

import functools
import re

from jinja2 import Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from civicbot.engine import flow
from civicbot.engine.types import AnswerValue, Button, OutMessage, SessionState
from civicbot.engine.ui import DEFAULTS, word
from civicbot.languages import for_direction, own_name
from civicbot.numbers import ascii_int
from civicbot.script.model import Script, Step, Text, options_of, text_in

MESSAGE_MAX = 4096  # Telegram's limit, in UTF-16 code units
ROW_MAX = 8  # buttons per row
BUTTONS_MAX = 100  # buttons per message
_QUOTE_MAX = 300  # how much of a long answer "You said: ..." repeats

_ENV = SandboxedEnvironment(autoescape=False)
_TEMPLATE_PARTS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


@functools.lru_cache(maxsize=2048)
def _compile(source: str) -> Template | None:
    try:
        return _ENV.from_string(source)
    except TemplateError:
        return None


def _without_templates(source: str) -> str:
    return _TEMPLATE_PARTS.sub("", source)


def render_template(
    source: str, answers: dict[str, str], round_facts: dict[str, str] | None = None
) -> str:
    """Render one text. Text without template markers is returned as it is.
    ``round_facts`` are the round's settings, as ``round.organiser`` and so on."""
    if "{" not in source:
        return source.strip()
    template = _compile(source)
    if template is None:
        return _without_templates(source).strip()
    try:
        return template.render(answers=answers, round=round_facts or {}).strip()
    except Exception:
        # A script's template failing at run time (a bad filter, a sandbox refusal)
        # must not stop the resident's dialogue.
        return _without_templates(source).strip()


def clip(text: str, limit: int = MESSAGE_MAX) -> str:
    """``text`` cut to ``limit`` UTF-16 code units (how Telegram counts), with "…"."""
    if len(text) <= limit // 2 or len(text.encode("utf-16-le")) // 2 <= limit:
        return text
    units = 0
    for i, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit - 1:
            return text[:i] + "…"
    return text


def language_of(script: Script, state: SessionState) -> str:
    return state.language if state.language in script.languages else script.default_language


class Renderer:
    """Renders texts for one script and one session state."""

    def __init__(self, script: Script, state: SessionState) -> None:
        self.script = script
        self.state = state
        self.language = language_of(script, state)
        self._context: dict[str, str] | None = None

    def pick(self, text: Text) -> str:
        return text_in(text, self.language, self.script.default_language)

    def word(self, key: str, **values: object) -> str:
        return word(self.script, self.language, key, **values)

    @property
    def context(self) -> dict[str, str]:
        if self._context is None:
            live = flow.live_answers(self.state)
            context: dict[str, str] = {}
            for step in self.script.steps():
                if step.id in live:
                    context[step.id] = self._words_plain(step, live[step.id])
            self._context = context
        return self._context

    def text(self, text: Text) -> str:
        return render_template(self.pick(text), self.context, self.script.round)

    def _words_plain(self, step: Step, value: AnswerValue) -> str:
        # Labels rendered without a context: a label referring to answers while itself
        # being an answer would recurse.
        if value is None:
            return ""
        labels = {o.value: render_template(self.pick(o.label), {}) for o in options_of(step)}
        members = value if isinstance(value, tuple) else (value,)
        return ", ".join(labels.get(m, m) for m in members)

    def answer_words(self, step: Step, value: AnswerValue) -> str:
        """An answer as the resident would recognise it."""
        if value is None:
            return ""
        labels = {o.value: self.text(o.label) for o in options_of(step)}
        members = value if isinstance(value, tuple) else (value,)
        return ", ".join(labels.get(m, m) for m in members)

    # --- messages ---------------------------------------------------------------------

    def language_picker(self, before: str = "") -> OutMessage:
        """Each language's name in its own script, one button each; the resident's
        language (from Telegram's language_code, or chosen before) first and ticked."""
        first = self.language
        codes = [first, *(c for c in self.script.languages if c != first)]
        lines = [for_direction(c, word(self.script, c, "choose_language")) for c in codes]
        body = "\n".join(dict.fromkeys(lines))
        rows = tuple(
            (Button(("✓ " if c == first else "") + own_name(c), flow.language_token(c)),)
            for c in codes
        )
        return OutMessage(clip("\n\n".join(p for p in (before, body) if p)), rows)

    def hello_message(self, before: str = "") -> OutMessage:
        """The consent notice's first layer: hello, who runs this, how long, who may
        take part; its one button reads on to the second layer."""
        intro = self.script.consent.intro or ""
        body = "\n\n".join(p for p in (before, self.text(self.script.title)) if p)
        body = "\n\n".join(p for p in (body, self.text(intro)) if p)
        row = (Button(self.word("next"), flow.CONSENT_MORE),)
        return OutMessage(clip(body or "…"), (row,))

    def consent_message(self, before: str = "") -> OutMessage:
        """The consent notice's second layer (or its only one) with "I agree"."""
        title = "" if self.script.consent.intro else self.text(self.script.title)
        body = "\n\n".join(p for p in (before, title) if p)
        body = "\n\n".join(p for p in (body, self.text(self.script.consent.text)) if p)
        row = (
            Button(self.word("agree"), flow.CONSENT_YES),
            Button(self.word("decline"), flow.CONSENT_NO),
        )
        return OutMessage(clip(body or "…"), (row,))

    def question_message(
        self, step: Step, *, before: str = "", after: str = "", edit: bool = False
    ) -> OutMessage:
        parts = [before, self.progress(), self.text(step.text)]
        if step.type == "multi_choice":
            parts.append(self.word("multi_hint", done=self.word("done")))
        parts.append(after)
        body = clip("\n\n".join(p for p in parts if p) or "…")
        return OutMessage(body, self.buttons(step), edit=edit, step_id=step.id)

    def progress(self) -> str:
        """ "Question 3 of 14", or "" when the script turns progress off."""
        if not self.script.show_progress:
            return ""
        found = flow.progress(self.script, self.state)
        return "" if found is None else self.word("progress", n=found[0], total=found[1])

    def buttons(self, step: Step) -> tuple[tuple[Button, ...], ...]:
        index = flow.step_index(self.script, step.id)
        if index is None:
            return ()
        rows: list[tuple[Button, ...]] = []
        options = options_of(step) if step.type != "free_text" else []
        option_buttons = []
        for k, option in enumerate(options):
            label = self.text(option.label) or option.value
            if step.type == "multi_choice" and option.value in self.state.pending:
                label = f"✓ {label}"
            option_buttons.append(Button(label, flow.option_token(index, k)))
        # Room is kept for Done, Back and Skip; options past the limit can be typed.
        option_buttons = option_buttons[: BUTTONS_MAX - 3]
        rows.extend(_layout(step, option_buttons))
        if step.type == "multi_choice":
            rows.append((Button(self.word("done"), flow.done_token(index)),))
        nav: list[Button] = []
        if self.state.history:
            nav.append(Button(self.word("back"), flow.back_token(index)))
        if step.optional:
            nav.append(Button(self.word("skip"), flow.skip_token(index)))
        if nav:
            rows.append(tuple(nav))
        return tuple(rows)

    def match_option(self, step: Step, typed: str) -> int | None:
        """The option a typed reply names: its label (in any of the script's languages),
        its stored value, or its number. Labels win over numbers, so a scale labelled
        "0".."10" takes "3" to mean the label "3"."""
        options = options_of(step)
        wanted = _normal(typed)
        if not wanted:
            return None
        tiers = [[_normal(self.text(o.label)) for o in options]]
        for language in self.script.languages:
            tiers.append([_normal(text_in(o.label, language, language)) for o in options])
        tiers.append([_normal(o.value) for o in options])
        for tier in tiers:
            if wanted in tier:
                return tier.index(wanted)
        if step.postcodes:
            district = postcode_district(typed)
            value = step.postcodes.get(district) if district else None
            values = [o.value for o in options]
            if value in values:
                return values.index(value)
        number = ascii_int(wanted, max_digits=4)
        if number is not None and 1 <= number <= len(options):
            return number - 1
        return None

    def names(self, typed: str, key: str) -> bool:
        """Whether a typed reply is the engine's word ``key`` (e.g. "skip", "done")."""
        wanted = _normal(typed)
        return bool(wanted) and wanted in {_normal(self.word(key)), _normal(word_en(key))}


_FULL_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})")
_DISTRICT = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")


def postcode_district(typed: str) -> str | None:
    """The district ("LS6") of a typed UK postcode ("ls6 1aa") or district, else None.
    Used only to pick an area option; the postcode itself is never kept."""
    compact = "".join(typed.split()).upper()
    full = _FULL_POSTCODE.fullmatch(compact)
    if full is not None:
        return full.group(1)
    return compact if _DISTRICT.fullmatch(compact) else None


def word_en(key: str) -> str:
    return DEFAULTS["en"].get(key, key)


def _normal(text: str) -> str:
    """Case, spacing, ticks and end punctuation do not matter when matching replies."""
    cleaned = text.strip().removeprefix("✓").removeprefix("⬅").strip().rstrip(".!").strip()
    return " ".join(cleaned.casefold().split())


def _layout(step: Step, buttons: list[Button]) -> list[tuple[Button, ...]]:
    """Short scales and yes/no fit on one row; longer labels get a row each; very long
    lists go several to a row so the keyboard stays within Telegram's limits."""
    if not buttons:
        return []
    total = sum(len(b.label) for b in buttons)
    if step.type in ("scale", "yes_no") and len(buttons) <= ROW_MAX and total <= 30:
        return [tuple(buttons)]
    per_row = 1 if len(buttons) <= 12 else 3
    return [tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def question_words(script: Script, step_id: str, limit: int = 60) -> str:
    """A step as facilitators should read it (``/stats``): its text rendered for nobody in
    particular (templates take their ``default``/``else`` wording), the last paragraph
    that asks something, up to its last question mark, cut at a word to ``limit``
    characters. A step the script does not have is named by its id."""
    for step in script.steps():
        if step.id == step_id:
            language = script.default_language
            full = render_template(text_in(step.text, language, language), {})
            parts = [p for p in full.split("\n\n") if p.strip()] or [step_id]
            asking = [p for p in parts if "?" in p]
            chosen = asking[-1][: asking[-1].rfind("?") + 1] if asking else parts[-1]
            return shorten(chosen, limit) or step_id
    return step_id


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at the last whole word that fits ``limit`` with "…"."""
    one_line = " ".join(text.split())
    if len(one_line) <= limit:
        return one_line
    cut = one_line[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-")
    return f"{cut}…"


def quote(text: str) -> str:
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1] + "…"
