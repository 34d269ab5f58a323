"""One export of sanitised logs, run as a Celery worker would run it, measuring itself.

Usage (by bench/run.py): python bench/export_worker.py DATE_FROM DATE_TO
Prints one JSON line: seconds, exported and refused counts, the file's size and the process's
peak resident memory. The export row and its file are removed afterwards (bench data only).
"""

import json
import resource
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _peak_rss_kb() -> int:
    """This process's own high-water mark. Not ru_maxrss: Linux carries the RSS a forked child
    had before exec into it, so it would count the (larger) bench process that started us."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # not Linux: the best there is


def main() -> None:
    import django

    django.setup()
    from datetime import date

    from django.contrib.auth import get_user_model

    from intelligence.exports import export_path, export_produce
    from intelligence.models import Export, ExportFormat

    date_from, date_to = (date.fromisoformat(value) for value in sys.argv[1:3])
    requester = get_user_model().objects.get(username="bench.http")
    export = Export.objects.create(
        requester=requester,
        format=ExportFormat.CSV,
        purpose="Benchmark of the export path (fictional demo data)",
        recipient="Benchmark",
        date_from=date_from,
        date_to=date_to,
    )
    began = time.perf_counter()
    export = export_produce(export_id=export.pk)
    seconds = time.perf_counter() - began
    path = export_path(export)
    size = path.stat().st_size if path.exists() else 0
    path.unlink(missing_ok=True)
    export.delete()
    peak_kb = _peak_rss_kb()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "exported": export.exported_count,
                "refused": export.refused_count,
                "file_mb": size / 1e6,
                "peak_rss_mb": peak_kb / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
