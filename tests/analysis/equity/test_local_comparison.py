"""Issue #16's test of the comparison itself: a round whose residents match a place's
Census 2021 shares (16+) flags no group against that place, and flags the groups in
which the place differs from England when compared with England."""

from __future__ import annotations

import random

import pytest

from civicbot_analysis.equity import Reference, load_reference, representation
from civicbot_analysis.rounddata import Resident
from tests.analysis.equity.factories import round_data

SIZE = 2000


def matching(reference: Reference, size: int = SIZE, seed: int = 0) -> list[Resident]:
    """``size`` residents whose answers are, field by field, the reference's shares
    (largest-remainder quotas, shuffled independently per field)."""
    rng = random.Random(seed)
    columns: dict[str, list[str]] = {}
    for field, group in reference.shares.items():
        if field == "household_deprivation":
            continue  # households, not people: no question asks it
        whole = sum(r.share for r in group.values())
        exact = {v: size * row.share / whole for v, row in group.items()}
        counts = {v: int(x) for v, x in exact.items()}
        for v in sorted(exact, key=lambda v: counts[v] - exact[v])[: size - sum(counts.values())]:
            counts[v] += 1
        column = [v for v, n in counts.items() for _ in range(n)]
        rng.shuffle(column)
        columns[field] = column
    return [
        Resident(id=f"r{i}", demographics={f: col[i] for f, col in columns.items()})
        for i in range(size)
    ]  # fmt: skip


def flagged(reference_name: str, residents: list[Resident]) -> set[tuple[str, str]]:
    result = representation(round_data(residents), load_reference(reference_name))
    return {(g.field, g.value) for f in result.fields for g in f.groups if g.under_represented}


@pytest.mark.parametrize("place", ["wigan", "barking-and-dagenham"])
def test_a_round_like_its_place_flags_no_group_against_it(place: str) -> None:
    assert flagged(place, matching(load_reference(place))) == set()


def test_wigan_against_england_flags_its_small_minority_groups() -> None:
    # Census 2021: Wigan is 95% White, England 81%; Asian 1.8% against 9.6%.
    got = flagged("england", matching(load_reference("wigan")))
    assert got == {
        ("ethnicity", "asian"),
        ("ethnicity", "black"),
        ("ethnicity", "mixed"),
        ("ethnicity", "other"),
    }


def test_barking_and_dagenham_against_england_flags_white_and_older_residents() -> None:
    # Census 2021: Barking and Dagenham is 45% White against England's 81%, and young:
    # 5% of its residents aged 16+ are 75 or over, against 11% in England.
    got = flagged("england", matching(load_reference("barking-and-dagenham")))
    assert {("ethnicity", "white"), ("age_band", "65-74"), ("age_band", "75+")} <= got
    assert not {("ethnicity", "asian"), ("ethnicity", "black")} & got
    assert got <= {
        ("ethnicity", "white"),
        ("age_band", "55-64"),
        ("age_band", "65-74"),
        ("age_band", "75+"),
        ("caring", "yes"),
    }


def test_against_england_a_wigan_like_round_is_told_the_opposite_of_the_truth() -> None:
    """What issue #16 found: measured against England, Wigan's own mix reads as too many
    White residents and too few Asian ones; against Wigan it reads as it is."""
    residents = matching(load_reference("wigan"))
    against_england = representation(round_data(residents), load_reference("england"))
    white = next(g for g in against_england.field("ethnicity").groups if g.value == "white")
    assert white.ratio.value is not None and white.ratio.value > 1.15
    against_wigan = representation(round_data(residents), load_reference("wigan"))
    for group in against_wigan.field("ethnicity").groups:
        assert group.ratio.value == pytest.approx(1, abs=0.03)  # quotas round to people


def test_areas_inside_a_round_compare_with_each_areas_population_share() -> None:
    """Wards or neighbourhoods in the round's area question, built from ONS's file."""
    from pathlib import Path

    from civicbot_analysis.census.build import build_rows, write_reference
    from civicbot_analysis.census.ons import read_table
    from civicbot_analysis.equity.reference import parse_reference
    from tests.analysis.equity.factories import people

    table = read_table(Path(__file__).resolve().parents[2] / "data/ons/census2021-ts007-msoa.csv")
    areas = [("E02001287", "north"), ("E02001288", "south"), ("E02001289", "centre")]
    text = write_reference(
        build_rows([table], [c for c, _ in areas], areas=areas),
        title="Three neighbourhoods",
        geography="Wigan 001-003",
        min_age=16,
        files=[table.source_file],
    )
    ref = parse_reference(text, name="n.csv")
    # North is 26% of the three areas' adults; a round where it is 10% flags it.
    residents = people("n", 20, area="north") + people("s", 80, area="south")
    residents += people("c", 100, area="centre")
    result = representation(round_data(residents), ref)
    under = {g.value for g in result.field("area").groups if g.under_represented}
    assert under == {"north"}
