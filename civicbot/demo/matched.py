"""Simulated residents who match a reference population (``civicbot demo --reference``).

The usual demo draws a town like England and lets some groups take part less often, so
the report has under-representation to find. This draw does the opposite: the residents
who take part are, field by field, exactly the reference's shares (largest-remainder
quotas, shuffled), and everyone finishes and answers every "about you" question. Against
its own reference such a round should flag no group; against another place's (England's
for Wigan) it flags the groups in which the two places differ. That is the check the
comparison is meant to pass, shown end to end.

Fields the reference has no figures for (sex or disability for most local references)
are drawn as the usual demo draws them; they cannot be compared anyway.
"""

from __future__ import annotations

import random
from dataclasses import replace

from civicbot.demo.population import AGE_BANDS, Persona, draw_persona
from civicbot_analysis.equity import Reference

_BAND_AGES = {
    "16-24": (16, 24),
    "25-34": (25, 34),
    "35-44": (35, 44),
    "45-54": (45, 54),
    "55-64": (55, 64),
    "65-74": (65, 74),
    "75+": (75, 95),
}
_DISABILITY = {"no": 0, "yes_limited_little": 1, "yes_limited_lot": 2}


def quotas(shares: dict[str, float], size: int) -> list[str]:
    """``size`` values in the proportions ``shares`` (largest remainder), in order."""
    total = sum(shares.values())
    exact = {v: size * s / total for v, s in shares.items()}
    counts = {v: int(x) for v, x in exact.items()}
    short = size - sum(counts.values())
    for v in sorted(exact, key=lambda v: exact[v] - counts[v], reverse=True)[:short]:
        counts[v] += 1
    return [v for v, n in counts.items() for _ in range(n)]


def _column(reference: Reference, field: str, size: int, rng: random.Random) -> list[str] | None:
    group = reference.shares.get(field)
    if not group:
        return None
    values = quotas({v: row.share for v, row in group.items()}, size)
    rng.shuffle(values)
    return values


def draw_matched_population(rng: random.Random, size: int, reference: Reference) -> list[Persona]:
    """``size`` residents whose answers match ``reference``'s shares field by field."""
    ages = _column(reference, "age_band", size, rng)
    ethnicity = _column(reference, "ethnicity", size, rng)
    sex = _column(reference, "sex", size, rng)
    disability = _column(reference, "disability", size, rng)
    caring = _column(reference, "caring", size, rng)
    people: list[Persona] = []
    for n in range(size):
        base = draw_persona(rng, n)
        if ages is not None:
            lo, hi = _BAND_AGES[ages[n]]
            age = rng.randint(lo, hi)
        else:
            lo, hi, _ = rng.choices(AGE_BANDS, weights=[w for *_, w in AGE_BANDS])[0]
            age = rng.randint(lo, hi)
        people.append(
            replace(
                base,
                age=age,
                ethnicity=ethnicity[n] if ethnicity else base.ethnicity,
                sex=sex[n] if sex else base.sex,
                disability=_DISABILITY[disability[n]] if disability else base.disability,
                carer=caring[n] == "yes" if caring else base.carer,
                prefer_not=frozenset(),
                skip_rate=0.0,
                back_rate=0.0,
                declines=False,
                drop_at=None,
            )
        )
    return people
