"""Simulated residents taking part, through the real dialogue engine and the real store.

Each resident is driven the way a person drives the chat: ``/start``, a press on the
consent button (a few decline), then, for every question the engine sends, a press on
one of that message's buttons (choices, ratings, yes/no, multiple-choice ticks then
"Done") or a typed answer for free text. Some skip questions, a few go back and answer
again, a few pause and come back hours later, and some stop part-way, more of them
towards the end. Every engine outcome is stored with ``Store.apply_outcome`` exactly as
the bot stores it, so the demo exercises the same path as a live round.

Some residents answer questions that ask for their own words by voice note (more often
those who are older or disabled); a facilitator types most of those up during the round
(the simulated transcript is what the resident said), and the rest are still waiting
when it closes, as in a live round.

Time is simulated: residents arrive over three weeks (more in the first days, in waking
hours), and each answer takes a plausible few seconds to minutes. The store is given the
simulated clock, so the timestamps in the database and report tell a realistic story.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from civicbot.demo import answers, statements
from civicbot.demo.phrases_languages import PHRASES
from civicbot.demo.population import Persona, demographic_answer
from civicbot.engine import (
    Back,
    Input,
    Outcome,
    OutMessage,
    Pause,
    Press,
    SessionState,
    Skip,
    Start,
    Text,
    Voice,
    handle,
    parse_token,
)
from civicbot.engine.types import DeliberationPool
from civicbot.script.model import Script, Step, options_of, text_in
from civicbot.store import Store

# Simulated Telegram user ids start here; they are only hashed into pseudonyms, but a
# recognisable base makes the demo's identity rows easy to spot.
DEMO_USER_BASE = 7_000_000_000
ROUND_DAYS = 21
# Safety net: no dialogue in the default script needs more than about 80 inputs.
MAX_INPUTS = 400
# Who answers free text by voice note, and how many voice answers get typed up.
VOICE_RATE = 0.08
VOICE_RATE_OLDER_OR_DISABLED = 0.2
TRANSCRIBED_SHARE = 0.85
DEMO_TRANSCRIBER = "demo-facilitator"


class SimulationError(RuntimeError):
    """The engine turned away an input a simulated resident sent: a demo or engine bug."""


class SimClock:
    """A settable clock for the store, so stored times follow the simulated story."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass(frozen=True)
class Tally:
    """What one simulation did, counted from the residents' side."""

    started: int
    declined: int
    finished: int
    stopped: int  # consented, then left part-way
    inputs: int
    backs: int = 0  # times someone went back to change an answer
    pauses: int = 0  # times someone paused and came back later
    voice_notes: int = 0  # free-text answers given by voice note
    transcribed: int = 0  # of those, typed up by a (simulated) facilitator


def arrival_times(rng: random.Random, count: int, opened: datetime) -> list[datetime]:
    """When each resident starts: more in the first days after the invite goes out,
    between 7am and 11pm, sorted."""
    times = []
    for _ in range(count):
        day = min(ROUND_DAYS - 1, int(rng.expovariate(1 / 5.5)))
        hour = rng.triangular(7, 23, 19)
        times.append(opened + timedelta(days=day, hours=hour - opened.hour))
    return sorted(times)


def invitation_source(persona: Persona, rng: random.Random) -> str | None:
    """The invitation a simulated resident came through (None: the round's own link).

    Outreach reaches the groups it is aimed at: a GP surgery disabled residents and
    carers, a food bank residents finding money difficult, the library older residents.
    Drawn from its own random stream, so the rest of the simulation is unchanged.
    """
    draw = rng.random()
    if (persona.disabled or persona.carer) and draw < 0.5:
        return "gp-surgery"
    if persona.money >= 3 and draw < 0.6:
        return "foodbank"
    if persona.age >= 65 and draw < 0.5:
        return "library"
    return None if draw < 0.7 else "leaflet"


class Resident:
    """One simulated resident in one round: sends inputs and stores each outcome."""

    def __init__(
        self,
        store: Store,
        script: Script,
        round_id: int,
        persona: Persona,
        rng: random.Random,
        clock: SimClock,
        written: set[str] | None = None,
    ) -> None:
        self.store = store
        self.script = script
        self.round_id = round_id
        self.persona = persona
        self.rng = rng
        self.clock = clock
        self.state = SessionState()
        self.resident = ""
        self.inputs = 0
        self.backs = 0
        self.pauses = 0
        self._steps = {step.id: step for step in script.steps()}
        self._deliberates = any(step.type == "deliberation" for step in script.steps())
        self._written = written if written is not None else set()  # statements of the round
        # A stream of its own, so that the other answers are the same with or without it.
        self._voice_rng = random.Random(f"voice:{persona.number}:{persona.mood!r}")
        rate = VOICE_RATE_OLDER_OR_DISABLED if persona.age >= 65 or persona.disabled else VOICE_RATE
        self.by_voice = self._voice_rng.random() < rate
        self.spoken: dict[str, str] = {}  # step -> what they said in a voice note
        self.source = invitation_source(persona, random.Random(f"source:{persona.number}"))
        self.language = _language(script, persona, random.Random(f"language:{persona.number}"))

    async def send(self, inp: Input, seconds: float) -> Outcome:
        """Wait (in simulated time), send one input, store the outcome."""
        self.clock.wait(seconds)
        outcome = handle(self.script, self.state, inp, await self._pool())
        self.inputs += 1
        if not outcome.changed and self.state.status == "new":
            return outcome  # the language picker: nothing is kept before a choice
        if not outcome.changed:
            raise SimulationError(f"the engine did not take {inp!r} at {self.state.step_id}")
        if self.inputs > MAX_INPUTS:
            raise SimulationError(f"resident {self.persona.number} is going round in circles")
        await self.store.apply_outcome(
            update_id=None,
            round_id=self.round_id,
            resident=self.resident,
            state=outcome.state,
            records=outcome.records,
            source=self.source,
        )
        self.state = outcome.state
        return outcome

    async def _pool(self) -> DeliberationPool | None:
        """What the deliberation step may show now, as the bot loads it before each input."""
        if not self._deliberates or not self.resident:
            return None
        return await self.store.deliberation_pool(self.round_id, self.resident, self.script)

    async def take_part(self) -> None:
        persona, rng = self.persona, self.rng
        user_id = DEMO_USER_BASE + persona.number
        self.resident = await self.store.register_identity(user_id, user_id, "en")
        stored = await self.store.get_session(self.round_id, self.resident)
        self.state = stored or SessionState()
        outcome = await self.send(Start(), 0)
        picker = _language_button(outcome.messages, self.language)
        if picker is not None:  # the language picker comes before consent
            outcome = await self.send(picker, rng.uniform(3, 10))
        if self.state.status == "hello":  # the notice's first layer: read on
            outcome = await self.send(_press(outcome.messages, "consent_more"), rng.uniform(8, 40))
        wanted = "consent_no" if persona.declines else "consent_yes"
        outcome = await self.send(_press(outcome.messages, wanted), rng.uniform(15, 90))
        questions = sum(1 for step in self.script.steps() if step.is_question)
        asked = 0
        paused = False
        while self.state.status == "active":
            if persona.drop_at is not None and asked >= persona.drop_at * questions:
                return  # they stop here and never come back
            if not paused and asked > 4 and rng.random() < 0.003:
                paused = True
                self.pauses += 1
                await self.send(Pause(), rng.uniform(5, 30))
                outcome = await self.send(Start(), rng.uniform(2, 30) * 3600)
            message = _question(outcome.messages)
            step = self._steps[message.step_id or ""]
            outcome = await self.answer(step, message)
            asked += 1
            if self.state.status == "active" and rng.random() < persona.back_rate:
                # Changed their mind: back to the question just answered, then answer
                # it again (the loop does that, with a fresh draw).
                self.backs += 1
                outcome = await self.send(_back(outcome.messages), rng.uniform(3, 12))

    async def transcribe(self) -> tuple[int, int]:
        """A facilitator types up most of this resident's voice answers (the words they
        said); returns (voice notes, typed up)."""
        # The latest note for each question: the demo stores no update ids, so a note
        # answered over by voice again still looks current beside the new one.
        latest = {
            n.step_id: n for n in await self.store.voice_notes_of(self.round_id, self.resident)
        }
        notes = list(latest.values())
        typed = 0
        for note in notes:
            said = self.spoken.get(note.step_id)
            if said is None or self._voice_rng.random() >= TRANSCRIBED_SHARE:
                continue
            typed += await self.store.transcribe(note.id, said, DEMO_TRANSCRIBER)
        return len(notes), typed

    async def answer(self, step: Step, message: OutMessage) -> Outcome:
        persona, rng = self.persona, self.rng
        if step.demographic is not None:
            value = demographic_answer(persona, step, "en")
            if value is None:
                return await self.send(_press([message], "skip"), rng.uniform(3, 10))
            index = [o.value for o in options_of(step)].index(value)
            return await self.send(_option(message, step, index), rng.uniform(3, 12))
        if step.type == "deliberation":
            return await statements.deliberate(
                self.send, lambda: self.state, self.script, step, persona, self._written
            )
        if step.optional and rng.random() < persona.skip_rate:
            return await self.send(_press([message], "skip") if message.buttons else Skip(), 6)
        live = {k: v for k, v in self.state.answers.items() if k in self.state.history}
        if step.type == "free_text":
            text = answers.free_text(persona, step, rng, live, "en")
            if self.state.language in PHRASES:
                text = answers.free_text_in(self.state.language, persona, rng)
            seconds = rng.uniform(20, 60) + len(text) * 0.6
            if self.by_voice:
                # No audio in a simulation: an empty reference is never fetched.
                self.spoken[step.id] = text
                return await self.send(Voice("", max(2, len(text) // 12)), seconds)
            return await self.send(Text(text), seconds)
        if step.type == "scale":
            real = [i for i, o in enumerate(options_of(step)) if o.value != "prefer_not"]
            index = real[answers.rating(persona, step, rng)]
            return await self.send(_option(message, step, index), rng.uniform(4, 15))
        if step.type == "single_choice":
            index = answers.choose_one(persona, step, rng, live)
            return await self.send(_option(message, step, index), rng.uniform(4, 15))
        if step.type == "yes_no":
            wanted = "yes" if answers.says_yes(persona, step, rng) else "no"
            values = [o.value for o in options_of(step)]
            index = values.index(wanted) if wanted in values else 0
            return await self.send(_option(message, step, index), rng.uniform(3, 10))
        # multi_choice: tick each, then "Done"; each tick edits the message's buttons.
        # Back on this question, earlier ticks are still there: change only what differs.
        values = [o.value for o in options_of(step)]
        wanted_ticks = {values[i] for i in answers.choose_many(persona, step, rng)}
        had = set(self.state.pending)
        for index in [i for i, v in enumerate(values) if (v in had) != (v in wanted_ticks)]:
            outcome = await self.send(_option(message, step, index), rng.uniform(2, 6))
            message = _question(outcome.messages)
        return await self.send(_press([message], "done"), rng.uniform(2, 6))


# --- languages ---------------------------------------------------------------------------

# Who answers in which language, in a simulated town: modest shares, higher among those
# for whom the language is likelier (Census 2021 main languages; Welsh as if near Wales).
_LANGUAGE_SHARES: dict[str, tuple[tuple[str, float], ...]] = {
    "white": (("cy", 0.08), ("pl", 0.06)),
    "asian": (("ur", 0.55),),
    "black": (),
    "mixed": (("cy", 0.03),),
    "other": (("pl", 0.1), ("ur", 0.1)),
}


def _language(script: Script, persona: Persona, rng: random.Random) -> str:
    """The language this resident picks, among those the script offers."""
    if not script.picks_language:
        return script.default_language
    roll = rng.random()
    for code, share in _LANGUAGE_SHARES.get(persona.ethnicity, ()):
        if roll < share and code in script.languages:
            return code
        roll -= share
    return script.default_language


def _language_button(
    messages: tuple[OutMessage, ...] | list[OutMessage], code: str
) -> Press | None:
    """The picker's button for ``code`` (or its first), when the messages are the picker."""
    found = [
        b
        for m in messages
        for row in m.buttons
        for b in row
        if (t := parse_token(b.token)) is not None and t.kind == "language"
    ]
    for button in found:
        if button.token == f"l:{code}":
            return Press(button.token)
    return Press(found[0].token) if found else None


# --- reading the engine's messages ---------------------------------------------------


def _question(messages: tuple[OutMessage, ...] | list[OutMessage]) -> OutMessage:
    for message in reversed(messages):
        if message.step_id is not None:
            return message
    raise SimulationError("the engine sent no question while the dialogue is active")


def _press(messages: tuple[OutMessage, ...] | list[OutMessage], kind: str) -> Press:
    """Press the button of ``kind`` (e.g. "consent_yes", "skip", "done") on a message."""
    for message in messages:
        for row in message.buttons:
            for button in row:
                token = parse_token(button.token)
                if token is not None and token.kind == kind:
                    return Press(button.token)
    raise SimulationError(f"no {kind!r} button on the messages sent")


def _back(messages: tuple[OutMessage, ...]) -> Input:
    try:
        return _press(messages, "back")
    except SimulationError:
        return Back()


def _option(message: OutMessage, step: Step, index: int) -> Input:
    """Press the button of option ``index``; a person without buttons types its label."""
    for row in message.buttons:
        for button in row:
            token = parse_token(button.token)
            if token is not None and token.kind == "option" and token.option == index:
                return Press(button.token)
    return Text(text_in(options_of(step)[index].label, "en", "en"))


async def simulate_round(
    store: Store,
    script: Script,
    round_id: int,
    personas: list[Persona],
    *,
    seed: int,
    clock: SimClock,
    progress: Callable[[int, int], None] | None = None,
) -> Tally:
    """Run every persona through the round, in order of their arrival."""
    arrivals = arrival_times(random.Random(f"{seed}:arrivals"), len(personas), clock.now)
    declined = finished = stopped = inputs = backs = pauses = voiced = typed = 0
    written: set[str] = set()  # statements written so far, so no two residents repeat one
    for done, (persona, arrives) in enumerate(zip(personas, arrivals, strict=True), start=1):
        clock.now = arrives
        rng = random.Random(f"{seed}:resident:{persona.number}")
        resident = Resident(store, script, round_id, persona, rng, clock, written)
        await resident.take_part()
        if resident.spoken:
            notes, done_now = await resident.transcribe()
            voiced += notes
            typed += done_now
        inputs += resident.inputs
        backs += resident.backs
        pauses += resident.pauses
        status = resident.state.status
        declined += status == "declined"
        finished += status == "finished"
        stopped += status == "active"
        if progress is not None:
            progress(done, len(personas))
    return Tally(len(personas), declined, finished, stopped, inputs, backs, pauses, voiced, typed)
