"""A small simulated round through the real engine and store, read back as RoundData."""

from __future__ import annotations

import asyncio
import statistics
from pathlib import Path

import pytest

from civicbot.demo.run import DEMO_SECRET, DemoResult, default_script, demo_secret, run_demo
from civicbot.store import SecretError, Store
from civicbot_analysis.rounddata import RoundData

RESIDENTS = 40


async def _round_data(result: DemoResult) -> tuple[RoundData, dict[str, int]]:
    store = await Store.open(result.database, secret=DEMO_SECRET)
    try:
        return await store.round_data(result.round_id), await store.round_counts(result.round_id)
    finally:
        await store.close()


@pytest.fixture(scope="module")
def demo_round(tmp_path_factory: pytest.TempPathFactory) -> tuple[DemoResult, RoundData, dict]:
    """One 40-resident round, shared by the tests below (it takes a few seconds)."""
    out = tmp_path_factory.mktemp("demo")
    result = asyncio.run(run_demo(out, residents=RESIDENTS, seed=1, formats=(), env={}))
    data, counts = asyncio.run(_round_data(result))
    return result, data, counts


def test_sessions_are_stored_and_most_finish(
    demo_round: tuple[DemoResult, RoundData, dict],
) -> None:
    result, data, counts = demo_round
    assert result.database.is_file()
    assert counts["started"] == RESIDENTS == result.tally.started
    assert counts["finished"] == result.tally.finished >= 0.7 * RESIDENTS
    assert counts["declined"] == result.tally.declined
    assert counts["consented"] == RESIDENTS - result.tally.declined
    # Residents who consented are in the analysis; those who declined are not.
    assert len(data.residents) == counts["consented"]
    finished = [r for r in data.residents if r.finished_at is not None]
    assert len(finished) == counts["finished"]
    # Some went back to change an answer, and the engine took it.
    assert result.tally.backs > 0
    assert result.tally.inputs > 25 * counts["finished"]


def test_the_round_is_marked_simulated(demo_round: tuple[DemoResult, RoundData, dict]) -> None:
    _, data, _ = demo_round
    assert data.simulated
    assert "simulated" in data.title


def test_answers_are_plausible(demo_round: tuple[DemoResult, RoundData, dict]) -> None:
    _, data, _ = demo_round
    people = len(data.residents)
    # A core route of 14 questions (7 about you, stored apart); about 20 more for those
    # who ask to tell us more; multiple choice adds rows.
    assert 8 * people < len(data.answers) < 40 * people
    core = [a.value for a in data.answers_to("care_meaning")]
    assert len(core) > 0.8 * people
    assert len(set(core)) > 0.6 * len(core)
    more = {a.resident for a in data.answers_to("tell_more") if a.value == "yes"}
    assert 0.4 * people < len(more) < 0.8 * people
    later = list(data.answers_to("society_want"))
    assert {a.resident for a in later} <= more
    assert len(later) > 0.8 * len(more)
    assert len({a.value for a in later}) > 0.6 * len(later)
    scale_values = {a.value for a in data.answers_to("joined_up_talk")}
    assert scale_values <= {"1", "2", "3", "4", "5"}
    assert len(scale_values) >= 3
    # Answer times follow the simulated three weeks, not the wall clock.
    times = [a.answered_at for a in data.answers if a.answered_at is not None]
    assert min(times).year == 2025
    assert (max(times) - min(times)).days >= 7


def test_demographics_are_stored_apart_and_populated(
    demo_round: tuple[DemoResult, RoundData, dict],
) -> None:
    _, data, _ = demo_round
    with_ages = [r for r in data.residents if "age_band" in r.demographics]
    assert len(with_ages) > 0.6 * len(data.residents)
    for field in ("sex", "ethnicity", "disability", "caring", "money_worries", "area"):
        assert any(field in r.demographics for r in data.residents), field
    assert not any(q.id == "age_band" for q in data.questions)


def test_disabled_residents_rate_services_lower(
    demo_round: tuple[DemoResult, RoundData, dict],
) -> None:
    _, data, _ = demo_round
    disabled = {
        r.id for r in data.residents if r.demographics.get("disability", "").startswith("yes")
    }
    not_disabled = {r.id for r in data.residents if r.demographics.get("disability") == "no"}
    assert disabled and not_disabled
    services = ("relational_person", "preventative_early", "joined_up_talk")
    scores = [a for q in services for a in data.answers_to(q)]
    low = statistics.mean(int(a.value) for a in scores if a.resident in disabled)
    high = statistics.mean(int(a.value) for a in scores if a.resident in not_disabled)
    assert low < high - 0.4


async def test_same_seed_same_round(tmp_path: Path) -> None:
    one = await run_demo(tmp_path / "a", residents=8, seed=5, formats=(), env={})
    two = await run_demo(tmp_path / "b", residents=8, seed=5, formats=(), env={})
    other = await run_demo(tmp_path / "c", residents=8, seed=6, formats=(), env={})
    (a, _), (b, _), (c, _) = [await _round_data(r) for r in (one, two, other)]
    assert a.answers == b.answers
    assert a.residents == b.residents
    assert a.answers != c.answers


async def test_a_second_run_starts_from_a_fresh_database(tmp_path: Path) -> None:
    first = await run_demo(tmp_path, residents=5, seed=1, formats=(), env={})
    second = await run_demo(tmp_path, residents=5, seed=1, formats=(), env={})
    _, counts = await _round_data(second)
    assert second.round_id == first.round_id == 1
    assert counts["started"] == 5


def test_the_demo_secret_is_used_only_when_none_is_set() -> None:
    assert demo_secret({}) == DEMO_SECRET
    assert demo_secret({"CIVICBOT_SECRET": "a-real-secret-of-enough-length"}) != DEMO_SECRET
    with pytest.raises(SecretError):
        demo_secret({"CIVICBOT_SECRET": "short"})


def test_the_default_script_is_found() -> None:
    assert default_script().is_file()


async def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        await run_demo(tmp_path, residents=1, formats=("pdf",), env={})


def test_some_residents_answer_by_voice_and_most_are_typed_up(
    demo_round: tuple[DemoResult, RoundData, dict],
) -> None:
    result, data, _ = demo_round
    tally = result.tally
    assert tally.voice_notes > 0
    assert 0 < tally.transcribed < tally.voice_notes
    typed_up = [a for a in data.answers if a.voice]
    assert len(typed_up) == tally.transcribed
    assert all(a.value.strip() and a.value != "(voice note)" for a in typed_up)
    assert len(data.voice_waiting) == tally.voice_notes - tally.transcribed


def test_some_residents_answer_in_welsh_polish_or_urdu(
    demo_round: tuple[DemoResult, RoundData, dict],
) -> None:
    _, data, _ = demo_round
    languages = {a.language for a in data.answers}
    assert "en" in languages
    assert languages - {"en"} <= {"cy", "pl", "ur"}
    # A free-text answer in Welsh, Polish or Urdu is in that language's words.
    other = [a for a in data.answers if a.language != "en" and len(a.value.split()) > 3]
    assert other
    for answer in other:
        assert answer.language in {"cy", "pl", "ur"}


def test_demo_seed_statements_match_the_default_script() -> None:
    """The stances the simulated residents vote by are those of the script's seeds."""
    from civicbot.demo.run import default_script
    from civicbot.demo.statements import SEEDS
    from civicbot.script.load import load_script
    from civicbot.script.model import text_in

    script = load_script(default_script()).script
    (step,) = [s for s in script.steps() if s.type == "deliberation"]
    seeds = [text_in(seed, "en", "en").strip() for seed in step.seed_statements]
    assert seeds == [text for text, *_ in SEEDS]
