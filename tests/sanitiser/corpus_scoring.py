"""Shared by the corpus tests: load an annotated corpus and score the sanitiser against it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sanitiser import SourceIdentity, SubjectDetails, sanitise


def corpus_load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def normalised(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().lower()


@dataclass
class Score:
    identifiers: int = 0
    kept_total: int = 0
    records: int = 0
    leaky_records: int = 0
    leaks: list[tuple[str, str]] = field(default_factory=list)
    lost: list[tuple[str, str]] = field(default_factory=list)

    @property
    def retention(self) -> float:
        return (self.kept_total - len(self.lost)) / self.kept_total

    def summary(self) -> str:
        return (
            f"{self.leaky_records}/{self.records} records leak; "
            f"{len(self.leaks)} leaks of {self.identifiers} identifiers; "
            f"{self.retention:.1%} of {self.kept_total} subject details kept"
        )


def still_there(identifier: str, output: str) -> bool:
    """An identifier is left when it stands in the output as a whole word or phrase (whitespace
    and case aside): a staff tag "TM" is not left in "Christmas"."""
    pattern = r"(?<!\w)" + re.escape(normalised(identifier)) + r"(?!\w)"
    return re.search(pattern, output) is not None


def corpus_score(corpus: list[dict], *, with_form: bool = True) -> Score:
    """A leak: an identifier still in the output. A loss: a subject detail no longer there to
    the letter. With ``with_form`` the structured answers (the record's "form") are given."""
    score = Score()
    for item in corpus:
        details = SubjectDetails.from_form(item.get("form")) if with_form else None
        result = sanitise(item["text"], SourceIdentity(**item["source"]), details)
        output = normalised(result.text)
        for identifier in item["must_remove"]:
            score.identifiers += 1
            if still_there(identifier, output):
                score.leaks.append((item["id"], identifier))
        for detail in item["must_keep"]:
            score.kept_total += 1
            if detail not in result.text:
                score.lost.append((item["id"], detail))
        score.records += 1
        if any(leak[0] == item["id"] for leak in score.leaks):
            score.leaky_records += 1
    return score
