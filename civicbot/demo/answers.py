"""How a simulated resident answers each kind of question.

Free text is composed from the phrase bank: a theme is chosen (more often the themes that
lean towards the resident's groups), then one of its sentences, perhaps an opener, a
follow-on sentence or two for chatty people, now and then a second theme or a personal
detail, and the resident's own way of typing. Ratings are drawn around a mean that
depends on the step's tags and the resident's groups (disabled residents and carers rate
"joined up" and "help came early" lower, for example). Choices follow plain, plausible
shares. Every draw uses the ``random.Random`` handed in, so a seed repeats a resident.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence

from civicbot.demo.phrases import (
    CLOSERS,
    OPENERS,
    PERSONAL,
    SHRUGS,
    VALUE_TOPICS,
    Theme,
    Topic,
)
from civicbot.demo.phrases_future import FUTURE_TOPICS, GENERAL
from civicbot.demo.phrases_languages import PHRASES
from civicbot.demo.phrases_services import SERVICE_TOPICS
from civicbot.demo.population import Persona
from civicbot.engine.types import AnswerValue
from civicbot.script.model import PREFER_NOT, Step, options_of, text_in

TOPICS: tuple[Topic, ...] = (*VALUE_TOPICS, *SERVICE_TOPICS, *FUTURE_TOPICS)

# How each group's ratings differ from everyone's, in scale points, by the step's tags.
# These are the differences the report's equity section should find.
TAG_EFFECTS: dict[str, dict[str, float]] = {
    "relational": {"disabled": -0.7, "carer": -0.5, "struggling": -0.4, "minority": -0.3},
    "preventative": {"disabled": -0.7, "carer": -0.7, "struggling": -0.6},
    "joined-up": {"disabled": -0.7, "carer": -0.8},
    "strengths-based": {"disabled": -0.4, "struggling": -0.3},
    "adaptive": {"older": -0.3, "disabled": -0.4},
    "equitable": {"struggling": -0.8, "minority": -0.5, "disabled": -0.4},
    "care": {"struggling": -0.3, "older": 0.2},
    "connection": {"older": -0.3, "young": -0.2},
    "belonging": {"young": -0.5, "minority": -0.4, "struggling": -0.3},
    "respect": {"minority": -0.4, "struggling": -0.3},
}
# Services (the principles) are rated lower overall than how people feel about the values.
_SERVICE_TAGS = frozenset({"relational", "preventative", "joined-up", "strengths-based"})
_SERVICE_TAGS |= {"adaptive", "equitable"}

# Choice questions: option value -> (base weight, {group: factor}). Options not listed
# get weight 1; a question not listed picks evenly.
CHOICE_WEIGHTS: dict[str, dict[str, tuple[float, dict[str, float]]]] = {
    "value_most": {
        "care": (1.3, {"carer": 1.6, "disabled": 1.3}),
        "connection": (1.0, {"older": 1.6}),
        "love": (0.7, {}),
        "belonging": (0.8, {"minority": 1.8, "young": 1.3}),
        "respect": (1.2, {"struggling": 1.5, "minority": 1.4}),
    },
    "main_service": {
        "gp": (3.0, {"older": 1.4}),
        "hospital": (1.5, {"disabled": 1.5}),
        "school": (1.2, {}),
        "council": (1.0, {}),
        "job_centre": (0.6, {"struggling": 2.5}),
        "social_care": (0.6, {"disabled": 2.0, "carer": 2.5}),
    },
    "helped_most": {
        "public": (3.5, {"older": 1.3}),
        "charity": (1.2, {"struggling": 2.2}),
        "community": (0.8, {"minority": 2.0}),
        "neighbours": (3.0, {"older": 1.2}),
        "business": (0.3, {}),
        "nobody": (1.0, {"struggling": 1.8, "disabled": 1.5}),
    },
}
# Multiple choice: option value -> (chance of ticking, {group: factor}).
MULTI_CHANCES: dict[str, dict[str, tuple[float, dict[str, float]]]] = {
    "which_services": {
        "gp": (0.72, {"older": 1.25, "disabled": 1.25}),
        "hospital": (0.35, {"older": 1.5, "disabled": 1.7}),
        "school": (0.25, {"young": 0.6}),
        "council": (0.3, {"struggling": 1.5}),
        "job_centre": (0.07, {"struggling": 3.5, "young": 2.0}),
        "social_care": (0.05, {"disabled": 4.0, "carer": 5.0}),
        "police": (0.08, {}),
        "library": (0.22, {"older": 1.5}),
        "other": (0.07, {}),
    },
}
# Yes/no questions: the chance of "yes".
YES_CHANCES: dict[str, tuple[float, dict[str, float]]] = {
    "used_services": (0.86, {"older": 1.08, "disabled": 1.1, "young": 0.85}),
    "better_seen": (0.55, {"struggling": 0.8}),
    # "Would you like to tell us more?": the chatty say yes more often (see simulate).
    "tell_more": (0.6, {"older": 1.1, "young": 0.8}),
    "updates_opt_in": (0.6, {}),
}


def in_group(persona: Persona, group: str) -> bool:
    return bool(getattr(persona, group, False))


def _factor(persona: Persona, leans: Mapping[str, float] | Sequence[tuple[str, float]]) -> float:
    pairs = leans.items() if isinstance(leans, Mapping) else leans
    factor = 1.0
    for group, f in pairs:
        if in_group(persona, group):
            factor *= f
    return factor


# --- free text ------------------------------------------------------------------------


def topic_for(step: Step, language: str = "en") -> Topic:
    """The phrase-bank topic for a free-text step: by its id, else by its wording."""
    for topic in TOPICS:
        if re.search(topic.match, step.id):
            return topic
    text = text_in(step.text, language, language).lower()
    for topic in TOPICS:
        if re.search(topic.match, text):
            return topic
    return GENERAL


def _theme(
    topic: Topic, persona: Persona, rng: random.Random, answers: Mapping[str, AnswerValue]
) -> Theme:
    if topic.follows is not None:
        earlier = answers.get(topic.follows)
        chosen = next((t for t in topic.themes if t.key == earlier), None)
        if chosen is not None:
            return chosen
    weights = [_factor(persona, t.leans) for t in topic.themes]
    return rng.choices(topic.themes, weights=weights)[0]


def _lower_first(sentence: str) -> str:
    if sentence.startswith(("I ", "I'", "CAMHS", "Dr ")):
        return sentence
    return sentence[:1].lower() + sentence[1:]


# Ways of typing: (pattern, replacement), each applied now and then.
_SLIPS: tuple[tuple[str, str], ...] = (
    (r"\bdon't\b", "dont"),
    (r"\bcan't\b", "cant"),
    (r"\bit's\b", "its"),
    (r"\bbecause\b", "cos"),
    (r"\ba lot\b", "alot"),
    (r"\breally\b", "realy"),
    (r"\bthe\b", "teh"),
    (r"\byou\b", "u"),
    (r"\bappointment", "apointment"),
)


def _typing(text: str, persona: Persona, rng: random.Random) -> str:
    sloppy = 0.08 + (0.12 if persona.young else 0.0)
    for pattern, replacement in _SLIPS:
        if rng.random() < sloppy:
            text = re.sub(pattern, replacement, text, count=1)
    if rng.random() < sloppy:
        text = text.lower()
    if rng.random() < 0.2:
        text = text.rstrip(".")
    return text


def free_text(
    persona: Persona,
    step: Step,
    rng: random.Random,
    answers: Mapping[str, AnswerValue],
    language: str = "en",
) -> str:
    """What the resident types in answer to a free-text step."""
    if rng.random() < 0.05 + 0.08 * (1 - persona.chattiness):
        return rng.choice(SHRUGS)
    topic = topic_for(step, language)
    theme = _theme(topic, persona, rng, answers)
    first = rng.choice(theme.says)
    if rng.random() < 0.3:
        first = rng.choice(OPENERS) + _lower_first(first)
    parts = [first]
    extra = [s for s in theme.more if s != first]
    for _ in range(int(persona.chattiness * 2.5 + 0.5 + rng.random())):
        if extra:
            parts.append(extra.pop(rng.randrange(len(extra))))
    if len(topic.themes) > 1 and rng.random() < 0.25 * persona.chattiness:
        other = rng.choice([t for t in topic.themes if t is not theme])
        parts.append(rng.choice(("Also ", "And ", "Plus ")) + _lower_first(rng.choice(other.says)))
    if topic.personal and rng.random() < 0.07:
        parts.append(rng.choice(PERSONAL))
    if rng.random() < 0.12 * persona.chattiness:
        parts.append(rng.choice(CLOSERS))
    return _typing(_join(parts), persona, rng)


def _join(parts: Sequence[str]) -> str:
    # A sentence written without a full stop still gets one before the next begins.
    out = []
    for i, part in enumerate(parts):
        ends = part.endswith((".", "!", "?"))
        out.append(part if ends or i == len(parts) - 1 else f"{part}.")
    return " ".join(out)


# --- ratings and choices ------------------------------------------------------------------


def rating(persona: Persona, step: Step, rng: random.Random) -> int:
    """The 0-based position chosen on a scale step (options run worst to best)."""
    options = [o for o in options_of(step) if o.value != PREFER_NOT]
    top = len(options) - 1
    # Per group, the strongest effect among the step's tags, so that a step tagged twice
    # does not count a difference twice.
    shift: dict[str, float] = {}
    for tag in step.tags:
        for group, effect in TAG_EFFECTS.get(tag, {}).items():
            if abs(effect) > abs(shift.get(group, 0.0)):
                shift[group] = effect
    service = bool(_SERVICE_TAGS.intersection(step.tags))
    # Effects are in points of a five-point scale; stretch them to this scale's length.
    points = persona.mood + sum(e for g, e in shift.items() if in_group(persona, g))
    points += sum(e for tag, e in persona.tag_shift if tag in step.tags)
    mean = (0.5 if service else 0.56) * top + points * top / 4
    value = rng.gauss(mean, 0.8 * top / 4)
    return max(0, min(top, round(value)))


def choose_one(
    persona: Persona, step: Step, rng: random.Random, answers: Mapping[str, AnswerValue]
) -> int:
    """The index (in ``options_of(step)``) of the option chosen at a single-choice step."""
    options = options_of(step)
    values = [o.value for o in options]
    # Choosing "the one used most" out of an earlier "which ones": keep to those ticked.
    for earlier in answers.values():
        if isinstance(earlier, tuple) and earlier and set(earlier) <= set(values):
            allowed = set(earlier)
            break
    else:
        allowed = {v for v in values if v != PREFER_NOT}
    table = CHOICE_WEIGHTS.get(step.id, {})
    weights = []
    for value in values:
        base, leans = table.get(value, (1.0, {}))
        weights.append(base * _factor(persona, leans) if value in allowed else 0.0)
    if not any(weights):
        weights = [0.0 if v == PREFER_NOT else 1.0 for v in values]
    return rng.choices(range(len(values)), weights=weights)[0]


def choose_many(persona: Persona, step: Step, rng: random.Random) -> list[int]:
    """The indexes ticked at a multiple-choice step, at least one."""
    options = options_of(step)
    table = MULTI_CHANCES.get(step.id, {})
    ticked = []
    for index, option in enumerate(options):
        if option.value == PREFER_NOT:
            continue
        base, leans = table.get(option.value, (0.3, {}))
        if rng.random() < min(0.97, base * _factor(persona, leans)):
            ticked.append(index)
    if not ticked:
        ticked.append(rng.choice([i for i, o in enumerate(options) if o.value != PREFER_NOT]))
    if step.max_choices is not None:
        ticked = ticked[: step.max_choices]
    return ticked


def says_yes(persona: Persona, step: Step, rng: random.Random) -> bool:
    base, leans = YES_CHANCES.get(step.id, (0.6, {}))
    return rng.random() < min(0.98, base * _factor(persona, leans))


def free_text_in(language: str, persona: Persona, rng: random.Random) -> str:
    """What a resident answering in ``language`` types: one or two sentences of a theme
    (see :mod:`civicbot.demo.phrases_languages`), more for the chatty."""
    themes = PHRASES[language]
    theme = themes[rng.choice(sorted(themes))]
    first = rng.choice(theme)
    parts = [first]
    if rng.random() < persona.chattiness:
        parts.append(rng.choice([t for t in theme if t != first]))
    return " ".join(parts)
