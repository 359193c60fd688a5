"""Local areas from the round's settings, and postcode districts mapped to them."""

from __future__ import annotations

from pathlib import Path

import pytest

from civicbot.engine import AnswerGiven, Skip, Text
from civicbot.engine.render import postcode_district
from civicbot.script import load_script
from civicbot.script.model import Script, options_of
from civicbot.script.rounds import for_round

from .scripts import Driver

PATH = Path(__file__).resolve().parents[3] / "prompts" / "values-and-services.yaml"
AREAS = [("pemberton", "Pemberton"), ("ince", "Ince"), ("wigan_central", "Wigan Central")]


@pytest.fixture(scope="module")
def script() -> Script:
    return for_round(
        load_script(PATH).script,
        organiser="Wigan Together",
        contact="01942 000000",
        areas=AREAS,
        postcodes={"wn5": "pemberton", "WN2": "ince", "WN1": "wigan_central", "M1": "nowhere"},
    )


def to_area(script: Script) -> Driver:
    d = Driver(script)
    d.start()
    d.press("Next ➡")
    d.press("I agree")
    while d.state.step_id != "area":
        d(Skip())
    return d


def test_the_round_areas_replace_the_placeholders(script: Script) -> None:
    [area] = [s for s in script.steps() if s.id == "area"]
    values = [o.value for o in options_of(area)]
    assert values == ["pemberton", "ince", "wigan_central", "outside", "prefer_not"]
    # Districts naming an area the round does not have are dropped.
    assert area.postcodes == {"WN5": "pemberton", "WN2": "ince", "WN1": "wigan_central"}
    d = to_area(script)
    assert {"Pemberton", "Ince", "Wigan Central"} <= set(d.tokens())
    assert "North" not in d.tokens()


def test_a_typed_postcode_gives_its_area_and_is_not_kept(script: Script) -> None:
    d = to_area(script)
    out = d(Text("wn5 7ab"))
    [record] = [r for r in out.records if isinstance(r, AnswerGiven)]
    assert record == AnswerGiven("area", "pemberton", demographic="area")
    assert "WN5" not in repr(d.state) and "7ab" not in repr(d.state)
    d = to_area(script)
    d(Text("WN2"))
    assert d.state.answers["area"] == "ince"


def test_an_unknown_postcode_asks_for_a_button(script: Script) -> None:
    d = to_area(script)
    out = d(Text("SW1A 1AA"))
    assert not out.changed and d.state.step_id == "area"
    assert "Please choose one of the buttons" in d.text


def test_without_round_areas_the_script_keeps_its_own(script: Script) -> None:
    plain = for_round(load_script(PATH).script, organiser="X", contact="Y")
    [area] = [s for s in plain.steps() if s.id == "area"]
    assert [o.value for o in area.options][:2] == ["north", "south"]
    assert area.postcodes == {}


@pytest.mark.parametrize(
    ("typed", "district"),
    [("ls6 1aa", "LS6"), ("LS6", "LS6"), ("ec1a1bb", "EC1A"), ("w1a 0ax", "W1A"), ("hello", None)],
)
def test_postcode_districts(typed: str, district: str | None) -> None:
    assert postcode_district(typed) == district
