"""Small rounds with known opinion structure, for the opinion tests."""

from __future__ import annotations

import numpy as np

from civicbot_analysis.rounddata import Resident, RoundData, Statement, Vote


def camps(
    n_a: int = 30,
    n_b: int = 30,
    *,
    seed: int = 1,
    noise: float = 0.05,
    demographics: dict[str, dict[str, str]] | None = None,
) -> RoundData:
    """Two camps: A agrees with s0-s4 and disagrees with s5-s9, B the reverse. Everyone
    agrees with "common"; only five of each camp see "few" (and all agree)."""
    rng = np.random.default_rng(seed)
    residents = [f"a{i}" for i in range(n_a)] + [f"b{i}" for i in range(n_b)]
    statements = [Statement(f"s{j}", f"Statement {j}", moderated=1) for j in range(10)]
    statements += [
        Statement("common", "Everyone agrees with this", moderated=1),
        Statement("few", "Only a few saw this", moderated=1),
        Statement("gone", "Rejected by a moderator", moderated=-1),
    ]
    votes: list[Vote] = []
    for i, r in enumerate(residents):
        sign = 1 if r.startswith("a") else -1
        for j in range(10):
            v = sign if j < 5 else -sign
            if rng.random() < noise:
                v = -v
            votes.append(Vote(r, f"s{j}", v))
        votes.append(Vote(r, "common", 1))
        votes.append(Vote(r, "gone", 1))
        if i < 5 or n_a <= i < n_a + 5:
            votes.append(Vote(r, "few", 1))
    demo = demographics or {}
    return RoundData(
        round_id="test",
        title="Test round",
        questions=(),
        residents=tuple(Resident(r, demographics=demo.get(r, {})) for r in residents),
        answers=(),
        statements=tuple(statements),
        votes=tuple(votes),
    )
