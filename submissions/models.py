from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cpi.crypto import EncryptedTextField
from cpi.models import BaseModel


class Category(models.TextChoices):
    MISSING_EXPLOITED_TRAFFICKED = (
        "missing_exploited_trafficked",
        "Missing, exploited or trafficked",
    )
    CHILD_SEXUAL_EXPLOITATION = "child_sexual_exploitation", "Child sexual exploitation"
    CRIMINAL_EXPLOITATION = "criminal_exploitation", "Criminal exploitation"
    DRUG_RELATED_HARM = "drug_related_harm", "Drug-related harm"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    COMMUNITY_COHESION = "community_cohesion", "Community cohesion"
    ANTI_SOCIAL_BEHAVIOUR = "anti_social_behaviour", "Anti-social behaviour"
    ORGANISED_CRIME = "organised_crime", "Organised crime"


# One bit per category, in the order above. PostgreSQL keeps Submission.category_mask to these
# bits (submissions_category_bit() in migration 0004): a new category takes the next bit here
# and in a migration replacing that function.
CATEGORY_BITS = {code: 1 << position for position, code in enumerate(Category.values)}


def category_mask_of(categories) -> int:
    """The bits of these category codes (codes not known are left out)."""
    mask = 0
    for code in categories:
        mask |= CATEGORY_BITS.get(code, 0)
    return mask


def categories_in(mask: int) -> list[str]:
    """The category codes whose bits are set, in code order (as the queue lists them)."""
    return sorted(code for code, bit in CATEGORY_BITS.items() if mask & bit)


class Status(models.TextChoices):
    NEW = "new", "New"
    IN_PROGRESS = "in_progress", "In progress"
    AWAITING_REVIEW = "awaiting_review", "Awaiting review"
    CLOSED = "closed", "Closed"


class Risk(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Priority(models.IntegerChoices):
    P1 = 1, "P1"
    P2 = 2, "P2"
    P3 = 3, "P3"
    P4 = 4, "P4"


class Outcome(models.TextChoices):
    INTELLIGENCE_LOG = "intelligence_log", "Sanitised intelligence log"
    CRIME_DESK = "crime_desk", "Crime desk tasking"
    SAFEGUARDING_REFERRAL = "safeguarding_referral", "Safeguarding referral"
    NO_ACTION = "no_action", "No action"


class Urgency(models.TextChoices):
    """Possible urgency, found at the door by `urgency.detect`, and the handler's decision on it."""

    NONE = "", "None found"
    FLAGGED = "flagged", "Possible urgency"
    CONFIRMED = "confirmed", "Confirmed urgent, passed to the control room"
    NOT_URGENT = "not_urgent", "Not urgent"


class UrgencyKind(models.TextChoices):
    """The detector's kinds (urgency.KINDS), in words. Only kinds are kept, never the wording."""

    WEAPON = "weapon", "Weapon"
    THREAT_TO_LIFE = "threat_to_life", "Threat to life"
    SELF_HARM = "self_harm", "Suicide or self-harm"
    MISSING_NOW = "missing_now", "Missing now"
    IMMINENT = "imminent", "Happening now or soon"


class PartnerSector(models.TextChoices):
    """The professional's sector, asked on the "about you" page: counted in the partner report."""

    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary or community"
    BUSINESS = "business", "Business"
    OTHER = "other", "Other"


class Provenance(models.TextChoices):
    SEEN_DIRECTLY = "seen_directly", "I saw or heard it directly"
    TOLD_BY_SUBJECT = "told_by_subject", "The person at risk told me"
    TOLD_BY_SOMEONE_ELSE = "told_by_someone_else", "Someone else told me"


class LawfulBasis(models.TextChoices):
    PUBLIC_TASK = "public_task", "UK GDPR Article 6(1)(e): public task"
    LEGAL_OBLIGATION = "legal_obligation", "UK GDPR Article 6(1)(c): legal obligation"
    VITAL_INTERESTS = "vital_interests", "UK GDPR Article 6(1)(d): vital interests"
    LEGITIMATE_INTERESTS = "legitimate_interests", "UK GDPR Article 6(1)(f): legitimate interests"


class SpecialCategoryCondition(models.TextChoices):
    NOT_APPLICABLE = "not_applicable", "No special category data is included"
    SAFEGUARDING = (
        "safeguarding",
        "Article 9(2)(g) with DPA 2018 Schedule 1 paragraph 18: safeguarding of children and "
        "individuals at risk",
    )
    UNLAWFUL_ACTS = (
        "unlawful_acts",
        "Article 9(2)(g) with DPA 2018 Schedule 1 paragraph 10: preventing or detecting "
        "unlawful acts",
    )


class SubjectAware(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


class Submission(BaseModel):
    """One CPI form as shared by a professional, and its place in the triage queue."""

    reference = models.CharField(max_length=13, unique=True, editable=False)
    # The form's one-time token: a second POST of the same answers finds this and creates nothing.
    submission_token = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    information = models.TextField()
    occurred_on = models.DateField(null=True, blank=True)
    occurred_time = models.TimeField(null=True, blank=True)
    when_description = models.TextField(blank=True)
    # How the source knows: as sensitive as the source's identity, so encrypted at rest.
    provenance = EncryptedTextField()
    provenance_detail = EncryptedTextField(blank=True)
    lawful_basis = models.CharField(max_length=32, choices=LawfulBasis.choices)
    special_category_condition = models.CharField(
        max_length=32, choices=SpecialCategoryCondition.choices
    )
    subject_aware = models.CharField(max_length=16, choices=SubjectAware.choices)

    # Triage state
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    risk = models.CharField(max_length=10, choices=Risk.choices, blank=True, default="")
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.P3)
    outcome = models.CharField(max_length=32, choices=Outcome.choices, blank=True, default="")
    # No index of its own: sub_assignee_idx (assigned_to, status) answers every look-up by
    # assignee, and an index fewer is an entry fewer written by every claim (issue 17).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_submissions",
        db_index=False,
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The target clock (triage.clocks): set from the priority on arrival and when it changes. The
    # default only serves rows written around save() (bulk inserts): due at once, never forgotten.
    due_at = models.DateTimeField(default=timezone.now)
    # Optional answer on "about you": a sector only (no name), so it is kept beside the queue
    # state, outlives the source's contact details, and is only ever shown counted.
    partner_sector = models.CharField(
        max_length=20, choices=PartnerSector.choices, blank=True, default=""
    )
    # Optimistic lock: every triage save bumps it; a save from a stale form is refused.
    version = models.PositiveIntegerField(default=1)

    # Possible urgency (issue 14): the kinds the detector matched, never the words that matched.
    urgency = models.CharField(max_length=12, choices=Urgency.choices, blank=True, default="")
    urgency_kinds = models.JSONField(default=list, blank=True)
    # Indexed only where set (sub_urgency_decider_idx), for deleting a user: a claim or any other
    # write to an undecided row writes no entry for it.
    urgency_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    urgency_decided_at = models.DateTimeField(null=True, blank=True)
    # The categories as bits (CATEGORY_BITS), so the queue's category filter is a test on the row
    # it is already reading, not a probe of the link table per row. Written only by PostgreSQL
    # triggers on the link table (a save from Django keeps the stored value); not kept on SQLite.
    category_mask = models.IntegerField(default=0, editable=False)

    class Meta:
        ordering = ["priority", "created_at"]
        permissions = [
            ("work_queue", "Can work the triage queue"),
            ("supervise", "Can supervise: audit trail, approvals, reassignment"),
        ]
        indexes = [
            # The queue: filter by status, order by priority then oldest first.
            models.Index(fields=["status", "priority", "created_at"], name="sub_queue_idx"),
            # Default queue order over everything, and keyset pagination on it.
            models.Index(fields=["priority", "created_at", "id"], name="sub_order_idx"),
            # "Take next": the unclaimed new items only, in the order they are taken.
            models.Index(
                fields=["priority", "created_at"],
                condition=Q(status="new", assigned_to__isnull=True),
                name="sub_take_next_idx",
            ),
            models.Index(fields=["assigned_to", "status"], name="sub_assignee_idx"),
            # The default queue order (overdue first within a priority) and "due soonest first".
            # created_at last: a "received" date range is checked on the index's own entries as
            # the order is walked, not by reading each row from the table.
            models.Index(
                fields=["priority", "due_at", "id", "created_at"], name="sub_due_order_idx"
            ),
            # A status filter in the queue order: the rows of that status only, already sorted
            # (with the default order's index, "new" walked every closed P1 before the first).
            # The category bits ride along, so "how many match" for a status and a category is
            # counted from the index alone (without them, 20,000 table reads for "new").
            models.Index(
                fields=["status", "priority", "due_at", "id"],
                include=["category_mask"],
                name="sub_status_order_idx",
            ),
            # "How many match" a category alone: the bits of every row, read from the index
            # (a third of the table's width), until 10,001 match.
            models.Index(fields=["category_mask"], name="sub_category_mask_idx"),
            # A risk filter in the queue order, and its count from the index alone.
            models.Index(fields=["risk", "priority", "due_at", "id"], name="sub_risk_order_idx"),
            # "Unassigned" in the queue order: the few unclaimed items, not the closed million.
            models.Index(
                fields=["priority", "due_at", "id"],
                condition=Q(assigned_to__isnull=True),
                name="sub_unassigned_order_idx",
            ),
            models.Index(fields=["due_at", "id"], name="sub_due_idx"),
            models.Index(fields=["created_at"], name="sub_created_idx"),
            # The queue's "Possible urgency" list: flagged and not yet decided, oldest first.
            models.Index(
                fields=["created_at"], condition=Q(urgency="flagged"), name="sub_urgency_open_idx"
            ),
            # The few decided rows, for a user's deletion (SET NULL); partial, so the writes to
            # the many undecided rows (every claim) add nothing to it.
            models.Index(
                fields=["urgency_decided_by"],
                condition=Q(urgency_decided_by__isnull=False),
                name="sub_urgency_decider_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(priority__gte=1, priority__lte=4), name="sub_priority_range"
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="sub_status_valid"),
            models.CheckConstraint(condition=Q(risk__in=["", *Risk.values]), name="sub_risk_valid"),
            models.CheckConstraint(
                condition=Q(outcome__in=["", *Outcome.values]), name="sub_outcome_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.CLOSED) | ~Q(outcome=""),
                name="sub_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(urgency__in=Urgency.values), name="sub_urgency_valid"
            ),
            # A decision says who made it and when.
            models.CheckConstraint(
                condition=Q(urgency__in=["", "flagged"]) | Q(urgency_decided_at__isnull=False),
                name="sub_urgency_decided_when",
            ),
            models.CheckConstraint(
                condition=Q(partner_sector__in=["", *PartnerSector.values]),
                name="sub_partner_sector_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def urgency_kind_labels(self) -> list[str]:
        """The kinds of danger the detector matched, in words (stored codes it does not know as
        they are)."""
        labels = dict(UrgencyKind.choices)
        return [labels.get(kind, kind) for kind in self.urgency_kinds or []]

    @property
    def provenance_label(self) -> str:
        """How the source knows, in words. The field is encrypted, so it carries no choices and
        has no get_provenance_display(); a value that is not one of the choices shows as stored."""
        try:
            return Provenance(self.provenance).label
        except ValueError:
            return self.provenance or ""


class SubmissionCategory(models.Model):
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="category_links"
    )
    category = models.CharField(max_length=40, choices=Category.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "category"], name="subcat_unique"),
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="subcat_category_valid"
            ),
        ]
        indexes = [models.Index(fields=["category", "submission"], name="subcat_category_idx")]

    def __str__(self) -> str:
        return self.get_category_display()


class Subject(BaseModel):
    """A person at risk."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="subjects")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    approximate_age = models.PositiveSmallIntegerField(null=True, blank=True)
    address = models.TextField(blank=True)
    setting = models.CharField("school or setting", max_length=200, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "created_at"]
        indexes = [models.Index(fields=["submission", "position"], name="subject_submission_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(approximate_age__isnull=True) | Q(approximate_age__lte=130),
                name="subject_age_range",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PersonOfConcern(BaseModel):
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="persons_of_concern"
    )
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200, blank=True)
    nicknames = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    # One per line, as typed (normalised to E.164 by the form where they parse).
    phone_numbers = models.TextField(blank=True)
    social_media = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return self.name or self.nicknames or "Unnamed person"


class Place(BaseModel):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="places")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return self.name or self.address[:40]


class Vehicle(BaseModel):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="vehicles")
    position = models.PositiveSmallIntegerField(default=0)
    make = models.CharField(max_length=100, blank=True)
    model = models.CharField(max_length=100, blank=True)
    colour = models.CharField(max_length=50, blank=True)
    # Upper case, no spaces: "AB12 CDE" and "ab12cde" are the same vehicle.
    registration = models.CharField(max_length=16, blank=True, db_index=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return " ".join(p for p in (self.colour, self.make, self.model, self.registration) if p)


class Source(BaseModel):
    """Who shared the information. Every field is encrypted at rest and shown only on reveal."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="source")
    name = EncryptedTextField()
    role = EncryptedTextField()
    organisation = EncryptedTextField()
    email = EncryptedTextField()
    phone = EncryptedTextField(blank=True)
    contact_times = EncryptedTextField(blank=True)
    # Set when retention purges the contact details; the row stays so the purge is visible.
    purged_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Source of {self.submission_id}"


class NotificationOutbox(BaseModel):
    """A notification to send after commit. It survives a broker outage; a sweep resends it."""

    class Kind(models.TextChoices):
        NEW_SUBMISSION = "new_submission", "New submission"
        DUE_SOON = "due_soon", "Due soon"
        OVERDUE = "overdue", "Overdue"
        SOURCE_EMAIL = "source_email", "Email to the source"

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.NEW_SUBMISSION)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    # For a message whose words staff wrote (the source email's template), the words as queued:
    # only ever a reference and the unit's phone number, never the submission's content.
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(sent_at__isnull=True), name="outbox_unsent_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.submission_id}"
