"""The annotated corpus: no identifier of the source survives, and subject details do."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanitiser import SourceIdentity, find_source_identifiers
from sanitiser import sanitise_source as sanitise

from .corpus_scoring import corpus_load, corpus_score

CORPUS = corpus_load(Path(__file__).with_name("corpus.jsonl"))
REQUIRED_RETENTION = 0.95


def test_corpus_is_big_enough_to_mean_something() -> None:
    assert len(CORPUS) >= 60
    assert sum(len(item["must_keep"]) for item in CORPUS) >= 300
    for item in CORPUS:
        for expected in item["must_remove"] + item["must_keep"]:
            assert expected in item["text"], (item["id"], expected)


def test_no_source_identifier_survives_and_subject_details_do(record_property) -> None:
    score = corpus_score(CORPUS)
    summary = f"corpus: {score.summary()}"
    print(summary)
    record_property("sanitiser_corpus", summary)
    assert score.leaks == []
    assert score.retention >= REQUIRED_RETENTION, score.lost


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
