"""Producing an export file: stream releasable logs through the gate into CSV or JSON.

Memory stays flat: logs are read with `.values().iterator(chunk_size=...)` and each row is written
as soon as it has passed the gate; nothing holds the whole set.

Exactly one file per export, however often the task is delivered: the body is written to a
temporary file, the summary (which carries the final counts, so it can only be written last) is
joined to it in a second temporary file (after the CSV rows, before the JSON records), and that
is renamed atomically onto the export's one name (its idempotency key). A delivery that finds
the export complete does nothing.

File formats (both marked OFFICIAL-SENSITIVE and saying whether they are complete):

CSV: opens in a spreadsheet as a table: the header row is the first row, and every row starts
with the marking, so any piece copied out of it still carries it:
    marking | reference | created_at | ... | text
    OFFICIAL-SENSITIVE | LOG-... | ...           (one row per exported log)
    OFFICIAL-SENSITIVE | END OF EXPORT | ... | COMPLETE: all N matching records exported
                                                (or INCOMPLETE: ..., then who asked, why, for
                                                whom, the filters and each refused reference)
The last row is the status and shows a truncated file for what it is. The file name carries the
marking too, and says INCOMPLETE when records were refused (see `download_file_name`).

JSON: one object {"marking", "export": {...}, "complete", "exported_count", "refused_count",
"refused": [{"reference", "reasons"}], "records": [...]}.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from audit.models import Action
from audit.services import audit_event_record
from cpi.downloads import PROTECTIVE_MARKING, spreadsheet_safe
from intelligence.gate import (
    LOG_FIELDS,
    GateResult,
    release_check,
    source_token_annotations,
    tokens_from_row,
)
from intelligence.models import (
    ApprovalFilter,
    Export,
    ExportedLog,
    ExportFormat,
    ExportStatus,
    IntelligenceLog,
    LogStatus,
)
from submissions.models import Category

MARKING = PROTECTIVE_MARKING
EXPORT_CHUNK_SIZE = 2000
# The audit entry lists the exported references up to this many; beyond it, a digest of the full
# list (kept in ExportedLog) goes into the tamper-evident chain instead.
AUDIT_REFERENCE_LIMIT = 1000
CSV_COLUMNS = (
    "marking",
    "reference",
    "created_at",
    "approved_at",
    "review_date",
    "grading",
    "source_evaluation",
    "intelligence_assessment",
    "handling_code",
    "handling_conditions",
    "categories",
    "subjects",
    "persons_of_concern",
    "places",
    "vehicles",
    "text",
)


# --- Selecting ---------------------------------------------------------------------------------
def releasable_logs() -> QuerySet[IntelligenceLog]:
    """Only approved logs ever leave (with approval switched off, logs are approved when made)."""
    return IntelligenceLog.objects.filter(status=LogStatus.APPROVED)


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def export_queryset(export: Export) -> QuerySet[IntelligenceLog]:
    logs = releasable_logs()
    if export.date_from:
        logs = logs.filter(created_at__gte=_local_midnight(export.date_from))
    if export.date_to:
        logs = logs.filter(created_at__lt=_local_midnight(export.date_to + dt.timedelta(days=1)))
    if export.category:
        # categories is a JSON list of values; the quotes make the match whole-word.
        logs = logs.filter(categories__icontains=f'"{export.category}"')
    if export.approval == ApprovalFilter.SUPERVISOR_APPROVED:
        logs = logs.filter(approved_by__isnull=False)
    return logs.order_by("created_at", "id")


def export_rows(export: Export) -> Iterator[dict[str, Any]]:
    """Every candidate log with its source's tokens, streamed in chunks; never a full list."""
    return (
        export_queryset(export)
        .values(*LOG_FIELDS, "submission__reference", **source_token_annotations())
        .iterator(chunk_size=EXPORT_CHUNK_SIZE)
    )


def filters_description(export: Export) -> dict[str, str]:
    return {
        "date_from": export.date_from.isoformat() if export.date_from else "",
        "date_to": export.date_to.isoformat() if export.date_to else "",
        "category": Category(export.category).label if export.category else "",
        "approval": ApprovalFilter(export.approval).label,
    }


# --- Writing -----------------------------------------------------------------------------------
def _items_cell(items: list[dict[str, Any]]) -> str:
    """One line per person, place or vehicle: "name: Jade Smith, approximate_age: 14"."""
    lines = []
    for item in items:
        parts = [f"{key}: {value}" for key, value in item.items() if value not in ("", None)]
        lines.append(", ".join(parts))
    return "\n".join(lines)


END_OF_EXPORT = "END OF EXPORT"


def csv_row(record: dict[str, Any]) -> list[str]:
    row = [MARKING]
    for column in CSV_COLUMNS[1:]:
        value = record[column]
        if column == "categories":
            value = "; ".join(value)
        elif isinstance(value, list):
            value = _items_cell(value)
        row.append(spreadsheet_safe(value))
    return row


class _BodyWriter:
    """Writes the records, one at a time, into the body file."""

    def __init__(self, handle: IO[str], fmt: str):
        self.handle = handle
        self.fmt = fmt
        self.count = 0
        self.csv = csv.writer(handle) if fmt == ExportFormat.CSV else None
        if self.csv is not None:
            self.csv.writerow(CSV_COLUMNS)

    def write(self, record: dict[str, Any]) -> None:
        if self.csv is not None:
            self.csv.writerow(csv_row(record))
        else:
            if self.count:
                self.handle.write(",\n")
            self.handle.write(json.dumps(record, ensure_ascii=False))
        self.count += 1


def _summary(export: Export, exported: int, refused: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "marking": MARKING,
        "export": {
            "id": str(export.pk),
            "format": export.format,
            "requested_by": export.requester.get_username(),
            "requested_at": export.created_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
            "generated_at": timezone.now().astimezone(dt.UTC).isoformat(timespec="seconds"),
            "purpose": export.purpose,
            "recipient": export.recipient,
            "filters": filters_description(export),
        },
        "complete": not refused,
        "status": status_line(exported, len(refused)),
        "exported_count": exported,
        "refused_count": len(refused),
        "refused": refused,
    }


def status_line(exported: int, refused: int) -> str:
    if not refused:
        return f"COMPLETE: all {exported} matching records exported"
    return (
        f"INCOMPLETE: {refused} record{'s' if refused != 1 else ''} refused by the export gate "
        f"and left out; {exported} exported"
    )


def csv_status_row(summary: dict[str, Any]) -> list[str]:
    """The last row: the marking, END OF EXPORT, and in the text column the status first, then
    who asked for the export, why, for whom, the filters and each refused log with its reasons."""
    meta = summary["export"]
    filters = "; ".join(f"{k}: {v}" for k, v in meta["filters"].items() if v)
    lines = [
        summary["status"],
        f"Export: {meta['id']}",
        f"Requested by: {meta['requested_by']} at {meta['requested_at']}",
        f"Generated at: {meta['generated_at']}",
        f"Purpose: {meta['purpose']}",
        f"Recipient: {meta['recipient']}",
        f"Filters: {filters or 'none'}",
    ]
    lines.extend(
        f"Refused: {item['reference']} ({'; '.join(item['reasons'])})"
        for item in summary["refused"]
    )
    row = {column: "" for column in CSV_COLUMNS}
    row.update(
        marking=MARKING,
        reference=END_OF_EXPORT,
        created_at=meta["generated_at"],
        text=spreadsheet_safe("\n".join(lines)),
    )
    return [row[column] for column in CSV_COLUMNS]


def _write_final(export: Export, summary: dict[str, Any], body: Path, target: IO[str]) -> None:
    if export.format == ExportFormat.CSV:
        with body.open(encoding="utf-8", newline="") as source:
            while chunk := source.read(1 << 20):
                target.write(chunk)
        csv.writer(target).writerow(csv_status_row(summary))
    else:
        head = json.dumps(summary, ensure_ascii=False, indent=1)
        # The summary object, reopened to add the records after it.
        target.write(head[:-2] + ',\n "records": [\n')
        with body.open(encoding="utf-8") as source:
            while chunk := source.read(1 << 20):
                target.write(chunk)
        target.write("\n ]\n}\n")


def download_file_name(export: Export) -> str:
    """The name the file is downloaded as: marked, and saying INCOMPLETE when logs were left out,
    so neither is missed by someone who only sees the file in a folder."""
    status = "-INCOMPLETE" if export.refused_count else ""
    return (
        f"{MARKING}-cpi-intelligence-logs-{export.created_at:%Y%m%d}-{str(export.pk)[:8]}"
        f"{status}.{export.format}"
    )


def export_path(export: Export) -> Path:
    return Path(settings.EXPORT_DIR) / export.file_name


def _exported_links(export: Export, log_ids: list[Any]) -> None:
    ExportedLog.objects.bulk_create(
        [ExportedLog(export_id=export.pk, log_id=log_id) for log_id in log_ids],
        ignore_conflicts=True,
    )


# --- Producing ---------------------------------------------------------------------------------
def _claim(export_id: Any) -> Export | None:
    with transaction.atomic():
        export = Export.objects.select_for_update().select_related("requester").get(pk=export_id)
        if export.status == ExportStatus.COMPLETE:
            return None
        export.status = ExportStatus.RUNNING
        export.started_at = timezone.now()
        export.attempts += 1
        export.file_name = f"{export.idempotency_key}.{export.format}"
        export.save(update_fields=["status", "started_at", "attempts", "file_name", "updated_at"])
    # A redelivered task starts again from scratch: forget what a killed attempt linked.
    exported_links_forget(export)
    return export


def exported_links_forget(export: Export) -> None:
    """Delete an export's ExportedLog rows in one statement.

    Not QuerySet.delete(): the change log's signals would make that load and log every one of up
    to 100,000 bookkeeping rows. These rows hold only ids and are rebuilt by the next attempt.
    """
    table = connection.ops.quote_name(ExportedLog._meta.db_table)
    column = connection.ops.quote_name(ExportedLog._meta.get_field("export").column)
    value = Export._meta.pk.get_db_prep_value(export.pk, connection)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [value])  # noqa: S608


def _stream(export: Export, handle: IO[str]) -> tuple[int, list[dict[str, Any]], str]:
    """Gate and write every candidate. Returns (exported, refused, digest of references)."""
    writer = _BodyWriter(handle, export.format)
    refused: list[dict[str, Any]] = []
    references = hashlib.sha256()
    pending_links: list[Any] = []
    pending_clearances: list[IntelligenceLog] = []
    for row in export_rows(export):
        result: GateResult = release_check(
            log_id=row["id"],
            values=row,
            tokens=tokens_from_row(row),
            clearance=row["gate_clearance"],
        )
        if not result.allowed:
            refused.append(
                {
                    "reference": result.reference,
                    "reasons": list(result.reasons),
                    "submission_reference": row["submission__reference"],
                }
            )
            continue
        writer.write(result.record)
        references.update(result.reference.encode() + b"\n")
        pending_links.append(row["id"])
        if result.new_clearance:
            pending_clearances.append(
                IntelligenceLog(id=row["id"], gate_clearance=result.new_clearance)
            )
        if len(pending_links) >= EXPORT_CHUNK_SIZE:
            _exported_links(export, pending_links)
            pending_links = []
        if len(pending_clearances) >= EXPORT_CHUNK_SIZE:
            IntelligenceLog.objects.bulk_update(pending_clearances, ["gate_clearance"])
            pending_clearances = []
    _exported_links(export, pending_links)
    if pending_clearances:
        IntelligenceLog.objects.bulk_update(pending_clearances, ["gate_clearance"])
    return writer.count, refused, references.hexdigest()


def export_produce(*, export_id: Any) -> Export:
    """Produce the export's one file (idempotent: a complete export is left as it is)."""
    export = _claim(export_id)
    if export is None:
        return Export.objects.get(pk=export_id)
    directory = Path(settings.EXPORT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    final = export_path(export)
    # A killed attempt's half-written files go: the export ends as its one file and nothing else.
    for stale in directory.glob(f".{export.file_name}.*"):
        stale.unlink(missing_ok=True)
    attempt = uuid.uuid4().hex
    body = directory / f".{export.file_name}.{attempt}.body"
    assembled = directory / f".{export.file_name}.{attempt}.tmp"
    try:
        with body.open("w", encoding="utf-8", newline="") as handle:
            exported, refused, digest = _stream(export, handle)
        public_refused = [
            {k: v for k, v in r.items() if k != "submission_reference"} for r in refused
        ]
        summary = _summary(export, exported, public_refused)
        with assembled.open("w", encoding="utf-8", newline="") as handle:
            _write_final(export, summary, body, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(assembled, 0o600)
        os.replace(assembled, final)
    except Exception:
        Export.objects.filter(pk=export.pk).exclude(status=ExportStatus.COMPLETE).update(
            status=ExportStatus.FAILED, updated_at=timezone.now()
        )
        raise
    finally:
        for path in (body, assembled):
            path.unlink(missing_ok=True)
    return _complete(export, exported, refused, digest)


def _complete(export: Export, exported: int, refused: list[dict[str, Any]], digest: str) -> Export:
    with transaction.atomic():
        current = Export.objects.select_for_update().get(pk=export.pk)
        if current.status == ExportStatus.COMPLETE:
            return current  # another delivery finished first; same file, nothing more to record
        current.status = ExportStatus.COMPLETE
        current.completed_at = timezone.now()
        current.exported_count = exported
        current.refused_count = len(refused)
        current.refused = [{"reference": r["reference"], "reasons": r["reasons"]} for r in refused]
        current.save()
        details = {
            "export": str(current.pk),
            "format": current.format,
            "purpose": current.purpose,
            "recipient": current.recipient,
            "filters": filters_description(current),
            "exported_count": exported,
            "refused_count": len(refused),
            "refused_references": [r["reference"] for r in refused],
            "complete": not refused,
            "references_sha256": digest,
        }
        if exported <= AUDIT_REFERENCE_LIMIT:
            details["references"] = list(
                current.exported_logs.order_by("log__created_at", "log__id").values_list(
                    "log__reference", flat=True
                )
            )
        for item in refused:
            audit_event_record(
                action=Action.EXPORT_RECORD_REFUSED,
                actor=current.requester,
                submission=SimpleNamespace(reference=item["submission_reference"]),
                object_type="intelligence_log",
                object_id=item["reference"],
                details={
                    "export": str(current.pk),
                    "log": item["reference"],
                    "reasons": item["reasons"],
                },
            )
        audit_event_record(
            action=Action.EXPORT_COMPLETED,
            actor=current.requester,
            object_type="export",
            object_id=current.pk,
            details=details,
        )
    return current
