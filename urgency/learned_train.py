"""Train the learned reading's weights from the development sets.

    python -m urgency.learned_train [--check]

Reads every development set in `tests/urgency/sets/` (never a `test_*` set) and a fixed sample of
the wording families in `tests/urgency/generated.py`, fits one logistic model for "urgent" and
one for each kind, and writes `urgency/learned_weights.json` with a digest of its inputs. `--check`
writes nothing and exits 1 if the shipped file is not what training gives now. Training is plain
Python and deterministic (a fixed shuffle, weights rounded), so the same sets give the same file.
The threshold comes from `bench.urgency_learned` (chosen by leave-one-set-out), not from here.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

from urgency import learned
from urgency.detector import KINDS
from urgency.learned import WEIGHTS, record_features

SETS = Path(__file__).resolve().parent.parent / "tests" / "urgency" / "sets"
# The probability above which the learned reading alone calls a record urgent (chosen by
# leave-one-set-out over the blind development sets in `bench.urgency_learned`), and above
# which a kind model names its kind.
THRESHOLD = 0.9933
KIND_THRESHOLD = 0.5
EPOCHS = 12
RATE = 0.3
L2 = 1e-4
MIN_COUNT = 2
DIGITS = 4
# Every n-th case of each generated family is trained on.
CALM_STRIDE = 4
URGENT_STRIDE = 3
THREAT_STRIDE = 500


def development_records() -> list[dict]:
    records = []
    for path in sorted(SETS.glob("dev*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    record["set"] = path.stem
                    records.append(record)
    return records


def generated_records() -> list[dict]:
    """A fixed sample of the wording families in `tests/urgency/generated.py` (the authors'
    calm twins: past, hypothetical, lessons, finds, look-alikes; and urgent families), so the
    model learns the closers the rules know as well as the dangers."""
    from tests.urgency import generated as g

    made = [(text, False, set()) for text in g.calm_cases()[::CALM_STRIDE]]
    made += [
        (text, True, kinds)
        for text, kinds in g.urgent_cases()[::URGENT_STRIDE] + g.threat_cases()[::THREAT_STRIDE]
    ]
    return [
        {
            "id": f"generated-{number}",
            "set": "generated",
            "information": text,
            "when": "",
            "descriptions": [],
            "urgent": urgent,
            "kinds": sorted(kinds),
        }
        for number, (text, urgent, kinds) in enumerate(made)
    ]


def features_of(record: dict) -> set[str]:
    return record_features(
        information=record["information"],
        when=record["when"],
        descriptions=record["descriptions"],
    )


def fit(samples: list[set[str]], labels: list[bool]) -> tuple[float, dict[str, float]]:
    """Logistic regression by AdaGrad over a fixed shuffle, L2 on the features it touches."""
    counts = Counter(feature for sample in samples for feature in sample)
    kept = [sorted(f for f in sample if counts[f] >= MIN_COUNT) for sample in samples]
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    bias, bias_square = 0.0, 1e-8
    order = list(range(len(samples)))
    shuffle = random.Random(8)
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for number in order:
            features = kept[number]
            total = bias + sum(weights.get(feature, 0.0) for feature in features)
            predicted = 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))
            error = predicted - labels[number]
            bias_square += error * error
            bias -= RATE * error / math.sqrt(bias_square)
            for feature in features:
                weight = weights.get(feature, 0.0)
                gradient = error + L2 * weight
                squares[feature] = squares.get(feature, 1e-8) + gradient * gradient
                weights[feature] = weight - RATE * gradient / math.sqrt(squares[feature])
    rounded = {f: round(w, DIGITS) for f, w in sorted(weights.items()) if round(w, DIGITS)}
    return round(bias, DIGITS), rounded


def inputs_digest(records: list[dict]) -> str:
    """A digest of everything training reads: the records, the feature code, the settings.
    The shipped file carries it, so a test sees when the sets changed and training was not run."""
    digest = hashlib.sha256()
    digest.update(json.dumps(records, sort_keys=True).encode())
    digest.update(Path(learned.__file__).read_bytes())
    settings = (THRESHOLD, KIND_THRESHOLD, EPOCHS, RATE, L2, MIN_COUNT, DIGITS)
    digest.update(repr((*settings, CALM_STRIDE, URGENT_STRIDE, THREAT_STRIDE)).encode())
    return digest.hexdigest()


def train(records: list[dict]) -> dict:
    samples = [features_of(record) for record in records]
    models = {}
    bias, weights = fit(samples, [bool(record["urgent"]) for record in records])
    models["urgent"] = {"bias": bias, "threshold": THRESHOLD, "weights": weights}
    for kind in KINDS:
        bias, weights = fit(samples, [kind in record["kinds"] for record in records])
        models[kind] = {"bias": bias, "threshold": KIND_THRESHOLD, "weights": weights}
    return {
        "inputs": inputs_digest(records),
        "trained_on": sorted({record["set"] for record in records}),
        "records": len(records),
        "models": models,
    }


def serialise(data: dict) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n"


def training_records() -> list[dict]:
    return development_records() + generated_records()


def main(argv: list[str]) -> int:
    text = serialise(train(training_records()))
    if "--check" in argv:
        same = WEIGHTS.exists() and WEIGHTS.read_text(encoding="utf-8") == text
        print("shipped weights are what training gives" if same else "shipped weights differ")
        return 0 if same else 1
    WEIGHTS.write_text(text, encoding="utf-8")
    print(f"wrote {WEIGHTS} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
