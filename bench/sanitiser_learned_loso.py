"""Leave-one-set-out measurement of the learned reading on the development sets.

    python -m bench.sanitiser_learned_loso [--thresholds 0.3,0.5,0.7] [--params JSON]

For each development set S (`tests/sanitiser/sets/dev_*.jsonl`; never a frozen `test_*` set) a
model is trained on all the other development sets, then S is scored with the rules alone and
with the rules and that model's reading at each threshold: records leaking, identifiers left
(as `bench.sanitiser_corpora` counts them: still standing as a whole word or phrase), the
indirect class alone, identifiers left "strictly" (half or more of an occurrence's letters still
in the output, read by aligning input and output, so removing one word of a long
self-description does not count as removing it) and subject details kept to the letter.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.sanitiser_corpora import _left
from sanitiser import SourceIdentity, SubjectDetails, sanitise
from sanitiser.learned import reading
from sanitiser.learned.train import PARAMS, dev_sets, examples, occurrences, train

INDIRECT = {"indirect", "indirect_self_identification"}


def _surviving(text: str, output: str) -> list[bool]:
    alive = [False] * len(text)
    matcher = difflib.SequenceMatcher(None, text, output, autojunk=False)
    for block in matcher.get_matching_blocks():
        for i in range(block.a, block.a + block.size):
            alive[i] = True
    return alive


def score(records: list[dict], with_form: bool = True) -> Counter:
    tally: Counter = Counter()
    for item in records:
        identity = SourceIdentity(**item["source"])
        details = SubjectDetails.from_form(item.get("form")) if with_form else None
        text = item["text"]
        output = sanitise(text, identity, details).text
        alive = _surviving(text, output)
        classes = item.get("classes") or {}
        leaked = False
        for identifier in item["must_remove"]:
            indirect = classes.get(identifier) in INDIRECT
            tally["total"] += 1
            tally["indirect_total"] += indirect
            if _left(identifier, output):
                tally["left"] += 1
                tally["indirect_left"] += indirect
                leaked = True
            strict = False
            for start, end in occurrences(text, identifier):
                letters = [i for i in range(start, end) if text[i].isalnum()]
                if letters and sum(alive[i] for i in letters) * 2 >= len(letters):
                    strict = True
            tally["strict_left"] += strict
            tally["indirect_strict_left"] += strict and indirect
        tally["records"] += 1
        tally["leaky"] += leaked
        for detail in item["must_keep"]:
            tally["kept_total"] += 1
            tally["kept"] += detail in output
    return tally


def row(name: str, t: Counter) -> str:
    kept = t["kept"] / max(t["kept_total"], 1)
    return (
        f"{name:14} leaking {t['leaky']:3}/{t['records']:<3} left {t['left']:3}/{t['total']:<4} "
        f"strict {t['strict_left']:3} indirect {t['indirect_left']:3}/{t['indirect_total']:<3} "
        f"(strict {t['indirect_strict_left']:3}) kept {kept:6.1%} ({t['kept']}/{t['kept_total']})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7,0.8")
    parser.add_argument("--params", default="")
    parser.add_argument("--out", default="")
    parser.add_argument("--options", default="", help='JSON, e.g. {"writers_signs": false}')
    parser.add_argument("--no-form", action="store_true", help="score without the form")
    parser.add_argument("--models", default="", help="keep (and reuse) each fold's model here")
    args = parser.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]
    params = dict(PARAMS, **json.loads(args.params)) if args.params else PARAMS
    sets = dev_sets()
    items = {name: examples(records) for name, records in sets.items()}
    totals: dict[str, Counter] = {}
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for held_out, records in sets.items():
            model = Path(args.models or folder) / f"{held_out}.crfsuite"
            if not (args.models and model.exists()):
                rows = [i for name, rows in items.items() if name != held_out for i in rows]
                train(rows, model, params)
            with reading(on=False):
                rules = score(records, not args.no_form)
            print(row(f"{held_out[-9:]} rules", rules), flush=True)
            results[held_out] = {"rules": dict(rules)}
            totals.setdefault("rules", Counter()).update(rules)
            for threshold in thresholds:
                options = json.loads(args.options) if args.options else {}
                with reading(model=model, remove_at=threshold, **options):
                    both = score(records, not args.no_form)
                print(row(f"  +learn {threshold}", both), flush=True)
                results[held_out][str(threshold)] = dict(both)
                totals.setdefault(str(threshold), Counter()).update(both)
    print("\nall sets, each scored by a model that never saw it:")
    for name, tally in totals.items():
        print(row(name if name == "rules" else f"+learn {name}", tally))
    # The mean over sets of each set's kept share, as the brief's "on average".
    for name in totals:
        shares = [
            r[name]["kept"] / max(r[name]["kept_total"], 1) for r in results.values() if name in r
        ]
        print(f"{name:12} mean kept over sets {sum(shares) / len(shares):.2%}")
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
