"""Triage-only records: the handler's assessment, internal notes and source reveals.

The submission's place in the queue (status, risk, priority, outcome, assignee, version) lives on
submissions.Submission; these hang off it one-to-one or one-to-many.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cpi.models import BaseModel
from submissions.models import Outcome, Submission
from triage.grading import HandlingCode, IntelligenceAssessment, SourceEvaluation, grading


class ReferralService(models.TextChoices):
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    ADULTS_SOCIAL_CARE = "adults_social_care", "Adults' social care"
    MASH = "mash", "Multi-Agency Safeguarding Hub (MASH)"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"


def _recorded_needs(outcome: str, *fields: str) -> Q:
    """Once recorded with this outcome, each of these fields must be filled in."""
    filled = Q()
    for field in fields:
        filled &= ~Q(**{field: ""})
    return Q(recorded_at__isnull=True) | ~Q(outcome=outcome) | filled


class Assessment(BaseModel):
    """A handler's assessment of one submission: the 3x5x2 grading and the outcome's details.

    A draft may be half filled in; once `recorded_at` is set (the outcome was recorded) the
    database itself insists on the grading and on what the chosen outcome requires.
    """

    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="assessment"
    )
    source_evaluation = models.CharField(max_length=1, choices=SourceEvaluation.choices, blank=True)
    intelligence_assessment = models.CharField(
        max_length=1, choices=IntelligenceAssessment.choices, blank=True
    )
    handling_code = models.CharField(max_length=1, choices=HandlingCode.choices, blank=True)
    handling_conditions = models.TextField(blank=True)

    # The outcome these details are for; mirrored on Submission.outcome once recorded.
    outcome = models.CharField(max_length=32, choices=Outcome.choices, blank=True)
    # Intelligence log: the sanitised text (the sanitiser proposes it in a later step).
    log_text = models.TextField("sanitised log text", blank=True)
    # Crime desk tasking
    crime_summary = models.TextField(blank=True)
    tasking_note = models.TextField(blank=True)
    crime_reference = models.CharField(max_length=50, blank=True)
    # Safeguarding referral
    referral_service = models.CharField(max_length=32, choices=ReferralService.choices, blank=True)
    referral_reason = models.TextField(blank=True)
    # No action
    no_action_rationale = models.TextField(blank=True)

    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Supervisor review, where the outcome needs one.
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(source_evaluation__in=["", *SourceEvaluation.values]),
                name="assess_source_eval_valid",
            ),
            models.CheckConstraint(
                condition=Q(intelligence_assessment__in=["", *IntelligenceAssessment.values]),
                name="assess_intel_assess_valid",
            ),
            models.CheckConstraint(
                condition=Q(handling_code__in=["", *HandlingCode.values]),
                name="assess_handling_code_valid",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["", *Outcome.values]), name="assess_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(referral_service__in=["", *ReferralService.values]),
                name="assess_referral_service_valid",
            ),
            # Handling code C means "with conditions": the conditions must be stated.
            models.CheckConstraint(
                condition=~Q(handling_code=HandlingCode.CONDITIONS) | ~Q(handling_conditions=""),
                name="assess_handling_c_has_conditions",
            ),
            models.CheckConstraint(
                condition=Q(recorded_at__isnull=True)
                | (
                    ~Q(outcome="")
                    & ~Q(source_evaluation="")
                    & ~Q(intelligence_assessment="")
                    & ~Q(handling_code="")
                ),
                name="assess_recorded_is_complete",
            ),
            models.CheckConstraint(
                condition=_recorded_needs(Outcome.INTELLIGENCE_LOG, "log_text"),
                name="assess_log_has_text",
            ),
            models.CheckConstraint(
                condition=_recorded_needs(Outcome.CRIME_DESK, "crime_summary", "tasking_note"),
                name="assess_crime_desk_complete",
            ),
            models.CheckConstraint(
                condition=_recorded_needs(
                    Outcome.SAFEGUARDING_REFERRAL, "referral_service", "referral_reason"
                ),
                name="assess_referral_complete",
            ),
            models.CheckConstraint(
                condition=_recorded_needs(Outcome.NO_ACTION, "no_action_rationale"),
                name="assess_no_action_has_rationale",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment of {self.submission_id}"

    @property
    def grading(self) -> str:
        """The 3x5x2 grading in its usual short form, for example "2C P"."""
        if not (self.source_evaluation and self.intelligence_assessment and self.handling_code):
            return ""
        return grading(self.source_evaluation, self.intelligence_assessment, self.handling_code)


class Note(BaseModel):
    """An internal note between intelligence unit staff. Never exported, never shared."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["submission", "created_at"], name="note_submission_idx")]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="note_text_not_empty")]

    def __str__(self) -> str:
        return f"Note on {self.submission_id}"


class SourceReveal(BaseModel):
    """Who looked at a source's contact details, when, and why. Never the details themselves."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="source_reveals"
    )
    revealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["submission", "created_at"], name="reveal_submission_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="reveal_reason_not_empty")
        ]

    def __str__(self) -> str:
        return f"Source of {self.submission_id} revealed"


class ClockNotice(BaseModel):
    """The supervisors' mailbox was told that this submission crossed into due soon or overdue.

    One per crossing of one due time: a priority change (a new due time) may cross again.
    """

    class Crossing(models.TextChoices):
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="clock_notices"
    )
    crossing = models.CharField(max_length=10, choices=Crossing.choices)
    due_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "crossing", "due_at"], name="clock_notice_once"
            ),
            models.CheckConstraint(
                condition=Q(crossing__in=["due_soon", "overdue"]), name="clock_notice_crossing"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.crossing} notice for {self.submission_id}"


class RecontactMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    IN_PERSON = "in_person", "In person"


class Recontact(BaseModel):
    """A recorded contact with the source after they shared: rare, by the unit only, and each
    one on the record. Like a note, it never leaves the unit; unlike one, it is about the
    source, so its words are checked for the source's identifiers before they are kept."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="recontacts")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    method = models.CharField(max_length=10, choices=RecontactMethod.choices)
    result = models.TextField()
    # Set when the contact was the service's own email (SourceEmailTemplate), not by hand.
    by_service_email = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["submission", "created_at"], name="recontact_submission_idx"),
            models.Index(fields=["recorded_by", "created_at"], name="recontact_handler_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="recontact_reason_not_empty"),
            models.CheckConstraint(condition=~Q(result=""), name="recontact_result_not_empty"),
            models.CheckConstraint(
                condition=Q(method__in=["phone", "email", "in_person"]),
                name="recontact_method_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Re-contact on {self.submission_id}"


class SourceEmailTemplate(BaseModel):
    """The short email a handler may send a source: a supervisor writes it, each change a new
    version (the newest is used). It may hold only the reference and the unit's phone number,
    so nothing of what was shared can travel in it."""

    subject = models.CharField(max_length=150)
    body = models.TextField()
    unit_phone = models.CharField(max_length=30)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Source email template of {self.created_at:%Y-%m-%d %H:%M}"
