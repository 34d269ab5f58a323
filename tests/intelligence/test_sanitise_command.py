"""`manage.py sanitise [FILE]`: JSON lines in, JSON lines out, no database, errors by line.

Tests without the django_db mark would fail on any database access at all; the ones with it pin
the query count at zero.
"""

import io
import json

import pytest
from django.core.management import call_command

GOOD = {
    "id": "case-1",
    "source": {
        "name": "Sarah Hughes",
        "role": "Head of Year 9",
        "organisation": "Kingsweston Academy",
        "email": "s.hughes@kwa.example.sch.uk",
        "phone": "0117 496 0123",
    },
    "form": {"subjects": [{"name": "Jade Smith"}]},
    "text": "Mrs Hughes at Kingsweston Academy saw Jade Smith get into AB12 CDE. In my class too.",
}


def _run(*args, stdin: str = "", monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    if monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = 0
    try:
        call_command("sanitise", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


@pytest.fixture
def jsonl(tmp_path):
    def write(*lines: str):
        path = tmp_path / "examples.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return str(path)

    return write


@pytest.mark.django_db
def test_each_line_gives_one_sanitised_line_with_removals_and_flags(
    jsonl, django_assert_num_queries
):
    # Not "Nothing about the source here.": the learned reading takes "<noun> here" at the end of
    # a short line for a self-introduction ("Taxi driver here", "ADI here"), as writers do.
    second = {**GOOD, "id": 2, "text": "The boy was seen at the park on Friday."}
    with django_assert_num_queries(0):
        code, results, err = _run(jsonl(json.dumps(GOOD), json.dumps(second)))
    assert (code, err) == (0, "")
    assert [r["id"] for r in results] == ["case-1", 2]
    first = results[0]
    assert set(first) == {"id", "text", "removed", "flagged", "findings"}
    classes = {finding["class"] for finding in first["findings"]}
    assert "source" in classes
    assert all({"start", "end", "kind", "class"} <= set(f) for f in first["findings"])
    assert "Hughes" not in first["text"] and "Kingsweston" not in first["text"]
    assert "Jade Smith" in first["text"] and "AB12 CDE" in first["text"]
    assert {span["kind"] for span in first["removed"]} >= {"name", "organisation"}
    assert set(first["removed"][0]) == {"start", "end", "kind", "text", "reason"}
    # "In my class" says where the source works: taken out, or flagged for rewording.
    assert "my class" not in first["text"] or first["flagged"]
    assert results[1]["text"] == "The boy was seen at the park on Friday."


@pytest.mark.django_db
def test_a_malformed_line_is_reported_by_number_and_the_rest_still_run(
    jsonl, django_assert_num_queries
):
    lines = (
        json.dumps(GOOD),
        "{not json",
        json.dumps({"id": 3, "text": "no source"}),
        json.dumps({**GOOD, "id": 4}),
    )
    with django_assert_num_queries(0):
        code, results, err = _run(jsonl(*lines))
    assert code == 1
    assert [r["id"] for r in results] == ["case-1", 4]
    assert "line 2: not valid JSON" in err
    assert 'line 3: missing "source"' in err
    assert "line 1" not in err and "line 4" not in err


@pytest.mark.django_db
def test_it_reads_standard_input_when_no_file_is_given(monkeypatch, django_assert_num_queries):
    with django_assert_num_queries(0):
        code, results, _ = _run(stdin=json.dumps(GOOD) + "\n", monkeypatch=monkeypatch)
    assert code == 0
    assert results[0]["id"] == "case-1"


def test_a_source_field_of_the_wrong_type_is_an_error_for_that_line(jsonl):
    bad = {**GOOD, "source": {"name": ["Sarah"]}}
    code, results, err = _run(jsonl(json.dumps(bad)))
    assert (code, results) == (1, [])
    assert 'line 1: "source.name" must be a string' in err


def test_a_missing_file_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Cannot read"):
        call_command("sanitise", str(tmp_path / "missing.jsonl"))


@pytest.mark.django_db
def test_without_the_form_a_name_nobody_entered_is_an_unknown_the_machine_removes(jsonl):
    bare = {key: value for key, value in GOOD.items() if key != "form"}
    code, results, _ = _run(jsonl(json.dumps(bare)))
    assert code == 0
    unknowns = [f for f in results[0]["findings"] if f["class"] == "unknown"]
    assert any(f["kind"] == "person" and f["decision"] == "remove" for f in unknowns)
    assert "Jade Smith" not in results[0]["text"]
