"""Rounds from Telegram: /newround, /openround, /closeround, /rounds; and /grant, /revoke.

A new round freezes the script file as it is now (later edits never change the meaning
of stored answers). Scripts are named by file in ``prompts/``; paths are refused.
"""

from __future__ import annotations

from telegram import MessageOriginHiddenUser, MessageOriginUser, Update

from civicbot.bot.facilitator import menu, words
from civicbot.bot.facilitator.auth import audit, require
from civicbot.bot.facilitator.common import Context, args, reply, round_arg
from civicbot.bot.services import services
from civicbot.facilitation import (
    create_round,
    describe_round,
    not_ready,
    parse_areas,
    parse_postcodes,
    parse_when,
    script_path,
    window_note,
    window_problem,
)
from civicbot.numbers import ascii_int
from civicbot.safeguarding.delivery import nobody_to_alert
from civicbot.script.load import ScriptError
from civicbot_analysis.equity import ReferenceError


async def on_newround(update: Update, context: Context) -> None:
    actor = await require(update, context, "newround")
    if actor is None:
        return
    given = args(context)
    flags = [a for a in given if a.startswith("--")]
    words_ = [a for a in given if not a.startswith("--")]
    if len(words_) < 2:
        await reply(context, actor.chat_id, words.NEWROUND_USAGE)
        return
    path = script_path(words_[0])
    if path is None:
        await reply(context, actor.chat_id, f"I cannot find the script {words_[0]!r} in prompts/.")
        return
    options: dict[str, str] = {}
    for flag in flags:
        key, _, value = flag[2:].partition("=")
        options[key] = value
    try:
        opens = parse_when(options["opens"]) if options.get("opens") else None
        closes = parse_when(options["closes"]) if options.get("closes") else None
    except ValueError:
        await reply(context, actor.chat_id, "Dates look like --opens=2025-06-01T09:00")
        return
    svc = services(context)
    problem = window_problem(opens, closes, svc.store.now())
    if problem is not None:
        await reply(context, actor.chat_id, problem)
        return
    title = " ".join(words_[1:])[:200]
    # Telegram splits arguments at spaces: "_" stands for a space in --organiser=.
    organiser = options.get("organiser", "").replace("_", " ").strip() or svc.settings.organiser
    contact = options.get("contact", "").strip() or svc.settings.organiser_contact
    if opens is not None and not (organiser and contact):
        await reply(context, actor.chat_id, words.NEEDS_ORGANISER)
        return
    try:
        areas = parse_areas(_listed(options.get("areas", "")))
        districts = [p for p in options.get("postcodes", "").split(",") if p.strip()]
        postcodes = parse_postcodes(districts, areas)
    except ValueError as exc:
        await reply(context, actor.chat_id, f"{exc}. {words.AREAS_USAGE}")
        return
    try:
        round_id = await create_round(
            svc.store,
            path,
            title,
            requires_approval="approval" in options,
            reference=options.get("reference") or "england",
            references_dir=svc.settings.references_dir,
            database=svc.settings.db_path,
            opens_at=opens,
            closes_at=closes,
            organiser=organiser,
            contact=contact,
            areas=areas,
            postcodes=postcodes,
        )
    except ScriptError as exc:
        await reply(context, actor.chat_id, f"That script has problems:\n{exc}")
        return
    except ReferenceError as exc:
        await reply(context, actor.chat_id, f"I cannot use that reference population: {exc}")
        return
    await audit(context, actor, "newround", round_id, script=path.name, title=title)
    await reply(
        context,
        actor.chat_id,
        f"Round {round_id} “{title}” is ready (draft), using {path.name}. "
        f"{window_note(opens, closes, svc.store.now())}\n"
        f"Open it with /openround {round_id}, then share it with /invite {round_id} SOURCE.",
    )


def _listed(value: str) -> list[str]:
    """``a_b=A_b,c=C`` -> ["a_b=A b", "c=C"]: "_" stands for a space in a label, since
    Telegram splits arguments at spaces (values keep theirs: they are not shown)."""
    items = []
    for item in value.split(","):
        key, sep, label = item.strip().partition("=")
        if item.strip():
            items.append(f"{key}{sep}{label.replace('_', ' ')}")
    return items


async def _set_status(update: Update, context: Context, action: str) -> None:
    actor = await require(update, context, action)
    if actor is None:
        return
    row = await round_arg(update, context, actor.chat_id, f"/{action} ROUND")
    if row is None:
        return
    svc = services(context)
    store = svc.store
    if action == "openround":
        if not_ready(row) is not None:
            await reply(context, actor.chat_id, words.NEEDS_ORGANISER)
            return
        refusal = await nobody_to_alert(store, svc.settings)
        if refusal is not None:
            await audit(context, actor, action, row.id, result="refused: nobody to alert")
            await reply(context, actor.chat_id, refusal)
            return
        closed = await store.open_round(row.id)
        newest = await store.latest_open_round()
        text = words.opened(
            row.id,
            row.title,
            [(c.id, c.title) for c in closed],
            newest=newest is not None and newest.id == row.id,
        )
    else:
        await store.close_round(row.id)
        left = await store.latest_open_round()
        text = words.closed(row.id, row.title, None if left is None else (left.id, left.title))
        closed = []
    await audit(context, actor, action, row.id, closed_default=[c.id for c in closed])
    await reply(context, actor.chat_id, text)


async def on_openround(update: Update, context: Context) -> None:
    await _set_status(update, context, "openround")


async def on_closeround(update: Update, context: Context) -> None:
    await _set_status(update, context, "closeround")


async def on_rounds(update: Update, context: Context) -> None:
    actor = await require(update, context, "rounds")
    if actor is None:
        return
    store = services(context).store
    rows = await store.list_rounds()
    lines = [
        describe_round(row, await store.round_counts(row.id)) for row in rows if not row.simulated
    ]
    await audit(context, actor, "rounds")
    await reply(context, actor.chat_id, "\n".join(lines) or "No rounds yet. /newround makes one.")


def _target(update: Update, context: Context) -> int | str | None:
    """The numeric user ID to grant to: the argument, or the author of the forwarded
    message replied to. A forward that hides its author gives "hidden"."""
    given = args(context)
    if given:
        return ascii_int(given[0], max_digits=15)
    message = update.effective_message
    replied = message.reply_to_message if message else None
    origin = replied.forward_origin if replied else None
    if isinstance(origin, MessageOriginUser):
        return origin.sender_user.id
    if isinstance(origin, MessageOriginHiddenUser):
        return "hidden"
    return None


async def _role(update: Update, context: Context, action: str) -> None:
    actor = await require(update, context, action, admin=True)
    if actor is None:
        return
    target = _target(update, context)
    if target == "hidden":
        await reply(context, actor.chat_id, words.HIDDEN_FORWARD)
        return
    if not isinstance(target, int):
        await reply(context, actor.chat_id, words.GRANT_HOW)
        return
    store = services(context).store
    who = store.resident_id(target)  # audited by pseudonym, never by Telegram ID
    if action == "grant":
        changed = await store.grant_facilitator(who, actor.pseudonym)
        text = "Done: they are a facilitator now." if changed else "They are a facilitator already."
        text += " They can send /rounds to begin."
    else:
        changed = await store.revoke_facilitator(who)
        text = "Done: they are no longer a facilitator." if changed else "They were not one."
    await audit(context, actor, action, who, changed=changed)
    svc = services(context)
    admin = target in svc.settings.admins
    if action == "grant" or admin:
        if await menu.show(context.bot, target, admin=admin):
            svc.menus_shown.add(target)
    else:
        await menu.hide(context.bot, target)
        svc.menus_shown.discard(target)
    await reply(context, actor.chat_id, text)


async def on_grant(update: Update, context: Context) -> None:
    await _role(update, context, "grant")


async def on_revoke(update: Update, context: Context) -> None:
    await _role(update, context, "revoke")
