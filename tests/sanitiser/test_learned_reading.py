"""The learned second reading (`sanitiser/learned/`): a small CRF read after the rules. What it
marks that the rules left is an unknown listed for the handler; a subject's form answer is never
marked; and the shipped model is what the training script makes of the committed sets."""

from __future__ import annotations

import hashlib
import json

from sanitiser import KEEP, UNKNOWN, SourceIdentity, SubjectDetails, sanitise
from sanitiser.learned import KIND, MANIFEST_PATH, MODEL_PATH, reading
from sanitiser.learned.train import (
    PARAMS,
    WITHOUT_FORM_TOO,
    dev_sets,
    examples,
    items_digest,
    train,
)

SOURCE = SourceIdentity(
    name="Priya Nair", role="learning mentor", organisation="Hollins Park Academy"
)
ROUTINE = "As his mentor I see him three times a week in the pastoral room."


def run(text: str, subjects=(), places=(), decisions=None):
    form = {
        "subjects": [{"name": name} for name in subjects],
        "places": [{"name": place} for place in places],
    }
    return sanitise(text, SOURCE, SubjectDetails.from_form(form), decisions)


def learned(result):
    return [f for f in result.findings if f.kind == KIND]


def test_an_unseen_routine_of_the_writers_goes_as_an_unknown_the_handler_sees():
    # No rule reads this routine. The model (retrained 2026-12-06, third sitting) is sure of
    # "I do the" and less sure of "with the year 7s" (about 0.37): the first goes, the second
    # is listed and kept, and removed only when the threshold says the model is sure enough.
    text = "I do the Friday breakfast club with the year 7s. Tyler Mason is always first in."
    result = run(text, ["Tyler Mason"])
    assert "I do the" not in result.text
    listed = [f for f in learned(result) if "year 7s" in f.text]
    assert listed and all(f.cls == UNKNOWN and not f.removed for f in listed)
    assert "with the year 7s" in result.text
    with reading(remove_at=0.2):
        result = run(text, ["Tyler Mason"])
    assert "year 7s" not in result.text
    assert "Tyler Mason is always first in." in result.text
    removed = [f for f in learned(result) if f.removed]
    assert len(removed) >= 2
    for finding in removed:
        assert finding.cls == UNKNOWN and finding.machine_removed
        assert "learned model" in finding.reason
    with reading(on=False):
        assert not learned(run(text, ["Tyler Mason"]))


def test_what_follows_the_writers_role_in_their_own_words_goes():
    assert "pastoral room" not in run(ROUTINE).text
    with reading(on=False):
        assert "pastoral room" in run(ROUTINE).text


def test_a_subjects_form_answer_inside_a_first_person_sentence_stays():
    result = run(ROUTINE, places=["the pastoral room"])
    assert "the pastoral room" in result.text
    assert "I see him" not in result.text
    assert not any("pastoral" in f.text for f in learned(result))


def test_a_subjects_name_entered_stays_inside_what_the_reading_removes():
    text = "As his mentor I see Tyler Mason three times a week in the pastoral room."
    result = run(text, ["Tyler Mason"])
    assert "Tyler Mason" in result.text and "pastoral room" not in result.text


def test_what_the_writer_saw_stays():
    text = "I saw him get into a grey Audi at 15:20 outside the bookies."
    result = run(text)
    assert result.text == text
    assert not [f for f in learned(result) if f.removed]


def test_the_handler_keeps_what_the_reading_would_remove():
    (finding,) = [f for f in learned(run(ROUTINE)) if "pastoral" in f.text]
    kept = run(ROUTINE, decisions={finding.key: KEEP})
    assert finding.text in kept.text


def test_dates_and_days_are_never_the_readings():
    text = "I've done the Saturday shift on the tills since March 2023 and she comes in at 4pm."
    for finding in learned(run(text)):
        for when in ("Saturday", "March", "2023", "4pm"):
            assert when not in finding.text


def test_without_a_model_file_the_rules_stand_alone(tmp_path):
    with reading(model=tmp_path / "none.crfsuite"):
        result = run(ROUTINE)
    assert not learned(result) and "pastoral room" in result.text


def test_the_shipped_model_is_what_the_training_script_makes_of_the_committed_sets(tmp_path):
    manifest = json.loads(MANIFEST_PATH.read_text())
    assert manifest["params"] == PARAMS
    assert manifest["without_form_too"] == WITHOUT_FORM_TOO
    sets = dev_sets()
    assert manifest["sets"] == {name: len(records) for name, records in sets.items()}
    assert not any(name.startswith("test_") for name in sets)
    items = [item for records in sets.values() for item in examples(records)]
    assert items_digest(items) == manifest["items_sha256"], (
        "retrain: python -m sanitiser.learned.train"
    )
    assert hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest() == manifest["model_sha256"]
    train(items, tmp_path / "again.crfsuite")
    assert (tmp_path / "again.crfsuite").read_bytes() == MODEL_PATH.read_bytes()


def test_a_fence_stands_where_the_answer_does_after_letters_that_fold_longer():
    from sanitiser.learned import context_for

    text = "Große Straße, İzmir Kebab: Kyle Mendes was there"
    context = context_for(text, {"name": "Priya Nair"}, ["Kyle Mendes"], [], [])
    start = text.index("Kyle Mendes")
    assert (start, start + len("Kyle Mendes")) in context.fences
