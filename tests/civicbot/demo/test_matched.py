"""`civicbot demo --reference PLACE`: residents who match the place's Census 2021 shares,
run through the real engine and store, flag no group against that place."""

from __future__ import annotations

import random
from pathlib import Path

from click.testing import CliRunner

from civicbot.cli import main
from civicbot.demo.matched import draw_matched_population, quotas
from civicbot.demo.run import run_demo
from civicbot_analysis.equity import load_reference


def test_quotas_follow_the_shares_to_the_person() -> None:
    got = quotas({"a": 0.5, "b": 0.3, "c": 0.2}, 11)
    assert len(got) == 11 and got.count("a") == 6 and got.count("b") == 3


def test_matched_people_answer_everything_in_the_reference_shares() -> None:
    wigan = load_reference("wigan")
    people = draw_matched_population(random.Random(1), 1000, wigan)
    white = sum(p.ethnicity == "white" for p in people) / len(people)
    assert abs(white - wigan.share("ethnicity", "white")) < 0.001
    assert all(not p.declines and p.drop_at is None and not p.prefer_not for p in people)


async def test_demo_against_wigan_flags_nobody_and_against_england_flags_asian_residents(
    tmp_path: Path,
) -> None:
    result = await run_demo(
        tmp_path, residents=150, seed=3, formats=(), env={}, reference=load_reference("wigan")
    )
    assert result.tally.finished == 150
    (wigan, against_wigan), (england, against_england) = result.comparisons
    assert (wigan, england) == ("Wigan", "England")
    assert against_wigan == ()
    assert any(s.startswith("Asian people were under-represented") for s in against_england)


def test_demo_refuses_an_unknown_place(tmp_path: Path) -> None:
    out = CliRunner().invoke(main, ["demo", "--reference", "scotland", "--out", str(tmp_path)])
    assert out.exit_code != 0 and "not a reference population" in out.output
