"""Every urgency set is well formed, and the detector stays above its bounds on the dev set.

Failure messages name a record by id and the field at fault, never its text: the frozen test
set is read here only to check its shape.
"""

import json
from pathlib import Path

import pytest

from bench.urgency_corpora import load, score
from urgency import KINDS

SETS = Path(__file__).parent / "sets"
FIELDS = {"id", "information", "when", "descriptions", "urgent", "kinds", "why"}


def _set_paths() -> list[Path]:
    return sorted(SETS.glob("*.jsonl"))


@pytest.mark.parametrize("path", _set_paths(), ids=lambda path: path.name)
def test_every_record_in_the_set_has_the_agreed_format(path):
    problems = []
    seen_ids = set()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                problems.append(f"line {number}: not JSON")
                continue
            name = record.get("id", f"line {number}")
            if set(record) != FIELDS:
                problems.append(f"{name}: fields {sorted(set(record) ^ FIELDS)}")
                continue
            if name in seen_ids:
                problems.append(f"{name}: id used twice")
            seen_ids.add(name)
            if not all(isinstance(record[key], str) for key in ("information", "when", "why")):
                problems.append(f"{name}: information, when and why must be text")
            descriptions = record["descriptions"]
            if not isinstance(descriptions, list) or not all(
                isinstance(item, str) for item in descriptions
            ):
                problems.append(f"{name}: descriptions must be a list of text")
            if not isinstance(record["urgent"], bool):
                problems.append(f"{name}: urgent must be true or false")
            if not set(record["kinds"]) <= set(KINDS):
                problems.append(f"{name}: unknown kind")
            if bool(record["kinds"]) != record["urgent"]:
                problems.append(f"{name}: kinds given if and only if urgent")
    assert seen_ids, "empty set"
    assert not problems, problems


def test_the_development_set_is_large_and_about_half_urgent():
    records = load(SETS / "dev.jsonl")
    urgent = sum(record["urgent"] for record in records)
    assert len(records) >= 200
    assert 0.45 <= urgent / len(records) <= 0.55


def test_the_detector_stays_above_its_bounds_on_the_development_set():
    overall, by_kind, wrong = score(load(SETS / "dev.jsonl"))
    missed = [record["id"] for record, _ in wrong if record["urgent"]]
    false_alarms = [record["id"] for record, _ in wrong if not record["urgent"]]
    assert overall.recall >= 0.97, missed
    assert overall.precision >= 0.95, false_alarms
    for kind in ("weapon", "self_harm", "missing_now"):
        assert by_kind[kind].recall >= 0.9, kind


@pytest.mark.parametrize(
    "name",
    [
        "dev_blind_1",
        "dev_blind_2",
        "dev_blind_3",
        "dev_blind_4",
        "dev_blind_5",
        "dev_fresh_3",
        "dev_fresh_4",
        "dev_fresh_5",
        "dev_fresh_6",
        "dev_fresh_7",
    ],
)
def test_the_detector_stays_above_the_targets_on_every_blind_or_fresh_development_set(name):
    # Development figures (their misses were read): a fall here is a rule that broke, not news
    # about new writers. The frozen test set is scored by the coordinator, never here.
    overall, _, wrong = score(load(SETS / f"{name}.jsonl"))
    assert overall.recall >= 0.95, [record["id"] for record, _ in wrong if record["urgent"]]
    assert overall.precision >= 0.9, [record["id"] for record, _ in wrong if not record["urgent"]]
