"""Sanitised intelligence logs and the exports that carry them out of the intelligence unit.

An IntelligenceLog is its own record, built from a submission when the handler records the
"sanitised intelligence log" outcome. It has no field that can hold the source's details: the
submission link exists only so the export gate can find the source to re-check against, and it is
never exported.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from cpi.models import BaseModel
from submissions.models import Submission
from submissions.references import REFERENCE_ALPHABET
from triage.grading import HandlingCode, IntelligenceAssessment, SourceEvaluation, grading


def log_reference_generate() -> str:
    """A random reference like LOG-7KQ2-M9XD.

    Deliberately not derived from the submission's reference: the professional holds that one
    (it is their receipt), and an exported log must not be linkable back to them.
    """
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"LOG-{chars[:4]}-{chars[4:]}"


class LogStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"


class IntelligenceLog(BaseModel):
    """A sanitised intelligence log: what may leave the intelligence unit, graded 3x5x2."""

    reference = models.CharField(
        max_length=13, unique=True, default=log_reference_generate, editable=False
    )
    # For the export gate only (it finds the source to re-check against); never exported. PROTECT:
    # a log whose submission vanished could no longer be checked, so it could never be released.
    submission = models.OneToOneField(
        Submission, on_delete=models.PROTECT, related_name="intelligence_log"
    )
    text = models.TextField("sanitised text")
    # Phrases the handler marked as a subject's where the sanitiser was unsure: the export gate
    # lets a match of the source's name inside exactly these through. Not exported.
    kept_phrases = models.JSONField(default=list, blank=True)
    # 3x5x2 grading. Named without "source" on purpose: nothing on this model is about who shared.
    evaluation = models.CharField(
        "source evaluation", max_length=1, choices=SourceEvaluation.choices
    )
    assessment = models.CharField(
        "intelligence assessment", max_length=1, choices=IntelligenceAssessment.choices
    )
    handling_code = models.CharField(max_length=1, choices=HandlingCode.choices)
    handling_conditions = models.TextField(blank=True)
    # Copied (and their descriptions sanitised) when the log is made: the subject information
    # police need travels with the log, frozen as it was approved.
    categories = models.JSONField(default=list, blank=True)
    subjects = models.JSONField(default=list, blank=True)
    persons_of_concern = models.JSONField(default=list, blank=True)
    places = models.JSONField(default=list, blank=True)
    vehicles = models.JSONField(default=list, blank=True)

    status = models.CharField(max_length=20, choices=LogStatus.choices, default=LogStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # MoPI-style retention: the log is reviewed (kept or disposed of) on this date.
    review_date = models.DateField()
    # A keyed digest saying "the gate passed for exactly this record, this source and this
    # sanitiser". It lets a 100,000-log export skip re-running an identical check; any change to
    # the record, the source or the sanitiser makes it stale and the full check runs again.
    gate_clearance = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # Exports filter by date range over releasable logs and walk them in this order.
            models.Index(fields=["status", "created_at", "id"], name="log_export_idx"),
            models.Index(fields=["created_at"], name="log_created_idx"),
            models.Index(fields=["review_date"], name="log_review_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=LogStatus.values), name="log_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(evaluation__in=SourceEvaluation.values), name="log_evaluation_valid"
            ),
            models.CheckConstraint(
                condition=Q(assessment__in=IntelligenceAssessment.values),
                name="log_assessment_valid",
            ),
            models.CheckConstraint(
                condition=Q(handling_code__in=HandlingCode.values), name="log_handling_code_valid"
            ),
            models.CheckConstraint(
                condition=~Q(handling_code=HandlingCode.CONDITIONS) | ~Q(handling_conditions=""),
                name="log_handling_c_has_conditions",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="log_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def grading(self) -> str:
        return grading(self.evaluation, self.assessment, self.handling_code)


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV (spreadsheet)"
    JSON = "json", "JSON"


class ExportStatus(models.TextChoices):
    PENDING = "pending", "Waiting to start"
    RUNNING = "running", "Being prepared"
    COMPLETE = "complete", "Ready to download"
    FAILED = "failed", "Failed"


class ApprovalFilter(models.TextChoices):
    ANY = "", "Every releasable log"
    SUPERVISOR_APPROVED = "supervisor_approved", "Only logs a supervisor approved"


class Export(BaseModel):
    """One request to export sanitised logs, and the file it produced for its requester."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intelligence_exports"
    )
    format = models.CharField(max_length=8, choices=ExportFormat.choices)
    # Disclosure records: why the logs are shared and with whom (DPA 2018 Part 3 logging).
    purpose = models.TextField()
    recipient = models.CharField(max_length=200)
    # Filters
    date_from = models.DateField(null=True, blank=True)
    date_to = models.DateField(null=True, blank=True)
    category = models.CharField(max_length=40, blank=True)
    approval = models.CharField(
        max_length=24, choices=ApprovalFilter.choices, blank=True, default=ApprovalFilter.ANY
    )

    status = models.CharField(
        max_length=12, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    # The task is delivered at least once; this key names the one file every delivery writes.
    idempotency_key = models.UUIDField(unique=True, editable=False, default=uuid.uuid4)
    file_name = models.CharField(max_length=120, blank=True)
    exported_count = models.PositiveIntegerField(default=0)
    refused_count = models.PositiveIntegerField(default=0)
    # [{"reference": "LOG-...", "reasons": ["source name"]}]: why, never what.
    refused = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Set when retention deleted the file (RETENTION_EXPORT_FILE_DAYS after completion); the row
    # stays as the record of the disclosure.
    file_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requester", "created_at"], name="export_requester_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ExportStatus.values), name="export_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(format__in=ExportFormat.values), name="export_format_valid"
            ),
            models.CheckConstraint(
                condition=~Q(purpose="") & ~Q(recipient=""), name="export_purpose_recipient"
            ),
            models.CheckConstraint(
                condition=Q(date_from__isnull=True)
                | Q(date_to__isnull=True)
                | Q(date_from__lte=models.F("date_to")),
                name="export_date_range_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Export {self.pk} ({self.format})"

    @property
    def is_complete(self) -> bool:
        return self.status == ExportStatus.COMPLETE

    @property
    def is_partial(self) -> bool:
        return self.refused_count > 0

    @property
    def file_expired(self) -> bool:
        return self.file_deleted_at is not None


class ExportedLog(models.Model):
    """Which logs one export carried: "who exported this log, and when" for the audit trail."""

    id = models.BigAutoField(primary_key=True)
    export = models.ForeignKey(Export, on_delete=models.CASCADE, related_name="exported_logs")
    log = models.ForeignKey(IntelligenceLog, on_delete=models.CASCADE, related_name="exports")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["export", "log"], name="exported_log_unique")
        ]
        indexes = [models.Index(fields=["log", "export"], name="exported_log_log_idx")]

    def __str__(self) -> str:
        return f"{self.log_id} in {self.export_id}"
