"""Does the learned reading generalise to a writer it never saw? Leave-one-set-out, honestly.

    python -m bench.urgency_learned [--forward] [--no-generated] [--all-gates] [--shipped]
                                    [--cache DIR]

For each blind development set S (`dev_blind_1..5`, `dev_fresh_3..7`, each written by a different
writer who never saw the rules), the learned model is trained on every other development set and
S is scored with it; nothing is chosen on S. With `--forward` a fold trains only on what existed
before S was read (each set's read time, and each `dev` record's commit time by `git blame`),
which also keeps out records written after reading S.

The rules are scored two ways: as they stand now (they have read every set, so their figure on S
is not a new writer's) and as they stood the commit before S was read (`git archive` of the
package then, cached under `--cache`): that second column is what the rules did on S as a new
writer, and "+ learned" beside it is the honest measure of the combination.

The threshold for S is chosen on the other sets only: the highest threshold at which rules (as
blind) OR learned keep a pooled out-of-fold recall of at least `RECALL_FLOOR` on them. The same
choice over all ten sets gave 0.62; the threshold shipped (`urgency.learned_train.THRESHOLD`,
0.9933) is the lowest half-step of log-odds above it at which every calm twin in `tests/urgency`
stays calm, and `--shipped` scores every set at it too. The learned reading speaks only where the
rules found nothing and did not close the record (`urgency.detector.learned_gates`;
`--all-gates` compares).
"""

from __future__ import annotations

import io
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from urgency import detect
from urgency.detector import learned_gates
from urgency.learned_train import (
    THRESHOLD,
    development_records,
    features_of,
    fit,
    generated_records,
)

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "tests" / "urgency" / "sets"
# The commit that made each blind set development data: the package at its parent is the
# rules as they stood while the set was still blind (their figures match the blind scores the
# README records).
READ_AT = {
    "dev_blind_1": "1ed28f4",
    "dev_blind_2": "73cd00c",
    "dev_blind_3": "aacd714",
    "dev_blind_4": "ebec3ae",
    "dev_blind_5": "7355c9a",
    "dev_fresh_3": "62fdb54",
    "dev_fresh_4": "5b819e9",
    "dev_fresh_5": "60eec5c",
    "dev_fresh_6": "db11378",
    "dev_fresh_7": "4fd2b62",
}
BLIND = tuple(READ_AT)
RECALL_FLOOR = 0.975
LOGITS = [step / 2 for step in range(-8, 25)]  # thresholds from p 0.018 to p 0.99999

# The old package's verdict, and what it would tell the learned reading: whether it closed the
# whole record, and whether any of its cues of danger is in it (with what that version has).
_OLD_RULES = """
import json, sys
sys.path.insert(0, sys.argv[1])
from urgency import detect, detector, patterns as p
try:
    from urgency.cues import sentence_cues
except ImportError:
    sentence_cues = lambda text: ()
NAMES = ("SELF_HARM SELF_HARM_SIGN THREAT WEAPON_VIOLENCE WEAPON MISSING MISSING_SIGN "
         "DANGER_NOW DEATH THREAT_WITH UNDERSTATED_SELF UNDERSTATED_DANGER").split()
PATTERNS = [getattr(p, name) for name in NAMES if hasattr(p, name)]
verdicts = {}
for line in open(sys.argv[2], encoding="utf-8"):
    if line.strip():
        r = json.loads(line)
        sentences = detector._sentences("information", None, r["information"])
        sentences += detector._sentences("when", None, r["when"])
        for index, text in enumerate(r["descriptions"]):
            sentences += detector._sentences("descriptions", index, text)
        closed = any(p.NOT_URGENT.search(s.text) for s in sentences)
        if hasattr(detector, "_when_reading"):
            closed = closed or bool(detector._when_reading(sentences)[0])
        cued = any(
            any(pattern.search(s.text) for pattern in PATTERNS)
            or any(c.kind not in ("now", "present", "harmless") for c in sentence_cues(s.text))
            for s in sentences
        )
        urgent = detect(
            information=r["information"], when=r["when"], descriptions=r["descriptions"]
        ).urgent
        verdicts[r["id"]] = [urgent, closed, cued]
print(json.dumps(verdicts))
"""


def _git(*args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=True).stdout


def blind_verdicts(name: str, cache: Path) -> dict[str, list[bool]]:
    """The rules' verdicts on set `name` as the rules stood before the set was read: urgent,
    closed as a whole, and cued (see `urgency.detector.learned_gates`)."""
    package = cache / f"rules_{name}"
    if not (package / "urgency").is_dir():
        package.mkdir(parents=True, exist_ok=True)
        archive = _git("archive", f"{READ_AT[name]}^", "urgency")
        with tarfile.open(fileobj=io.BytesIO(archive)) as files:
            files.extractall(package, filter="data")
    output = subprocess.run(
        [sys.executable, "-c", _OLD_RULES, str(package), str(SETS / f"{name}.jsonl")],
        cwd=cache,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def read_times(records: list[dict]) -> list[int]:
    """When each record could first have been read: a blind set's read commit, or the commit
    that added a `dev` line."""
    at = {name: int(_git("log", "-1", "--format=%ct", commit)) for name, commit in READ_AT.items()}
    blame = _git("blame", "--line-porcelain", "tests/urgency/sets/dev.jsonl").decode()
    dev_times, current = [], 0
    for line in blame.splitlines():
        if line.startswith("committer-time "):
            current = int(line.split()[1])
        elif line.startswith("\t"):
            dev_times.append(current)
    # The generated families as last changed: they were written after reading earlier sets.
    at["generated"] = int(_git("log", "-1", "--format=%ct", "--", "tests/urgency/generated.py"))
    dev_lines = iter(dev_times)
    return [next(dev_lines) if r["set"] == "dev" else at[r["set"]] for r in records]


def _probability(bias: float, weights: dict[str, float], features: set[str]) -> float:
    total = bias + sum(weights.get(feature, 0.0) for feature in features)
    return 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))


def figures(rows: list[dict], flagged) -> tuple[int, int, int]:
    tp = sum(1 for row in rows if flagged(row) and row["urgent"])
    fp = sum(1 for row in rows if flagged(row) and not row["urgent"])
    fn = sum(1 for row in rows if not flagged(row) and row["urgent"])
    return tp, fp, fn


def shown(counts: tuple[int, int, int]) -> str:
    tp, fp, fn = counts
    precision = tp / (tp + fp) if tp + fp else 1.0
    return f"{precision:6.1%} / {tp / (tp + fn):6.1%} (fp {fp:3}, fn {fn:3})"


def choose_threshold(rows: list[dict]) -> float:
    """The highest threshold at which rules as blind OR learned keep pooled recall >= floor."""
    chosen = LOGITS[0]
    for logit in LOGITS:
        threshold = 1.0 / (1.0 + math.exp(-logit))
        tp, _, fn = figures(rows, lambda row, t=threshold: row["blind"] or row["q"] >= t)
        if tp / (tp + fn) >= RECALL_FLOOR:
            chosen = logit
    return 1.0 / (1.0 + math.exp(-chosen))


def out_of_fold(*, forward: bool, generated: bool, cache: Path) -> list[dict]:
    records = development_records() + (generated_records() if generated else [])
    samples = [features_of(record) for record in records]
    times = read_times(records) if forward else None
    rows = []
    for name in BLIND:
        blind = blind_verdicts(name, cache)
        read = int(_git("log", "-1", "--format=%ct", READ_AT[name]))
        train = [
            number
            for number, record in enumerate(records)
            if record["set"] != name and (times is None or times[number] < read)
        ]
        bias, weights = fit([samples[n] for n in train], [records[n]["urgent"] for n in train])
        for number, record in enumerate(records):
            if record["set"] != name:
                continue
            now = detect(
                information=record["information"],
                when=record["when"],
                descriptions=record["descriptions"],
                learned=False,
            ).urgent
            closed, cued = learned_gates(
                information=record["information"],
                when=record["when"],
                descriptions=record["descriptions"],
            )
            rows.append(
                {
                    "closed": closed,
                    "cued": cued,
                    "set": name,
                    "id": record["id"],
                    "urgent": bool(record["urgent"]),
                    "p": _probability(bias, weights, samples[number]),
                    "blind": blind[record["id"]][0],
                    "blind_closed": blind[record["id"]][1],
                    "blind_cued": blind[record["id"]][2],
                    "now": now,
                    "trained_on": len(train),
                }
            )
    return rows


# Where the rules let the learned reading speak: everywhere ("none"), not in a record they
# closed as a whole ("closed"), or only in a record with no cue of danger they know ("uncued").
# The "blind" gates ask the rules as they stood before the set was read, the others the rules
# now (which have read the set: their cues are in it).
GATES = {
    "none": lambda row: True,
    "closed": lambda row: not row["closed"],
    "uncued": lambda row: not row["closed"] and not row["cued"],
    "closed (blind)": lambda row: not row["blind_closed"],
    "uncued (blind)": lambda row: not row["blind_closed"] and not row["blind_cued"],
}
GATE = "closed"


def table(rows: list[dict], gate: str, fixed: float | None = None) -> None:
    for row in rows:
        row["q"] = row["p"] if GATES[gate](row) else 0.0
    print(
        f"{'set':12} {'trained':>7} {'t':>6}  {'rules as blind':31} {'+ learned':31} "
        f"{'learned alone':31} {'rules now':31} {'rules now + learned':31}"
    )
    pooled = {key: [0, 0, 0] for key in ("blind", "both", "alone", "now", "now_both")}
    for name in BLIND:
        mine = [row for row in rows if row["set"] == name]
        threshold = fixed or choose_threshold([row for row in rows if row["set"] != name])
        counts = {
            "blind": figures(mine, lambda row: row["blind"]),
            "both": figures(mine, lambda row, t=threshold: row["blind"] or row["q"] >= t),
            "alone": figures(mine, lambda row, t=threshold: row["q"] >= t),
            "now": figures(mine, lambda row: row["now"]),
            "now_both": figures(mine, lambda row, t=threshold: row["now"] or row["q"] >= t),
        }
        for key, value in counts.items():
            pooled[key] = [a + b for a, b in zip(pooled[key], value, strict=True)]
        print(
            f"{name:12} {mine[0]['trained_on']:7} {threshold:6.3f}  "
            + " ".join(f"{shown(counts[key]):31}" for key in counts)
        )
    print(
        f"{'pooled':12} {'':7} {'':6}  "
        + " ".join(f"{shown(tuple(pooled[key])):31}" for key in pooled)
    )
    print(f"threshold chosen the same way over all ten sets: {choose_threshold(rows):.4f}")


def main(argv: list[str]) -> None:
    forward = "--forward" in argv
    cache = Path(argv[argv.index("--cache") + 1]) if "--cache" in argv else None
    cache = cache or Path(tempfile.gettempdir()) / "urgency_learned_rules"
    cache.mkdir(parents=True, exist_ok=True)
    gates = list(GATES) if "--all-gates" in argv else [GATE]
    generated = "--no-generated" not in argv
    rows = out_of_fold(forward=forward, generated=generated, cache=cache)
    frame = "trained only on what existed before the set was read" if forward else "leave one out"
    for gate in gates:
        trained = "development sets and generated families" if generated else "development sets"
        print(f"\nLearned reading on {trained}, out of fold ({frame}), gate {gate!r}")
        table(rows, gate)
        if "--shipped" in argv:
            print(f"\nThe same at the shipped threshold ({THRESHOLD}) for every set:")
            table(rows, gate, THRESHOLD)


if __name__ == "__main__":
    main(sys.argv[1:])
