"""What the learned reading costs: the benchmark's records sanitised with the rules alone and with
the rules and the learned reading, taking turns in one process (CPU time, median of the runs).

    python -m bench.sanitiser_learned_speed [records] [runs]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.sanitiser_bench import make_records
from sanitiser import sanitise
from sanitiser.learned import reading
from sanitiser.matching import compile_identity


def main() -> None:
    n_records = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    records = make_records(n_records)
    for text, identity, details in records[:5]:
        sanitise(text, identity, details)  # load the word lists and the model first
    rates: dict[str, list[float]] = {"rules alone": [], "rules + learned": []}
    for _ in range(runs):
        for name, on in (("rules alone", False), ("rules + learned", True)):
            compile_identity.cache_clear()
            with reading(on=on):
                started = time.process_time()
                for text, identity, details in records:
                    sanitise(text, identity, details)
                rates[name].append(n_records / (time.process_time() - started))
    for name, each in rates.items():
        runs_said = ", ".join(f"{rate:.0f}" for rate in each)
        print(f"{name:16} {statistics.median(each):.0f} records/s (CPU time; runs: {runs_said})")


if __name__ == "__main__":
    main()
