"""The sanitiser's figures on every annotated set, by class of identifier, for the README.

    python -m bench.sanitiser_corpora [--no-form]

For each set: records with a source identifier left, identifiers left, subject details kept, with
the structured answers given (the records' "form") and without them, and the source matchers alone
(the design before issue 11) for comparison. Identifiers are classed by the annotation's own
"classes" where a set has them (test set D) and otherwise by a rough reading of each string
against the source's details (name, organisation, contact, role, work number, other).

A set's name says what it is: `sets/test_*` are frozen test sets written blind and scored once
per design change; everything else is development data (the texts have been used to fix things).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sanitiser import SourceIdentity, SubjectDetails, sanitise, sanitise_source

CORPORA = Path(__file__).resolve().parent.parent / "tests" / "sanitiser"
_WORD = re.compile(r"[^\W_]+")
_ROLE_WORDS = re.compile(
    r"(?i)\b(?:teacher|nurse|manager|officer|worker|assistant|lead|head|tutor|supervisor|"
    r"receptionist|pharmacist|driver|coach|midwife|visitor|dsl|senco|hca|gp|doctor|porter|"
    r"lecturer|paramedic|vet|dentist|carer|chair|volunteer|crew|staff|team|deputy|owner)\b"
)
GENERIC = {"the", "of", "and", "school", "academy", "primary", "surgery", "pharmacy", "ltd", "st"}


def _words(value: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(value or "") if len(w) > 1}


def rough_class(identifier: str, source: dict) -> str:
    if "@" in identifier or "www" in identifier or ".example" in identifier:
        return "contact"
    if len(re.sub(r"\D", "", identifier)) >= 7:
        return "contact"
    words = _words(identifier)
    if words & _words(source.get("name", "")):
        return "source_name"
    if words & (_words(source.get("organisation", "")) - GENERIC):
        return "organisation"
    if _ROLE_WORDS.search(identifier):
        return "role"
    if any(ch.isdigit() for ch in identifier):
        return "work_identifier"
    return "other (colleague, premises, short form)"


def _left(identifier: str, output: str) -> bool:
    normal = " ".join(output.split()).lower()
    wanted = " ".join(identifier.split()).lower()
    return re.search(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)", normal) is not None


def score(records: list[dict], mode: str) -> dict:
    leaky = 0
    left = Counter()
    total = Counter()
    kept = lost = 0
    for item in records:
        identity = SourceIdentity(**item["source"])
        if mode == "source matchers only":
            output = sanitise_source(item["text"], identity).text
        else:
            details = SubjectDetails.from_form(item.get("form")) if mode == "with form" else None
            output = sanitise(item["text"], identity, details).text
        classes = item.get("classes") or {}
        leaked_here = False
        for identifier in item["must_remove"]:
            kind = classes.get(identifier) or rough_class(identifier, item["source"])
            total[kind] += 1
            if _left(identifier, output):
                left[kind] += 1
                leaked_here = True
        leaky += leaked_here
        for detail in item["must_keep"]:
            kept += 1
            lost += detail not in output
    return {
        "records": len(records),
        "leaky": leaky,
        "left": left,
        "total": total,
        "kept": kept,
        "lost": lost,
    }


def main() -> None:
    import json
    import sys

    # Frozen test sets are scored only when asked (`--held-out`), so developing against the
    # development sets never shows a held-out figure by accident.
    held_out = "--held-out" in sys.argv
    paths = sorted(CORPORA.glob("*.jsonl")) + sorted((CORPORA / "sets").glob("*.jsonl"))
    paths = [path for path in paths if held_out == path.name.startswith("test_")]
    modes = ["with form", "without form", "source matchers only"]
    for path in paths:
        records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        print(f"\n{path.relative_to(CORPORA)} ({len(records)} texts)")
        for mode in modes:
            result = score(records, mode)
            left = sum(result["left"].values())
            total = sum(result["total"].values())
            kept = (result["kept"] - result["lost"]) / max(result["kept"], 1)
            print(
                f"  {mode:22} records leaking {result['leaky']}/{result['records']}, "
                f"identifiers left {left}/{total}, subject details kept {kept:.1%}"
            )
            if mode == "with form":
                for kind, count in sorted(result["total"].items()):
                    print(f"      {kind:40} {result['left'][kind]}/{count} left")


if __name__ == "__main__":
    main()
