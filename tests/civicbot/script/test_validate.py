"""One test (at least) per kind of problem the whole-script checks find."""

from __future__ import annotations

from typing import Any

import pytest

from civicbot.script import validate
from civicbot.script.model import Script
from tests.civicbot.script.helpers import base, dump, parse, problems, step


def only(data: dict[str, Any]) -> tuple[str | None, str]:
    """The single error of a script, as (step, message)."""
    found = problems(data)
    assert len(found) == 1, [str(p) for p in found]
    return found[0].step, found[0].message


def add_step(data: dict[str, Any], raw: dict[str, Any], section: int = 1) -> None:
    data["sections"][section]["steps"].append(raw)


def choice(step_id: str, *values: str, **more: Any) -> dict[str, Any]:
    options = [{"value": v, "label": v.title()} for v in values]
    return {"id": step_id, "type": "single_choice", "text": "Pick", "options": options, **more}


def test_base_script_is_valid() -> None:
    assert validate(Script.model_validate(base())) == []


def test_unknown_step_type() -> None:
    data = base()
    step(data, "story")["type"] = "free_txt"
    assert only(data) == ("story", "unknown step type 'free_txt' (did you mean 'free_text'?)")


def test_duplicate_step_ids_across_sections() -> None:
    data = base()
    add_step(data, {"id": "fair", "type": "free_text", "text": "Again"})
    assert only(data) == ("fair", "this step id is used twice; ids must be unique")


def test_duplicate_section_ids() -> None:
    data = base()
    data["sections"][1]["id"] = "one"
    assert only(data) == (None, "section id 'one' is used twice")


def test_duplicate_option_values() -> None:
    data = base()
    step(data, "fair")["options"][2]["value"] = "1"
    assert only(data) == ("fair", "option value '1' is used twice")


def test_end_is_not_a_step_id() -> None:
    data = base()
    add_step(data, {"id": "end", "type": "message", "text": "Bye"})
    assert only(data) == ("end", "'end' is kept for branches that finish")


def test_branch_to_unknown_step_names_file_step_and_line() -> None:
    data = base()
    step(data, "used")["next"][0]["goto"] = "stroy"
    [problem] = problems(data)
    assert problem.step == "used"
    assert problem.message == "branch goes to unknown step 'stroy' (did you mean 'story'?)"
    assert problem.file == "t.yaml"
    assert problem.line is not None and "goto: stroy" in dump(data).splitlines()[problem.line - 1]


def test_branch_to_end_is_fine() -> None:
    data = base()
    step(data, "used")["next"][0]["goto"] = "end"
    assert parse(data).script.steps()[1].next[0].goto == "end"


def test_branch_backwards_is_refused() -> None:
    data = base()
    step(data, "fair")["next"] = [{"if": {"step": "used", "equals": "yes"}, "goto": "hello"}]
    assert only(data) == ("fair", "branch goes back to 'hello'; branches may only jump forward")


def test_condition_on_unknown_step() -> None:
    data = base()
    step(data, "used")["next"][0]["if"]["step"] = "nope"
    assert only(data)[1].startswith("condition names unknown step 'nope'")


def test_condition_on_a_later_step() -> None:
    data = base()
    step(data, "used")["next"][0]["if"] = {"step": "fair", "equals": "1"}
    assert only(data) == (
        "used",
        "condition names 'fair', which comes later and is not answered yet",
    )


def test_condition_on_a_message() -> None:
    data = base()
    step(data, "used")["next"][0]["if"] = {"step": "hello", "skipped": True}
    assert only(data) == ("used", "condition names 'hello', which is not a question")


def test_condition_value_must_be_an_option() -> None:
    data = base()
    step(data, "used")["next"][0]["if"]["equals"] = "maybe"
    assert only(data) == (
        "used",
        "condition value 'maybe' is not an option of 'used' (its values: yes, no)",
    )
    data = base()
    step(data, "fair")["next"] = [{"if": {"step": "fair", "any_of": ["1", "9"]}, "goto": "end"}]
    assert only(data)[1].startswith("condition value '9' is not an option of 'fair'")


def test_condition_on_free_text_can_only_test_skipped() -> None:
    data = base()
    add_step(data, {"id": "after", "type": "message", "text": "Ok"})
    rule = {"if": {"step": "story", "equals": "x"}, "goto": "end"}
    step(data, "story")["next"] = [rule]
    assert only(data) == (
        "story",
        "'story' is free text: a condition on it can only test 'skipped'",
    )
    rule["if"] = {"step": "story", "skipped": True}
    assert parse(data).script.steps()[3].next[0].when.skipped is True


@pytest.mark.parametrize(
    "condition",
    [{"step": "used"}, {"step": "used", "equals": "no", "skipped": True}],
)
def test_condition_needs_exactly_one_test(condition: dict[str, Any]) -> None:
    data = base()
    step(data, "used")["next"][0]["if"] = condition
    assert only(data) == (
        "used",
        "a condition needs exactly one of 'equals', 'any_of' or 'skipped'",
    )


def test_empty_any_of() -> None:
    data = base()
    step(data, "used")["next"][0]["if"] = {"step": "used", "any_of": []}
    assert only(data) == ("used", "'any_of' lists no values")


def test_skipped_rule_on_a_required_question_warns() -> None:
    data = base()
    step(data, "used")["optional"] = False
    step(data, "used")["next"][0]["if"] = {"step": "used", "skipped": True}
    warnings = [p.message for p in parse(data).warnings]
    assert "'used' cannot be skipped, so this rule never applies" in warnings


def test_unreachable_step_after_rules_that_always_fire() -> None:
    data = base()
    # "used" now jumps away whatever the answer, so nothing reaches "fair".
    step(data, "used")["next"] = [
        {"if": {"step": "used", "equals": "no"}, "goto": "story"},
        {"if": {"step": "used", "any_of": ["yes"]}, "goto": "story"},
        {"if": {"step": "used", "skipped": True}, "goto": "end"},
    ]
    [problem] = problems(data)
    assert (problem.step, problem.message) == (
        "fair",
        "no route from the first step reaches this step",
    )
    assert problem.line is not None and "id: fair" in dump(data).splitlines()[problem.line - 1]


def test_rules_that_miss_an_answer_leave_the_next_step_reachable() -> None:
    data = base()
    # Skipping "used" still falls through to "fair".
    step(data, "used")["next"] = [
        {"if": {"step": "used", "equals": "no"}, "goto": "story"},
        {"if": {"step": "used", "equals": "yes"}, "goto": "story"},
    ]
    assert validate(Script.model_validate(data)) == []
    # ...unless the question cannot be skipped.
    step(data, "used")["optional"] = False
    found = [p for p in validate(Script.model_validate(data)) if p.severity == "error"]
    assert [(p.step, p.message) for p in found] == [
        ("fair", "no route from the first step reaches this step")
    ]


def test_a_branch_into_a_step_makes_it_reachable() -> None:
    data = base()
    step(data, "hello")["type"] = "free_text"
    step(data, "hello")["next"] = [
        {"if": {"step": "hello", "skipped": True}, "goto": "used"},
        {"if": {"step": "hello", "skipped": False}, "goto": "fair"},
    ]
    # "used" is reached by a branch, not by default flow.
    assert validate(Script.model_validate(data)) == []
    step(data, "hello")["next"][0]["goto"] = "story"
    assert only(data) == ("used", "no route from the first step reaches this step")


def test_rules_on_an_earlier_step_never_cut_the_default_flow() -> None:
    data = base()
    # "used" may not have been asked on the route taken, so these rules can all miss.
    step(data, "fair")["next"] = [
        {"if": {"step": "used", "equals": "yes"}, "goto": "end"},
        {"if": {"step": "used", "equals": "no"}, "goto": "end"},
        {"if": {"step": "used", "skipped": True}, "goto": "end"},
    ]
    assert validate(Script.model_validate(data)) == []


def test_missing_translations() -> None:
    data = base()
    data["languages"] = ["en", "cy"]
    for raw in data["sections"][0]["steps"] + data["sections"][1]["steps"]:
        raw["text"] = {"en": raw["text"], "cy": "Testun"}
    for option in step(data, "fair")["options"]:
        option["label"] = {"en": option["label"], "cy": "Label"}
    data["title"] = {"en": "Test", "cy": "Prawf"}
    data["sections"][0]["title"] = {"en": "One", "cy": "Un"}
    data["consent"]["text"] = {"en": "We keep", "cy": "Rydym"}
    data["finish"] = {"en": "Thanks", "cy": "Diolch"}
    assert parse(data).script.languages == ["en", "cy"]
    data["finish"] = "Thanks"
    del step(data, "fair")["options"][1]["label"]["cy"]
    step(data, "story")["text"]["fr"] = "Texte"
    found = sorted((p.step or "", p.message) for p in problems(data))
    assert found == [
        ("", "the finish text has no cy translation (a plain string counts as en only)"),
        ("fair", "the label of option '2' has no 'cy' translation"),
        ("story", "the text has a 'fr' text, but languages are en, cy"),
    ]


def test_empty_text() -> None:
    data = base()
    step(data, "fair")["text"] = "   "
    assert only(data) == ("fair", "the text (en) is empty")


def test_ui_words_for_an_unknown_language() -> None:
    data = base()
    data["ui"] = {"cy": {"skip": "Hepgor"}}
    assert only(data) == (None, "'ui' has words for 'cy', which is not in languages")


@pytest.mark.parametrize("kind", ["scale", "single_choice", "multi_choice"])
def test_choices_need_two_options(kind: str) -> None:
    data = base()
    add_step(data, {"id": "q", "type": kind, "text": "Pick", "options": []})
    assert only(data) == ("q", f"a {kind} step needs at least 2 options (has 0)")
    step(data, "q")["options"] = [{"value": "a", "label": "A"}]
    assert only(data) == ("q", f"a {kind} step needs at least 2 options (has 1)")


@pytest.mark.parametrize("kind", ["message", "free_text"])
def test_options_forbidden_on_messages_and_free_text(kind: str) -> None:
    data = base()
    options = [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]
    add_step(data, {"id": "q", "type": kind, "text": "Hi", "options": options})
    assert only(data) == ("q", f"a {kind} step cannot have options")


def test_yes_no_options_are_optional_but_two_if_given() -> None:
    data = base()
    step(data, "used")["options"] = [
        {"value": "yes", "label": "Yep"},
        {"value": "no", "label": "Nope"},
    ]
    assert parse(data).script.steps()[1].options[0].label == "Yep"
    step(data, "used")["options"].append({"value": "maybe", "label": "Maybe"})
    assert only(data) == (
        "used",
        "a yes_no step has exactly 2 options (or none, for plain Yes / No)",
    )


def test_unknown_tag() -> None:
    data = base()
    step(data, "fair")["tags"] = ["equitable", "fairness"]
    step_id, message = only(data)
    assert step_id == "fair" and message.startswith("unknown tag 'fairness'")


def test_max_choices_below_min_choices() -> None:
    data = base()
    add_step(data, choice("many", "a", "b", "c", type="multi_choice", min_choices=2, max_choices=1))
    assert only(data) == ("many", "max_choices (1) is less than min_choices (2)")


def test_min_choices_above_the_options() -> None:
    data = base()
    add_step(data, choice("many", "a", "b", type="multi_choice", min_choices=3))
    assert only(data) == ("many", "min_choices (3) is more than the 2 options")


def test_required_question_warns() -> None:
    data = base()
    step(data, "fair")["optional"] = False
    [warning] = parse(data).warnings
    assert warning.severity == "warning" and warning.step == "fair"


def demographic(field: str, step_id: str = "age", **more: Any) -> dict[str, Any]:
    return choice(step_id, "young", "old", "prefer_not", demographic=field, **more)


def test_good_demographic_step() -> None:
    data = base()
    add_step(data, demographic("age_band"))
    assert parse(data).script.steps()[-1].demographic == "age_band"


def test_unknown_demographic_field() -> None:
    data = base()
    add_step(data, demographic("agee_band"))
    assert only(data)[1] == "unknown demographic field 'agee_band' (did you mean 'age_band'?)"


def test_demographic_must_be_optional() -> None:
    data = base()
    add_step(data, demographic("age_band", optional=False))
    assert only(data) == ("age", "'about you' questions must be optional")


def test_demographic_kind() -> None:
    data = base()
    add_step(data, demographic("age_band", type="scale"))
    assert only(data) == (
        "age",
        "an 'about you' question must be single_choice or multi_choice, not scale",
    )


def test_demographic_needs_prefer_not() -> None:
    data = base()
    add_step(data, choice("age", "young", "old", demographic="age_band"))
    assert only(data) == ("age", "an 'about you' question needs an option with value 'prefer_not'")


def test_demographic_asked_twice() -> None:
    data = base()
    add_step(data, demographic("sex", "sex1"))
    add_step(data, demographic("sex", "sex2"))
    assert only(data) == ("sex2", "demographic field 'sex' is already asked by step 'sex1'")


def test_message_cannot_be_demographic() -> None:
    data = base()
    step(data, "hello")["demographic"] = "area"
    assert only(data) == ("hello", "a message step cannot be an 'about you' question")


def test_jinja_syntax_error() -> None:
    data = base()
    step(data, "story")["text"] = "You said {{ answers.used "
    step_id, message = only(data)
    assert step_id == "story" and message.startswith("the text (en) has a template error:")


def test_jinja_unknown_filter() -> None:
    data = base()
    step(data, "story")["text"] = "You said {{ answers.used | lowr }}"
    assert only(data) == (
        "story",
        "the text (en) has a template error: No filter named 'lowr'.",
    )


def test_jinja_reference_to_an_earlier_question_is_fine() -> None:
    data = base()
    step(data, "story")["text"] = 'You said {{ answers.used | default("nothing", true) }}.'
    data["finish"] = "Thanks for {{ answers['story'] }}"
    assert parse(data).script.steps()[-1].text == step(data, "story")["text"]


@pytest.mark.parametrize(
    ("ref", "reason"),
    [
        ("answers.story", "that question is not asked before this point"),
        ("answers.nope", "there is no such step"),
        ("answers['hello']", "that step is a message, not a question"),
    ],
)
def test_jinja_reference_must_be_an_earlier_question(ref: str, reason: str) -> None:
    data = base()
    step(data, "fair")["text"] = f"Fair? {{{{ {ref} }}}}"
    name = ref.replace("['", ".").replace("']", "")
    assert only(data) == ("fair", f"the text (en) refers to {name}, but {reason}")


def test_jinja_in_option_labels_and_consent_is_checked() -> None:
    data = base()
    step(data, "fair")["options"][0]["label"] = "Like {{ answers.fair }}"
    data["consent"]["text"] = "Hi {{ answers.used }}"
    found = sorted((p.step or "", p.message) for p in problems(data))
    late = "but that question is not asked before this point"
    assert found == [
        ("", f"the consent text (en) refers to answers.used, {late}"),
        ("fair", f"the label of option '1' (en) refers to answers.fair, {late}"),
    ]


def test_jinja_names_other_than_answers() -> None:
    data = base()
    step(data, "story")["text"] = "Hi {{ user.name }}"
    assert only(data) == (
        "story",
        "the text (en) uses 'user'; a text can only use 'answers' and 'round'",
    )


def test_problems_come_in_line_order_with_lines() -> None:
    data = base()
    step(data, "story")["type"] = "nope"
    step(data, "fair")["tags"] = ["nope"]
    found = problems(data)
    lines = [p.line for p in found]
    assert all(line is not None for line in lines)
    assert lines == sorted(lines)  # type: ignore[type-var]
