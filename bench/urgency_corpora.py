"""The urgency detector's precision and recall on every set, overall and for each kind.

    python -m bench.urgency_corpora [--held-out] [--misses] [--set NAME] [--half even|odd]

Sets live in `tests/urgency/sets/`. `test_*` sets are frozen, written blind by someone who never
saw the detector, and are scored only with `--held-out` (once per design, at the end, by the
coordinator); everything else is development data: `dev` (the authors'), `dev_blind_1` to
`dev_blind_5` (the first five blind sets, scored blind and then read), `dev_fresh_*` (batches
written during a round and scored once before any rule saw them). `--misses` lists the
development records the detector gets wrong. `--set NAME` scores one set only, and `--half even`
or `--half odd` only its records whose id ends in an even or odd number: a round designs against
one half of the newest blind set and scores the other once, before reading it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from urgency import KINDS, detect

SETS = Path(__file__).resolve().parent.parent / "tests" / "urgency" / "sets"


@dataclass(frozen=True)
class Figures:
    true_positive: int
    false_positive: int
    false_negative: int

    @property
    def precision(self) -> float:
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    def line(self, label: str) -> str:
        return (
            f"  {label:16} precision {self.precision:6.1%}  recall {self.recall:6.1%}  "
            f"(tp {self.true_positive}, fp {self.false_positive}, fn {self.false_negative})"
        )


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(records: list[dict]) -> tuple[Figures, dict[str, Figures], list[tuple[dict, object]]]:
    """Overall figures on `urgent`, per-kind figures on `kinds`, and the records got wrong."""
    overall = Counter()
    by_kind = {kind: Counter() for kind in KINDS}
    wrong = []
    for record in records:
        result = detect(
            information=record["information"],
            when=record["when"],
            descriptions=record["descriptions"],
        )
        expected = bool(record["urgent"])
        overall["tp"] += result.urgent and expected
        overall["fp"] += result.urgent and not expected
        overall["fn"] += expected and not result.urgent
        if result.urgent != expected:
            wrong.append((record, result))
        for kind in KINDS:
            said, meant = kind in result.kinds, kind in record["kinds"]
            by_kind[kind]["tp"] += said and meant
            by_kind[kind]["fp"] += said and not meant
            by_kind[kind]["fn"] += meant and not said

    def figures(counts: Counter) -> Figures:
        return Figures(counts["tp"], counts["fp"], counts["fn"])

    return figures(overall), {kind: figures(c) for kind, c in by_kind.items()}, wrong


def set_paths(*, held_out: bool) -> list[Path]:
    paths = sorted(SETS.glob("*.jsonl"))
    return [path for path in paths if held_out or not path.name.startswith("test_")]


def half(records: list[dict], which: str) -> list[dict]:
    """The records whose id ends in an even (`which="even"`) or odd number ("u5-014" is even)."""
    parity = {"even": 0, "odd": 1}[which]
    return [record for record in records if int(record["id"].rsplit("-", 1)[-1]) % 2 == parity]


def main(argv: list[str]) -> None:
    held_out = "--held-out" in argv
    only = argv[argv.index("--set") + 1] if "--set" in argv else None
    which = argv[argv.index("--half") + 1] if "--half" in argv else None
    for path in set_paths(held_out=held_out):
        if only is not None and path.stem != only:
            continue
        records = load(path)
        if which is not None:
            records = half(records, which)
        urgent = sum(bool(record["urgent"]) for record in records)
        overall, by_kind, wrong = score(records)
        label = f"{path.name} ({which} ids)" if which else path.name
        print(f"\n{label}: {len(records)} records, {urgent} urgent")
        print(overall.line("urgent"))
        for kind, figures in by_kind.items():
            print(figures.line(kind))
        # Only development records are ever printed: a frozen set's texts stay unread.
        if "--misses" in argv and not path.name.startswith("test_"):
            for record, result in wrong:
                label = "missed" if record["urgent"] else "false alarm"
                print(
                    f"    {label}: {record['id']} {result.kinds} :: {record['information']}"
                    f" | {record['when']} | {record['descriptions']}"
                )


if __name__ == "__main__":
    main(sys.argv[1:])
