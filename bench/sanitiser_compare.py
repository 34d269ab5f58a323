"""The sanitiser's speed against an earlier revision of itself, on a busy machine.

On a machine shared with other jobs two runs of `sanitiser_bench.py` minutes apart differ by more
than most speed changes. Here the working tree's sanitiser and the one at REVISION run in one
process, taking turns 50 records at a time over the bench's records, so both see the same load;
each round compiles every source afresh, as production would. Prints each one's records per
second of CPU time and their ratio.

    python bench/sanitiser_compare.py REVISION [rounds]   # 6 rounds of 300 records by default
"""

from __future__ import annotations

import dataclasses
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.sanitiser_bench import FORM, make_records

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 50


def _import_revision(revision: str, into: Path):
    """The sanitiser package at ``revision``, imported as ``sanitiser_base``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "sanitiser"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    (into / "sanitiser").rename(into / "sanitiser_base")
    sys.path.insert(0, str(into))
    import sanitiser_base  # only importable once extracted

    return sanitiser_base


def _records(package, records):
    converted = []
    for text, identity, _ in records:
        fields = {f.name: getattr(identity, f.name) for f in dataclasses.fields(identity)}
        converted.append(
            (text, package.SourceIdentity(**fields), package.SubjectDetails.from_form(FORM))
        )
    return converted


def main() -> None:
    revision = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    import sanitiser
    from sanitiser.matching import compile_identity

    records = make_records(300)
    with tempfile.TemporaryDirectory() as folder:
        base = _import_revision(revision, Path(folder))
        from sanitiser_base.matching import compile_identity as base_compile_identity

        runs = {
            revision: (base, base_compile_identity, _records(base, records)),
            "working tree": (sanitiser, compile_identity, _records(sanitiser, records)),
        }
        for package, _, converted in runs.values():
            for record in converted[:30]:  # word lists and patterns loaded before timing
                package.sanitise(*record)
        cpu = dict.fromkeys(runs, 0.0)
        chunk_rates: dict[str, list[float]] = {name: [] for name in runs}
        names = list(runs)
        turn = 0
        for _ in range(rounds):
            for _, compile_cache, _ in runs.values():
                compile_cache.cache_clear()
            # Chunk by chunk, each revision in turn and each first every other time: a burst
            # of load from another job falls on both alike.
            for start in range(0, len(records), CHUNK):
                turn += 1
                for name in names if turn % 2 else names[::-1]:
                    package, _, converted = runs[name]
                    started = time.process_time()
                    for record in converted[start : start + CHUNK]:
                        package.sanitise(*record)
                    spent = time.process_time() - started
                    cpu[name] += spent
                    chunk_rates[name].append(CHUNK / spent if spent else float("inf"))
    count = rounds * len(records)
    rates = {name: count / spent for name, spent in cpu.items()}
    for name, rate in rates.items():
        print(
            f"{name}: {rate:.0f} records/s CPU over {count} records "
            f"(chunks of {CHUNK}: median {statistics.median(chunk_rates[name]):.0f}, "
            f"best {max(chunk_rates[name]):.0f})"
        )
    print(f"working tree / {revision}: {rates['working tree'] / rates[revision]:.2f}")


if __name__ == "__main__":
    main()
