"""A digest of everything the sanitiser outputs, to hold a speed change to byte-identical output.

Runs `sanitise` over every record of tests/sanitiser/*.jsonl and tests/sanitiser/sets/dev_*.jsonl
(never a frozen `test_*` set: its outputs are nobody's to compare record by record),
with the record's "form" (SubjectDetails.from_form) and without it, and over the benchmark's
generated texts; for each it records the output text, every finding (start, end, kind, class,
removed, machine, reason, text), the merged removals and the provenance flags, and the gate's
screen over the input (`source_hit_kinds`). Prints one SHA-256 over all of it.

    python bench/sanitiser_outputs.py                 # the digest
    python bench/sanitiser_outputs.py --save FILE     # and every record's digest, one a line
    python bench/sanitiser_outputs.py --compare FILE  # name the records whose output changed
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.sanitiser_bench import make_records
from sanitiser import SourceIdentity, SubjectDetails, sanitise
from sanitiser.screen import source_hit_kinds

ROOT = Path(__file__).resolve().parent.parent
CORPORA = sorted((ROOT / "tests/sanitiser").glob("*.jsonl")) + sorted(
    (ROOT / "tests/sanitiser/sets").glob("dev_*.jsonl")
)


def cases():
    """(name, text, identity, details or None, allowed) for every case the digest covers."""
    for path in CORPORA:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            item = json.loads(line)
            identity = SourceIdentity(**item["source"])
            name = f"{path.name}:{number}:{item.get('id', '')}"
            yield f"{name}:bare", item["text"], identity, None
            details = SubjectDetails.from_form(item.get("form"))
            yield f"{name}:form", item["text"], identity, details
    for number, (text, identity, details) in enumerate(make_records(300)):
        yield f"bench:{number}:form", text, identity, details
        if number < 30:
            yield f"bench:{number}:bare", text, identity, None


def describe(text: str, identity: SourceIdentity, details: SubjectDetails | None) -> str:
    result = sanitise(text, identity, details)
    allowed = details.protected_names if details else ()
    return json.dumps(
        {
            "text": result.text,
            "findings": [
                [f.start, f.end, f.kind, f.cls, f.removed, f.machine_removed, f.reason, f.text]
                for f in result.findings
            ],
            "removed": [[s.start, s.end, s.kind, s.reason] for s in result.removed],
            "flagged": [[s.start, s.end, s.kind, s.reason] for s in result.flagged],
            "gate": source_hit_kinds(text, identity, allowed=allowed),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def main() -> None:
    save = compare = None
    if len(sys.argv) > 2 and sys.argv[1] == "--save":
        save = Path(sys.argv[2])
    elif len(sys.argv) > 2 and sys.argv[1] == "--compare":
        compare = json.loads(Path(sys.argv[2]).read_text())
    total = hashlib.sha256()
    each: dict[str, str] = {}
    for name, text, identity, details in cases():
        digest = hashlib.sha256(describe(text, identity, details).encode()).hexdigest()
        each[name] = digest
        total.update(name.encode() + b"\0" + digest.encode() + b"\n")
    print(f"{len(each)} cases, digest {total.hexdigest()}")
    if save:
        save.write_text(json.dumps(each, indent=0))
    if compare is not None:
        changed = [name for name, digest in each.items() if compare.get(name) != digest]
        for name in changed:
            print("changed:", name)
        print(f"{len(changed)} changed")


if __name__ == "__main__":
    main()
