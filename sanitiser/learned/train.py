"""Train the learned reading on the annotated development sets and write the shipped model.

    python -m sanitiser.learned.train            # writes model.crfsuite and model.json

Only `tests/sanitiser/sets/dev_*.jsonl` are read: the frozen test sets (`test_*`) never are.
Each record is read by the rules first (the learned reading off), so the model learns what the
rules leave; every token inside an annotated source identifier (`must_remove`, each of its
occurrences as a whole word or phrase) is labelled B or I, the rest O. Training is L-BFGS, which
is deterministic: the same sets, rules and features give the same model, and `model.json` holds
a digest of the training items so a test can tell when the shipped model is stale.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from . import MANIFEST_PATH, MODEL_PATH, reading
from .features import token_features, tokens_of

SETS = Path(__file__).resolve().parents[2] / "tests" / "sanitiser" / "sets"
WITHOUT_FORM_TOO = True
PARAMS = {
    "c1": 0.05,
    "c2": 0.05,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    "feature.minfreq": 2,
}


# Q and R were written to order, Q with two to five of the writer's own phrases a record: a denser
# reading of "indirect" than any other writer's. Trained on them, the model took plain first-person
# sentences ("I am sure Lily was there", "I am older than Lily") for the writer's; they stay
# development sets for the rules and the held-out figures.
#
# W, X and Y (written later on 2026-12-06) likewise: trained with them as well, the model took "I
# am sure Lily was there", "I saw Lily get into a grey Audi" and "I noticed Tyler Turner had two
# phones" for the writer's (eight tests of what must stay failed; leaving out any one of the three
# did not mend it). They are development sets for the rules and the reading's held-out check.
# AA and AB (2026-12-06, third sitting) are held out from the start, as further checks of it.
LEFT_OUT = frozenset(
    {
        "dev_blind_q",
        "dev_blind_r",
        "dev_blind_w",
        "dev_blind_x",
        "dev_blind_y",
        "dev_blind_aa",
        "dev_blind_ab",
    }
)


def dev_sets() -> dict[str, list[dict]]:
    """The development sets by name (never a frozen `test_*` set, nor those ``LEFT_OUT``)."""
    sets = {}
    for path in sorted(SETS.glob("dev_*.jsonl")):
        if path.stem in LEFT_OUT:
            continue
        with path.open(encoding="utf-8") as lines:
            sets[path.stem] = [json.loads(line) for line in lines if line.strip()]
    return sets


def occurrences(text: str, value: str) -> list[tuple[int, int]]:
    words = value.split()
    if not words:
        return []
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]


def example(record: dict, with_form: bool = True) -> tuple[list[dict[str, float]], list[str]]:
    """One record's token features (after the rules) and labels, read with the record's form
    answers or (``with_form`` false) without them, as a text may come with none."""
    from ..classify import SubjectDetails, rules_context, sanitise
    from ..identity import SourceIdentity

    text = record["text"]
    identity = SourceIdentity(**record["source"])
    details = SubjectDetails.from_form(record.get("form") if with_form else None)
    with reading(on=False):
        result = sanitise(text, identity, details)
    context = rules_context(text, identity, details, result.findings)
    tokens = tokens_of(text)
    spans = [span for value in record["must_remove"] for span in occurrences(text, value)]
    labels = []
    for index, token in enumerate(tokens):
        inside = [s for s, e in spans if s < token.end and token.start < e]
        if not inside:
            labels.append("O")
        elif index and any(s < tokens[index - 1].end for s in inside):
            labels.append("I")
        else:
            labels.append("B")
    return token_features(text, tokens, context), labels


def examples(records: Iterable[dict]) -> list[tuple[list[dict[str, float]], list[str]]]:
    """Each record read with its form and, when ``WITHOUT_FORM_TOO``, without it too."""
    readings = (True, False) if WITHOUT_FORM_TOO else (True,)
    return [example(record, with_form) for record in records for with_form in readings]


def items_digest(items: Iterable[tuple[list[dict[str, float]], list[str]]]) -> str:
    digest = hashlib.sha256()
    for features, labels in items:
        digest.update(json.dumps([features, labels], sort_keys=True).encode())
    return digest.hexdigest()


def train(
    items: list[tuple[list[dict[str, float]], list[str]]], path: Path, params: dict | None = None
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for features, labels in items:
        trainer.append(features, labels)
    trainer.set_params(params or PARAMS)
    trainer.train(str(path))


def main() -> None:
    sets = dev_sets()
    items = [item for records in sets.values() for item in examples(records)]
    train(items, MODEL_PATH)
    manifest = {
        "sets": {name: len(records) for name, records in sets.items()},
        "params": PARAMS,
        "without_form_too": WITHOUT_FORM_TOO,
        "items_sha256": items_digest(items),
        "model_sha256": hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest(),
    }
    MANIFEST_PATH.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    print(json.dumps(manifest, indent=2, sort_keys=True), file=sys.stdout)


if __name__ == "__main__":
    main()
