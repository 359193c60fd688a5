"""The dialogue engine: pure (script, state, input) -> outcome, no I/O.

Adapters (Telegram, the terminal, the demo) turn what they receive into an ``Input``,
call :func:`handle`, store the outcome's records in one transaction, then send its
messages. :func:`current_prompt` re-renders what the resident should see now.

Inside: ``engine`` (dispatch by session status), ``answering`` (answers, skip, back,
multiple choice, moving on), ``prompt`` (the current screen, shared helpers), ``flow``
(branches and button tokens), ``render`` (sandboxed Jinja2, messages and buttons) and
``ui`` (the engine's own words, per language).
"""

from civicbot.engine.engine import current_prompt, handle
from civicbot.engine.flow import TOKEN_MAX_BYTES, parse_token
from civicbot.engine.types import (
    AnswerGiven,
    AnswerValue,
    Back,
    Button,
    ConsentGiven,
    Finished,
    Input,
    Outcome,
    OutMessage,
    Pause,
    Press,
    Record,
    Restarted,
    SessionState,
    SetLanguage,
    Skip,
    Start,
    Status,
    Text,
    Unsupported,
    Voice,
    VoiceKept,
)
from civicbot.engine.ui import UI_KEYS

__all__ = [
    "TOKEN_MAX_BYTES",
    "UI_KEYS",
    "AnswerGiven",
    "AnswerValue",
    "Back",
    "Button",
    "ConsentGiven",
    "Finished",
    "Input",
    "OutMessage",
    "Outcome",
    "Pause",
    "Press",
    "Record",
    "Restarted",
    "SessionState",
    "SetLanguage",
    "Skip",
    "Start",
    "Status",
    "Text",
    "Unsupported",
    "Voice",
    "VoiceKept",
    "current_prompt",
    "handle",
    "parse_token",
]
