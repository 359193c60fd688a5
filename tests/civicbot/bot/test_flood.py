"""The flood gate's token bucket, on an injected clock."""

from __future__ import annotations

from civicbot.bot.flood import FloodGate, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_one_notice_then_refill() -> None:
    clock = Clock()
    gate = FloodGate(burst=3, rate=1.0, clock=clock)
    assert [gate.admit(1) for _ in range(3)] == [Verdict.ALLOW] * 3
    assert gate.admit(1) is Verdict.NOTICE
    assert gate.admit(1) is Verdict.DROP
    assert gate.admit(2) is Verdict.ALLOW  # someone else is not affected
    clock.now = 1.0
    assert gate.admit(1) is Verdict.ALLOW  # one token back after a second
    # Still the same flood episode: dropped again, but no second notice.
    assert gate.admit(1) is Verdict.DROP
    assert (gate.dropped, gate.notices) == (3, 1)


def test_a_steady_flood_gets_one_notice_and_bounded_admissions() -> None:
    clock = Clock()
    gate = FloodGate(burst=10, rate=1.0, clock=clock)
    verdicts = []
    for n in range(1000):  # 1,000 messages over a minute
        clock.now = n * 0.06
        verdicts.append(gate.admit(7))
    assert verdicts.count(Verdict.NOTICE) == 1
    assert 60 <= verdicts.count(Verdict.ALLOW) <= 10 + 60


def test_quiet_ends_the_episode() -> None:
    clock = Clock()
    gate = FloodGate(burst=2, rate=1.0, clock=clock)
    assert [gate.admit(1) for _ in range(3)][-1] is Verdict.NOTICE
    clock.now = 2.0  # the bucket is full again
    assert [gate.admit(1) for _ in range(3)][-1] is Verdict.NOTICE
    assert gate.notices == 2


def test_rate_zero_turns_it_off() -> None:
    gate = FloodGate(burst=1, rate=0.0, clock=Clock())
    assert {gate.admit(1) for _ in range(100)} == {Verdict.ALLOW}


def test_settings() -> None:
    from civicbot.settings import Settings

    assert (Settings.from_env({}).flood_burst, Settings.from_env({}).flood_rate) == (10, 1.0)
    chosen = Settings.from_env({"CIVICBOT_FLOOD_BURST": "5", "CIVICBOT_FLOOD_RATE": "0.5"})
    assert (chosen.flood_burst, chosen.flood_rate) == (5, 0.5)
