"""yaml_source: line numbers of keys and items, duplicate keys, YAML 1.2 booleans, encoding errors."""

import pytest

from fldd.standard.yaml_source import Mapping, Sequence, YamlError, load_yaml


def write(tmp_path, text, name="f.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


DOC = """\
# a comment line
module:
  id: basics
  title: Basics

questions:
  - id: pr_agency
    type: yesno
    basis: [ilo-ind-7, ilo-ind-9]
  -
    id: pr_second
    options:
      - {value: a, label: A}
      - value: b
        label: B
"""


def test_mapping_keys_know_their_lines(tmp_path):
    data = load_yaml(write(tmp_path, DOC))
    assert isinstance(data, Mapping)
    assert data.line_of("module") == 2
    assert data.line_of("questions") == 6
    head = data["module"]
    assert isinstance(head, Mapping)
    assert (head.line_of("id"), head.line_of("title")) == (3, 4)
    first = data["questions"][0]
    assert (first.line_of("id"), first.line_of("type"), first.line_of("basis")) == (7, 8, 9)


def test_absent_key_gives_the_line_of_the_mapping(tmp_path):
    data = load_yaml(write(tmp_path, DOC))
    question = data["questions"][0]
    assert question.line == 7
    assert question.line_of("show_if") == 7


def test_sequence_items_know_their_lines(tmp_path):
    data = load_yaml(write(tmp_path, DOC))
    questions = data["questions"]
    assert isinstance(questions, Sequence)
    # The second item's mapping starts on the line after its bare dash.
    assert [questions.line_of(0), questions.line_of(1)] == [7, 11]
    options = questions[1]["options"]
    assert [options.line_of(0), options.line_of(1)] == [13, 14]
    assert options[1].line_of("label") == 15
    # A flow sequence on one line: every item is on that line.
    assert questions[0]["basis"].item_lines == [9, 9]
    # Out of range: the line of the sequence itself.
    assert options.line_of(7) == options.line == 13


def test_values_are_plain_python_containers(tmp_path):
    data = load_yaml(write(tmp_path, DOC))
    assert data["questions"][0]["basis"] == ["ilo-ind-7", "ilo-ind-9"]
    assert data["module"] == {"id": "basics", "title": "Basics"}


def test_duplicate_key_is_rejected_at_the_second_occurrence(tmp_path):
    path = write(tmp_path, "module:\n  id: basics\n  title: A\n  intro: B\n  title: C\n")
    with pytest.raises(YamlError) as err:
        load_yaml(path)
    assert (err.value.path, err.value.line) == (path, 5)
    assert "duplicate key 'title'" in err.value.message
    assert str(err.value) == f"{path}:5: duplicate key 'title'"


def test_duplicate_key_in_a_nested_flow_mapping(tmp_path):
    path = write(tmp_path, "questions:\n  - id: q1\n    risk: {yes: 0, no: 2, yes: 1}\n")
    with pytest.raises(YamlError) as err:
        load_yaml(path)
    assert err.value.line == 3
    assert "duplicate key 'yes'" in err.value.message


def test_quoted_and_plain_yes_are_the_same_key(tmp_path):
    with pytest.raises(YamlError, match="duplicate key 'yes'"):
        load_yaml(write(tmp_path, 'risk:\n  yes: 0\n  "yes": 1\n'))


def test_same_key_in_different_mappings_is_fine(tmp_path):
    data = load_yaml(write(tmp_path, "a: {id: x}\nb: {id: y}\n"))
    assert data == {"a": {"id": "x"}, "b": {"id": "y"}}


def test_key_overriding_a_merge_key_is_not_a_duplicate(tmp_path):
    data = load_yaml(write(tmp_path, "base: &b {a: 1, b: 2}\nother:\n  <<: *b\n  a: 3\n"))
    assert data["other"] == {"a": 3, "b": 2}


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO", "On", "OFF", "y", "n"])
def test_yaml11_boolean_words_stay_strings(tmp_path, word):
    data = load_yaml(write(tmp_path, f"key: {word}\nlist: [{word}]\n{word}: 1\n"))
    assert data["key"] == word and isinstance(data["key"], str)
    assert data["list"] == [word]
    assert data[word] == 1  # as a mapping key too (risk: {yes: 0, no: 2})


@pytest.mark.parametrize(("word", "value"), [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_true_and_false_are_booleans(tmp_path, word, value):
    data = load_yaml(write(tmp_path, f"key: {word}\n"))
    assert data["key"] is value


def test_quoted_true_stays_a_string(tmp_path):
    assert load_yaml(write(tmp_path, 'key: "true"\n'))["key"] == "true"


def test_other_scalars_keep_their_types(tmp_path):
    data = load_yaml(write(tmp_path, "n: 12\nf: 1.5\nv: 1.0.0\nz: null\nd: 2026-01-31\n"))
    assert data["n"] == 12 and data["f"] == 1.5 and data["v"] == "1.0.0" and data["z"] is None
    assert str(data["d"]) == "2026-01-31"


def test_non_utf8_file_gives_a_clear_error(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("module:\n  title: Contrataci\u00f3n\n".encode("latin-1"))
    with pytest.raises(YamlError) as err:
        load_yaml(path)
    assert err.value.path == path
    assert "not UTF-8" in err.value.message
    assert err.value.line >= 1


def test_utf8_with_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffmodule:\n  title: Contrataci\u00f3n\n".encode("utf-8"))
    data = load_yaml(path)
    assert data["module"]["title"] == "Contrataci\u00f3n"
    assert data.line_of("module") == 1


def test_syntax_error_names_the_line(tmp_path):
    path = write(tmp_path, "module:\n  id: basics\n  title: Basics\nquestions:\n  - id: q1\n     type: yesno\n")
    with pytest.raises(YamlError) as err:
        load_yaml(path)
    assert err.value.line == 6
    assert err.value.message.startswith("not valid YAML:")


def test_unclosed_flow_sequence_names_a_line(tmp_path):
    path = write(tmp_path, "a:\n  basis: [x, y\nb: 1\n")
    with pytest.raises(YamlError) as err:
        load_yaml(path)
    assert err.value.line in (2, 3)
    assert "not valid YAML" in err.value.message


def test_missing_file_is_a_yaml_error_not_a_crash(tmp_path):
    with pytest.raises(YamlError) as err:
        load_yaml(tmp_path / "absent.yaml")
    assert "cannot read" in err.value.message


def test_empty_file_is_none(tmp_path):
    assert load_yaml(write(tmp_path, "# only a comment\n")) is None


def test_python_tags_are_refused(tmp_path):
    with pytest.raises(YamlError):
        load_yaml(write(tmp_path, "x: !!python/object/apply:os.system ['true']\n"))
