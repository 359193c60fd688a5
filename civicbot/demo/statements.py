"""What simulated residents say and do in the demo's deliberation step.

Every statement, a seed from the script or one a resident writes, has a stance on two
axes: *local* (neighbours, local groups and small places, against big central services)
and *targeted* (help aimed at those who struggle most, against the same for everyone),
and a *base* lean (statements nearly everyone agrees with have a high one). A resident's
outlook on the same axes comes from who they are: older residents lean local, residents
who are disabled, caring or short of money lean targeted, each with a personal twist.
They agree when their outlook and the statement's stance point the same way, so the
opinion groups the report finds are planted, and the topics are the subjects the
statements below are about (buses, doctors, young people, libraries and parks, care,
housing repairs, reaching the council).
"""

from __future__ import annotations

import math
import random
from collections.abc import Awaitable, Callable

from civicbot.demo.population import Persona
from civicbot.engine import Input, Outcome, Press, SessionState, Text
from civicbot.engine import deliberation_view as view
from civicbot.script.model import Script, Step

Stance = tuple[str, float, float, float]  # (text, local, targeted, base)


def _table(text: str) -> tuple[Stance, ...]:
    """Statements from a table: ``local targeted base text`` a line; a ``#`` line names
    the subject of those below it."""
    rows: list[Stance] = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            local, targeted, base, statement = line.split(maxsplit=3)
            rows.append((statement, float(local), float(targeted), float(base)))
    return tuple(rows)


# local, targeted, base, text. Seeds first: their order is the script's (values-and-
# services.yaml, step future_services); a test checks they agree.
SEEDS = _table(
    """
0    0    1.2  Services should ask what is going well in my life, not only what is wrong.
0    0    1.5  I should only have to tell my story once, however many services I deal with.
0    0.5  1.2  Help should come early, before things reach a crisis.
1    0    0.2  Local groups and neighbours can do some things better than big services can.
0    1    0.0  People who struggle most to be heard should have the biggest say.
-1   -0.5 0.2  Every area should get the same services, wherever people live.
"""
)
WRITTEN = _table(
    """
# buses
0    0.5  0.8  The bus to the hospital should run every half hour, not every two hours.
0    1    0.3  Evening buses were cut and people without cars are stuck at home.
0    1    0    Bus fares should be free for carers on the bus with the person they care for.
1    0    0    A community minibus run by volunteers would beat the big bus company.
-1   0    0.1  The council should bring the bus routes back under its own control.
0.5  0.5  0.6  Bus stops need seats and shelters for older people waiting for the bus.
# doctors
0    0    1.2  Getting a GP appointment means ringing the surgery at 8am and still waiting weeks.
0    1    0.4  The GP surgery should keep appointments for people who cannot use the app.
1    0    0.3  A nurse from the GP surgery in the village hall once a week would save long trips.
-1   -1   0    Everyone should book GP appointments online, it is quicker for all patients.
0    0    0.8  The GP surgery phone line should call patients back instead of keeping them waiting.
# young people
0    0.5  0.9  Mental health waiting lists for young people are far too long.
1    0    0.5  Young people need a youth club open in the evenings, not just the street.
1    0.5  0    Youth workers who know young people on the estate do more good than police patrols.
0.5  0    0.3  Young people should help decide how the youth budget is spent.
0    1    0.4  Young people leaving care need a youth worker they can ring any time.
# libraries
0    1    0.4  The library is the only warm place some people can go in winter.
1    0    0    Keep the branch libraries open, even if the central library gets less.
-1   -1   -0.3 One big modern central library would be better than many small libraries.
0    1    0.5  Library staff should help people fill in forms and use the library computers.
0    0    0.7  Library opening hours should include evenings and weekends.
# parks
0    0    0.8  The park needs working toilets and lights so families feel safe in the park.
1    0    0.1  Friends of the park groups should get money to look after their own park.
0    0.5  0.6  The park playground is broken and children have nowhere to play.
-1   -0.5 0    Parks should be run by one council parks team so every park gets the same care.
# care at home
0    1    0.6  Carers get no break: respite care for carers should not take months to arrange.
0    0.5  1.0  The same home care worker should visit each time, not a different stranger.
0    0.5  0.8  Home care visits of fifteen minutes are not enough to care for anyone properly.
-1   -1   0    Home care should be the same standard for everyone, not depend on being worst off.
1    0.5  0    Neighbours and local groups could give carers a few hours of care at home.
# housing repairs
0    1    0.9  Damp and mould in council flats must be repaired within weeks, not left for years.
0    1    0    Housing repairs should go first to tenants with young children or a disability.
1    0    0.2  A local repairs team who know the estate would repair homes quicker than contractors.
-1   -0.5 0.2  Tenants should be able to track their housing repair online like a parcel.
# reaching the council
0    0    1.0  When you ring the council you wait an hour and nobody from the council calls back.
1    0.5  0.3  There should be a council office to talk to someone face to face in every town.
0    0.5  0.7  Council forms should be short and in plain words, in other languages too.
-1   -1   -0.2 Doing everything online at the council saves money for other council services.
"""
)
STANCES: dict[str, tuple[float, float, float]] = {
    text: (local, targeted, base) for text, local, targeted, base in (*SEEDS, *WRITTEN)
}
WRITE_RATE = 0.35  # residents who write a statement of their own
PASS_RATE = 0.08  # votes that are "pass" (not sure)


def outlook(persona: Persona) -> tuple[float, float]:
    """Where a resident stands on the two axes, from who they are and a personal twist."""
    twist = random.Random(f"outlook:{persona.number}")
    local = (1.0 if persona.age >= 50 else -1.0) + twist.gauss(0, 0.3)
    needs = persona.disabled or persona.carer or persona.money >= 2
    targeted = (1.0 if needs else -1.0) + twist.gauss(0, 0.5)
    return local, targeted


def vote(persona: Persona, text: str, rng: random.Random) -> int:
    """1 agree, -1 disagree, 0 pass: this resident's vote on ``text``."""
    if rng.random() < PASS_RATE:
        return 0
    local, targeted, base = STANCES.get(text, (0.0, 0.0, 0.0))
    me_local, me_targeted = outlook(persona)
    # Local against central is the main divide; need is a second, weaker one.
    score = base + 2.5 * local * me_local + 1.0 * targeted * me_targeted
    return 1 if rng.random() < 1 / (1 + math.exp(-score)) else -1


def statement_to_write(persona: Persona, rng: random.Random, taken: set[str]) -> str | None:
    """The statement this resident writes (one no one wrote yet), or None."""
    if rng.random() >= WRITE_RATE:
        return None
    free = [text for text, *_ in WRITTEN if text not in taken]
    if not free:
        return None
    me_local, me_targeted = outlook(persona)
    # People write what they believe: the statements closest to their own outlook.
    free.sort(key=lambda t: -(STANCES[t][0] * me_local + STANCES[t][1] * me_targeted))
    return rng.choice(free[:5])


async def deliberate(
    send: Callable[[Input, float], Awaitable[Outcome]],
    state: Callable[[], SessionState],
    script: Script,
    step: Step,
    persona: Persona,
    written: set[str],
) -> Outcome:
    """A resident in a deliberation step: vote on the statements shown, one at a time, by
    pressing their buttons; perhaps write one no one wrote yet; then move on. ``send``
    sends one input after some seconds; ``state`` is the resident's session now. A random
    stream of its own, so a resident's other answers are the same with or without the step."""
    rng = random.Random(f"deliberation:{persona.number}:{persona.mood!r}")
    here = [s.id for s in script.steps()].index(step.id)
    for _ in range(rng.randint(5, step.max_votes or 20)):
        shown = view.on_screen(state(), step)
        if shown is None:
            break
        letter = {1: "a", -1: "d", 0: "p"}[vote(persona, shown.text, rng)]
        await send(Press(view.vote_token(here, shown.id, letter)), rng.uniform(4, 20))
    text = statement_to_write(persona, rng, written)
    if text is not None and view.can_write(state(), step):
        written.add(text)
        await send(Press(view.write_token(here)), rng.uniform(2, 6))
        await send(Text(text), rng.uniform(30, 90))
    return await send(Press(view.stop_token(here)), rng.uniform(2, 6))
