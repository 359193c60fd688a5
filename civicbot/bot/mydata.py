"""The readable half of ``/mydata``: what we hold about a resident, in plain words.

The JSON document sent beside it has every row in full; this message names each kind of
record and shows the answers as the questions and buttons the resident saw.
"""

from __future__ import annotations

from typing import Any

from civicbot.script.model import Script, options_of, text_in

# What each kind of record is, as a resident would put it. Every kind ``Store.mydata``
# returns has its words here (a test checks); one missing would still be counted, under
# "Other records", so nothing is ever left out of the message.
KINDS: dict[str, str] = {
    "identities": "How we reach you on Telegram",
    "sessions": "Conversations you took part in",
    "consents": "Your consent decisions",
    "answers": "Your answers",
    "demographics": "Your answers about you",
    "statements": "Statements you wrote",
    "votes": "Your votes on statements",
    "voice_notes": "Your voice answers (kept encrypted; with their words once typed up)",
    "unsupported_inputs": "Voice notes and other messages we could not read",
    "safeguarding_events": "Safety notes",
    "safeguarding_checkins": "Notes that we checked in on you",
    "moderation": "Answers waiting for a facilitator's check",
    "outbox": "Messages queued to you",
    "blocked_chats": "A note that the bot could not reach you",
    "inbox": "Messages you sent that the bot has not finished handling yet",
    "audit": "Times you used, or tried to use, a command for the people running a round",
    "facilitators": "Your role helping to run rounds (or one you gave someone)",
    "facilitator_prompts": "A message the bot is waiting for from you as a facilitator",
    "moderation_decisions": "Answers you approved or rejected as a facilitator",
    "broadcasts": "Messages you wrote to a round's residents",
    "results": "“What we heard” summaries you wrote",
    "invitations": "Invitation links you made",
    "report_requests": "Reports of a round you asked for as a facilitator",
}
OTHER = "Other records"
UNKNOWN_QUESTION = "A question no longer in the survey"
MAX_ANSWERS = 40


def _shown(value: Any, labels: dict[str, str]) -> str:
    if value is None:
        return "(skipped)"
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), str(v)) for v in value) or "(none)"
    text = labels.get(str(value), str(value))
    return text if len(text) <= 200 else text[:199] + "…"


def _question(script: Script | None, step_id: str) -> tuple[str, dict[str, str]]:
    if script is None:
        return UNKNOWN_QUESTION, {}
    language = script.default_language
    for step in script.steps():
        if step.id == step_id:
            # The question itself: the last line that asks something (a text may add an
            # example after it), else the last line.
            lines = [x.strip() for x in text_in(step.text, language, language).split("\n")]
            asks = [x for x in lines if x.endswith("?")]
            text = asks[-1] if asks else lines[-1]
            labels = {o.value: text_in(o.label, language, language) for o in options_of(step)}
            return (text if len(text) <= 90 else text[:89] + "…"), labels
    return UNKNOWN_QUESTION, {}


def summarise(data: dict[str, Any], scripts: dict[int, Script] | None = None) -> str:
    """One line per kind of record with how many there are, then the answers themselves
    (question, then the answer as shown on its button or as typed)."""
    scripts = scripts or {}
    lines: list[str] = []
    for table, rows in data.items():
        if not isinstance(rows, list) or not rows:
            continue
        lines.append(f"• {KINDS.get(table, OTHER)}: {len(rows)}")
    for table in ("answers", "demographics"):
        rows = [r for r in data.get(table) or [] if isinstance(r, dict)]
        if not rows:
            continue
        lines.append("")
        lines.append(KINDS[table] + ":")
        for row in rows[:MAX_ANSWERS]:
            round_id = row.get("round_id")
            script = scripts.get(round_id) if isinstance(round_id, int) else None
            question, labels = _question(script, str(row.get("step_id", "?")))
            lines.append(f"– {question}\n   {_shown(row.get('value'), labels)}")
        if len(rows) > MAX_ANSWERS:
            lines.append(f"… and {len(rows) - MAX_ANSWERS} more in the file.")
    return "\n".join(lines)
