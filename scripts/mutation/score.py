"""Print the mutation score of each guard from mutmut's results in mutants/ (after `mutmut run`).

Killed: a test failed. Timeout: the mutant ran past its time limit (a guard made to loop, or a
machine too busy: rerun those with `mutmut run <name>`). Survived: every test passed. Untested: no
selected test reaches the function. The score is killed / all.
"""

import json
import sys
from collections import Counter
from pathlib import Path

# mutmut's exit codes (mutmut.stats.status_by_exit_code), reduced to what the score needs.
OUTCOMES = {0: "survived", 1: "killed", 3: "killed", 5: "untested", 33: "untested"}
OUTCOMES |= dict.fromkeys((24, -24, 36, 152, 255), "timeout")
COLUMNS = ("killed", "timeout", "survived", "untested")


def main() -> int:
    metas = sorted(Path("mutants").rglob("*.py.meta"))
    if not metas:
        print("No mutmut results in mutants/: run `make mutation` first.")
        return 1
    total: Counter[str] = Counter()
    others: list[str] = []
    print(f"{'guard':<34}{'mutants':>8}" + "".join(f"{c:>9}" for c in COLUMNS) + f"{'score':>8}")
    for meta in metas:
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        outcomes = {name: OUTCOMES.get(code, "other") for name, code in codes.items()}
        others += [f"{o:<9} {name}" for name, o in sorted(outcomes.items()) if o != "killed"]
        counts = Counter(outcomes.values())
        total += counts
        print(_row(str(meta.relative_to("mutants")).removesuffix(".meta"), counts))
    print(_row("all guards", total))
    if others:
        print("\nNot killed (each is explained in README, 'Mutation testing', or needs a test):")
        print("\n".join(f"  {line}" for line in others))
    return 0


def _row(label: str, counts: Counter[str]) -> str:
    mutants = sum(counts.values())
    score = 100 * counts["killed"] / mutants if mutants else 0.0
    cells = "".join(f"{counts[column]:>9}" for column in COLUMNS)
    return f"{label:<34}{mutants:>8}{cells}{score:>7.1f}%"


if __name__ == "__main__":
    sys.exit(main())
