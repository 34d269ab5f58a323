"""The annotated corpus: no identifier of the source survives, and subject details do."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sanitiser import SourceIdentity, find_source_identifiers, sanitise

CORPUS_PATH = Path(__file__).with_name("corpus.jsonl")
REQUIRED_RETENTION = 0.95


def load_corpus() -> list[dict]:
    with CORPUS_PATH.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


CORPUS = load_corpus()


def normalised(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().lower()


def test_corpus_is_big_enough_to_mean_something() -> None:
    assert len(CORPUS) >= 60
    assert sum(len(item["must_keep"]) for item in CORPUS) >= 300
    for item in CORPUS:
        for expected in item["must_remove"] + item["must_keep"]:
            assert expected in item["text"], (item["id"], expected)


def test_no_source_identifier_survives_and_subject_details_do(record_property) -> None:
    leaks: list[tuple[str, str]] = []
    lost: list[tuple[str, str]] = []
    identifiers = kept_total = 0
    for item in CORPUS:
        result = sanitise(item["text"], SourceIdentity(**item["source"]))
        output = normalised(result.text)
        for identifier in item["must_remove"]:
            identifiers += 1
            if normalised(identifier) in output:
                leaks.append((item["id"], identifier))
        for detail in item["must_keep"]:
            kept_total += 1
            if detail not in result.text:
                lost.append((item["id"], detail))
    retention = (kept_total - len(lost)) / kept_total
    summary = (
        f"corpus: {len(leaks)} leaks of {identifiers} identifiers; "
        f"{retention:.1%} of {kept_total} subject details kept"
    )
    print(summary)
    record_property("sanitiser_corpus", summary)
    assert leaks == []
    assert retention >= REQUIRED_RETENTION, lost


@pytest.mark.parametrize("item", CORPUS, ids=[item["id"] for item in CORPUS])
def test_gate_finds_nothing_in_sanitised_corpus_text(item: dict) -> None:
    identity = SourceIdentity(**item["source"])
    assert find_source_identifiers(sanitise(item["text"], identity).text, identity) == []


@pytest.mark.parametrize("item", CORPUS, ids=[item["id"] for item in CORPUS])
def test_removed_offsets_point_into_the_original(item: dict) -> None:
    result = sanitise(item["text"], SourceIdentity(**item["source"]))
    for span in result.removed:
        assert item["text"][span.start : span.end] == span.text
    for span in result.flagged:
        assert result.text[span.start : span.end] == span.text
