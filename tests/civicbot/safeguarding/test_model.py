"""The learned model beside the rules: it catches wording no rule matches, keeps hard
negatives out of tier 1, gives the same answer every time, and ships as plain JSON.

The paraphrases below were written for this test (they are in none of the labelled CSVs);
each is first checked to be missed by every rule, so these tests fail without the model.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest

from bench.safeguarding_model import NOT_AUTHORS
from civicbot.safeguarding.detect import combine, model_scores, rules_only, screen
from civicbot.safeguarding.model import CLASSES, KINDS, RESOURCE, load, shipped

from .disclosures import DISCLOSURES

# (text, the kind the help text is chosen by)
PARAPHRASES = [
    ("looked up how many of my sleeping pills it would take", "suicide_self_harm"),
    ("my little brother gets battered by dad when hes drunk", "child_at_risk"),
    ("someones trying to kick my door in right now please", "immediate_danger"),
]
# Indirect wording no rule matches: a gentle check-in (tier 2) at least. (The first was
# tier 1 with the two-author model; the eight-author model reads it as "may disclose".)
INDIRECT = [
    "honestly the world would be lighter if i just disappeared for good",
    "theres no point in me being around anymore, done with it all",
    "i dont see myself getting to christmas tbh",
]

HARD_NEGATIVES = [
    "the bus to the hospital takes forever, can it run every 20 mins",
    "my nan used to volunteer at the food bank, it helped loads of families",
    "the leisure centre changing rooms are freezing and the showers are cold",
    "i'm gutted the library is closing, where will the kids do homework",
    "we need more bins on the high street, the foxes rip the bags open",
    "the council tax went up again and the roads are still full of potholes",
]


@pytest.mark.parametrize(("text", "kind"), PARAPHRASES)
def test_the_model_catches_wording_no_rule_matches(text: str, kind: str) -> None:
    assert rules_only(text).tier == 0  # no rule fires: without the model this is missed
    found = screen(text)
    assert found.tier == 1
    assert found.detection.kinds == (kind,)  # the model's kind picks the help text


@pytest.mark.parametrize("text", INDIRECT)
def test_the_model_sends_indirect_wording_to_the_review_queue(text: str) -> None:
    assert rules_only(text).tier == 0
    assert screen(text).tier >= 1


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negatives_stay_out_of_tier_one(text: str) -> None:
    assert screen(text).tier != 1


@pytest.mark.parametrize("text", ["up to date", "our year", "only once", "ok"])
def test_the_model_leaves_very_short_answers_to_the_rules(text: str) -> None:
    scores = model_scores(text, shipped())
    assert scores.disclosure == scores.any_risk == 0.0
    assert screen(text) == rules_only(text)


def test_rules_keep_their_kinds_when_they_fire() -> None:
    text = "he put his hands round my neck last night"
    assert rules_only(text).tier == 1
    assert screen(text) == rules_only(text)


def test_the_model_raises_a_missed_message_to_tier_two_only_past_its_threshold() -> None:
    model = shipped()
    text = "i can't see a way forward any more"
    scores = model_scores(text, model)
    low = replace(model, tier1=1.01, tier2=0.0, tier1_kinds={})
    high = replace(model, tier1=1.01, tier2=1.01, tier1_kinds={})
    assert combine(rules_only(text), scores, low).tier == 2
    assert combine(rules_only(text), scores, high).tier == rules_only(text).tier


def test_scores_are_deterministic_and_survive_a_json_round_trip() -> None:
    model = shipped()
    again = load(json.loads(json.dumps(model.to_json())))
    for text, _ in PARAPHRASES + [(t, "") for t in HARD_NEGATIVES]:
        first = model_scores(text, model)
        assert model_scores(text, model) == first
        assert abs(model_scores(text, again).disclosure - first.disclosure) < 1e-3
        assert 0.0 <= first.disclosure <= first.any_risk <= 1.0 + 1e-12


def test_the_shipped_file_is_plain_json_with_its_thresholds_and_folds() -> None:
    blob = resources.files("civicbot").joinpath("data", RESOURCE).read_bytes()
    data = json.loads(gzip.decompress(blob))
    assert data["classes"] == list(CLASSES)
    model = shipped()
    assert 0.0 < model.tier2 <= model.tier1 < 1.0
    assert 0.0 <= model.veto <= model.tier1
    # trained on, and its thresholds chosen by holding out, every labelled author
    data_dir = Path(__file__).parent / "data"
    names = {"author1"} | {p.stem for p in data_dir.glob("*.csv")} - {"labelled", "tune_added"}
    names -= {Path(n).stem for n in NOT_AUTHORS}
    assert {"eval3", "eval6", "train3", "fresh"} <= names
    assert set(data["notes"]["loao"]) == set(data["notes"]["authors"]) == names
    for figures in data["notes"]["loao"].values():
        assert figures["fp"] <= 0.05  # the cap the tier-1 threshold was chosen under
    # the honest figure: each author at thresholds chosen on the other folds only
    assert set(data["notes"]["loao_nested"]) == names
    if data["notes"]["per_kind"]:  # each kind its own tier 1, none under tier 2
        assert set(model.tier1_kinds) == set(KINDS)
        assert all(model.tier2 <= t < 1.0 for t in model.tier1_kinds.values())


def test_a_rule_the_model_vetoes_still_gets_a_check_in_never_nothing() -> None:
    model = shipped()
    text = "he put his hands round my neck last night"
    rules = rules_only(text)
    scores = model_scores(text, model, rules)
    assert rules.tier == 1 and scores.scored
    doubting = replace(model, veto=min(1.0, scores.disclosure + 0.01), tier1=1.01, tier1_kinds={})
    assert combine(rules, scores, doubting).tier == 2
    trusting = replace(model, veto=max(0.0, scores.disclosure - 0.01))
    assert combine(rules, scores, trusting) == rules
    # too few words for the model: the rules decide alone, whatever the veto
    short = "he strangled me"
    assert rules_only(short).tier == 1
    never = replace(model, veto=1.0)
    assert combine(rules_only(short), model_scores(short, never), never).tier == 1


def test_a_rule_hit_said_at_a_remove_is_demoted_only_when_the_model_scores_it_low() -> None:
    model = shipped()
    past = "my ex used to threaten to kill me. that was 2008. he's dead now and I sleep fine"
    now = "my ex keeps threatening to kill me and I'm scared to go home"
    assert rules_only(past).tier == 1 and rules_only(past).distanced
    assert rules_only(now).tier == 1 and not rules_only(now).distanced
    scores = model_scores(past, model)
    assert scores.scored and scores.disclosure < model.tier1
    low = replace(model, demote=scores.disclosure + 0.01)
    high = replace(model, demote=scores.disclosure - 0.01)
    assert combine(rules_only(past), scores, low).tier == 2  # a check-in, never nothing
    assert combine(rules_only(past), scores, high).tier == 1
    assert combine(rules_only(now), model_scores(now, model), low).tier == 1


def test_no_explicit_disclosure_is_demoted_by_the_shipped_model() -> None:
    model = shipped()
    assert model.demote > 0.0
    for _, text in DISCLOSURES:
        if rules_only(text).tier == 1:
            assert screen(text).tier == 1, text


def test_a_model_file_that_does_not_fit_gets_a_clear_error() -> None:
    data = shipped().to_json()
    with pytest.raises(ValueError, match="classes"):
        load({**data, "classes": ["negative", "other"]})
    with pytest.raises(ValueError, match="one column per class"):
        load({**data, "columns": [[1.0]]})
    with pytest.raises(ValueError, match="one value per feature"):
        load({**data, "names": ["w:x"]})
    with pytest.raises(ValueError, match="unknown kinds"):
        load({**data, "tier1_kinds": {"bogus": 0.5}})


def test_each_kinds_own_threshold_survives_the_json_round_trip_and_decides_tier_one() -> None:
    model = shipped()
    again = load(json.loads(json.dumps(model.to_json())))
    assert again.tier1_kinds == model.tier1_kinds
    text = "the buses have been late every day this week and nobody answers the phone"
    scores = model_scores(text, model)
    assert scores.scored and rules_only(text).tier != 1
    above = replace(model, tier1=0.99, tier1_kinds={scores.kind: scores.disclosure - 0.01})
    below = replace(model, tier1=0.0, tier1_kinds={scores.kind: scores.disclosure + 0.01})
    assert combine(rules_only(text), scores, above).detection.kinds == (scores.kind,)
    assert combine(rules_only(text), scores, below).tier != 1


def test_few_everyday_answers_from_outside_the_labelled_sets_reach_tier_one() -> None:
    """The demo's everyday answers (another author, never trained on): the thresholds were
    chosen so each LOAO fold's model sends at most 3% of them to tier 1; the shipped model
    (trained on every author) is held to the same cap. Before this cap: 5.0%."""
    from bench.safeguarding_model import MAX_FP_EVERYDAY, everyday

    daily = everyday()
    assert len(daily) > 300
    fired = [e.text for e in daily if screen(e.text).tier == 1]
    assert len(fired) / len(daily) <= MAX_FP_EVERYDAY, fired
    assert screen("my name is rose and I'm 80 and I live on my own").tier != 1
