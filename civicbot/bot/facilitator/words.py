"""What the bot says to facilitators (and the few words residents see from their
tools: reminders, results). Plain and short."""

from __future__ import annotations

FACILITATORS_ONLY = (
    "Sorry, that is a command for the people running this project. "
    "If you are taking part, send /start to carry on, or /help to see what you can do."
)
ADMINS_ONLY = "Sorry, only an admin of this bot can do that."

FACILITATOR_COMMANDS: tuple[tuple[str, str], ...] = (
    ("newround", "Create a round: /newround SCRIPT TITLE"),
    ("rounds", "List rounds with their numbers"),
    ("openround", "Open a round: /openround ROUND"),
    ("closeround", "Close a round: /closeround ROUND"),
    ("invite", "Invitation link and QR code: /invite ROUND [SOURCE]"),
    ("stats", "Who is taking part: /stats ROUND"),
    ("moderate", "Review flagged answers: /moderate [ROUND]"),
    ("transcribe", "Listen to voice answers and type them: /transcribe [ROUND]"),
    ("broadcast", "Send an update: /broadcast ROUND"),
    ("results", "Send what we heard: /results ROUND"),
    ("report", "The round's full report as a file: /report ROUND"),
    ("series", "Series of rounds and their rounds: /series"),
    ("grant", "Admins: make someone a facilitator: /grant USER_ID"),
    ("revoke", "Admins: remove a facilitator: /revoke USER_ID"),
)

ADMIN_ONLY = frozenset({"grant", "revoke"})


def facilitator_help(*, admin: bool) -> str:
    """The part of /help only facilitators (and admins) see: their commands, one a line
    with how to call them; /grant and /revoke for admins only."""
    lines = ["For facilitators:"]
    for name, text in FACILITATOR_COMMANDS:
        if name in ADMIN_ONLY and not admin:
            continue
        what, _, how = text.rpartition(": ") if ": " in text else (text, "", "")
        what = what.removeprefix("Admins: ")
        lines.append(f"{how or '/' + name}  {what[:1].upper()}{what[1:]}")
    lines.append("")
    lines.append("Send a command without its ROUND to be told what it needs.")
    return "\n".join(lines)


def opened(round_id: int, title: str, closed: list[tuple[int, str]], *, newest: bool) -> str:
    """The reply to /openround: the round is open, what became of the round the bot
    opened by itself, and where /start without a link now leads."""
    lines = [f"Round {round_id} “{title}” is open. Share it with /invite {round_id} SOURCE."]
    for other_id, other_title in closed:
        lines.append(
            f"Round {other_id} “{other_title}”, the round the bot opened by itself when it was "
            "installed, is now closed, so nobody lands in it by mistake."
        )
    if newest:
        lines.append("New residents who send /start without a link join this round.")
    else:
        lines.append(
            "Another round opened more recently: /start without a link leads there; "
            "this round's invitations lead here."
        )
    return "\n".join(lines)


def closed(round_id: int, title: str, still_open: tuple[int, str] | None) -> str:
    """The reply to /closeround, saying where /start without a link leads now."""
    if still_open is None:
        after = "No round is open now: anyone who sends /start is asked to check back later."
    else:
        after = (
            f"New residents who send /start without a link now join round {still_open[0]} "
            f"“{still_open[1]}”."
        )
    return (
        f"Round {round_id} “{title}” is closed. {after}\n"
        f"When you are ready, send what we heard with /results {round_id}."
    )


def source_tag(typed: str, tag: str) -> str:
    return (
        f"The source “{typed}” is kept as the tag {tag} (letters, digits, - and _ only); "
        f"/stats shows it under that name."
    )


GRANT_HOW = (
    "To make someone a facilitator, send /grant followed by their numeric Telegram ID "
    "(for example /grant 123456789), or forward me a message they wrote and reply to it "
    "with /grant."
)
HIDDEN_FORWARD = (
    "That person's privacy settings hide who they are when their messages are forwarded, "
    "so I cannot tell their account from the forward. Please ask them for their numeric "
    "Telegram ID (for example from @userinfobot) and send /grant followed by it."
)

REMINDER = (
    "Hello again. You started sharing your views in “{title}” but did not get to the "
    "end. If you would like to carry on, send /start and you will pick up where you left "
    "off. If not, that is fine: there is no need to reply, and we will not remind you "
    "again."
)

NO_RESULTS = (
    "There are no results to share yet from the rounds you took part in. When a round "
    "closes, we will send what we heard here to everyone who asked for updates."
)


def usage(command: str) -> str:
    for name, text in FACILITATOR_COMMANDS:
        if name == command:
            return text.split(": ", 1)[-1] if ": " in text else f"/{name}"
    return f"/{command}"


NEWROUND_USAGE = (
    "Usage: /newround SCRIPT TITLE [--approval] [--reference=NAME] [--organiser=NAME]"
    " [--contact=HOW] [--areas=VALUE=Label,...] [--postcodes=DISTRICT=VALUE,...]\n"
    "SCRIPT is a file in prompts/, e.g. values-and-services.yaml. NAME is the population "
    "to compare with: a place such as wigan, barking-and-dagenham or a geography code "
    "like E08000010 (civicbot reference list), or a .csv file in the references folder. "
    "The default is england."
)

NEEDS_ORGANISER = (
    "A round needs an organiser and a contact before it opens: residents are told who runs "
    "it, and how to reach them, before they agree. Make it with /newround SCRIPT TITLE "
    '--organiser=Wigan_Together --contact=hello@example.org ("_" for a space), or ask '
    "your operator to set CIVICBOT_ORGANISER and CIVICBOT_ORGANISER_CONTACT."
)
AREAS_USAGE = (
    "Areas look like --areas=pemberton=Pemberton,ince=Ince,wigan_central=Wigan_Central and "
    'postcode districts like --postcodes=WN5=pemberton,WN2=ince ("_" for a space).'
)
