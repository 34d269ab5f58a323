"""How long the urgency detector takes on one record.

    python -m bench.urgency_bench [--rounds N]

Runs the detector over every development record N times (default 20) and prints the mean, median
and 99th-percentile time per record, and the first call in a fresh process separately (it imports
the word-frequency list the first time a rare token looks like a danger word).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.urgency_corpora import SETS, load
from urgency import detect

_FIRST_CALL = """
import time
started = time.process_time()
from urgency import detect
detect(information="he has a knive and sed he wil stabb him 2nite", when="", descriptions=[])
print(time.process_time() - started)
"""


def first_call_seconds() -> float:
    root = Path(__file__).resolve().parent.parent
    output = subprocess.run(
        [sys.executable, "-c", _FIRST_CALL], cwd=root, capture_output=True, text=True, check=True
    )
    return float(output.stdout.strip())


def main(argv: list[str]) -> None:
    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 20
    records = load(SETS / "dev.jsonl")
    timings: list[float] = []
    for _ in range(rounds):
        for record in records:
            # CPU time of this thread: the figure holds on a busy machine, where wall time
            # would count other processes' turns too.
            started = time.thread_time()
            detect(
                information=record["information"],
                when=record["when"],
                descriptions=record["descriptions"],
            )
            timings.append(time.thread_time() - started)
    timings.sort()
    characters = statistics.mean(
        len(r["information"]) + len(r["when"]) + sum(map(len, r["descriptions"])) for r in records
    )
    print(
        f"{len(records)} records x {rounds} rounds, {characters:.0f} characters a record on "
        "average; CPU time of the calling thread"
    )
    print(f"  mean   {statistics.mean(timings) * 1e6:7.0f} us a record")
    print(f"  median {timings[len(timings) // 2] * 1e6:7.0f} us")
    print(f"  p99    {timings[int(len(timings) * 0.99)] * 1e6:7.0f} us")
    print(f"  max    {timings[-1] * 1e6:7.0f} us")
    print(f"  first call in a fresh process (imports included): {first_call_seconds():.2f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
