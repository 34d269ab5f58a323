"""Export benchmark: `run(n_logs=100_000) -> {"seconds", "peak_rss_mb", ...}`.

Seeds up to `n_logs` approved, fictional logs (each with its own encrypted source) in the
configured database if fewer are there, gives them the gate clearance intelligence_log_create
would have left (the full identifier check runs once per distinct identity and content, which is
exactly what the gate would conclude row by row), then produces one CSV export in a fresh child
process, as the Celery worker would, and reports that process's time and peak memory.

Point it at a bench database (DATABASE_URL=postgres://.../cpi_bench), never a live one.
    python -m bench.export_bench 100000
Not a test: the suite never runs it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_MARK = "[bench]"  # every seeded log's text starts with this
BENCH_USER = "bench.exporter"
BATCH = 2000
# A few identities, so the full check runs once per identity and text rather than per row.
IDENTITIES = [
    ("Sarah Hughes", "Head of Year 9", "Kingsweston Academy", "s.hughes@kwa.example.sch.uk"),
    ("Tom Okafor", "School Nurse", "Riverside Health Centre", "tom.okafor@nhs.example"),
    ("Priya Shah", "Pharmacist", "Hillside Pharmacy", "priya@hillside.example"),
    ("Gareth Lewis", "Youth Worker", "Eastside Youth Hub", "g.lewis@eastside.example.org"),
]
PHONES = ["0117 496 0123", "0117 496 0456", "0117 496 0789", "0117 496 0999"]
SUBJECTS = ["Jade Smith", "Liam Carter", "Amira Khan", "Connor Walsh", "Ellie Brooks"]
TEXTS = [
    "{subject} (14) has been seen most Friday evenings getting into a black Ford Focus, AB12 CDE, "
    "on Canal Street with an older man known as D-Money, who gives {subject} cash and a new phone. "
    "{subject} has missed several days recently and comes back tired, with new trainers and "
    "jewellery. Other young people have been seen waiting at the underpass by the canal between "
    "6pm and 9pm. A silver Vauxhall Corsa, KX19 LMN, drops packages at the block on Mill Lane. "
    "The man's number is 07700 900456 and his Snapchat is deanm_99. {subject} says they owe him "
    "money and are scared of what will happen if they stop. Seen again on 3 March at about 7pm.",
    "{subject} (15) is reported to be staying out overnight at an address on Harbour Road where "
    "several adults are believed to be supplying drugs. A blue BMW 1 Series, YR68 PQT, collects "
    "{subject} after school most days. {subject} has a second phone and has been seen with large "
    "amounts of cash. A man called Marcus, early twenties, is often present and uses the handle "
    "@marcus_blue on Instagram. Neighbours describe frequent short visits to the flat late at "
    "night. {subject}'s attendance has dropped sharply and they appear withdrawn and anxious.",
]


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpi.settings")
    if not os.environ.get("SECRET_KEY") and not os.environ.get("DEBUG"):
        os.environ.setdefault("CPI_TESTING", "1")  # development keys, DEBUG off
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _seed(n_logs: int) -> int:
    """Top the bench logs up to n_logs; returns how many were added."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from intelligence.models import IntelligenceLog, LogStatus
    from submissions.models import Source, Submission
    from submissions.references import reference_generate

    have = IntelligenceLog.objects.filter(text__startswith=BENCH_MARK).count()
    missing = max(0, n_logs - have)
    rng = random.Random(have)
    now = timezone.now()
    get_user_model().objects.get_or_create(username=BENCH_USER)
    for start in range(0, missing, BATCH):
        size = min(BATCH, missing - start)
        submissions = [
            Submission(
                reference=reference_generate(),
                information="Bench submission (fictional).",
                provenance="seen_directly",
                lawful_basis="public_task",
                special_category_condition="safeguarding",
                subject_aware="no",
                status="closed",
                outcome="intelligence_log",
                closed_at=now,
            )
            for _ in range(size)
        ]
        Submission.objects.bulk_create(submissions)
        sources, logs = [], []
        for submission in submissions:
            which = rng.randrange(len(IDENTITIES))
            name, role, organisation, email = IDENTITIES[which]
            sources.append(
                Source(
                    submission=submission,
                    name=name,
                    role=role,
                    organisation=organisation,
                    email=email,
                    phone=PHONES[which],
                )
            )
            subject = rng.choice(SUBJECTS)
            logs.append(
                IntelligenceLog(
                    submission=submission,
                    text=f"{BENCH_MARK} " + rng.choice(TEXTS).format(subject=subject),
                    evaluation=rng.choice("123"),
                    assessment=rng.choice("ABCD"),
                    handling_code="P",
                    categories=["criminal_exploitation"],
                    subjects=[{"name": subject, "approximate_age": 14, "setting": ""}],
                    persons_of_concern=[{"name": "Dean Marsh", "nicknames": "D-Money"}],
                    vehicles=[{"make": "Ford", "model": "Focus", "registration": "AB12CDE"}],
                    status=LogStatus.APPROVED,
                    review_date=(now + dt.timedelta(days=2190)).date(),
                )
            )
        Source.objects.bulk_create(sources)
        IntelligenceLog.objects.bulk_create(logs)
    return missing


def _clear() -> int:
    """Give bench logs without a current clearance the one the gate would give them.

    A clearance goes stale whenever the sanitiser's code changes (the gate hashes it in), so this
    recomputes every bench log's digest and stores those that differ.
    """
    from intelligence.gate import LOG_FIELDS, _free_text, clearance_digest, release_record
    from intelligence.models import IntelligenceLog
    from submissions.identity import (
        allowed_phrases,
        identifier_reasons,
        source_identity,
        source_token_annotations,
        tokens_from_row,
    )

    verdicts: dict[tuple, bool] = {}
    pending: list[IntelligenceLog] = []
    cleared = 0
    rows = (
        IntelligenceLog.objects.filter(text__startswith=BENCH_MARK)
        .values(*LOG_FIELDS, **source_token_annotations())
        .iterator(chunk_size=BATCH)
    )
    for row in rows:
        tokens = tokens_from_row(row)
        record = release_record(row)
        kept = list(row["kept_phrases"] or [])
        digest = clearance_digest(row["id"], tokens, record, kept)
        if digest == row["gate_clearance"]:
            continue  # still current
        identity = source_identity(tokens)
        texts = tuple(_free_text(record))
        allowed = allowed_phrases(record["subjects"], record["persons_of_concern"], kept)
        key = (identity, texts, allowed)
        if key not in verdicts:
            verdicts[key] = not identifier_reasons(texts, identity, allowed=allowed)
        if verdicts[key]:
            pending.append(IntelligenceLog(id=row["id"], gate_clearance=digest))
        if len(pending) >= BATCH:
            IntelligenceLog.objects.bulk_update(pending, ["gate_clearance"])
            cleared += len(pending)
            pending = []
    IntelligenceLog.objects.bulk_update(pending, ["gate_clearance"])
    return cleared + len(pending)


def _peak_rss_kb() -> int:
    """This process's own peak resident memory.

    VmHWM belongs to the process image since exec; ru_maxrss would also count the parent's
    memory at fork (the seeding process), which is not the exporter's.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(export_id: str) -> None:
    """Run in a fresh process: produce the export as the worker would, print the measures."""
    _django_setup()
    from intelligence.exports import export_path, export_produce

    began = time.perf_counter()
    export = export_produce(export_id=export_id)
    seconds = time.perf_counter() - began
    path = export_path(export)
    result = {
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(_peak_rss_kb() / 1024, 1),
        "exported": export.exported_count,
        "refused": export.refused_count,
        "file_mb": round(path.stat().st_size / 1e6, 1),
    }
    path.unlink(missing_ok=True)
    print(json.dumps(result))


def run(n_logs: int = 100_000) -> dict:
    _django_setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from intelligence.exports import exported_links_forget
    from intelligence.models import Export

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    seeded = _seed(n_logs)
    cleared = _clear()
    prepare_seconds = time.perf_counter() - began
    export = Export.objects.create(
        requester=get_user_model().objects.get(username=BENCH_USER),
        format="csv",
        purpose="Benchmark (fictional data)",
        recipient="Benchmark",
    )
    child = subprocess.run(
        [sys.executable, "-m", "bench.export_bench", "--child", str(export.pk)],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(child.stdout.strip().splitlines()[-1])
    # Bench bookkeeping only; one statement rather than the change log's row-by-row delete.
    exported_links_forget(export)
    Export.objects.filter(pk=export.pk).delete()
    result.update({"n_logs": n_logs, "seeded": seeded, "cleared": cleared})
    result["prepare_seconds"] = round(prepare_seconds, 1)
    return result


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _child(sys.argv[2])
    else:
        print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)))
