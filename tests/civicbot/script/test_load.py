from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicbot.script import ScriptError, ScriptProblem, load_script, parse_script
from tests.civicbot.script.helpers import base, dump, messages, parse, problems, step


def test_good_script_loads_with_source_and_digest(tmp_path: Path) -> None:
    text = dump(base())
    path = tmp_path / "s.yaml"
    path.write_bytes(text.encode("utf-8"))
    loaded = load_script(path)
    assert loaded.source == text
    assert loaded.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert loaded.path == str(path)
    assert [s.id for s in loaded.script.steps()] == ["hello", "used", "fair", "story"]
    assert loaded.warnings == ()


def test_digest_is_of_the_file_bytes_even_with_crlf(tmp_path: Path) -> None:
    raw = dump(base()).replace("\n", "\r\n").encode("utf-8")
    path = tmp_path / "s.yaml"
    path.write_bytes(raw)
    assert load_script(path).sha256 == hashlib.sha256(raw).hexdigest()


def test_yes_no_and_numbers_are_read_as_text() -> None:
    # Unquoted ``no`` would be False and ``1`` an int in plain YAML.
    source = dump(base()).replace("equals: 'no'", "equals: no").replace("value: '1'", "value: 1")
    assert "equals: no\n" in source and "value: 1\n" in source
    script = parse_script(source).script
    used = script.steps()[1]
    assert used.next[0].when.equals == "no"
    assert script.steps()[2].options[0].value == "1"
    assert script.version == 1


def test_yaml_syntax_error_gives_the_line() -> None:
    source = "id: x\nversion: 1\ntitle: [unclosed\nfinish: y\n"
    with pytest.raises(ScriptError) as info:
        parse_script(source, "bad.yaml")
    [problem] = info.value.problems
    assert problem.line is not None and problem.line >= 3
    assert "not valid YAML" in problem.message
    assert str(problem).startswith(f"bad.yaml:{problem.line}: ")


def test_unknown_key_is_named_with_a_suggestion_and_line() -> None:
    data = base()
    step(data, "fair")["optonal"] = True
    [problem] = problems(data)
    assert problem.step == "fair"
    assert "unknown key 'optonal' (did you mean 'optional'?)" in problem.message
    source = dump(data).splitlines()
    assert problem.line is not None and "optonal" in source[problem.line - 1]


def test_missing_field_names_the_step() -> None:
    data = base()
    del step(data, "story")["text"]
    [problem] = problems(data)
    assert problem.step == "story"
    assert problem.message == "'text' is missing"


def test_bad_id_is_explained_in_plain_words() -> None:
    data = base()
    step(data, "story")["id"] = "My Story"
    [problem] = problems(data)
    assert problem.step == "My Story"
    assert "may only use lowercase letters a-z, digits and _" in problem.message


def test_text_of_the_wrong_type_gives_one_problem_not_two() -> None:
    data = base()
    data["title"] = ["a", "b"]
    step(data, "fair")["options"][1]["label"] = {"en": ["x"]}
    found = problems(data)
    assert [p.message for p in found if p.step is None] == [
        "'title': should be text, or a mapping from language to text"
    ]
    [label] = [p for p in found if p.step == "fair"]
    assert label.message == "option 2, 'label', 'en': should be text"


def test_bad_option_value_names_the_option() -> None:
    data = base()
    step(data, "fair")["options"][0]["value"] = "not ok"
    [problem] = problems(data)
    assert problem.message.startswith("option 1, 'value': 'not ok' may only use letters")


def test_duplicate_yaml_keys_are_reported() -> None:
    source = dump(base()).replace("title: Test\n", "title: Test\ntitle: Again\n")
    with pytest.raises(ScriptError) as info:
        parse_script(source, "d.yaml")
    assert any("key 'title' is given twice" in p.message for p in info.value.problems)
    assert info.value.problems[0].line == 4


def test_empty_and_non_mapping_documents() -> None:
    with pytest.raises(ScriptError, match="the file is empty"):
        parse_script("", "e.yaml")
    with pytest.raises(ScriptError, match="should be a mapping"):
        parse_script("- just\n- a list\n", "l.yaml")


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ScriptError, match="cannot read the file"):
        load_script(tmp_path / "missing.yaml")
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ScriptError, match="not UTF-8"):
        load_script(binary)


def test_script_error_lists_every_problem_one_a_line() -> None:
    data = base()
    step(data, "fair")["tags"] = ["kindness", "joined_up"]
    with pytest.raises(ScriptError) as info:
        parse(data)
    lines = str(info.value).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("t.yaml:") and "unknown tag 'kindness'" in lines[0]
    assert "unknown tag 'joined_up' (did you mean 'joined-up'?)" in lines[1]


def test_problem_text_format() -> None:
    problem = ScriptProblem("prompts/x.yaml", "care_q", 42, "branch goes to unknown step 'nope'")
    assert str(problem) == "prompts/x.yaml:42: step 'care_q': branch goes to unknown step 'nope'"
    assert str(ScriptProblem("f.yaml", None, None, "oops")) == "f.yaml: oops"
    warning = ScriptProblem("f.yaml", "q", 3, "careful", "warning")
    assert str(warning) == "f.yaml:3: warning: step 'q': careful"


def test_warnings_do_not_stop_loading() -> None:
    data = base()
    step(data, "story")["optional"] = False
    loaded = parse(data)
    [warning] = loaded.warnings
    assert warning.step == "story" and "cannot be skipped" in warning.message


def test_messages_helper_rejects_good_scripts() -> None:
    with pytest.raises(AssertionError):
        messages(base())


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_script_or_a_script_error(source: str) -> None:
    try:
        parse_script(source)
    except ScriptError as exc:
        assert exc.problems


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_damaged_scripts_give_script_errors(data: st.DataObject) -> None:
    lines = dump(base()).splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    replacement = data.draw(st.sampled_from(["", "  x: [", "- 1", "  type: nope", lines[0]]))
    lines[index] = replacement
    try:
        parse_script("\n".join(lines))
    except ScriptError as exc:
        assert exc.problems and all(isinstance(p, ScriptProblem) for p in exc.problems)


def test_nested_aliases_are_checked_quickly() -> None:
    # Each level refers to the one before twice: walked as a tree this has 2**40 paths.
    lines = ["a0: &a0 [x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 41)]
    with pytest.raises(ScriptError) as info:
        parse_script("\n".join(lines) + "\n", "bomb.yaml")
    assert any("unknown key 'a0'" in p.message for p in info.value.problems)


def test_problems_of_every_kind_come_in_line_order() -> None:
    source = dump(base()).replace("title: Test\n", "title: Test\ntitle: Again\n")
    source = source.replace("type: free_text", "type: free_text\n    colour: red")
    with pytest.raises(ScriptError) as info:
        parse_script(source, "o.yaml")
    lines = [p.line or 0 for p in info.value.problems]
    assert len(lines) == 2 and lines == sorted(lines)
