"""A rough guess of how long a script takes a resident, end to end.

Assumptions (rough on purpose; they are there to keep scripts short, not to promise):

- Reading: 150 words a minute. Slower than a typical adult reading silently (about
  240) because the text is read on a phone and many readers read slowly or in a second
  language. Words are counted in the consent, every step's text and option labels, and
  the finish, in the default language; a Jinja2 placeholder counts as the words in its
  source. A set of option labels seen before (the same scale again) is recognised, not
  read again.
- Answering, per step kind: message 3 s (a glance and a tap), yes/no 4 s, single choice
  and scale 6 s, multiple choice 12 s (several taps and "done"), free text 40 s (about
  15 words typed at the 30-40 words a minute people manage on phones, plus a moment to
  think; some write more, some skip).
- Every step is counted once, as if the resident took the longest route: branches that
  skip steps only make the real dialogue shorter.
"""

from __future__ import annotations

import re

from civicbot.script.model import Script, Text, text_in

WORDS_PER_MINUTE = 150.0
ANSWER_SECONDS: dict[str, float] = {
    "message": 3.0,
    "yes_no": 4.0,
    "single_choice": 6.0,
    "scale": 6.0,
    "multi_choice": 12.0,
    "free_text": 40.0,
}
_UNKNOWN_KIND_SECONDS = 10.0
_WORD = re.compile(r"\w+")


def _words(text: Text, script: Script) -> int:
    language = script.default_language
    return len(_WORD.findall(text_in(text, language, language)))


def estimate_minutes(script: Script) -> float:
    """Minutes to read and answer every step once (see the module notes)."""
    words = _words(script.consent.text, script) + _words(script.finish, script)
    seconds = 0.0
    seen_option_sets: set[tuple[str, ...]] = set()
    for step in script.steps():
        words += _words(step.text, script)
        labels = tuple(
            text_in(o.label, script.default_language, script.default_language) for o in step.options
        )
        if labels not in seen_option_sets:
            seen_option_sets.add(labels)
            words += sum(_words(option.label, script) for option in step.options)
        seconds += ANSWER_SECONDS.get(step.type, _UNKNOWN_KIND_SECONDS)
    return seconds / 60.0 + words / WORDS_PER_MINUTE
