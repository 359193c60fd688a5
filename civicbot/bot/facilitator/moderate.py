"""/moderate [ROUND]: one flagged answer at a time, with Approve / Reject / Skip.

Buttons carry ``m:<item>:a|r|s``; the item is looked up in the database and the presser
is checked again on every press, so forged or forwarded button data cannot decide
anything. Item ids are never reused, so an old button cannot decide a later item. Every
decision (and every refused press) is audited.

An item flagged for safeguarding (or as one that may disclose a risk, the second tier)
asks for a second confirmation before it is approved
(``m:<item>:c`` approves, ``m:<item>:b`` goes back to it): approving makes a disclosure of
harm quotable in reports, which should never happen by one tap.
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from civicbot.bot.facilitator.auth import audit, require
from civicbot.bot.facilitator.common import Context, args, replace_pressed, reply
from civicbot.bot.sending import answer_quietly
from civicbot.bot.services import Services, services
from civicbot.engine.render import Renderer
from civicbot.engine.types import AnswerValue, SessionState
from civicbot.numbers import ascii_int
from civicbot.safeguarding.checkin import REASON as CHECK_IN
from civicbot.safeguarding.respond import REASON as SAFEGUARDING
from civicbot.script.model import Script
from civicbot.store.moderation import ModerationItem
from civicbot_analysis.scrub import scrub

PATTERN = r"^m:[0-9]{1,12}:[arscb]$"
_SKIPPED = "moderation_skipped"
_DECISION = {"a": "approved", "c": "approved", "r": "rejected"}
CONFIRM_SAFEGUARDING = (
    "This answer was flagged because it may disclose a risk of harm. Approving it lets it "
    "be quoted in reports, where the person could be recognised.\n\n"
    "Approve it for quoting anyway?"
)


def confirm_keyboard(item_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Yes, approve for quoting", callback_data=f"m:{item_id}:c")],
            [InlineKeyboardButton("Back", callback_data=f"m:{item_id}:b")],
        ]
    )


def keyboard(item_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Approve", callback_data=f"m:{item_id}:a"),
                InlineKeyboardButton("Reject", callback_data=f"m:{item_id}:r"),
                InlineKeyboardButton("Skip", callback_data=f"m:{item_id}:s"),
            ]
        ]
    )


async def describe(svc: Services, item: ModerationItem, left: int) -> str:
    # The text was scrubbed when queued; scrubbing again as it is shown also masks what an
    # older scrubber missed in items queued before an upgrade.
    row = await svc.store.get_round(item.round_id)
    question = item.ref
    if row is not None and item.kind == "answer":
        script = await svc.script_for(row)
        state = await svc.store.get_session(item.round_id, item.resident)
        question = question_as_asked(script, item.ref, state)
    title = row.title if row else str(item.round_id)
    what = "Answer to" if item.kind == "answer" else "Statement"
    return (
        f"Round {item.round_id} “{title}” · {left} waiting\n"
        f"{what}: {question}\n"
        f"Why it is here: {', '.join(item.reasons) or 'review'}\n\n"
        f"{scrub(item.text)}\n\n"
        "(Personal details are already masked. Approve lets it be quoted in reports.)"
    )


def question_as_asked(script: Script, step_id: str, state: SessionState | None) -> str:
    """The question as the resident read it, in the script's main language: a template
    that refers back to their earlier answers is filled with those answers, scrubbed of
    personal details; with no session left (forgotten), it takes its neutral wording."""
    step = next((s for s in script.steps() if s.id == step_id), None)
    if step is None:
        return step_id
    answers: dict[str, AnswerValue] = {}
    for key, value in (state.answers if state else {}).items():
        answers[key] = (
            tuple(scrub(v) for v in value)
            if isinstance(value, tuple)
            else (None if value is None else scrub(value))
        )
    seen = SessionState(
        status="active",
        language=script.default_language,
        answers=answers,
        history=state.history if state else (),
    )
    return Renderer(script, seen).text(step.text) or step_id


async def _next(svc: Services, round_id: int | None, skipped: list[int]) -> ModerationItem | None:
    return await svc.store.next_for_moderation(round_id, skip_ids=skipped)


async def on_moderate(update: Update, context: Context) -> None:
    actor = await require(update, context, "moderate")
    if actor is None:
        return
    svc = services(context)
    given = args(context)
    round_id = ascii_int(given[0], max_digits=9) if given else None
    assert context.user_data is not None
    context.user_data[_SKIPPED] = []
    item = await _next(svc, round_id, [])
    await audit(context, actor, "moderate", round_id)
    if item is None:
        await reply(context, actor.chat_id, "Nothing is waiting for moderation. Thank you!")
        return
    left = await svc.store.pending_moderation(round_id)
    await reply(context, actor.chat_id, await describe(svc, item, left), keyboard(item.id))


async def on_press(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None or not query.data or not re.match(PATTERN, query.data):
        return
    _, raw_id, verb = query.data.split(":")
    item_id = int(raw_id)
    actor = await require(update, context, "moderation-decision", target=item_id)
    if actor is None:
        return
    await answer_quietly(query)
    svc = services(context)
    item = await svc.store.moderation_item(item_id)
    if item is None:
        await audit(context, actor, "moderation-decision", item_id, result="unknown item")
        await reply(context, actor.chat_id, "That item is no longer in the queue.")
        return
    assert context.user_data is not None
    skipped: list[int] = context.user_data.setdefault(_SKIPPED, [])
    flagged = SAFEGUARDING in item.reasons or CHECK_IN in item.reasons
    if verb == "a" and flagged and item.status == "pending":
        await audit(context, actor, "moderation-confirm", item_id)
        left = await svc.store.pending_moderation()
        text = f"{await describe(svc, item, left)}\n\n{CONFIRM_SAFEGUARDING}"
        await replace_pressed(
            context, actor.chat_id, query.message, text, confirm_keyboard(item_id)
        )
        return
    if verb == "b":
        left = await svc.store.pending_moderation()
        text = await describe(svc, item, left)
        await replace_pressed(context, actor.chat_id, query.message, text, keyboard(item_id))
        return
    if verb == "s":
        skipped.append(item_id)
        await audit(context, actor, "moderation-skip", item_id)
    else:
        decided = await svc.store.decide(item_id, _DECISION[verb], actor.pseudonym)
        await audit(
            context,
            actor,
            "moderation-decision",
            item_id,
            decision=_DECISION[verb],
            result="decided" if decided else "already decided",
        )
    following = await _next(svc, None, skipped)
    if following is None:
        text, markup = "That was the last one waiting. Thank you!", None
    else:
        left = await svc.store.pending_moderation()
        text, markup = await describe(svc, following, left), keyboard(following.id)
    await replace_pressed(context, actor.chat_id, query.message, text, markup)
