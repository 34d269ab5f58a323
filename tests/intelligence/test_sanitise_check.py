"""`manage.py sanitise --check`: the export gate's screen over JSON lines, kinds out, never values,
exit 1 when any line has a hit."""

import io
import json

import pytest
from django.core.management import call_command

SOURCE = {
    "name": "Sarah Hughes",
    "role": "Head of Year 9",
    "organisation": "Kingsweston Academy",
    "email": "s.hughes@kwa.example.sch.uk",
    "phone": "0117 496 0123",
}
FULL_WIDTH_SARAH = "".join(chr(ord(c) + 0xFEE0) for c in "Sarah")


def _check(tmp_path, *items) -> tuple[int, list[dict], str]:
    path = tmp_path / "examples.jsonl"
    path.write_text(
        "\n".join(i if isinstance(i, str) else json.dumps(i) for i in items) + "\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("sanitise", str(path), "--check", stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


@pytest.mark.django_db
def test_each_line_gives_the_kinds_found_in_order_and_any_hit_exits_1(
    tmp_path, django_assert_num_queries
):
    leaky = {
        "id": "leaky",
        "source": SOURCE,
        "text": f"Ring {FULL_WIDTH_SARAH} on 0117-496-0123; she teaches at K1ngsweston.",
    }
    clean = {"id": 2, "source": SOURCE, "text": "Jade Smith got into AB12 CDE on Canal Street."}
    with django_assert_num_queries(0):
        code, results, err = _check(tmp_path, leaky, clean)
    assert (code, err) == (1, "")
    assert results == [
        {"id": "leaky", "hits": ["name", "phone", "organisation"]},
        {"id": 2, "hits": []},
    ]
    assert "Sarah" not in json.dumps(results) and "0117" not in json.dumps(results)


def test_clean_lines_exit_0(tmp_path):
    clean = {"id": 1, "source": SOURCE, "text": "Nothing about the source here."}
    assert _check(tmp_path, clean)[:2] == (0, [{"id": 1, "hits": []}])


def test_the_form_lets_the_subjects_and_persons_of_concerns_names_through(tmp_path):
    text = "Dylan Hughes was with Big Sarah and Saz."
    form = {
        "subjects": [{"name": "Dylan Hughes", "address": "", "setting": ""}],
        "persons_of_concern": [{"name": "Kyle Barnes", "nicknames": "Big Sarah,\nSaz"}],
    }
    with_form = {"id": 1, "source": SOURCE, "text": text, "form": form}
    without = {"id": 2, "source": SOURCE, "text": text}
    code, results, _ = _check(tmp_path, with_form, without)
    assert code == 1
    assert results == [{"id": 1, "hits": []}, {"id": 2, "hits": ["name"]}]


def test_a_form_missing_parts_or_of_the_wrong_shape_lets_nothing_through(tmp_path):
    text = "Dylan Hughes was there."
    lines = [
        {"id": 1, "source": SOURCE, "text": text, "form": {}},
        {"id": 2, "source": SOURCE, "text": text, "form": "Dylan Hughes"},
        {"id": 3, "source": SOURCE, "text": text, "form": {"subjects": [None, {"name": 4}]}},
    ]
    code, results, _ = _check(tmp_path, *lines)
    assert code == 1
    assert [r["hits"] for r in results] == [["name"], ["name"], ["name"]]


def test_a_malformed_line_still_exits_1_and_the_rest_are_checked(tmp_path):
    clean = {"id": 1, "source": SOURCE, "text": "Nothing here."}
    code, results, err = _check(tmp_path, "{not json", clean)
    assert code == 1
    assert results == [{"id": 1, "hits": []}]
    assert "line 1: not valid JSON" in err
