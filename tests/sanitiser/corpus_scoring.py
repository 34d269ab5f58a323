"""Shared by the corpus tests: load an annotated corpus and score the sanitiser against it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sanitiser import SourceIdentity, sanitise


def corpus_load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def normalised(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().lower()


@dataclass
class Score:
    identifiers: int = 0
    kept_total: int = 0
    leaks: list[tuple[str, str]] = field(default_factory=list)
    lost: list[tuple[str, str]] = field(default_factory=list)

    @property
    def retention(self) -> float:
        return (self.kept_total - len(self.lost)) / self.kept_total

    def summary(self) -> str:
        return (
            f"{len(self.leaks)} leaks of {self.identifiers} identifiers; "
            f"{self.retention:.1%} of {self.kept_total} subject details kept"
        )


def corpus_score(corpus: list[dict]) -> Score:
    """A leak: an identifier still in the output (whitespace and case aside). A loss: a subject
    detail no longer there to the letter."""
    score = Score()
    for item in corpus:
        result = sanitise(item["text"], SourceIdentity(**item["source"]))
        output = normalised(result.text)
        for identifier in item["must_remove"]:
            score.identifiers += 1
            if normalised(identifier) in output:
                score.leaks.append((item["id"], identifier))
        for detail in item["must_keep"]:
            score.kept_total += 1
            if detail not in result.text:
                score.lost.append((item["id"], detail))
    return score
