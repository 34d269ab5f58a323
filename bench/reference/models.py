"""The app's queue columns, read as they are (unmanaged), and the reference's own POST table."""

from django.conf import settings
from django.db import models

STATUSES = [
    ("new", "New"),
    ("in_progress", "In progress"),
    ("awaiting_review", "Awaiting review"),
    ("closed", "Closed"),
]
RISKS = [("low", "Low"), ("medium", "Medium"), ("high", "High")]
PRIORITIES = [(1, "P1"), (2, "P2"), (3, "P3"), (4, "P4")]
CATEGORIES = [
    ("missing_exploited_trafficked", "Missing, exploited or trafficked"),
    ("child_sexual_exploitation", "Child sexual exploitation"),
    ("criminal_exploitation", "Criminal exploitation"),
    ("drug_related_harm", "Drug-related harm"),
    ("modern_slavery", "Modern slavery"),
    ("community_cohesion", "Community cohesion"),
    ("anti_social_behaviour", "Anti-social behaviour"),
    ("organised_crime", "Organised crime"),
]


class Submission(models.Model):
    id = models.UUIDField(primary_key=True)
    created_at = models.DateTimeField()
    reference = models.CharField(max_length=13)
    status = models.CharField(max_length=20, choices=STATUSES)
    risk = models.CharField(max_length=10, choices=RISKS, blank=True)
    priority = models.PositiveSmallIntegerField(choices=PRIORITIES)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.DO_NOTHING, related_name="+"
    )

    class Meta:
        managed = False
        db_table = "submissions_submission"

    def __str__(self) -> str:
        return self.reference


class SubmissionCategory(models.Model):
    submission = models.ForeignKey(
        Submission, on_delete=models.DO_NOTHING, related_name="categories"
    )
    category = models.CharField(max_length=40, choices=CATEGORIES)

    class Meta:
        managed = False
        db_table = "submissions_submissioncategory"

    def __str__(self) -> str:
        return self.get_category_display()


class Subject(models.Model):
    id = models.UUIDField(primary_key=True)
    submission = models.ForeignKey(Submission, on_delete=models.DO_NOTHING, related_name="+")
    name = models.CharField(max_length=200)

    class Meta:
        managed = False
        db_table = "submissions_subject"

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    """What the reference's public POST writes: one row, as a plain form would."""

    created_at = models.DateTimeField(auto_now_add=True)
    category = models.CharField(max_length=40, choices=CATEGORIES)
    name = models.CharField(max_length=200)
    information = models.TextField()

    def __str__(self) -> str:
        return f"Report {self.pk}"
